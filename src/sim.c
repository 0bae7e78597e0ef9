/*
 * sim.c - the simulation thread (see sim.h for what crosses threads).
 *
 * Pacing: at speed s the thread keeps simulated time at anchor_t + s * (wall
 * time since anchor), stepping in batches of at most ~2 ms of wall time and
 * sleeping when ahead. When it falls more than LAG_WALL_MS behind it gives up
 * the backlog (re-anchors at now) and says it is lagging, so no backlog
 * builds up. It never blocks on the render loop: a full ring drops the
 * step's record and counts it.
 */
#define _POSIX_C_SOURCE 200809L
#include "sim.h"

#include "replay.h"
#include "app.h"
#include "exchange.h"
#include "clock.h"

#include <errno.h>
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
    Net *net;                       /* simulation thread's while running; NULL when replaying */
    Replay *replay;                 /* a replayed file instead of a network (not owned) */
    int32_t *rbuf;                  /* a replayed step's spikes */
    int64_t rt;                     /* the replay's next ms */
    int64_t rend;                   /* and its end */
    int rn;                         /* neurons on the replay's axis */
    NetParams params;               /* simulation thread's while running */
    Recorder rec;
    int have_rec;
    Pending pending[PENDING_MAX];   /* control records not yet in the ring, oldest first */
    int npending;
    pthread_t thread;
    int started;
    /* With MPI (exchange.h) the live changes are sent to the other
     * processes with a step's exchange and applied by all after it: `post`
     * collects them until the next step; the applied noise and trace are
     * the simulation thread's. `released`: the others were told to stop. */
    int mpi;
    AppControls post;
    float mpi_se, mpi_si;
    int mpi_trace;
    int released;
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
    atomic_init(&c->restart_seed, p->seed);
    atomic_init(&c->restart_requests, 0);
    atomic_init(&c->quit, 0);
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

Sim *sim_create(const NetParams *p, int trace_neuron, Recorder *rec, size_t ring_words)
{
    Sim *s = calloc(1, sizeof *s);
    if (!s) { errno = ENOMEM; return NULL; }
    s->params = *p;
    s->mpi = xc_size() > 1;
    int who;
    s->net = app_net_create(p, &who);
    s->ring = ring_create(ring_words);
    if (!s->net || !s->ring) {
        int e = s->net ? ENOMEM : errno;
        net_destroy(s->net);
        ring_destroy(s->ring);
        free(s);
        errno = e;
        return NULL;
    }
    net_set_trace(s->net, trace_neuron);
    sim_init(s, p, trace_neuron, rec);
    return s;
}

Sim *sim_create_replay(Replay *r, int n, int64_t end_ms, Recorder *rec, size_t ring_words)
{
    Sim *s = calloc(1, sizeof *s);
    if (!s) { errno = ENOMEM; return NULL; }
    net_params_default(&s->params);
    s->params.n = n;
    s->params.sigma_e = s->params.sigma_i = 0.0f;
    s->replay = r;
    s->rend = end_ms;
    s->rn = n;
    s->rbuf = malloc((size_t)n * sizeof *s->rbuf);
    s->ring = ring_create(ring_words);
    if (!s->rbuf || !s->ring) {
        free(s->rbuf);
        ring_destroy(s->ring);
        free(s);
        errno = ENOMEM;
        return NULL;
    }
    r->at = 0;
    sim_init(s, &s->params, 0, rec);
    return s;
}

/* A replay at its end stops stepping (and says so) until R starts it again. */
static int replay_ended(Sim *s)
{
    if (!s->replay || s->rt < s->rend) return 0;
    atomic_store_explicit(&s->st.ended, 1, memory_order_relaxed);
    return 1;
}

/* Time of the next step, of the network or the replay. */
static int64_t src_time(const Sim *s) { return s->replay ? s->rt : net_time(s->net); }

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
    uint32_t w[REC_MAX_WORDS] = { (uint32_t)t, (uint32_t)((uint64_t)t >> 32), SIM_REC_EVENT, (uint32_t)kind,
                                  float_bits(before), float_bits(after) };
    push_control(s, w, REC_MAX_WORDS);
    if (s->have_rec) {
        Event e = { .t_ms = t, .kind = kind, .before = before, .after = after };
        recorder_event(&s->rec, &e);
    }
}

/* MPI: a change to send with the next step (noise and trace words carry
 * the whole target value, so later changes overwrite earlier ones). */
static void mpi_post_noise(Sim *s, float se, float si)
{
    s->post.flags |= APP_CTL_NOISE;
    s->post.sigma_e = se;
    s->post.sigma_i = si;
}

static void mpi_post_trace(Sim *s, int trace)
{
    s->post.flags |= APP_CTL_TRACE;
    s->post.trace = trace;
}

/* MPI, after a step: what process 0 sent with it, applied here as by every
 * process (app_follow), said as events at the step it first acts on. */
static void mpi_apply(Sim *s)
{
    AppControls c;
    app_controls_take(&c);
    if (c.flags & APP_CTL_NOISE) {
        const float se = c.sigma_e, si = c.sigma_i;
        if (se != s->mpi_se) emit_event(s, EVENT_NOISE_E, s->mpi_se, se);
        if (si != s->mpi_si) emit_event(s, EVENT_NOISE_I, s->mpi_si, si);
        s->mpi_se = se;
        s->mpi_si = si;
        net_set_noise(s->net, se, si);
    }
    if (c.flags & APP_CTL_TRACE) {
        const int tr = c.trace;
        net_set_trace(s->net, tr);
        if (net_trace(s->net) == tr && tr != s->mpi_trace) emit_event(s, EVENT_TRACE, (float)s->mpi_trace, (float)tr);
        s->mpi_trace = net_trace(s->net);
    }
}

/* MPI: one step nobody sees (not recorded, not drawn), to carry words that
 * cannot wait for the next real step: a restart, the end. */
static void mpi_raw_step(Sim *s, const AppControls *c)
{
    AppControls got;
    app_controls_send(c);
    net_step(s->net);
    app_controls_take(&got);
}

/* MPI: tells the other processes to stop (once); the network stays. */
static void mpi_release(Sim *s)
{
    if (!s->mpi || !s->net || s->released) return;
    s->released = 1;
    mpi_raw_step(s, &(const AppControls){ .flags = APP_CTL_STOP });
}

/* One step: advance, record, hand to the render loop. */
static void do_step(Sim *s)
{
    int64_t t = src_time(s);
    int ns, trace;
    const int32_t *sp;
    float v;
    if (s->replay) {
        ns = replay_step(s->replay, t, s->rn, s->rbuf, &v);
        sp = s->rbuf;
        trace = atomic_load_explicit(&s->ctl.trace_neuron, memory_order_relaxed);
        s->rt++;
    } else {
        if (s->mpi) {
            app_controls_send(&s->post);
            memset(&s->post, 0, sizeof s->post);
        }
        ns = net_step(s->net);
        sp = net_spikes(s->net);
        v = net_trace_v(s->net);
        trace = net_trace(s->net);
    }
    if (s->have_rec && recorder_step(&s->rec, t, sp, ns, trace, v) != 0) {
        /* a full disk: the files are cut back to the last whole step; say so */
        recorder_failure(&s->rec, s->st.rec_error, sizeof s->st.rec_error, &s->st.rec_good_t);
        s->have_rec = 0;
        atomic_store_explicit(&s->st.recording, 0, memory_order_relaxed);
        atomic_store_explicit(&s->st.rec_failed, 1, memory_order_release);
    }
    if (s->npending) flush_pending(s);
    uint32_t head[SIM_REC_HEADER] = { (uint32_t)t, (uint32_t)((uint64_t)t >> 32), (uint32_t)ns, float_bits(v) };
    if (s->npending ||
        ring_write(s->ring, head, SIM_REC_HEADER, (const uint32_t *)sp, (size_t)ns) != 0)
        ring_note_drop(s->ring, (uint64_t)ns + 1);   /* the spikes and the trace sample */
    atomic_store_explicit(&s->st.time_ms, t + 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->st.steps_total, 1, memory_order_relaxed);
    if (s->mpi && !s->replay) mpi_apply(s);
}

/* Restart: a new network with the requested seed and the live noise. */
static void restart(Sim *s)
{
    if (s->replay) {                /* a replay starts again from its first ms */
        s->have_rec = 0;
        atomic_store_explicit(&s->st.recording, 0, memory_order_relaxed);
        s->rt = 0;
        s->replay->at = 0;
        atomic_store_explicit(&s->st.time_ms, 0, memory_order_relaxed);
        atomic_store_explicit(&s->st.ended, 0, memory_order_relaxed);
        uint32_t marker[SIM_REC_HEADER] = { 0, 0, SIM_REC_RESTART, 0 };
        push_control(s, marker, SIM_REC_HEADER);
        return;
    }
    NetParams p = s->params;
    p.seed = atomic_load_explicit(&s->ctl.restart_seed, memory_order_relaxed);
    p.sigma_e = sim_get_float(&s->ctl.sigma_e_bits);
    p.sigma_i = sim_get_float(&s->ctl.sigma_i_bits);
    int who;
    if (s->mpi) {
        /* every process builds the new network after this (unseen) step,
         * with this noise and trace */
        mpi_post_noise(s, p.sigma_e, p.sigma_i);
        mpi_post_trace(s, atomic_load_explicit(&s->ctl.trace_neuron, memory_order_relaxed));
        s->post.flags |= APP_CTL_RESTART;
        s->post.seed = p.seed;
        mpi_raw_step(s, &s->post);
        memset(&s->post, 0, sizeof s->post);
    }
    Net *fresh = app_net_create(&p, &who);
    if (!fresh) {
        atomic_store_explicit(&s->st.failed, 1, memory_order_relaxed);
        return;
    }
    /* a recording covers one network from t = 0: it ends at a restart,
     * the events file with the restart itself */
    if (s->have_rec) {
        Event e = { .t_ms = net_time(s->net), .kind = EVENT_RESTART, .after = (double)p.seed, .seed = p.seed };
        recorder_event(&s->rec, &e);
    }
    net_destroy(s->net);
    s->net = fresh;
    s->params = p;
    net_set_trace(s->net, atomic_load_explicit(&s->ctl.trace_neuron, memory_order_relaxed));
    s->mpi_se = p.sigma_e;
    s->mpi_si = p.sigma_i;
    s->mpi_trace = net_trace(s->net);
    s->have_rec = 0;
    atomic_store_explicit(&s->st.recording, 0, memory_order_relaxed);
    atomic_store_explicit(&s->st.seed, p.seed, memory_order_relaxed);
    atomic_store_explicit(&s->st.time_ms, 0, memory_order_relaxed);
    /* The marker must arrive before the new network's steps, or the render
     * loop would mix two networks; if the ring is full, steps are dropped
     * (and counted) until it fits: the simulation does not wait. */
    uint32_t marker[SIM_REC_HEADER] = { (uint32_t)p.seed, (uint32_t)(p.seed >> 32), SIM_REC_RESTART, 0 };
    push_control(s, marker, SIM_REC_HEADER);
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
    int trace = atomic_load_explicit(&c->trace_neuron, memory_order_relaxed);
    int was_paused = 1;
    if (!s->replay) {
        net_set_noise(s->net, se, si);
        net_set_trace(s->net, trace);
        /* MPI: the others start with the same (their options are ours) */
        s->mpi_se = se;
        s->mpi_si = si;
        s->mpi_trace = net_trace(s->net);
    }
    int64_t anchor_ns = 0, anchor_t = 0, mark_ns = now_ns(), mark_t = 0, lag_ns = 0;
    while (!atomic_load_explicit(&c->quit, memory_order_relaxed)) {
        unsigned rr = atomic_load_explicit(&c->restart_requests, memory_order_acquire);
        if (rr != seen_restarts) {
            seen_restarts = rr;
            restart(s);
            se = s->params.sigma_e;             /* the new network's, not a change */
            si = s->params.sigma_i;
            was_paused = 1;                     /* re-anchor */
            mark_t = 0;
            mark_ns = now_ns();
        }
        float nse = sim_get_float(&c->sigma_e_bits), nsi = sim_get_float(&c->sigma_i_bits);
        if (!s->replay && s->mpi) {
            /* with the next step's exchange; events when applied (mpi_apply) */
            if (nse != se || nsi != si) {
                se = nse; si = nsi;
                mpi_post_noise(s, se, si);
            }
            int tr = atomic_load_explicit(&c->trace_neuron, memory_order_relaxed);
            if (tr != trace) {
                mpi_post_trace(s, tr);
                trace = tr;
            }
        } else if (!s->replay) {    /* a replay has no noise and no v to trace */
            if (nse != se) emit_event(s, EVENT_NOISE_E, se, nse);
            if (nsi != si) emit_event(s, EVENT_NOISE_I, si, nsi);
            if (nse != se || nsi != si) {
                se = nse; si = nsi;
                net_set_noise(s->net, se, si);
            }
            int tr = atomic_load_explicit(&c->trace_neuron, memory_order_relaxed);
            if (tr != trace) {
                net_set_trace(s->net, tr);
                if (net_trace(s->net) == tr) emit_event(s, EVENT_TRACE, (float)trace, (float)tr);
                trace = tr;
            }
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
            for (int i = 0; i < req; i++) do_step(s);
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
                for (int i = 0; i < 8 && !replay_ended(s); i++) do_step(s);
            } while (now_ns() - now < BATCH_WALL_NS && !replay_ended(s));
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
        while (src_time(s) < due && !replay_ended(s)) {
            do_step(s);
            if ((src_time(s) & 7) == 0 && now_ns() - now > BATCH_WALL_NS) break;
        }
    }
    mpi_release(s);
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
    /* ring_write puts a record in whole, so its spikes are there too */
    ring_peek(r, SIM_REC_HEADER, (uint32_t *)spikes, h[2]);
    ring_consume(r, SIM_REC_HEADER + h[2]);
    out->kind = SIM_STEP;
    out->t = t;
    out->count = (int)h[2];
    out->trace_v = bits_float(h[3]);
    return SIM_STEP;
}

int sim_start(Sim *s)
{
    if (s->started) return 0;
    int rc = pthread_create(&s->thread, NULL, run, s);
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
    mpi_release(s);     /* a thread never started: the others still step */
    recorder_abort(&s->rec);
    net_destroy(s->net);
    free(s->rbuf);
    ring_destroy(s->ring);
    free(s);
}

SimControls *sim_controls(Sim *s) { return &s->ctl; }
const SimStatus *sim_status(const Sim *s) { return &s->st; }
Ring *sim_ring(Sim *s) { return s->ring; }
Recorder *sim_recorder(Sim *s) { return &s->rec; }
