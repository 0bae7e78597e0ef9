/*
 * sim.h - the simulation thread: steps a Net paced to the wall clock and
 * hands every step to the render loop through a Ring; never waits for it.
 *
 * Data that crosses threads, and who writes it:
 *   SimControls  written by the main thread, read by the simulation thread
 *                (atomics; a change takes effect on the next step);
 *   SimStatus    written by the simulation thread, read by the main thread;
 *   the Ring     produced by the simulation thread, consumed by the main
 *                thread: one record per step (below);
 *   the Net and the Recorder belong to the simulation thread while it runs
 *   and to the caller after sim_stop().
 *
 * Ring record of a step: SIM_REC_HEADER words {t low, t high, count, trace v
 * as float bits} then `count` neuron indices, ascending. count ==
 * SIM_REC_RESTART marks a restart (t = 0 next; the header's t words carry
 * the new seed): the consumer forgets its history.
 */
#ifndef IZHI_SIM_H
#define IZHI_SIM_H

#include <stdatomic.h>
#include <stdint.h>

#include "net.h"
#include "record.h"
#include "ring.h"

#define SIM_REC_HEADER 4
#define SIM_REC_RESTART 0xFFFFFFFFu
#define SIM_SPEED_MIN_EXP (-4)   /* 1/16x */
#define SIM_SPEED_MAX_EXP 6      /* 64x */
#define SIM_SPEED_FASTEST 7      /* "as fast as possible" */

typedef struct SimControls {              /* written by the main thread only */
    atomic_int paused;                    /* 1: no steps except requested ones */
    atomic_int step_requests;             /* main adds; the simulation takes */
    atomic_uint sigma_e_bits, sigma_i_bits;   /* noise amplitudes, float bits */
    atomic_int speed_exp;                 /* speed 2^exp, or SIM_SPEED_FASTEST */
    atomic_int trace_neuron;
    atomic_uint_fast64_t restart_seed;    /* stored before restart_requests is bumped */
    atomic_uint restart_requests;
    atomic_int quit;
} SimControls;

typedef struct SimStatus {                /* written by the simulation thread only */
    atomic_int_fast64_t time_ms;          /* time of the next step */
    atomic_uint factor_bits;              /* achieved sim ms per wall ms, float bits */
    atomic_int lagging;                   /* 1: cannot keep up with the asked speed */
    atomic_uint_fast64_t seed;            /* seed of the running network */
    atomic_int recording;                 /* 1 while the recorder is written */
    atomic_int failed;                    /* a restart could not build the network */
    atomic_int_fast64_t steps_total;      /* steps taken since start (all networks) */
} SimStatus;

typedef struct Sim Sim;

/* A simulation of the network p (built here), tracing trace_neuron, handing
 * steps to a ring of ring_words words; rec (may be NULL) is taken over and
 * written each step until a restart. NULL + errno when the network or ring
 * cannot be built. */
Sim *sim_create(const NetParams *p, int trace_neuron, Recorder *rec, size_t ring_words);
/* Starts the thread; 0, or -1 if it could not be started. */
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

/* Helpers for the float controls. */
void sim_set_noise(SimControls *c, float sigma_e, float sigma_i);
float sim_get_float(const atomic_uint *bits);

#endif
