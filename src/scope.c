/*
 * scope.c - the data the drawing needs, gathered as steps arrive (see
 * scope.h).
 */
#include "scope.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

#define CMASK (SCOPE_COUNTS_MS - 1)
#define NB_DB (RHYTHM_FMAX + 1)

struct Scope {
    int n, ne;
    uint64_t seed;
    int64_t end;                       /* one past the last step */
    int64_t limit;                     /* the analyses see no step at or past it (scope_set_limit) */
    Hist *hist;
    int32_t *ce, *ci;                  /* counts by t & CMASK */
    Event events[SCOPE_EVENTS];        /* ring, oldest at first */
    int first, nevents;
    Welch *welch;
    Spectro *spectro;
    int32_t *sg_counts;                /* RHYTHM_SG_WIN scratch */
    int64_t *sg_tag;                   /* column held by each cache slot, -1 none */
    float *sg;                         /* SCOPE_SG_COLUMNS x NB_DB */
};

Scope *scope_create(int n, int ne, int window_ms)
{
    if (n < 1 || ne < 0 || ne > n) return NULL;
    Scope *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->n = n;
    s->ne = ne;
    s->hist = hist_create(n, window_ms);
    s->ce = calloc(SCOPE_COUNTS_MS, sizeof *s->ce);
    s->ci = calloc(SCOPE_COUNTS_MS, sizeof *s->ci);
    s->welch = welch_create(n);
    s->spectro = spectro_create(n);
    s->sg_counts = malloc(RHYTHM_SG_WIN * sizeof *s->sg_counts);
    s->sg_tag = malloc(SCOPE_SG_COLUMNS * sizeof *s->sg_tag);
    s->sg = malloc((size_t)SCOPE_SG_COLUMNS * NB_DB * sizeof *s->sg);
    if (!s->hist || !s->ce || !s->ci || !s->welch || !s->spectro || !s->sg_counts || !s->sg_tag || !s->sg) {
        scope_destroy(s);
        return NULL;
    }
    scope_restart(s, 0, 0);
    return s;
}

void scope_destroy(Scope *s)
{
    if (!s) return;
    hist_destroy(s->hist);
    free(s->ce);
    free(s->ci);
    welch_destroy(s->welch);
    spectro_destroy(s->spectro);
    free(s->sg_counts);
    free(s->sg_tag);
    free(s->sg);
    free(s);
}

void scope_restart(Scope *s, uint64_t seed, int mark)
{
    s->seed = seed;
    s->end = 0;
    s->limit = INT64_MAX;
    hist_clear(s->hist);
    s->first = s->nevents = 0;
    for (int i = 0; i < SCOPE_SG_COLUMNS; i++) s->sg_tag[i] = -1;
    if (mark) {
        Event e = { .t_ms = 0, .kind = EVENT_RESTART, .after = (double)seed, .seed = seed };
        scope_event(s, &e);
    }
}

/* x as the trace file writes it (%.4f, record_csv.c) and a replay reads it
 * back: x * 1e4 is exact in double (a float's 24 bits and 1e4's 14),
 * rounded half to even as printf rounds, and k / 1e4 is the double strtod
 * reads from the four decimals. */
static float as_written(float x)
{
    return isfinite(x) ? (float)(nearbyint((double)x * 1e4) / 1e4) : x;
}

void scope_step(Scope *s, const Step *st)
{
    const int64_t t = st->t;
    if (t < s->end) return;
    /* missing steps (dropped records) count as silent */
    int64_t from = t - s->end > SCOPE_COUNTS_MS ? t - SCOPE_COUNTS_MS : s->end;
    for (int64_t x = from; x < t; x++) s->ce[x & CMASK] = s->ci[x & CMASK] = 0;
    s->ce[t & CMASK] = st->count_e;
    s->ci[t & CMASK] = st->count - st->count_e;
    /* v (u, I) as the trace file writes them, so that a replay of that
     * file draws the same pixels (a tester's seed 9: 4 differed) */
    hist_push(s->hist, t, st->spikes, st->count, as_written(st->v));
    if (st->traces) {
        StepTraces tr = *st->traces;
        for (int j = 0; j < tr.k; j++) {
            tr.v[j] = as_written(tr.v[j]);
            tr.u[j] = as_written(tr.u[j]);
            tr.i[j] = as_written(tr.i[j]);
        }
        hist_set_traces(s->hist, &tr);
    }
    s->end = t + 1;
}

void scope_event(Scope *s, const Event *e)
{
    if (s->nevents == SCOPE_EVENTS) {
        s->first = (s->first + 1) % SCOPE_EVENTS;
        s->nevents--;
    }
    s->events[(s->first + s->nevents) % SCOPE_EVENTS] = *e;
    s->nevents++;
}

uint64_t scope_seed(const Scope *s) { return s->seed; }
int64_t scope_end(const Scope *s) { return s->end < s->limit ? s->end : s->limit; }
int scope_n(const Scope *s) { return s->n; }
int scope_ne(const Scope *s) { return s->ne; }
const Hist *scope_hist(const Scope *s) { return s->hist; }
int scope_event_count(const Scope *s) { return s->nevents; }
const Event *scope_event_at(const Scope *s, int k) { return &s->events[(s->first + k) % SCOPE_EVENTS]; }

int64_t scope_counts_from(const Scope *s)
{
    return s->end > SCOPE_COUNTS_MS ? s->end - SCOPE_COUNTS_MS : 0;
}

int scope_counts(const Scope *s, int64_t t, int32_t *e, int32_t *i)
{
    if (t < scope_counts_from(s) || t >= scope_end(s)) { *e = *i = 0; return 0; }
    *e = s->ce[t & CMASK];
    *i = s->ci[t & CMASK];
    return 1;
}

double scope_rate(const Scope *s, int inhibitory, int64_t from, int64_t to)
{
    if (from < scope_counts_from(s)) from = scope_counts_from(s);
    if (to > scope_end(s)) to = scope_end(s);
    int cells = inhibitory ? s->n - s->ne : s->ne;
    if (to <= from || cells == 0) return 0.0;
    const int32_t *c = inhibitory ? s->ci : s->ce;
    int64_t sum = 0;
    for (int64_t t = from; t < to; t++) sum += c[t & CMASK];
    return (double)sum * 1000.0 / ((double)cells * (double)(to - from));
}

void scope_spectrum(Scope *s, int64_t length_ms, RhythmResult *out, double *density, int64_t *from)
{
    const int64_t end = s->end < s->limit ? s->end : s->limit;
    int64_t a = end - length_ms;
    if (a < STATS_SKIP_MS) a = STATS_SKIP_MS;
    if (a < scope_counts_from(s)) a = scope_counts_from(s);
    welch_reset(s->welch);
    for (int64_t t = a; t < end; t++) {
        int32_t c = s->ce[t & CMASK] + s->ci[t & CMASK];
        welch_add(s->welch, &c, 1);
    }
    welch_result(s->welch, out);
    if (density) memcpy(density, welch_density(s->welch), (RHYTHM_FMAX + RHYTHM_SMOOTH + 1) * sizeof *density);
    if (from) *from = a;
}

void scope_set_limit(Scope *s, int64_t t)
{
    s->limit = t;
    hist_set_limit(s->hist, t);
}

const float *scope_spectrogram(Scope *s, int64_t c)
{
    if (c < 0) return NULL;
    int64_t a = c * SCOPE_SG_HOP - RHYTHM_SG_WIN / 2;
    if (a < 0 || a < scope_counts_from(s) || a + RHYTHM_SG_WIN > s->end || a + RHYTHM_SG_WIN > s->limit) return NULL;
    int slot = (int)(c % SCOPE_SG_COLUMNS);
    float *col = s->sg + (size_t)slot * NB_DB;
    if (s->sg_tag[slot] == c) return col;
    for (int k = 0; k < RHYTHM_SG_WIN; k++) {
        int64_t t = a + k;
        s->sg_counts[k] = s->ce[t & CMASK] + s->ci[t & CMASK];
    }
    spectro_column(s->spectro, s->sg_counts, col);
    s->sg_tag[slot] = c;
    return col;
}
