/*
 * stats.c - streaming rates and Welch spectrum of the population signal.
 */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct Stats {
    int n, ne;
    int64_t skip, next_t;
    int64_t spikes_e, spikes_i, samples;
    double ring[STATS_SEG];            /* last STATS_SEG samples of x */
    double window[STATS_SEG];          /* periodic Hann */
    double cosv[STATS_SEG], sinv[STATS_SEG];
    double power[STATS_BINS];          /* summed over segments */
    int segments;
};

Stats *stats_create(int n, int ne, int64_t skip_ms)
{
    Stats *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->n = n;
    s->ne = ne;
    s->skip = skip_ms;
    const double two_pi = 6.283185307179586476925;
    for (int i = 0; i < STATS_SEG; i++) {
        s->window[i] = 0.5 - 0.5 * cos(two_pi * i / STATS_SEG);
        s->cosv[i] = cos(two_pi * i / STATS_SEG);
        s->sinv[i] = sin(two_pi * i / STATS_SEG);
    }
    return s;
}

void stats_destroy(Stats *s) { free(s); }

/* One Welch segment: the last STATS_SEG samples, oldest first. */
static void add_segment(Stats *s)
{
    double seg[STATS_SEG], mean = 0.0;
    int start = (int)(s->samples % STATS_SEG);
    for (int i = 0; i < STATS_SEG; i++) {
        seg[i] = s->ring[(start + i) % STATS_SEG];
        mean += seg[i];
    }
    mean /= STATS_SEG;
    for (int i = 0; i < STATS_SEG; i++) seg[i] = (seg[i] - mean) * s->window[i];
    for (int m = 0; m < STATS_BINS; m++) {
        double re = 0.0, im = 0.0;
        int idx = 0;
        for (int i = 0; i < STATS_SEG; i++) {
            re += seg[i] * s->cosv[idx];
            im -= seg[i] * s->sinv[idx];
            idx += m;
            if (idx >= STATS_SEG) idx -= STATS_SEG;
        }
        s->power[m] += re * re + im * im;
    }
    s->segments++;
}

void stats_add(Stats *s, const int32_t *spikes, int count)
{
    int64_t now = s->next_t++;
    if (now < s->skip) return;
    for (int i = 0; i < count; i++) {
        if (spikes[i] < s->ne) s->spikes_e++;
        else s->spikes_i++;
    }
    s->ring[s->samples % STATS_SEG] = (double)count;
    s->samples++;
    if (s->samples >= STATS_SEG && (s->samples - STATS_SEG) % STATS_HOP == 0) add_segment(s);
}

double stats_power(const Stats *s, int m)
{
    if (m < 0 || m >= STATS_BINS || s->segments == 0) return 0.0;
    return s->power[m] / s->segments;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int peak_bin(const Stats *s, int lo, int hi)
{
    int best = lo;
    for (int m = lo + 1; m <= hi; m++)
        if (s->power[m] > s->power[best]) best = m;
    return best;
}

void stats_result(const Stats *s, StatsResult *out)
{
    memset(out, 0, sizeof *out);
    out->seconds = (double)s->samples / 1000.0;
    int ni = s->n - s->ne;
    if (s->samples > 0) {
        out->rate_e = s->ne > 0 ? (double)s->spikes_e / (s->ne * out->seconds) : 0.0;
        out->rate_i = ni > 0 ? (double)s->spikes_i / (ni * out->seconds) : 0.0;
    }
    out->segments = s->segments;
    out->alpha_hz = out->gamma_hz = -1;
    if (s->segments == 0) return;
    double sorted[100];
    memcpy(sorted, s->power + 1, sizeof sorted);
    qsort(sorted, 100, sizeof sorted[0], cmp_double);
    double median = 0.5 * (sorted[49] + sorted[50]);
    out->alpha_hz = peak_bin(s, 4, 14);
    out->gamma_hz = peak_bin(s, 20, 50);
    out->alpha_prom = median > 0 ? s->power[out->alpha_hz] / median : 0.0;
    out->gamma_prom = median > 0 ? s->power[out->gamma_hz] / median : 0.0;
}
