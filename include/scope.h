/*
 * scope.h - what the drawing needs of a run, gathered as its steps arrive:
 * the recent spikes and trace (a Hist), spike counts per ms for the last
 * SCOPE_COUNTS_MS, the live events, the seed of the network they belong to,
 * and the analyses drawn from them (rates, the Welch spectrum of the last
 * seconds, spectrogram columns, cached). The live window feeds one from
 * the ring, a headless export from the Net. No SDL, no threads: the owner
 * (the render thread) is its only user.
 *
 * Memory, fixed at create time: the Hist (window_ms * ceil(n/64) * 8
 * bytes), counts 2 * 4 * SCOPE_COUNTS_MS (512 KiB), SCOPE_SG_COLUMNS
 * spectrogram columns of RHYTHM_FMAX + 1 floats (3.3 MiB), SCOPE_EVENTS
 * events.
 */
#ifndef IZHI_SCOPE_H
#define IZHI_SCOPE_H

#include <stdint.h>

#include "event.h"
#include "hist.h"
#include "rhythm.h"
#include "step.h"

#define SCOPE_COUNTS_MS 65536        /* per-ms counts kept: 65.5 s */
#define SCOPE_EVENTS 256             /* the newest events kept */
#define SCOPE_SG_HOP 8               /* ms between spectrogram column centres */
#define SCOPE_SG_COLUMNS 8192        /* cached columns: 65.5 s */

typedef struct Scope Scope;

/* n neurons (ne excitatory), a Hist of window_ms. NULL when out of memory
 * or invalid. */
Scope *scope_create(int n, int ne, int window_ms);
/* Frees it; NULL is a no-op. */
void scope_destroy(Scope *s);

/* A new network with this seed from t = 0: everything is forgotten. With
 * mark, a restart event at t = 0 is kept (a restart in the window). */
void scope_restart(Scope *s, uint64_t seed, int mark);
/* The next step (t greater than the last; missing steps count as silent);
 * its E/I split is the summary's (step.h). */
void scope_step(Scope *s, const Step *st);
/* A live change. */
void scope_event(Scope *s, const Event *e);

uint64_t scope_seed(const Scope *s);
/* One past the last step's time (0 before any). */
int64_t scope_end(const Scope *s);
int scope_n(const Scope *s);
int scope_ne(const Scope *s);
const Hist *scope_hist(const Scope *s);
/* The oldest time whose counts are kept. */
int64_t scope_counts_from(const Scope *s);
/* Spike counts of ms t, excitatory and inhibitory; 0 if t is not kept. */
int scope_counts(const Scope *s, int64_t t, int32_t *e, int32_t *i);
/* Mean rate (spikes per neuron per second) of the excitatory (inhibitory
 * != 0) neurons over [from, to) clipped to the kept counts; 0 if empty. */
double scope_rate(const Scope *s, int inhibitory, int64_t from, int64_t to);

/* Events kept, oldest first: k = 0 ... scope_event_count() - 1. */
int scope_event_count(const Scope *s);
const Event *scope_event_at(const Scope *s, int k);

/* The rhythm measures and density P[0 ... RHYTHM_FMAX + RHYTHM_SMOOTH] of
 * the population rate over the last length_ms, never the first
 * STATS_SKIP_MS: the span [max(STATS_SKIP_MS, end - length_ms), end), Welch
 * segments from its start. Over the span --stats analyses, the same bits.
 * *from receives the span's start. */
void scope_spectrum(Scope *s, int64_t length_ms, RhythmResult *out, double *density, int64_t *from);
/* scope_end(), the counts, rates, spectrum and spectrogram see only the steps before t (INT64_MAX:
 * all, as after scope_restart): a video's frame drawn at a past instant
 * shows what was known then (video.h). */
void scope_set_limit(Scope *s, int64_t t);
/* Spectrogram column c (centre c * SCOPE_SG_HOP ms, RHYTHM_SG_WIN ms around
 * it): RHYTHM_FMAX + 1 values in dB over the floor, or NULL when its data
 * is not (all) there. Computed once, then cached. */
const float *scope_spectrogram(Scope *s, int64_t c);

#endif
