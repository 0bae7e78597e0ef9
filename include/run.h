/*
 * run.h - one step of a run, in one place: where a step's spikes come from
 * (a Net, under MPI this process's block of one, or a Replay), the build of
 * the network and the processes' agreement on it, the live controls that
 * travel with a step's exchange (exchange.h), the step's summary computed
 * once (step.h), and its fan-out to what consumes it (a Recorder, a
 * Scope, a Stats, the runaway watch). The headless run, the simulation
 * thread (sim.c, which adds its Ring) and the MPI followers step through
 * it. Pure C, no SDL, no printing: a failure comes back in a value.
 */
#ifndef IZHI_RUN_H
#define IZHI_RUN_H

#include <stdint.h>

#include "net.h"
#include "step.h"

/* ---- the build, agreed among the processes ------------------------------ */

#define RUN_FAIL 1    /* the exit status of a build that failed here */

/* The outcome of a build: status 0, or the worst exit status any process
 * agreed (xc_agree), who the lowest process that had it, err its errno. */
typedef struct RunBuild {
    int status;
    int who;
    int err;
} RunBuild;

/* This process's network: the whole of p, or with MPI its block of it.
 * The build is agreed: NULL if any process failed, *out saying which and
 * why (errno is set to out->err too). The first build of a run is preceded
 * by the start agreement (every process got that far). */
Net *run_net_create(const NetParams *p, RunBuild *out);

/* ---- the live controls, sent with a step (exchange.h) ------------------- */

/* What process 0 sends with a step's exchange and every process applies
 * after that step; flags says which fields hold something. With one
 * process the exchange is exchange_single.c's: sent is received. */
enum { RUN_CTL_NOISE = 1, RUN_CTL_TRACE = 2, RUN_CTL_RESTART = 4, RUN_CTL_STOP = 8, RUN_CTL_KNOBS = 16,
       RUN_CTL_TRACE_ADD = 32 };
typedef struct RunControls {
    unsigned flags;
    float sigma_e, sigma_i;         /* RUN_CTL_NOISE */
    float weight_e, weight_i;       /* RUN_CTL_KNOBS: all of docs/model.md "Knobs" a run changes live */
    float current_e, current_i;
    int stim_on;
    int stim_from, stim_to;         /* the stimulus's neurons */
    /* The traced neurons (docs/model.md "The trace"): RUN_CTL_TRACE traces
     * `trace` alone; then RUN_CTL_TRACE_ADD adds add[0 ... n_add - 1] in
     * turn (run_traces_apply) */
    int trace;
    int n_add;
    int add[STEP_TRACE_MAX];
    uint64_t seed;                  /* RUN_CTL_RESTART */
} RunControls;
/* Packs c into the words sent with the next step (process 0). */
void run_controls_send(const RunControls *c);
/* After a step: what process 0 sent with it (flags 0 if nothing). */
void run_controls_take(RunControls *c);
/* Words that cannot wait for the next real step (a restart, the end):
 * with MPI, one step of net that nothing sees (not recorded, not drawn)
 * carries c to the other processes, and this process's copy is dropped;
 * with one process nobody else listens: nothing is done. */
void run_controls_now(Net *net, const RunControls *c);
/* After a step: takes what process 0 sent with it and applies it to *net
 * (and *p: the noise, a restart's seed) as every follower does; returns
 * its flags (*failed: a restart's build did). Process 0 headless (a
 * --schedule's changes) calls it after each step it sent some with. */
unsigned run_controls_apply(Net **net, NetParams *p, int *failed);

/* ---- the source of a run's steps ---------------------------------------- */

struct Replay;

/* A Net (owned) or a Replay (not owned, must outlive it), stepped ms by ms
 * into RunSteps; ne: the excitatory neurons of the axis. */
typedef struct RunSource {
    Net *net;                   /* NULL when replaying */
    struct Replay *replay;
    int32_t *rbuf;              /* a replayed ms's spikes (owned) */
    int64_t rt;                 /* the replay's next ms */
    int n, ne;
    int trace;                  /* a replay's traced neuron (a Net's own otherwise) */
} RunSource;

/* The traced neurons after c's trace changes to the k of ids (slot 0
 * first): RUN_CTL_TRACE: trace alone; each add of RUN_CTL_TRACE_ADD put
 * last unless traced already, the oldest (slot 0) dropped when
 * STEP_TRACE_MAX are traced. Returns the new k. */
int run_traces_after(const RunControls *c, int ids[STEP_TRACE_MAX], int k);
/* A trace change of c (either flag) applied to net; -1 if refused (an id
 * out of range: nothing changed). */
int run_traces_apply(Net *net, const RunControls *c);
/* Adds to c the change that takes the traced neurons from old (k_old)
 * to ids (k): one add when ids is old with one neuron added, else ids[0]
 * alone and the rest added. */
void run_traces_post(RunControls *c, const int *old, int k_old, const int *ids, int k);

/* A source stepping net (taken over; its trace as set). */
void run_source_net(RunSource *s, Net *net, int ne);
/* A source replaying r from its first ms on an axis of n neurons; 0, or
 * -1 (errno ENOMEM). */
int run_source_replay(RunSource *s, struct Replay *r, int n, int ne, int trace);
/* Time of the next step, ms. */
int64_t run_source_time(const RunSource *s);
/* Takes the next step and summarises it in *out. */
void run_source_step(RunSource *s, Step *out);
/* A replay starts again from its first ms. */
void run_source_rewind(RunSource *s);
/* Frees what it owns (the Net, the buffer); a zeroed source is a no-op. */
void run_source_free(RunSource *s);

/* ---- the consumers ------------------------------------------------------- */

/* The Euler scheme's runaway (net.h): the spike counts of the last
 * NET_RUNAWAY_MS, steps missing (dropped by a ring) counted as silent. */
typedef struct RunRunaway {
    int32_t last[NET_RUNAWAY_MS];
    int64_t sum;                /* of last[] */
    int64_t end;                /* one past the last step seen */
    int64_t at;                 /* the first end at which it had run away; -1 */
    int now;                    /* it has, over the last NET_RUNAWAY_MS */
    int n;
    NetScheme scheme;
} RunRunaway;
/* Starts (or restarts, a new network) the watch of n neurons. */
void run_runaway_reset(RunRunaway *r, NetScheme scheme, int n);
void run_runaway_step(RunRunaway *r, const Step *st);

struct Recorder;
struct Scope;
struct Stats;

/* Who consumes a run's steps; any may be NULL. */
typedef struct RunFanout {
    struct Recorder *rec;
    struct Scope *scope;
    struct Stats *stats;
    RunRunaway *runaway;
} RunFanout;
/* Hands the step to each, the recorder first: 0, or -1 when the recorder
 * failed a write (recorder_failure says what); the others are then not
 * fed. */
int run_fanout(const RunFanout *f, const Step *st);

/* ---- the MPI followers ---------------------------------------------------- */

/* Processes 1 ... P-1 (exchange.h): build their block of p, trace `trace`,
 * step in lockstep with process 0 for steps steps (< 0: until it says
 * stop), its controls applied after the step they came with; write
 * nothing. Returns the exit status (a failed build's agreed status). */
int run_follow(const NetParams *p, int trace, int64_t steps);

/* The live knobs of c (RUN_CTL_KNOBS) applied to net, and kept in *p. */
void run_knobs_apply(Net *net, NetParams *p, const RunControls *c);

#endif
