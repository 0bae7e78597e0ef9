/*
 * sweep_measure.c - one run of a sweep (sweep.h): the network of its
 * parameters stepped for the duration, its steps fed to the --stats
 * statistics and the runaway watch exactly as the headless run feeds them
 * (run.h), so a row's numbers are the single run's. No globals, nothing
 * printed: any number of threads, one SweepWork each (sweep_run_rows runs
 * them on threads). And the map's cells from the rows.
 */
#include "sweep.h"
#include "thread.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "rng.h"
#include "run.h"
#include "stats.h"

struct SweepWork {
    int n, ne;
    Stats *stats;
    Analysis *an;                 /* the analysis measures, as the headless run's */
    double *lfp_w;
    RunRunaway runaway;
};

SweepWork *sweep_work_create(int n, int ne)
{
    SweepWork *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->n = n;
    w->ne = ne;
    w->stats = stats_create(n, ne, STATS_SKIP_MS);
    w->lfp_w = malloc((size_t)n * sizeof *w->lfp_w);
    if (!w->stats || !w->lfp_w) { sweep_work_destroy(w); errno = ENOMEM; return NULL; }
    return w;
}

void sweep_work_destroy(SweepWork *w)
{
    if (!w) return;
    stats_destroy(w->stats);
    analysis_destroy(w->an);
    free(w->lfp_w);
    free(w);
}

int sweep_measure(SweepWork *w, const NetParams *p, int ne, int64_t duration_ms, SweepRow *out)
{
    memset(out, 0, sizeof *out);
    if (p->n != w->n || ne != w->ne) { errno = EINVAL; return -1; }
    Net *net = net_create(p);
    if (!net) return -1;
    stats_reset(w->stats);
    analysis_destroy(w->an);
    if (!(w->an = analysis_create(p->n, ne, STATS_SKIP_MS))) { net_destroy(net); errno = ENOMEM; return -1; }
    analysis_lfp_weights(net, w->lfp_w);
    const double f_e = p->weight_e / 0.5, f_i = p->weight_i;
    run_runaway_reset(&w->runaway, p->scheme, p->n);
    RunSource src;
    run_source_net(&src, net, ne);
    for (int64_t t = 0; t < duration_ms; t++) {
        Step st;
        run_source_step(&src, &st);
        /* run_fanout's order with no recorder and no scope */
        stats_add(w->stats, &st);
        run_runaway_step(&w->runaway, &st);
        if (analysis_add(w->an, &st, net_v(src.net), analysis_lfp(w->lfp_w, &st, ne, f_e, f_i)) != 0) {
            run_source_free(&src);
            errno = ENOMEM;
            return -1;
        }
    }
    run_source_free(&src);
    StatsResult r;
    stats_result(w->stats, &r);
    AnalysisResult *a = malloc(sizeof *a);
    if (!a || analysis_result(w->an, a) != 0) { free(a); errno = ENOMEM; return -1; }
    sweep_row_of(&r, a, w->runaway.at >= 0, out);
    free(a);
    return 0;
}

void sweep_row_of(const StatsResult *r, const AnalysisResult *a, int runaway, SweepRow *out)
{
    memset(out, 0, sizeof *out);
    out->rate_e = r->rate_e;
    out->rate_i = r->rate_i;
    for (int b = 0; b < RHYTHM_NBANDS; b++) {
        out->found[b] = r->rhythm.band[b].found;
        if (!out->found[b]) continue;
        out->hz[b] = r->rhythm.band[b].freq_hz;
        out->strength[b] = r->rhythm.band[b].strength;
    }
    out->runaway = runaway;
    for (int k = 0; k < 3; k++) out->chi[k] = a->chi[k];
    for (int k = 0; k < 2; k++) out->fano[k] = a->fano[k];
    for (int b = 0; b < 2; b++)
        for (int k = 0; k < 2; k++) out->plv[b][k] = a->plv[b][k];
    out->lag_ei_ms = isnan(a->peak_ei) ? NAN : a->lag_ei_ms;
}

/* ---- the rows on threads (the headless sweep's and the library's) ---------- */

typedef struct Pool {
    const SweepSpec *s;
    int seeds, ne;
    const NetParams *base;
    int64_t duration_ms, first, stride, mine;
    SweepRow *rows;
    SweepProgress progress;
    void *ctx;
    atomic_llong next, done;
    atomic_int failed;          /* an errno, 0 while none */
} Pool;

typedef struct PoolWorker {
    Pool *pool;
    SweepWork *work;
    int says;                   /* the first worker reports progress */
    pthread_t tid;
} PoolWorker;

static void *pool_rows(void *arg)
{
    PoolWorker *w = arg;
    Pool *sh = w->pool;
    for (;;) {
        const int64_t j = atomic_fetch_add(&sh->next, 1);
        if (j >= sh->mine || atomic_load(&sh->failed)) break;
        NetParams p;
        sweep_row_params(sh->s, sh->seeds, sh->base, sh->first + j * sh->stride, &p);
        if (sweep_measure(w->work, &p, sh->ne, sh->duration_ms, &sh->rows[j]) != 0) {
            int zero = 0;
            atomic_compare_exchange_strong(&sh->failed, &zero, errno ? errno : ENOMEM);
            break;
        }
        int64_t done = atomic_fetch_add(&sh->done, 1) + 1;
        if (w->says && sh->progress) sh->progress(sh->ctx, done);
    }
    return NULL;
}

int sweep_run_rows(const SweepSpec *s, int seeds, const NetParams *base, int ne, int64_t duration_ms, int64_t first,
                   int64_t stride, int64_t mine, int nw, SweepRow *rows, SweepProgress progress, void *ctx)
{
    if (nw > mine) nw = mine > 0 ? (int)mine : 1;
    if (nw < 1) nw = 1;
    Pool sh = { .s = s, .seeds = seeds, .ne = ne, .base = base, .duration_ms = duration_ms, .first = first,
                .stride = stride, .mine = mine, .rows = rows, .progress = progress, .ctx = ctx };
    atomic_init(&sh.next, 0);
    atomic_init(&sh.done, 0);
    atomic_init(&sh.failed, 0);
    PoolWorker *w = calloc((size_t)nw, sizeof *w);
    int failed = w ? 0 : ENOMEM;
    /* the works are made one at a time (FFTW's planner, rhythm.h) */
    for (int t = 0; !failed && t < nw; t++) {
        w[t].pool = &sh;
        w[t].says = t == 0;
        if (!(w[t].work = sweep_work_create(base->n, ne))) failed = ENOMEM;
    }
    /* the normal tables (rng.c, call_once) made here, before the threads:
     * call_once orders them, but ThreadSanitizer does not see glibc's */
    Rng warm;
    rng_seed(&warm, 0, 0, 0);
    (void)rng_normal(&warm);
    if (!failed) {
        int started;
        for (started = 1; started < nw; started++)
            if (thread_start(&w[started].tid, pool_rows, &w[started]) != 0) break;
        pool_rows(&w[0]);
        for (int t = 1; t < started; t++) pthread_join(w[t].tid, NULL);
        failed = atomic_load(&sh.failed);
    }
    for (int t = 0; w && t < nw; t++) sweep_work_destroy(w[t].work);
    free(w);
    return failed;
}

int sweep_dominant(const SweepRow *row)
{
    int best = -1;
    for (int b = 0; b < RHYTHM_NBANDS; b++)
        if (row->found[b] && (best < 0 || row->strength[b] > row->strength[best])) best = b;
    return best;
}

void sweep_cell(const SweepSpec *s, int seeds, const SweepRow *rows, int i0, int i1, SweepCell *out)
{
    const int n1 = s->naxes > 1 ? s->axis[1].count : 1;
    const SweepRow *r = rows + ((int64_t)i0 * n1 + i1) * seeds;
    int votes[RHYTHM_NBANDS + 1] = { 0 };       /* [RHYTHM_NBANDS]: none */
    memset(out, 0, sizeof *out);
    for (int k = 0; k < seeds; k++) {
        out->rate_e += r[k].rate_e / seeds;
        out->rate_i += r[k].rate_i / seeds;
        out->runaway += r[k].runaway != 0;
        int d = sweep_dominant(&r[k]);
        votes[d < 0 ? RHYTHM_NBANDS : d]++;
    }
    int best = RHYTHM_NBANDS;
    for (int b = RHYTHM_NBANDS - 1; b >= 0; b--)
        if (votes[b] >= votes[best]) best = b;
    out->band = best == RHYTHM_NBANDS ? -1 : best;
    if (out->band < 0) return;
    for (int k = 0; k < seeds; k++)
        if (sweep_dominant(&r[k]) == best) {
            out->hz += rhythm_shown_hz(r[k].hz[best]) / votes[best];
            out->strength += r[k].strength[best] / votes[best];
        }
}
