/*
 * hist.h - the recent past of a run: which neurons spiked at each of the
 * last `window` ms (one bitset per ms) and the traced neuron's v at each.
 *
 * Memory is fixed at create time: window * ceil(n/64) * 8 bytes for spikes
 * plus 16 floats and 4 ids a ms for the traced neurons (64 bytes: 4.2 MB
 * for 65.5 s), whatever the spike rate. Used by the headless export
 * and by the render thread of the live window; not thread-safe.
 */
#ifndef IZHI_HIST_H
#define IZHI_HIST_H

#include <stdint.h>

#include "step.h"

typedef struct Hist Hist;

/* n neurons, window ms (both >= 1). NULL when out of memory or invalid. */
Hist *hist_create(int n, int window_ms);
/* Frees it; NULL is a no-op. */
void hist_destroy(Hist *h);
/* Forgets everything; the next push may have any time. */
void hist_clear(Hist *h);

/* Appends time t: its spikes (neuron indices, any order; out-of-range ones
 * ignored) and the traced v. t must be greater than the last pushed time;
 * skipped times count as silent with an unknown trace. */
void hist_push(Hist *h, int64_t t, const int32_t *spikes, int count, float trace_v);
/* Marks one more spike at the last pushed time (for spikes arriving one by
 * one); ignored if nothing was pushed. */
void hist_add_spike(Hist *h, int32_t neuron);

int hist_n(const Hist *h);
int hist_window(const Hist *h);
/* One past the last pushed time (0 if none): the window covers
 * [hist_end - window, hist_end). */
int64_t hist_end(const Hist *h);
/* Times at or past t read as not kept, and hist_end() is at most t
 * (INT64_MAX: none, as after hist_clear): a video's frame drawn at a past
 * instant shows nothing after it (scope_set_limit). */
void hist_set_limit(Hist *h, int64_t t);
/* Whether neuron spiked at time t (0 outside the window). */
int hist_spiked(const Hist *h, int64_t t, int neuron);
/* The bitset of time t, ceil(n/64) words (bit i%64 of word i/64 is neuron
 * i), or NULL outside the window. */
const uint64_t *hist_bits(const Hist *h, int64_t t);
/* The traced v at time t; NAN if unknown or outside the window. */
float hist_trace(const Hist *h, int64_t t);
/* Every traced neuron of the last pushed time (its slot 0 replaces the
 * pushed trace_v); ignored if nothing was pushed. */
void hist_set_traces(Hist *h, const StepTraces *tr);
/* Traced slot `slot`'s v, u or I (what: HIST_V, HIST_U, HIST_I) at time
 * t, and its neuron in *neuron (-1: the slot was empty then); NAN if
 * unknown or outside the window. */
enum { HIST_V, HIST_U, HIST_I };
float hist_trace_of(const Hist *h, int64_t t, int slot, int what, int *neuron);
/* Spikes at time t of neurons [lo, hi); 0 outside the window. */
int hist_count(const Hist *h, int64_t t, int lo, int hi);

#endif
