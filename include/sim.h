/*
 * sim.h - the simulation thread: steps a Net paced to the wall clock and
 * hands every step to the render loop through a Ring; never waits for it.
 *
 * Data that crosses threads, and who writes it:
 *   SimControls  written by the main thread, read by the simulation thread
 *                (atomics; a change of noise or trace travels with the next
 *                step and takes effect on the one after it, as with MPI;
 *                the others on the next step); a --schedule's change is
 *                written into them by the simulation thread too, at its
 *                step, so that they show it (a key pressed at that very
 *                instant may be lost);
 *   SimStatus    written by the simulation thread, read by the main thread;
 *   the Ring     produced by the simulation thread, consumed by the main
 *                thread: one record per step (below);
 *   the Net and the Recorder belong to the simulation thread while it runs
 *   and to the caller after sim_stop().
 *
 * Ring records, SIM_REC_HEADER words then a payload; decode them with
 * sim_read(), the one place that knows the layout:
 *   step     {t low, t high, count, trace v as float bits, count_e}, then
 *            SIM_TRACE_WORDS {k, then per slot: neuron, v, u, I as float
 *            bits} (the traced neurons, step.h's StepTraces), then `count`
 *            neuron indices, ascending: the step's summary (step.h), its E/I
 *            split counted once, where it was taken;
 *   restart  {seed low, seed high, SIM_REC_RESTART, 0, 0}: the steps after
 *            it are a new network's, from t = 0, with that seed; the
 *            consumer forgets its history;
 *   event    {t low, t high, SIM_REC_EVENT, kind, 0}, then {before, after}
 *            as float bits: a live change (event.h) that took effect at
 *            step t.
 * Restart and event records are never dropped: while one waits for room,
 * the steps after it are dropped (and counted) instead, so every consumer
 * sees them in order and the simulation still never waits.
 */
#ifndef IZHI_SIM_H
#define IZHI_SIM_H

#include <stdatomic.h>
#include <stdint.h>

#include "event.h"
#include "net.h"
#include "record.h"
#include "ring.h"
#include "run.h"
#include "step.h"

#define SIM_REC_HEADER 5
#define SIM_REC_RESTART 0xFFFFFFFFu
#define SIM_REC_EVENT 0xFFFFFFFEu
#define SIM_EVENT_WORDS 2
#define SIM_TRACE_WORDS (1 + 4 * STEP_TRACE_MAX)
#define SIM_SPEED_MIN_EXP (-4)   /* 1/16x */
#define SIM_SPEED_MAX_EXP 6      /* 64x */
#define SIM_SPEED_FASTEST 7      /* "as fast as possible" */

typedef struct SimControls {              /* written by the main thread only */
    atomic_int paused;                    /* 1: no steps except requested ones */
    atomic_int step_requests;             /* main adds; the simulation takes */
    atomic_uint sigma_e_bits, sigma_i_bits;   /* noise amplitudes, float bits */
    atomic_int speed_exp;                 /* speed 2^exp, or SIM_SPEED_FASTEST */
    atomic_int trace_neuron;              /* traced slot 0 */
    /* Slots 1 ... STEP_TRACE_MAX - 1 (-1: none), and a count bumped after
     * any slot is written (sim_set_traces; sim_get_traces reads a whole set) */
    atomic_int trace_more[STEP_TRACE_MAX - 1];
    atomic_uint trace_gen;
    atomic_uint_fast64_t restart_seed;    /* stored before restart_requests is bumped */
    atomic_uint restart_requests;
    atomic_int quit;
    /* the knobs (docs/model.md "Knobs"), float bits; like the noise they
     * travel with the next step and act on the one after it */
    atomic_uint weight_e_bits, weight_i_bits, current_e_bits, current_i_bits;
    atomic_int stim_on;                   /* 1: the stimulus is on */
    atomic_int stim_from, stim_to;        /* its neurons */
} SimControls;

typedef struct SimStatus {                /* written by the simulation thread only */
    atomic_int_fast64_t time_ms;          /* time of the next step */
    atomic_uint factor_bits;              /* achieved sim ms per wall ms, float bits */
    atomic_int lagging;                   /* 1: cannot keep up with the asked speed */
    atomic_uint_fast64_t seed;            /* seed of the running network */
    atomic_int recording;                 /* 1 while the recorder is written */
    /* A recording that could not be written (a full disk): rec_error and
     * rec_good_t are written once, before rec_failed is set (release); the
     * main thread reads them after seeing it set (acquire). */
    atomic_int rec_failed;
    char rec_error[512];                  /* "FILE: ERROR" */
    int64_t rec_good_t;                   /* the files hold the session up to here */
    atomic_int failed;                    /* a restart could not build the network */
    atomic_int_fast64_t steps_total;      /* steps taken since start (all networks) */
    atomic_int ended;                     /* a replay reached its file's end */
    atomic_uint restarts;                 /* restarts done (a test waits on it: a
                                           * time back near 0 can pass between frames) */
} SimStatus;

typedef struct Sim Sim;

typedef enum SimRecordKind { SIM_NONE = 0, SIM_STEP, SIM_RESTART, SIM_EVENT } SimRecordKind;

/* One decoded ring record. */
typedef struct SimRecord {
    SimRecordKind kind;
    int64_t t;                /* step, event: simulated time, ms */
    Step step;                /* step: its summary, the spikes in the caller's buffer,
                               * traces pointing at `traces` below */
    StepTraces traces;        /* step: the traced neurons' v, u and I */
    uint64_t seed;            /* restart: the new network's seed */
    Event event;              /* event */
} SimRecord;

/* A simulation of the network p (built here, run_net_create; ne of its
 * neurons excitatory), tracing trace_neuron, handing steps to a ring of
 * ring_words words; rec (may be NULL) is taken over and written each step
 * until a restart. NULL + errno when the network or ring cannot be built,
 * *built (may be NULL) saying which process failed and why. */
Sim *sim_create(const NetParams *p, int ne, int trace_neuron, Recorder *rec, size_t ring_words, RunBuild *built);
/* The same, handing out the spikes of a file (replay.h) instead of a
 * network's, ms by ms, paused, stepped, sped up and restarted (from t = 0)
 * like a network, until it ends at end_ms; n neurons on the axis. r must
 * outlive the Sim. */
struct Replay;
Sim *sim_create_replay(struct Replay *r, int n, int ne, int64_t end_ms, Recorder *rec, size_t ring_words);
/* Starts the thread; 0, or the error number if it could not be started. */
int sim_start(Sim *s);
/* Asks the thread to stop and joins it; safe if never started. */
void sim_stop(Sim *s);
/* Frees everything (stops first); NULL is a no-op. */
void sim_destroy(Sim *s);

SimControls *sim_controls(Sim *s);
const SimStatus *sim_status(const Sim *s);
Ring *sim_ring(Sim *s);
/* The recorder (only after sim_stop). */
Recorder *sim_recorder(Sim *s);

/* Consumer: decodes and consumes the next record of the ring; a step's
 * spikes go to spikes[] (room for as many as the network has neurons).
 * Returns its kind, or SIM_NONE when nothing (whole) is there yet. */
SimRecordKind sim_read(Ring *r, SimRecord *out, int32_t *spikes);

/* --schedule (schedule.h): its changes applied at their steps, as live
 * ones (events, the controls as if pressed), until a restart; taken over
 * (*sched zeroed). Before sim_start, after the speed is set: pause and
 * speed at 0 ms are set here. A replay has none. */
struct Schedule;
void sim_set_schedule(Sim *s, struct Schedule *sched);

/* Helpers for the float controls. */
void sim_set_noise(SimControls *c, float sigma_e, float sigma_i);
/* The knobs of p (weights, currents, stimulus on, its neurons), to apply live. */
void sim_set_knobs(SimControls *c, const NetParams *p);
/* The knobs as the controls hold them (the other fields of *p unchanged). */
void sim_get_knobs(const SimControls *c, NetParams *p);
float sim_get_float(const atomic_uint *bits);
/* The traced neurons, k (1 ... STEP_TRACE_MAX) ids, slot 0 first: written
 * by the main thread (and a --schedule's by the simulation thread), as a
 * whole; read as a whole (returns k). */
void sim_set_traces(SimControls *c, const int *ids, int k);
int sim_get_traces(SimControls *c, int ids[STEP_TRACE_MAX]);

#endif
