/*
 * resim.h - the analysis panel's synchrony chi and phase locking, by
 * re-simulating (issue 20 §2): the render side has neither every neuron's
 * v nor the LFP stand-in, but the network is deterministic, and a window
 * session's live changes act at their steps exactly as a --schedule's
 * (tests/e2e_window.sh's round trip). So a worker thread rebuilds the live
 * network from its starting parameters (the command line's, the seed of
 * the network drawn) and the changes since the last restart (the render
 * loop's SIM_REC_EVENT records), runs it from 0 to the span's end feeding
 * analysis.c as --figure analysis does (every v, the LFP stand-in, the
 * weight scales in force at each step) over exactly [from, to), and hands
 * back the AnalysisResult.
 *
 * A span that moves (the live edge) is asked again and again: a job
 * running is not cancelled for a newer span, it runs to its end and its
 * result is the newest there is (resim_last: the window shows it with its
 * span) while the newest span asked waits to be taken. Only a restart, a
 * change before the end of a span asked, or a span already done asked
 * again cancels the job running.
 *
 * Threads: every function here is the render thread's; one worker (nice
 * 19, as the map's) that the simulation never waits for. What crosses is
 * a job (taken under the mutex: a copy of the parameters and changes) and
 * the results (under the same mutex); cancelling is an atomic generation
 * of the network and an atomic job number, checked every 64 steps.
 *
 * Cost: the run from 0 to the span's end (the Fig. 3 network ~600x real
 * time: a minute's session ~0.1 s of CPU); spans ending past
 * RESIM_MAX_MS are not re-simulated (said).
 */
#ifndef IZHI_RESIM_H
#define IZHI_RESIM_H

#include <stdint.h>

#include "analysis.h"
#include "event.h"
#include "net.h"

#define RESIM_MAX_MS 600000      /* 10 simulated minutes: longer sessions are not re-run */

typedef struct Resim Resim;

typedef enum ResimState {
    RESIM_NONE = 0,      /* nothing asked yet */
    RESIM_COMPUTING,     /* the span asked is being re-simulated */
    RESIM_DONE,          /* the result is the span asked's */
    RESIM_TOO_LONG,      /* the span ends past RESIM_MAX_MS: not re-run */
    RESIM_FAILED         /* out of memory, or the network could not be built */
} ResimState;

/* For the network start describes (its seed: the first network's), ne of
 * its neurons excitatory. The worker starts at the first span asked.
 * NULL: out of memory. */
Resim *resim_create(const NetParams *start, int ne);
/* Stops the worker (a job running is cancelled) and frees it; NULL: no-op. */
void resim_destroy(Resim *r);
/* A restart: the network drawn again with seed, the start's noise and
 * knobs (as the window's restart); the changes so far and every result
 * forgotten, the job running cancelled, nothing asked (RESIM_NONE) until
 * the next resim_ask: the span asked before is the old run's. */
void resim_restart(Resim *r, uint64_t seed);
/* A live change (a SIM_REC_EVENT record), in the order they came: 0, or
 * -1 out of memory (the changes are then unknown: results FAILED until
 * the next restart). */
int resim_event(Resim *r, const Event *e);
/* Asks for [from, to), in place of any span asked before and not taken
 * yet. A job running for another span goes on (its result is still the
 * newest), unless [from, to) is done already. */
void resim_ask(Resim *r, int64_t from, int64_t to);
/* The state of the last span asked; with RESIM_DONE, *out is its result.
 * *from, *to: the span asked. */
ResimState resim_poll(Resim *r, AnalysisResult *out, int64_t *from, int64_t *to);
/* The newest result finished for the network as it now is, of any span
 * asked since it last changed: its number (they count up from 1 over the
 * session; 0: none) and, the number not seen, *out (NULL: not copied);
 * *from, *to: its span. */
unsigned long resim_last(Resim *r, unsigned long seen, AnalysisResult *out, int64_t *from, int64_t *to);
/* How far the worker's current run has come, in simulated ms from 0 (it
 * only grows while a job runs; a test follows it to tell a slow worker
 * from a stuck one). */
int64_t resim_progress_ms(Resim *r);

#endif
