/*
 * run.c - one step of a run (see run.h): the agreed build, the controls'
 * words, the fan-out, the MPI followers (the source and the runaway watch:
 * run_source.c, the library's part).
 */
#include "run.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "record.h"
#include "replay.h"
#include "scope.h"
#include "stats.h"

/* ---- the build ------------------------------------------------------------ */

/* This process has passed the start agreement (xc_agree's first call): a
 * fact about the process, not about a build, so it is kept here once. */
static int start_agreed;

Net *run_net_create(const NetParams *p, RunBuild *out)
{
    memset(out, 0, sizeof *out);
    if (xc_size() == 1) {
        Net *net = net_create(p);
        if (!net) { out->status = RUN_FAIL; out->err = errno; }
        return net;
    }
    if (!start_agreed) {
        /* every process got this far (process 0: its options, outputs, memory) */
        start_agreed = 1;
        out->status = xc_agree(0, 0, &out->who, &out->err);
        if (out->status) { errno = out->err; return NULL; }
    }
    int lo, hi;
    xc_block(p->n, xc_rank(), xc_size(), &lo, &hi);
    Net *net = net_create_part(p, lo, hi, xc_net());
    out->status = xc_agree(net ? 0 : RUN_FAIL, net ? 0 : errno, &out->who, &out->err);
    if (out->status) {
        net_destroy(net);
        errno = out->err;
        return NULL;
    }
    return net;
}

/* ---- the controls' words: flags; the two noises' float bits; the trace; the seed */

void run_controls_send(const RunControls *c)
{
    uint32_t e, i;
    memcpy(&e, &c->sigma_e, sizeof e);
    memcpy(&i, &c->sigma_i, sizeof i);
    uint32_t ge, gi, je, ji;
    memcpy(&ge, &c->weight_e, sizeof ge);
    memcpy(&gi, &c->weight_i, sizeof gi);
    memcpy(&je, &c->current_e, sizeof je);
    memcpy(&ji, &c->current_i, sizeof ji);
    const uint64_t w[XC_CONTROL_WORDS] = { c->flags, (uint64_t)e | (uint64_t)i << 32, (uint64_t)(uint32_t)c->trace,
                                           c->seed, (uint64_t)ge | (uint64_t)gi << 32,
                                           (uint64_t)je | (uint64_t)ji << 32, (uint64_t)(uint32_t)c->stim_on,
                                           (uint64_t)(uint32_t)c->stim_from | (uint64_t)(uint32_t)c->stim_to << 32 };
    xc_send_controls(w);
}

void run_controls_take(RunControls *c)
{
    uint64_t w[XC_CONTROL_WORDS];
    xc_controls(w);
    uint32_t e = (uint32_t)w[1], i = (uint32_t)(w[1] >> 32);
    c->flags = (unsigned)w[0];
    memcpy(&c->sigma_e, &e, sizeof e);
    memcpy(&c->sigma_i, &i, sizeof i);
    c->trace = (int)(uint32_t)w[2];
    c->seed = w[3];
    uint32_t ge = (uint32_t)w[4], gi = (uint32_t)(w[4] >> 32), je = (uint32_t)w[5], ji = (uint32_t)(w[5] >> 32);
    memcpy(&c->weight_e, &ge, sizeof ge);
    memcpy(&c->weight_i, &gi, sizeof gi);
    memcpy(&c->current_e, &je, sizeof je);
    memcpy(&c->current_i, &ji, sizeof ji);
    c->stim_on = (int)(uint32_t)w[6];
    c->stim_from = (int)(uint32_t)w[7];
    c->stim_to = (int)(uint32_t)(w[7] >> 32);
}

void run_knobs_apply(Net *net, NetParams *p, const RunControls *c)
{
    net_set_weights(net, c->weight_e, c->weight_i);
    net_set_currents(net, c->current_e, c->current_i);
    net_set_stim(net, c->stim_on);
    net_set_stim_neurons(net, c->stim_from, c->stim_to);
    p->stim_from = net_params(net)->stim_from;
    p->stim_to = net_params(net)->stim_to;
    p->weight_e = c->weight_e;
    p->weight_i = c->weight_i;
    p->current_e = c->current_e;
    p->current_i = c->current_i;
    p->stim_on = c->stim_on;
}

void run_controls_now(Net *net, const RunControls *c)
{
    if (xc_size() == 1) return;
    RunControls got;
    run_controls_send(c);
    net_step(net);
    run_controls_take(&got);
}

/* ---- the consumers -------------------------------------------------------- */

int run_fanout(const RunFanout *f, const Step *st)
{
    if (f->rec && recorder_step(f->rec, st) != 0) return -1;
    if (f->scope) scope_step(f->scope, st);
    if (f->stats) stats_add(f->stats, st);
    if (f->runaway) run_runaway_step(f->runaway, st);
    return 0;
}

/* ---- the followers --------------------------------------------------------- */

/* Applies the controls process 0 sent with the last step; returns their
 * flags (RUN_CTL_STOP: the run ends; *failed: a restart's build did). */
static unsigned follow_controls(Net **net, NetParams *p, int *failed)
{
    RunControls c;
    run_controls_take(&c);
    if (c.flags & RUN_CTL_NOISE) {
        net_set_noise(*net, c.sigma_e, c.sigma_i);
        p->sigma_e = c.sigma_e;
        p->sigma_i = c.sigma_i;
    }
    if (c.flags & RUN_CTL_KNOBS) run_knobs_apply(*net, p, &c);
    if (c.flags & RUN_CTL_TRACE) net_set_trace(*net, c.trace);
    if (c.flags & RUN_CTL_RESTART) {
        NetParams q = *p;
        q.seed = c.seed;
        RunBuild b;
        int trace = net_trace(*net);
        Net *fresh = run_net_create(&q, &b);
        if (fresh) {
            net_destroy(*net);
            *net = fresh;
            *p = q;
            net_set_trace(*net, trace);
        } else {
            *failed = 1;
        }
    }
    return c.flags;
}

unsigned run_controls_apply(Net **net, NetParams *p, int *failed)
{
    return follow_controls(net, p, failed);
}

int run_follow(const NetParams *params, int trace, int64_t steps)
{
    RunBuild b;
    NetParams p = *params;
    Net *net = run_net_create(&p, &b);
    if (!net) return b.status;                  /* process 0 says why */
    net_set_trace(net, trace);
    int failed = 0;
    for (int64_t t = 0; steps < 0 || t < steps; t++) {
        net_step(net);
        if (follow_controls(&net, &p, &failed) & RUN_CTL_STOP) break;
    }
    net_destroy(net);
    return 0;
}
