/*
 * sweep_measure.c - one run of a sweep (sweep.h): the network of its
 * parameters stepped for the duration, its steps fed to the --stats
 * statistics and the runaway watch exactly as the headless run feeds them
 * (run.h), so a row's numbers are the single run's. No globals, nothing
 * printed: any number of threads, one SweepWork each. And the map's
 * cells from the rows.
 */
#include "sweep.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"
#include "stats.h"

struct SweepWork {
    int n, ne;
    Stats *stats;
    RunRunaway runaway;
};

SweepWork *sweep_work_create(int n, int ne)
{
    SweepWork *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->n = n;
    w->ne = ne;
    w->stats = stats_create(n, ne, STATS_SKIP_MS);
    if (!w->stats) { free(w); errno = ENOMEM; return NULL; }
    return w;
}

void sweep_work_destroy(SweepWork *w)
{
    if (!w) return;
    stats_destroy(w->stats);
    free(w);
}

int sweep_measure(SweepWork *w, const NetParams *p, int ne, int64_t duration_ms, SweepRow *out)
{
    memset(out, 0, sizeof *out);
    if (p->n != w->n || ne != w->ne) { errno = EINVAL; return -1; }
    Net *net = net_create(p);
    if (!net) return -1;
    stats_reset(w->stats);
    run_runaway_reset(&w->runaway, p->scheme, p->n);
    RunSource src;
    run_source_net(&src, net, ne);
    const RunFanout fan = { .stats = w->stats, .runaway = &w->runaway };
    for (int64_t t = 0; t < duration_ms; t++) {
        Step st;
        run_source_step(&src, &st);
        run_fanout(&fan, &st);
    }
    run_source_free(&src);
    StatsResult r;
    stats_result(w->stats, &r);
    out->rate_e = r.rate_e;
    out->rate_i = r.rate_i;
    for (int b = 0; b < RHYTHM_NBANDS; b++) {
        out->found[b] = r.rhythm.band[b].found;
        if (!out->found[b]) continue;
        out->hz[b] = r.rhythm.band[b].freq_hz;
        out->strength[b] = r.rhythm.band[b].strength;
    }
    out->runaway = w->runaway.at >= 0;
    return 0;
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
