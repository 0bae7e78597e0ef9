/*
 * stats.c - streaming rates and the rhythm measures of the population rate.
 */
#include "stats.h"

#include <stdlib.h>

struct Stats {
    int n, ne;
    int64_t skip, next_t;
    int64_t spikes_e, spikes_i, samples;
    Welch *welch;
};

Stats *stats_create(int n, int ne, int64_t skip_ms)
{
    Stats *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->n = n;
    s->ne = ne;
    s->skip = skip_ms;
    s->welch = welch_create(n);
    if (!s->welch) { free(s); return NULL; }
    return s;
}

void stats_destroy(Stats *s)
{
    if (!s) return;
    welch_destroy(s->welch);
    free(s);
}

void stats_add(Stats *s, const Step *st)
{
    int64_t now = s->next_t++;
    if (now < s->skip) return;
    s->spikes_e += st->count_e;
    s->spikes_i += st->count - st->count_e;
    s->samples++;
    int32_t c = st->count;
    welch_add(s->welch, &c, 1);
}

double stats_power(const Stats *s, int m)
{
    if (m < 0 || m > RHYTHM_SEG / 2) return 0.0;
    return welch_density(s->welch)[m];
}

void stats_result(const Stats *s, StatsResult *out)
{
    out->seconds = (double)s->samples / 1000.0;
    int ni = s->n - s->ne;
    out->rate_e = s->samples && s->ne ? (double)s->spikes_e / (s->ne * out->seconds) : 0.0;
    out->rate_i = s->samples && ni ? (double)s->spikes_i / (ni * out->seconds) : 0.0;
    welch_result(s->welch, &out->rhythm);
}

void stats_reset(Stats *s)
{
    s->next_t = 0;
    s->spikes_e = s->spikes_i = s->samples = 0;
    welch_reset(s->welch);
}
