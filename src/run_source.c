/*
 * run_source.c - the source of a run's steps and the runaway watch (run.h):
 * the part of run.h that needs nothing but the model, so that libizhiscope
 * (izhiscope.c) and the sweep's runs step exactly as the program does
 * without the recorder, the scope or the processes' exchange.
 */
#include "run.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"

/* ---- the source ------------------------------------------------------------ */

void run_source_net(RunSource *s, Net *net, int ne)
{
    memset(s, 0, sizeof *s);
    s->net = net;
    s->n = net_n(net);
    s->ne = ne;
}

int run_source_replay(RunSource *s, Replay *r, int n, int ne, int trace)
{
    memset(s, 0, sizeof *s);
    s->rbuf = malloc((size_t)(n > 0 ? n : 1) * sizeof *s->rbuf);
    if (!s->rbuf) { errno = ENOMEM; return -1; }
    s->replay = r;
    s->n = n;
    s->ne = ne;
    s->trace = trace;
    r->at = 0;
    return 0;
}

int64_t run_source_time(const RunSource *s) { return s->replay ? s->rt : net_time(s->net); }

void run_source_step(RunSource *s, Step *out)
{
    if (s->replay) {
        float v;
        const int64_t t = s->rt++;
        int ns = replay_step(s->replay, t, s->n, s->rbuf, &v);
        *out = step_of(t, s->rbuf, ns, s->ne, s->trace, v);
        return;
    }
    const int64_t t = net_time(s->net);
    int ns = net_step(s->net);
    *out = step_of(t, net_spikes(s->net), ns, s->ne, net_trace(s->net), net_trace_v(s->net));
    out->traces = net_traces(s->net);
}

void run_source_rewind(RunSource *s)
{
    if (!s->replay) return;
    s->rt = 0;
    s->replay->at = 0;
}

void run_source_free(RunSource *s)
{
    net_destroy(s->net);
    free(s->rbuf);
    s->net = NULL;
    s->rbuf = NULL;
}

void run_runaway_reset(RunRunaway *r, NetScheme scheme, int n)
{
    memset(r, 0, sizeof *r);
    r->at = -1;
    r->scheme = scheme;
    r->n = n;
}

void run_runaway_step(RunRunaway *r, const Step *st)
{
    if (st->t < r->end) return;
    /* missing steps count as silent (as a Scope's counts) */
    int64_t from = st->t - r->end > NET_RUNAWAY_MS ? st->t - NET_RUNAWAY_MS : r->end;
    for (int64_t x = from; x < st->t; x++) {
        r->sum -= r->last[x % NET_RUNAWAY_MS];
        r->last[x % NET_RUNAWAY_MS] = 0;
    }
    r->sum += st->count - r->last[st->t % NET_RUNAWAY_MS];
    r->last[st->t % NET_RUNAWAY_MS] = st->count;
    r->end = st->t + 1;
    /* the population's mean rate over the last NET_RUNAWAY_MS, Hz */
    r->now = r->end >= NET_RUNAWAY_MS && r->n > 0 &&
             net_runaway(r->scheme, (double)r->sum * 1000.0 / ((double)r->n * NET_RUNAWAY_MS));
    if (r->now && r->at < 0) r->at = r->end;
}

