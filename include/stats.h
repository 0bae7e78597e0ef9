/*
 * stats.h - firing rates and population rhythms of a run, computed as the
 * run goes (fixed memory, any duration).
 *
 * Definitions (the same as tests/reference/stats.m, the independent
 * reference): the first `skip_ms` are dropped; rate_e / rate_i are spikes per
 * neuron per second of the excitatory / inhibitory neurons; the population
 * signal x[t] is the number of spikes of all neurons at ms t; its spectrum is
 * Welch's: 1000-sample segments, hop 500, each minus its mean, periodic Hann
 * window, |DFT|^2 averaged, bin m = m Hz. alpha_hz is the strongest bin in
 * 4..14 Hz, gamma_hz the strongest in 20..50 Hz, and each *_prom is that
 * bin's power over the median power of bins 1..100.
 */
#ifndef IZHI_STATS_H
#define IZHI_STATS_H

#include <stdint.h>

#define STATS_SEG 1000          /* samples (ms) a segment: 1 Hz bins */
#define STATS_HOP 500
#define STATS_BINS 501          /* 0 ... 500 Hz */

typedef struct StatsResult {
    double seconds;             /* analysed time */
    double rate_e, rate_i;      /* Hz */
    int segments;               /* Welch segments averaged (0: too short) */
    int alpha_hz, gamma_hz;     /* -1 when segments == 0 */
    double alpha_prom, gamma_prom;
} StatsResult;

typedef struct Stats Stats;

/* n neurons of which ne excitatory; the first skip_ms are not analysed.
 * NULL when out of memory. */
Stats *stats_create(int n, int ne, int64_t skip_ms);
void stats_destroy(Stats *s);
/* Adds the next ms (the first call is t = 0): the neurons that spiked. */
void stats_add(Stats *s, const int32_t *spikes, int count);
/* The result so far. */
void stats_result(const Stats *s, StatsResult *out);
/* Welch power of bin m (0 ... STATS_BINS-1) averaged so far. */
double stats_power(const Stats *s, int m);

#endif
