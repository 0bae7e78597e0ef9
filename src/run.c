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

/* ---- the controls' words: flags; the two noises' float bits; the trace
 * and the first add (word 2), the others (words 8, 9; -1: none); the seed */

static uint64_t pair_word(int lo, int hi) { return (uint64_t)(uint32_t)lo | (uint64_t)(uint32_t)hi << 32; }

static int add_of(const RunControls *c, int j) { return j < c->n_add ? c->add[j] : -1; }

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
    const uint64_t w[XC_CONTROL_WORDS] = { c->flags, (uint64_t)e | (uint64_t)i << 32, pair_word(c->trace, add_of(c, 0)),
                                           c->seed, (uint64_t)ge | (uint64_t)gi << 32,
                                           (uint64_t)je | (uint64_t)ji << 32, (uint64_t)(uint32_t)c->stim_on,
                                           (uint64_t)(uint32_t)c->stim_from | (uint64_t)(uint32_t)c->stim_to << 32,
                                           pair_word(add_of(c, 1), add_of(c, 2)), pair_word(add_of(c, 3), -1) };
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
    const int add[STEP_TRACE_MAX] = { (int)(uint32_t)(w[2] >> 32), (int)(uint32_t)w[8], (int)(uint32_t)(w[8] >> 32),
                                      (int)(uint32_t)w[9] };
    c->n_add = 0;
    for (int j = 0; j < STEP_TRACE_MAX && add[j] >= 0; j++) c->add[c->n_add++] = add[j];
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
    if (c.flags & (RUN_CTL_TRACE | RUN_CTL_TRACE_ADD)) run_traces_apply(*net, &c);
    if (c.flags & RUN_CTL_RESTART) {
        NetParams q = *p;
        q.seed = c.seed;
        RunBuild b;
        const StepTraces tr = *net_traces(*net);
        Net *fresh = run_net_create(&q, &b);
        if (fresh) {
            net_destroy(*net);
            *net = fresh;
            *p = q;
            net_set_traces(*net, tr.neuron, tr.k);
        } else {
            *failed = 1;
        }
    }
    return c.flags;
}

int run_traces_after(const RunControls *c, int ids[STEP_TRACE_MAX], int k)
{
    if (c->flags & RUN_CTL_TRACE) { ids[0] = c->trace; k = 1; }
    if (!(c->flags & RUN_CTL_TRACE_ADD)) return k;
    for (int a = 0; a < c->n_add && a < STEP_TRACE_MAX; a++) {
        int have = 0;
        for (int j = 0; j < k; j++) have |= ids[j] == c->add[a];
        if (have) continue;
        if (k == STEP_TRACE_MAX) {
            memmove(ids, ids + 1, (STEP_TRACE_MAX - 1) * sizeof *ids);
            k--;
        }
        ids[k++] = c->add[a];
    }
    return k;
}

int run_traces_apply(Net *net, const RunControls *c)
{
    const StepTraces *now = net_traces(net);
    int ids[STEP_TRACE_MAX];
    memcpy(ids, now->neuron, sizeof ids);
    const int k = run_traces_after(c, ids, now->k);
    return net_set_traces(net, ids, k);
}

void run_traces_post(RunControls *c, const int *old, int k_old, const int *ids, int k)
{
    if (k < 1) return;
    /* one neuron added: old (its oldest dropped when full) then ids[k - 1] */
    int add_one = k_old >= 1 && (k == k_old + 1 || (k == STEP_TRACE_MAX && k_old == STEP_TRACE_MAX));
    const int drop = k == k_old ? 1 : 0;
    for (int j = 0; add_one && j < k - 1; j++) add_one = old[j + drop] == ids[j];
    for (int j = 0; add_one && j < k_old; j++) add_one = old[j] != ids[k - 1];
    if (!add_one) {
        c->flags |= RUN_CTL_TRACE;
        c->flags &= ~(unsigned)RUN_CTL_TRACE_ADD;
        c->trace = ids[0];
        c->n_add = 0;
    }
    for (int j = add_one ? k - 1 : 1; j < k; j++) {
        if (c->n_add == STEP_TRACE_MAX) {          /* the oldest add would be dropped by the later ones */
            memmove(c->add, c->add + 1, (STEP_TRACE_MAX - 1) * sizeof *c->add);
            c->n_add--;
        }
        c->add[c->n_add++] = ids[j];
        c->flags |= RUN_CTL_TRACE_ADD;
    }
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
