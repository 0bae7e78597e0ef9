/*
 * hist.c - fixed-size history of spikes (bitsets) and trace (floats).
 */
#include "hist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct Hist {
    int n, window, words;
    int64_t end;          /* one past the last pushed time */
    int64_t limit;        /* nothing at or past it is shown (hist_set_limit) */
    int any;              /* something was pushed */
    uint64_t *bits;       /* [slot * words] */
    float *trace;         /* [slot] */
    float *tv;            /* [slot][STEP_TRACE_MAX][3]: v, u, I of each traced slot */
    int32_t *tn;          /* [slot][STEP_TRACE_MAX]: its neuron, -1 none */
};

enum { PER_MS = STEP_TRACE_MAX * 3 };

Hist *hist_create(int n, int window_ms)
{
    if (n < 1 || window_ms < 1) return NULL;
    Hist *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    h->n = n;
    h->window = window_ms;
    h->words = (n + 63) / 64;
    h->bits = calloc((size_t)window_ms * (size_t)h->words, sizeof *h->bits);
    h->trace = malloc((size_t)window_ms * sizeof *h->trace);
    h->tv = malloc((size_t)window_ms * PER_MS * sizeof *h->tv);
    h->tn = malloc((size_t)window_ms * STEP_TRACE_MAX * sizeof *h->tn);
    if (!h->bits || !h->trace || !h->tv || !h->tn) { hist_destroy(h); return NULL; }
    hist_clear(h);
    return h;
}

void hist_destroy(Hist *h)
{
    if (!h) return;
    free(h->bits);
    free(h->trace);
    free(h->tv);
    free(h->tn);
    free(h);
}

void hist_clear(Hist *h)
{
    memset(h->bits, 0, (size_t)h->window * (size_t)h->words * sizeof *h->bits);
    for (int i = 0; i < h->window; i++) h->trace[i] = NAN;
    for (size_t i = 0; i < (size_t)h->window * PER_MS; i++) h->tv[i] = NAN;
    for (size_t i = 0; i < (size_t)h->window * STEP_TRACE_MAX; i++) h->tn[i] = -1;
    h->end = 0;
    h->any = 0;
    h->limit = INT64_MAX;
}

static inline int slot_of(const Hist *h, int64_t t)
{
    int64_t s = t % h->window;
    return (int)(s < 0 ? s + h->window : s);
}

static void clear_slot(Hist *h, int64_t t)
{
    int s = slot_of(h, t);
    memset(h->bits + (size_t)s * h->words, 0, (size_t)h->words * sizeof *h->bits);
    h->trace[s] = NAN;
    for (int i = 0; i < PER_MS; i++) h->tv[(size_t)s * PER_MS + i] = NAN;
    for (int j = 0; j < STEP_TRACE_MAX; j++) h->tn[(size_t)s * STEP_TRACE_MAX + j] = -1;
}

void hist_push(Hist *h, int64_t t, const int32_t *spikes, int count, float trace_v)
{
    if (h->any && t < h->end) return;
    int64_t from = h->any ? h->end : t;
    if (t - from >= h->window) from = t - h->window + 1;   /* long gap: all cleared */
    for (int64_t x = from; x <= t; x++) clear_slot(h, x);
    int s = slot_of(h, t);
    uint64_t *row = h->bits + (size_t)s * h->words;
    for (int i = 0; i < count; i++) {
        int32_t j = spikes[i];
        if (j >= 0 && j < h->n) row[j >> 6] |= 1ull << (j & 63);
    }
    h->trace[s] = trace_v;
    h->end = t + 1;
    h->any = 1;
}

void hist_add_spike(Hist *h, int32_t neuron)
{
    if (!h->any || neuron < 0 || neuron >= h->n) return;
    uint64_t *row = h->bits + (size_t)slot_of(h, h->end - 1) * h->words;
    row[neuron >> 6] |= 1ull << (neuron & 63);
}

int hist_n(const Hist *h) { return h->n; }
int hist_window(const Hist *h) { return h->window; }
int64_t hist_end(const Hist *h) { return h->end < h->limit ? h->end : h->limit; }
void hist_set_limit(Hist *h, int64_t t) { h->limit = t; }

static inline int inside(const Hist *h, int64_t t)
{
    return h->any && t < h->end && t < h->limit && t >= h->end - h->window;
}

const uint64_t *hist_bits(const Hist *h, int64_t t)
{
    return inside(h, t) ? h->bits + (size_t)slot_of(h, t) * h->words : NULL;
}

int hist_spiked(const Hist *h, int64_t t, int neuron)
{
    const uint64_t *row = hist_bits(h, t);
    if (!row || neuron < 0 || neuron >= h->n) return 0;
    return (int)((row[neuron >> 6] >> (neuron & 63)) & 1u);
}

float hist_trace(const Hist *h, int64_t t)
{
    return inside(h, t) ? h->trace[slot_of(h, t)] : NAN;
}

void hist_set_traces(Hist *h, const StepTraces *tr)
{
    if (!h->any) return;
    const int s = slot_of(h, h->end - 1);
    float *f = h->tv + (size_t)s * PER_MS;
    int32_t *n = h->tn + (size_t)s * STEP_TRACE_MAX;
    for (int j = 0; j < STEP_TRACE_MAX; j++) {
        const int on = j < tr->k;
        n[j] = on ? tr->neuron[j] : -1;
        f[3 * j + HIST_V] = on ? tr->v[j] : NAN;
        f[3 * j + HIST_U] = on ? tr->u[j] : NAN;
        f[3 * j + HIST_I] = on ? tr->i[j] : NAN;
    }
    if (tr->k >= 1) h->trace[s] = tr->v[0];
}

float hist_trace_of(const Hist *h, int64_t t, int slot, int what, int *neuron)
{
    if (neuron) *neuron = -1;
    if (!inside(h, t) || slot < 0 || slot >= STEP_TRACE_MAX || what < HIST_V || what > HIST_I) return NAN;
    const int s = slot_of(h, t);
    const int32_t id = h->tn[(size_t)s * STEP_TRACE_MAX + slot];
    if (neuron) *neuron = id;
    /* a slot pushed without traces (hist_push alone): slot 0 is the pushed v */
    if (id < 0) return slot == 0 && what == HIST_V ? h->trace[s] : NAN;
    return h->tv[(size_t)s * PER_MS + 3 * slot + what];
}

int hist_count(const Hist *h, int64_t t, int lo, int hi)
{
    const uint64_t *row = hist_bits(h, t);
    if (!row) return 0;
    if (lo < 0) lo = 0;
    if (hi > h->n) hi = h->n;
    int c = 0;
    for (int i = lo; i < hi;) {
        if ((i & 63) == 0 && i + 64 <= hi) { c += __builtin_popcountll(row[i >> 6]); i += 64; }
        else { c += (int)((row[i >> 6] >> (i & 63)) & 1u); i++; }
    }
    return c;
}
