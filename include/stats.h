/*
 * stats.h - firing rates and population rhythms of a run, computed as the
 * run goes (fixed memory, any duration): what `--stats` prints.
 *
 * The first `skip_ms` are dropped (the initial synchronous volley); rate_e
 * / rate_i are spikes per neuron per second of the excitatory / inhibitory
 * neurons over the rest; the rhythm measures are rhythm.h's, of the
 * population rate of all neurons over the same span, so the live window's
 * readouts over the same span give the same numbers.
 */
#ifndef IZHI_STATS_H
#define IZHI_STATS_H

#include <stdint.h>

#include "rhythm.h"
#include "step.h"

/* docs/model.md: the first 200 ms (the initial synchronous volley) are not
 * analysed, by --stats and by the window's readouts alike. */
#define STATS_SKIP_MS 200

typedef struct StatsResult {
    double seconds;             /* analysed time */
    double rate_e, rate_i;      /* Hz */
    RhythmResult rhythm;
} StatsResult;

typedef struct Stats Stats;

/* n neurons of which ne excitatory; the first skip_ms are not analysed.
 * NULL when out of memory. */
Stats *stats_create(int n, int ne, int64_t skip_ms);
/* Frees it; NULL is a no-op. */
void stats_destroy(Stats *s);
/* Adds the next ms (the first call is t = 0): its spikes and their E/I
 * split (the summary's, step.h); st->t is not read. */
void stats_add(Stats *s, const Step *st);
/* The result so far. */
void stats_result(const Stats *s, StatsResult *out);
/* Forgets everything added (a new run of the same n, ne and skip_ms):
 * the same bits afterwards as a fresh stats_create's. */
void stats_reset(Stats *s);
/* Welch density of bin m (0 ... RHYTHM_SEG/2) averaged so far, Hz^2/Hz. */
double stats_power(const Stats *s, int m);

#endif
