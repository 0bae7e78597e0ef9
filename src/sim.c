/*
 * sim.c - the simulation thread (see sim.h for what crosses threads).
 *
 * Pacing: at speed s the thread keeps simulated time at anchor_t + s * (wall
 * time since anchor), stepping in batches of at most ~2 ms of wall time and
 * sleeping when ahead. When it falls more than LAG_WALL_MS behind it gives up
 * the backlog (re-anchors at now) and says it is lagging, so no backlog
 * builds up. It never blocks on the render loop: a full ring drops the
 * step's record and counts it.
 *
 * Controls: a network's live changes (noise, trace) have one path, one
 * process or many: they travel with the next step's exchange (exchange.h;
 * with one process exchange_single.c hands back what was sent) and are
 * applied after that step, by every process alike, and said as events
 * then. The step itself is run.h's: the source, its summary, the fan-out.
 */
#define _POSIX_C_SOURCE 200809L
#include "sim.h"
#include "thread.h"

#include "replay.h"
#include "run.h"
#include "schedule.h"
#include "clock.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH_WALL_NS 2000000LL     /* longest run of steps between control checks */
#define LAG_WALL_MS 100.0           /* behind by more than this much wall time: drop it */
#define LAG_CLEAR_NS 1000000000LL   /* lagging shown for at least 1 s */
#define FACTOR_EVERY_NS 250000000LL /* achieved speed measured over 1/4 s */
#define IDLE_NS 1000000L            /* sleep while paused */
#define PENDING_MAX 64              /* restart and event records waiting for room */
#define REC_MAX_WORDS (SIM_REC_HEADER + SIM_EVENT_WORDS)

typedef struct Pending { uint32_t w[REC_MAX_WORDS]; int n; } Pending;

struct Sim {
    SimControls ctl;
    SimStatus st;
    Ring *ring;
    RunSource src;                  /* the network, or a replayed file (run.h); the
                                     * simulation thread's while running */
    int64_t rend;                   /* a replay's end */
    NetParams params;               /* simulation thread's while running */
    Recorder rec;
    int have_rec;
    Pending pending[PENDING_MAX];   /* control records not yet in the ring, oldest first */
    int npending;
    pthread_t thread;
    int started;
    /* The live changes of a network travel with a step's exchange
     * (exchange.h; one process: sent is received) and are applied by every
     * process after that step: `post` collects them until the next step;
     * applied_*: the noise and trace as applied. `released`: the other
     * processes (MPI) were told to stop. */
    RunControls post;
    RunControls applied_knobs;      /* the knobs as applied (RUN_CTL_KNOBS' fields) */
    float applied_se, applied_si;
    int applied_trace;
    int posted[STEP_TRACE_MAX], n_posted;   /* the trace set as last posted */
    int released;
    /* --schedule (schedule.h, owned): its changes are posted with the step
     * before theirs, as live ones; sched_break: one of them (pause, speed,
     * restart) is for the loop to see before the next step */
    Schedule sched;
    int have_sched, sched_break;
};

/* clock.h's: a test can run the pacing on a clock of its own */
static int64_t now_ns(void) { return clock_now_ns(); }
static void sleep_ns(int64_t ns) { clock_sleep_ns(ns); }

static unsigned float_bits(float f)
{
    unsigned u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static float bits_float(unsigned u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

float sim_get_float(const atomic_uint *bits)
{
    return bits_float(atomic_load_explicit(bits, memory_order_relaxed));
}

void sim_set_noise(SimControls *c, float sigma_e, float sigma_i)
{
    atomic_store_explicit(&c->sigma_e_bits, float_bits(sigma_e), memory_order_relaxed);
    atomic_store_explicit(&c->sigma_i_bits, float_bits(sigma_i), memory_order_relaxed);
}

void sim_set_knobs(SimControls *c, const NetParams *p)
{
    atomic_store_explicit(&c->weight_e_bits, float_bits(p->weight_e), memory_order_relaxed);
    atomic_store_explicit(&c->weight_i_bits, float_bits(p->weight_i), memory_order_relaxed);
    atomic_store_explicit(&c->current_e_bits, float_bits(p->current_e), memory_order_relaxed);
    atomic_store_explicit(&c->current_i_bits, float_bits(p->current_i), memory_order_relaxed);
    atomic_store_explicit(&c->stim_on, p->stim_on != 0, memory_order_relaxed);
    atomic_store_explicit(&c->stim_from, p->stim_from, memory_order_relaxed);
    atomic_store_explicit(&c->stim_to, p->stim_to, memory_order_relaxed);
}

void sim_get_knobs(const SimControls *c, NetParams *p)
{
    p->weight_e = sim_get_float(&c->weight_e_bits);
    p->weight_i = sim_get_float(&c->weight_i_bits);
    p->current_e = sim_get_float(&c->current_e_bits);
    p->current_i = sim_get_float(&c->current_i_bits);
    p->stim_on = atomic_load_explicit(&c->stim_on, memory_order_relaxed);
    p->stim_from = atomic_load_explicit(&c->stim_from, memory_order_relaxed);
    p->stim_to = atomic_load_explicit(&c->stim_to, memory_order_relaxed);
}

/* The knobs of p as control words (RUN_CTL_KNOBS' fields). */
static RunControls knobs_of(const NetParams *p)
{
    return (RunControls){ .weight_e = p->weight_e, .weight_i = p->weight_i, .current_e = p->current_e,
                          .current_i = p->current_i, .stim_on = p->stim_on, .stim_from = p->stim_from,
                          .stim_to = p->stim_to };
}

/* What both kinds of Sim start with: controls, status, the recorder. */
static void sim_init(Sim *s, const NetParams *p, int trace_neuron, Recorder *rec)
{
    if (rec) { s->rec = *rec; s->have_rec = recorder_active(rec); memset(rec, 0, sizeof *rec); }
    SimControls *c = &s->ctl;
    atomic_init(&c->paused, 0);
    atomic_init(&c->step_requests, 0);
    atomic_init(&c->sigma_e_bits, float_bits(p->sigma_e));
    atomic_init(&c->sigma_i_bits, float_bits(p->sigma_i));
    atomic_init(&c->speed_exp, 0);
    atomic_init(&c->trace_neuron, trace_neuron);
    for (int j = 0; j < STEP_TRACE_MAX - 1; j++) atomic_init(&c->trace_more[j], -1);
    atomic_init(&c->trace_gen, 0);
    atomic_init(&c->restart_seed, p->seed);
    atomic_init(&c->restart_requests, 0);
    atomic_init(&c->quit, 0);
    atomic_init(&c->weight_e_bits, float_bits(p->weight_e));
    atomic_init(&c->weight_i_bits, float_bits(p->weight_i));
    atomic_init(&c->current_e_bits, float_bits(p->current_e));
    atomic_init(&c->current_i_bits, float_bits(p->current_i));
    atomic_init(&c->stim_on, p->stim_on != 0);
    atomic_init(&c->stim_from, p->stim_from);
    atomic_init(&c->stim_to, p->stim_to);
    s->applied_knobs = knobs_of(p);
    SimStatus *st = &s->st;
    atomic_init(&st->time_ms, 0);
    atomic_init(&st->factor_bits, float_bits(0.0f));
    atomic_init(&st->lagging, 0);
    atomic_init(&st->seed, p->seed);
    atomic_init(&st->recording, s->have_rec);
    atomic_init(&st->failed, 0);
    atomic_init(&st->rec_failed, 0);
    atomic_init(&st->ended, 0);
    atomic_init(&st->steps_total, 0);
}

Sim *sim_create(const NetParams *p, int ne, int trace_neuron, Recorder *rec, size_t ring_words, RunBuild *built)
{
    RunBuild b = { RUN_FAIL, 0, ENOMEM };
    Sim *s = calloc(1, sizeof *s);
    if (!s) { if (built) *built = b; errno = ENOMEM; return NULL; }
    s->params = *p;
    Net *net = run_net_create(p, &b);
    s->ring = ring_create(ring_words);
    if (net && !s->ring) b = (RunBuild){ RUN_FAIL, 0, ENOMEM };
    if (built) *built = b;
    if (!net || !s->ring) {
        net_destroy(net);
        ring_destroy(s->ring);
        free(s);
        errno = b.err;
        return NULL;
    }
    net_set_trace(net, trace_neuron);
    run_source_net(&s->src, net, ne);
    sim_init(s, p, trace_neuron, rec);
    return s;
}

Sim *sim_create_replay(Replay *r, int n, int ne, int64_t end_ms, Recorder *rec, size_t ring_words)
{
    Sim *s = calloc(1, sizeof *s);
    if (!s) { errno = ENOMEM; return NULL; }
    net_params_default(&s->params);
    s->params.n = n;
    s->params.sigma_e = s->params.sigma_i = 0.0f;
    s->rend = end_ms;
    s->ring = ring_create(ring_words);
    if (!s->ring || run_source_replay(&s->src, r, n, ne, 0) != 0) {
        run_source_free(&s->src);
        ring_destroy(s->ring);
        free(s);
        errno = ENOMEM;
        return NULL;
    }
    sim_init(s, &s->params, 0, rec);
    return s;
}

/* A replay at its end stops stepping (and says so) until R starts it again. */
static int replay_ended(Sim *s)
{
    if (!s->src.replay || s->src.rt < s->rend) return 0;
    atomic_store_explicit(&s->st.ended, 1, memory_order_relaxed);
    return 1;
}

/* Time of the next step, of the network or the replay. */
static int64_t src_time(const Sim *s) { return run_source_time(&s->src); }

/* Writes the waiting control records, oldest first, while they fit. */
static void flush_pending(Sim *s)
{
    int done = 0;
    while (done < s->npending &&
           ring_write(s->ring, s->pending[done].w, (size_t)s->pending[done].n, NULL, 0) == 0)
        done++;
    if (done) {
        memmove(s->pending, s->pending + done, (size_t)(s->npending - done) * sizeof *s->pending);
        s->npending -= done;
    }
}

/* Hands a control record (restart or event) to the ring, after any still
 * waiting. A restart makes every waiting record moot (the consumer forgets
 * the old network); a full queue of events drops the new one, counted. */
static void push_control(Sim *s, const uint32_t *w, int n)
{
    if (w[2] == SIM_REC_RESTART) s->npending = 0;
    flush_pending(s);
    if (s->npending == 0 && ring_write(s->ring, w, (size_t)n, NULL, 0) == 0) return;
    if (s->npending == PENDING_MAX) { ring_note_drop(s->ring, 1); return; }
    memcpy(s->pending[s->npending].w, w, (size_t)n * sizeof *w);
    s->pending[s->npending++].n = n;
}

/* A live change that takes effect at the next step: to the ring and the
 * --events recording. */
static void emit_event(Sim *s, EventKind kind, float before, float after)
{
    int64_t t = src_time(s);
    uint32_t w[REC_MAX_WORDS] = { (uint32_t)t, (uint32_t)((uint64_t)t >> 32), SIM_REC_EVENT, (uint32_t)kind, 0,
                                  float_bits(before), float_bits(after) };
    push_control(s, w, REC_MAX_WORDS);
    if (s->have_rec) {
        Event e = { .t_ms = t, .kind = kind, .before = before, .after = after };
        recorder_event(&s->rec, &e);
    }
}

/* A change to send with the next step (noise and trace words carry the
 * whole target value, so later changes overwrite earlier ones). */
static void post_noise(Sim *s, float se, float si)
{
    s->post.flags |= RUN_CTL_NOISE;
    s->post.sigma_e = se;
    s->post.sigma_i = si;
}

static void post_knobs(Sim *s, const NetParams *p)
{
    const unsigned flags = s->post.flags;
    RunControls k = knobs_of(p);
    s->post.weight_e = k.weight_e;
    s->post.weight_i = k.weight_i;
    s->post.current_e = k.current_e;
    s->post.current_i = k.current_i;
    s->post.stim_on = k.stim_on;
    s->post.stim_from = k.stim_from;
    s->post.stim_to = k.stim_to;
    s->post.flags = flags | RUN_CTL_KNOBS;
}

/* The traced neurons set to ids: posted as the change from the last
 * posted set (run_traces_post: a click's add, or a whole new set). */
static void post_traces(Sim *s, const int *ids, int k)
{
    run_traces_post(&s->post, s->posted, s->n_posted, ids, k);
    memcpy(s->posted, ids, (size_t)k * sizeof *ids);
    s->n_posted = k;
}

/* A whole set posted (a restart's: every process starts with it). */
static void post_traces_whole(Sim *s, const int *ids, int k)
{
    s->n_posted = 0;
    post_traces(s, ids, k);
}


void sim_set_traces(SimControls *c, const int *ids, int k)
{
    if (k < 1) return;
    if (k > STEP_TRACE_MAX) k = STEP_TRACE_MAX;
    atomic_store_explicit(&c->trace_neuron, ids[0], memory_order_relaxed);
    for (int j = 1; j < STEP_TRACE_MAX; j++)
        atomic_store_explicit(&c->trace_more[j - 1], j < k ? ids[j] : -1, memory_order_relaxed);
    atomic_fetch_add_explicit(&c->trace_gen, 1, memory_order_release);
}

/* A seqlock of atomics: a set read while it is written is read again. */
int sim_get_traces(SimControls *c, int ids[STEP_TRACE_MAX])
{
    int k;
    for (int tries = 0;; tries++) {
        const unsigned g = atomic_load_explicit(&c->trace_gen, memory_order_acquire);
        ids[0] = atomic_load_explicit(&c->trace_neuron, memory_order_relaxed);
        k = 1;
        for (int j = 0; j < STEP_TRACE_MAX - 1; j++) {
            const int id = atomic_load_explicit(&c->trace_more[j], memory_order_relaxed);
            if (id >= 0 && k == j + 1) ids[k++] = id;
        }
        atomic_thread_fence(memory_order_acquire);
        if (atomic_load_explicit(&c->trace_gen, memory_order_relaxed) == g || tries > 100) break;
    }
    return k;
}

/* After a step: what process 0 sent with it, applied here as by every
 * process (run_follow), said as events at the step it first acts on. */
static void apply_controls(Sim *s)
{
    RunControls c;
    run_controls_take(&c);
    Net *net = s->src.net;
    if (c.flags & RUN_CTL_NOISE) {
        const float se = c.sigma_e, si = c.sigma_i;
        if (se != s->applied_se) emit_event(s, EVENT_NOISE_E, s->applied_se, se);
        if (si != s->applied_si) emit_event(s, EVENT_NOISE_I, s->applied_si, si);
        s->applied_se = se;
        s->applied_si = si;
        net_set_noise(net, se, si);
    }
    if (c.flags & RUN_CTL_KNOBS) {
        const RunControls *a = &s->applied_knobs;
        if (c.weight_e != a->weight_e) emit_event(s, EVENT_WEIGHT_E, a->weight_e, c.weight_e);
        if (c.weight_i != a->weight_i) emit_event(s, EVENT_WEIGHT_I, a->weight_i, c.weight_i);
        if (c.current_e != a->current_e) emit_event(s, EVENT_CURRENT_E, a->current_e, c.current_e);
        if (c.current_i != a->current_i) emit_event(s, EVENT_CURRENT_I, a->current_i, c.current_i);
        if ((c.stim_on != 0) != (a->stim_on != 0)) emit_event(s, EVENT_STIM, (float)a->stim_on, (float)c.stim_on);
        if (c.stim_from != a->stim_from) emit_event(s, EVENT_STIM_FROM, (float)a->stim_from, (float)c.stim_from);
        if (c.stim_to != a->stim_to) emit_event(s, EVENT_STIM_TO, (float)a->stim_to, (float)c.stim_to);
        run_knobs_apply(net, &s->params, &c);
        s->applied_knobs = knobs_of(&s->params);
    }
    if (c.flags & (RUN_CTL_TRACE | RUN_CTL_TRACE_ADD)) {
        /* said as the changes a --schedule makes again: trace_neuron (that
         * one alone), then each neuron added (trace_add) */
        const StepTraces before = *net_traces(net);
        if (run_traces_apply(net, &c) == 0) {
            if ((c.flags & RUN_CTL_TRACE) && (before.k != 1 || before.neuron[0] != c.trace))
                emit_event(s, EVENT_TRACE, (float)s->applied_trace, (float)c.trace);
            RunControls one = { .flags = c.flags & RUN_CTL_TRACE, .trace = c.trace };
            int ids[STEP_TRACE_MAX];
            memcpy(ids, before.neuron, sizeof ids);
            int k = run_traces_after(&one, ids, before.k);
            for (int a = 0; (c.flags & RUN_CTL_TRACE_ADD) && a < c.n_add; a++) {
                int have = 0;
                for (int j = 0; j < k; j++) have |= ids[j] == c.add[a];
                if (have) continue;
                emit_event(s, EVENT_TRACE_ADD, (float)k, (float)c.add[a]);
                one = (RunControls){ .flags = RUN_CTL_TRACE_ADD, .n_add = 1, .add = { c.add[a] } };
                k = run_traces_after(&one, ids, k);
            }
        }
        s->applied_trace = net_trace(net);
    }
}

/* Tells the other processes (MPI) to stop (once); the network stays. */
static void release(Sim *s)
{
    if (!s->src.net || s->released) return;
    s->released = 1;
    run_controls_now(s->src.net, &(const RunControls){ .flags = RUN_CTL_STOP });
}

/* The schedule's changes at the step after the next (t + 1): posted
 * with the next step (t), as a live change, applied after it; the
 * controls show them as if pressed (the simulation thread writes them
 * here too: a key pressed at that instant may be lost). pause, speed and
 * restart are the loop's: it stops the batch to see them. */
static void schedule_step(Sim *s)
{
    SimControls *c = &s->ctl;
    const int64_t t = src_time(s) + 1;
    int paused = atomic_load_explicit(&c->paused, memory_order_relaxed), pz = paused;
    int speed = atomic_load_explicit(&c->speed_exp, memory_order_relaxed), sp = speed;
    RunControls got = s->post;
    NetParams now = s->params;               /* the knobs as applied */
    now.sigma_e = s->applied_se;
    now.sigma_i = s->applied_si;
    if (!schedule_post(&s->sched, t, &got, &now, &pz, &sp)) return;
    /* a restart is the loop's (restart() tells every process); the rest
     * goes with the next step as it is */
    s->post = got;
    s->post.flags &= ~(unsigned)RUN_CTL_RESTART;
    /* the controls show it (a new kind: its line here) */
    if (got.flags & RUN_CTL_NOISE) sim_set_noise(c, got.sigma_e, got.sigma_i);
    if (got.flags & (RUN_CTL_TRACE | RUN_CTL_TRACE_ADD)) {
        int ids[STEP_TRACE_MAX];
        memcpy(ids, s->posted, sizeof ids);
        s->n_posted = run_traces_after(&got, ids, s->n_posted);
        memcpy(s->posted, ids, sizeof ids);
        sim_set_traces(c, ids, s->n_posted);
    }
    if (got.flags & RUN_CTL_KNOBS) {
        NetParams k = now;
        k.weight_e = got.weight_e;
        k.weight_i = got.weight_i;
        k.current_e = got.current_e;
        k.current_i = got.current_i;
        k.stim_on = got.stim_on;
        k.stim_from = got.stim_from;
        k.stim_to = got.stim_to;
        sim_set_knobs(c, &k);
    }
    if (got.flags & RUN_CTL_RESTART) {
        atomic_store_explicit(&c->restart_seed, got.seed, memory_order_relaxed);
        atomic_fetch_add_explicit(&c->restart_requests, 1, memory_order_release);
        s->sched_break = 1;
    }
    if (pz != paused) { atomic_store_explicit(&c->paused, pz, memory_order_relaxed); s->sched_break = 1; }
    if (sp != speed) { atomic_store_explicit(&c->speed_exp, sp, memory_order_relaxed); s->sched_break = 1; }
}

/* The step's traced neurons as ring words (sim.h): a replay's one trace
 * has no u or I. */
static void trace_words(const Step *st, uint32_t *w)
{
    StepTraces one = { .k = 1, .neuron = { st->trace }, .v = { st->v }, .u = { NAN }, .i = { NAN } };
    const StepTraces *tr = st->traces ? st->traces : &one;
    w[0] = (uint32_t)tr->k;
    for (int j = 0; j < STEP_TRACE_MAX; j++) {
        uint32_t *p = w + 1 + 4 * j;
        p[0] = j < tr->k ? (uint32_t)tr->neuron[j] : 0;
        p[1] = float_bits(j < tr->k ? tr->v[j] : NAN);
        p[2] = float_bits(j < tr->k ? tr->u[j] : NAN);
        p[3] = float_bits(j < tr->k ? tr->i[j] : NAN);
    }
}

/* One step: advance, record, hand to the render loop. */
static void do_step(Sim *s)
{
    Step st;
    if (s->src.replay) {
        s->src.trace = atomic_load_explicit(&s->ctl.trace_neuron, memory_order_relaxed);
    } else {
        if (s->have_sched) schedule_step(s);
        run_controls_send(&s->post);
        memset(&s->post, 0, sizeof s->post);
    }
    run_source_step(&s->src, &st);
    const RunFanout out = { .rec = s->have_rec ? &s->rec : NULL };
    if (run_fanout(&out, &st) != 0) {
        /* a full disk: the files are cut back to the last whole step; say so */
        recorder_failure(&s->rec, s->st.rec_error, sizeof s->st.rec_error, &s->st.rec_good_t);
        s->have_rec = 0;
        atomic_store_explicit(&s->st.recording, 0, memory_order_relaxed);
        atomic_store_explicit(&s->st.rec_failed, 1, memory_order_release);
    }
    if (s->npending) flush_pending(s);
    const int64_t t = st.t;
    uint32_t head[SIM_REC_HEADER + SIM_TRACE_WORDS] = { (uint32_t)t, (uint32_t)((uint64_t)t >> 32),
                                                        (uint32_t)st.count, float_bits(st.v), (uint32_t)st.count_e };
    trace_words(&st, head + SIM_REC_HEADER);
    if (s->npending || ring_write(s->ring, head, SIM_REC_HEADER + SIM_TRACE_WORDS, (const uint32_t *)st.spikes,
                                  (size_t)st.count) != 0)
        ring_note_drop(s->ring, (uint64_t)st.count + 1);   /* the spikes and the trace sample */
    atomic_store_explicit(&s->st.time_ms, t + 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->st.steps_total, 1, memory_order_relaxed);
    if (!s->src.replay) apply_controls(s);
}

/* Restart: a new network with the requested seed and the live noise. */
static void restart(Sim *s)
{
    if (s->src.replay) {            /* a replay starts again from its first ms */
        s->have_rec = 0;
        atomic_store_explicit(&s->st.recording, 0, memory_order_relaxed);
        run_source_rewind(&s->src);
        atomic_store_explicit(&s->st.time_ms, 0, memory_order_relaxed);
        atomic_store_explicit(&s->st.ended, 0, memory_order_relaxed);
        uint32_t marker[SIM_REC_HEADER] = { 0, 0, SIM_REC_RESTART, 0 };
        push_control(s, marker, SIM_REC_HEADER);
        atomic_fetch_add_explicit(&s->st.restarts, 1, memory_order_relaxed);
        return;
    }
    /* a schedule is the first network's, as the recordings are */
    s->have_sched = 0;
    NetParams p = s->params;
    p.seed = atomic_load_explicit(&s->ctl.restart_seed, memory_order_relaxed);
    p.sigma_e = sim_get_float(&s->ctl.sigma_e_bits);
    p.sigma_i = sim_get_float(&s->ctl.sigma_i_bits);
    sim_get_knobs(&s->ctl, &p);
    /* every other process (MPI) builds the new network at once, with this
     * noise, knobs and trace; here it starts with them: nothing waits */
    post_noise(s, p.sigma_e, p.sigma_i);
    post_knobs(s, &p);
    int ids[STEP_TRACE_MAX];
    const int k = sim_get_traces(&s->ctl, ids);
    post_traces_whole(s, ids, k);
    s->post.flags |= RUN_CTL_RESTART;
    s->post.seed = p.seed;
    run_controls_now(s->src.net, &s->post);
    memset(&s->post, 0, sizeof s->post);
    RunBuild built;
    Net *fresh = run_net_create(&p, &built);
    if (!fresh) {
        atomic_store_explicit(&s->st.failed, 1, memory_order_relaxed);
        return;
    }
    /* a recording covers one network from t = 0: it ends at a restart,
     * the events file with the restart itself */
    if (s->have_rec) {
        Event e = { .t_ms = net_time(s->src.net), .kind = EVENT_RESTART, .after = (double)p.seed, .seed = p.seed };
        recorder_event(&s->rec, &e);
    }
    net_destroy(s->src.net);
    s->src.net = fresh;
    s->params = p;
    net_set_traces(fresh, ids, k);
    s->applied_se = p.sigma_e;
    s->applied_si = p.sigma_i;
    s->applied_knobs = knobs_of(&p);
    s->applied_trace = net_trace(fresh);
    s->have_rec = 0;
    atomic_store_explicit(&s->st.recording, 0, memory_order_relaxed);
    atomic_store_explicit(&s->st.seed, p.seed, memory_order_relaxed);
    atomic_store_explicit(&s->st.time_ms, 0, memory_order_relaxed);
    /* The marker must arrive before the new network's steps, or the render
     * loop would mix two networks; if the ring is full, steps are dropped
     * (and counted) until it fits: the simulation does not wait. */
    uint32_t marker[SIM_REC_HEADER] = { (uint32_t)p.seed, (uint32_t)(p.seed >> 32), SIM_REC_RESTART, 0 };
    push_control(s, marker, SIM_REC_HEADER);
    atomic_fetch_add_explicit(&s->st.restarts, 1, memory_order_relaxed);
}

static void *run(void *arg)
{
    Sim *s = arg;
    SimControls *c = &s->ctl;
    unsigned seen_restarts = 0;
    /* the controls as applied: a difference is a live change */
    float se = sim_get_float(&c->sigma_e_bits), si = sim_get_float(&c->sigma_i_bits);
    int speed = atomic_load_explicit(&c->speed_exp, memory_order_relaxed);
    int paused = atomic_load_explicit(&c->paused, memory_order_relaxed);
    int ids0[STEP_TRACE_MAX];
    const int k0 = sim_get_traces(c, ids0);
    int was_paused = 1;
    NetParams knobs = s->params;            /* the knobs as last posted */
    sim_get_knobs(c, &knobs);
    Net *net0 = s->src.net;
    if (net0) {
        net_set_noise(net0, se, si);
        net_set_traces(net0, ids0, k0);
        memcpy(s->posted, ids0, sizeof ids0);
        s->n_posted = k0;
        /* as applied (MPI: the others start with the same: their options are ours) */
        s->applied_se = se;
        s->applied_si = si;
        s->applied_trace = net_trace(net0);
    }
    int64_t anchor_ns = 0, anchor_t = 0, mark_ns = now_ns(), mark_t = 0, lag_ns = 0;
    while (!atomic_load_explicit(&c->quit, memory_order_relaxed)) {
        s->sched_break = 0;
        unsigned rr = atomic_load_explicit(&c->restart_requests, memory_order_acquire);
        if (rr != seen_restarts) {
            seen_restarts = rr;
            restart(s);
            se = s->params.sigma_e;             /* the new network's, not a change */
            si = s->params.sigma_i;
            knobs = s->params;
            was_paused = 1;                     /* re-anchor */
            mark_t = 0;
            mark_ns = now_ns();
        }
        float nse = sim_get_float(&c->sigma_e_bits), nsi = sim_get_float(&c->sigma_i_bits);
        if (!s->src.replay) {       /* a replay has no noise and no v to trace */
            /* with the next step's exchange; events when applied (apply_controls) */
            if (nse != se || nsi != si) {
                se = nse; si = nsi;
                post_noise(s, se, si);
            }
            NetParams nk = knobs;
            sim_get_knobs(c, &nk);
            if (nk.weight_e != knobs.weight_e || nk.weight_i != knobs.weight_i || nk.current_e != knobs.current_e ||
                nk.current_i != knobs.current_i || nk.stim_on != knobs.stim_on || nk.stim_from != knobs.stim_from ||
                nk.stim_to != knobs.stim_to) {
                knobs = nk;
                post_knobs(s, &knobs);
            }
            int ids[STEP_TRACE_MAX];
            const int k = sim_get_traces(c, ids);
            if (k != s->n_posted || memcmp(ids, s->posted, (size_t)k * sizeof *ids) != 0) post_traces(s, ids, k);
        }
        int sp = atomic_load_explicit(&c->speed_exp, memory_order_relaxed);
        if (sp != speed) { emit_event(s, EVENT_SPEED, (float)speed, (float)sp); speed = sp; was_paused = 1; }
        int pz = atomic_load_explicit(&c->paused, memory_order_relaxed);
        if (pz != paused) { emit_event(s, EVENT_PAUSED, (float)paused, (float)pz); paused = pz; }

        int64_t now = now_ns();
        if (now - mark_ns >= FACTOR_EVERY_NS) {
            int64_t t = src_time(s);
            float f = (float)((double)(t - mark_t) * 1e6 / (double)(now - mark_ns));
            atomic_store_explicit(&s->st.factor_bits, float_bits(f), memory_order_relaxed);
            mark_t = t;
            mark_ns = now;
        }
        if (lag_ns && now - lag_ns > LAG_CLEAR_NS) {
            lag_ns = 0;
            atomic_store_explicit(&s->st.lagging, 0, memory_order_relaxed);
        }

        if (paused || replay_ended(s)) {
            int req = atomic_exchange_explicit(&c->step_requests, 0, memory_order_relaxed);
            for (int i = 0; i < req && !s->sched_break; i++) do_step(s);
            if (!req) sleep_ns(IDLE_NS);
            was_paused = 1;
            continue;
        }
        atomic_store_explicit(&c->step_requests, 0, memory_order_relaxed);
        if (was_paused) {
            anchor_ns = now;
            anchor_t = src_time(s);
            was_paused = 0;
        }
        if (speed >= SIM_SPEED_FASTEST) {
            /* as fast as possible: batches of ~2 ms, then look at the controls */
            do {
                for (int i = 0; i < 8 && !replay_ended(s) && !s->sched_break; i++) do_step(s);
            } while (now_ns() - now < BATCH_WALL_NS && !replay_ended(s) && !s->sched_break);
            continue;
        }
        double ms_per_ns = (speed >= 0 ? (double)(1 << speed) : 1.0 / (double)(1 << -speed)) / 1e6;
        int64_t t = src_time(s);
        int64_t due = anchor_t + (int64_t)((double)(now - anchor_ns) * ms_per_ns);
        if ((double)(due - t) / (ms_per_ns * 1e6) > LAG_WALL_MS) {
            /* cannot keep up: forget the backlog, say so */
            lag_ns = now;
            atomic_store_explicit(&s->st.lagging, 1, memory_order_relaxed);
            anchor_ns = now;
            anchor_t = t;
            due = t + 1;
        }
        if (due <= t) {
            /* ahead: sleep until the next step is due (at most 1 ms at a time) */
            int64_t wake = anchor_ns + (int64_t)((double)(t + 1 - anchor_t) / ms_per_ns);
            int64_t wait = wake - now;
            sleep_ns(wait < IDLE_NS ? wait : IDLE_NS);
            continue;
        }
        while (src_time(s) < due && !replay_ended(s) && !s->sched_break) {
            do_step(s);
            if ((src_time(s) & 7) == 0 && now_ns() - now > BATCH_WALL_NS) break;
        }
    }
    release(s);
    return NULL;
}

SimRecordKind sim_read(Ring *r, SimRecord *out, int32_t *spikes)
{
    uint32_t h[SIM_REC_HEADER];
    if (ring_readable(r) < SIM_REC_HEADER) return SIM_NONE;
    ring_peek(r, 0, h, SIM_REC_HEADER);
    memset(out, 0, sizeof *out);
    int64_t t = (int64_t)((uint64_t)h[0] | ((uint64_t)h[1] << 32));
    if (h[2] == SIM_REC_RESTART) {
        ring_consume(r, SIM_REC_HEADER);
        out->kind = SIM_RESTART;
        out->seed = (uint64_t)t;
        return SIM_RESTART;
    }
    if (h[2] == SIM_REC_EVENT) {
        uint32_t p[SIM_EVENT_WORDS];
        ring_peek(r, SIM_REC_HEADER, p, SIM_EVENT_WORDS);
        ring_consume(r, SIM_REC_HEADER + SIM_EVENT_WORDS);
        out->kind = SIM_EVENT;
        out->t = t;
        out->event.t_ms = t;
        out->event.kind = (EventKind)h[3];
        out->event.before = bits_float(p[0]);
        out->event.after = bits_float(p[1]);
        return SIM_EVENT;
    }
    /* ring_write puts a record in whole, so its traces and spikes are there too */
    uint32_t w[SIM_TRACE_WORDS];
    ring_peek(r, SIM_REC_HEADER, w, SIM_TRACE_WORDS);
    ring_peek(r, SIM_REC_HEADER + SIM_TRACE_WORDS, (uint32_t *)spikes, h[2]);
    ring_consume(r, SIM_REC_HEADER + SIM_TRACE_WORDS + h[2]);
    out->kind = SIM_STEP;
    out->t = t;
    StepTraces *tr = &out->traces;
    tr->k = w[0] >= 1 && w[0] <= STEP_TRACE_MAX ? (int)w[0] : 1;
    for (int j = 0; j < STEP_TRACE_MAX; j++) {
        tr->neuron[j] = (int)w[1 + 4 * j];
        tr->v[j] = bits_float(w[2 + 4 * j]);
        tr->u[j] = bits_float(w[3 + 4 * j]);
        tr->i[j] = bits_float(w[4 + 4 * j]);
    }
    out->step = (Step){ .t = t, .spikes = spikes, .count = (int)h[2], .count_e = (int)h[4], .trace = tr->neuron[0],
                        .v = bits_float(h[3]), .traces = tr };
    return SIM_STEP;
}

int sim_start(Sim *s)
{
    if (s->started) return 0;
    int rc = thread_start(&s->thread, run, s);
    if (rc != 0) return rc;
    s->started = 1;
    return 0;
}

void sim_stop(Sim *s)
{
    if (!s || !s->started) return;
    atomic_store_explicit(&s->ctl.quit, 1, memory_order_relaxed);
    pthread_join(s->thread, NULL);
    s->started = 0;
}

void sim_destroy(Sim *s)
{
    if (!s) return;
    sim_stop(s);
    release(s);         /* a thread never started: the others still step */
    recorder_abort(&s->rec);
    schedule_free(&s->sched);
    run_source_free(&s->src);
    ring_destroy(s->ring);
    free(s);
}

SimControls *sim_controls(Sim *s) { return &s->ctl; }
const SimStatus *sim_status(const Sim *s) { return &s->st; }
Ring *sim_ring(Sim *s) { return s->ring; }
Recorder *sim_recorder(Sim *s) { return &s->rec; }

void sim_set_schedule(Sim *s, Schedule *sched)
{
    s->sched = *sched;
    memset(sched, 0, sizeof *sched);
    s->have_sched = s->src.net != NULL && s->sched.n > 0;
    /* pause and speed at 0 ms: before the first step */
    int paused = 0, speed = atomic_load_explicit(&s->ctl.speed_exp, memory_order_relaxed);
    RunControls none = { 0 };
    schedule_post(&s->sched, 0, &none, &s->params, &paused, &speed);
    atomic_store_explicit(&s->ctl.paused, paused, memory_order_relaxed);
    atomic_store_explicit(&s->ctl.speed_exp, speed, memory_order_relaxed);
}
