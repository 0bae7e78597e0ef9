/*
 * resim.c - the analysis panel's re-simulation worker (resim.h): the
 * live changes kept as a schedule, the network run again from 0 with
 * them, analysis.c fed as headless --figure analysis feeds it.
 */
#define _GNU_SOURCE
#include "resim.h"
#include "thread.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rng.h"
#include "run.h"
#include "schedule.h"
#include "step.h"

struct Resim {
    int ne;
    NetParams start;                 /* the command line's (render thread) */
    /* render thread's own: the network drawn and the changes since */
    uint64_t seed;
    ScheduleChange *changes;
    int nchanges, cap;
    int broken;                      /* a change lost (out of memory) */
    int64_t asked_from, asked_to;
    int64_t max_to;                  /* the latest end asked since the network last changed */
    /* crossing threads: under mu */
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int job;                         /* a job waiting to be taken (the newest span asked) */
    int quit;
    NetParams job_params;
    ScheduleChange *job_changes;     /* the worker's copy */
    int job_n, job_cap;
    int64_t job_from, job_to;
    unsigned job_net;                /* the network (net_gen) the job is of */
    unsigned long job_id, ids;       /* the waiting job's number; the numbers given */
    int running;                     /* the worker runs job run_id of [run_from, run_to) of run_net */
    unsigned long run_id;
    unsigned run_net;
    int64_t run_from, run_to;
    int64_t want_from, want_to;      /* the span asked (asked_from, asked_to) */
    ResimState state;                /* of the span asked */
    int have_last;                   /* the newest result finished for the network as it is */
    AnalysisResult last;
    int64_t last_from, last_to;
    unsigned long last_seq;          /* results finished so far (a new one: a new number) */
    /* the network's generation: a restart, a change before the latest end
     * asked, or the end bumps it, and a job of an older one is cancelled */
    atomic_uint net_gen;
    /* a job no longer wanted (its span asked is done already): its id */
    atomic_ulong cancel_id;
    /* the worker's step in its current job (the worker writes, any reads) */
    atomic_llong progress_ms;
    pthread_t tid;
    int started;                     /* the worker: started at the first span asked */
};

/* One job, run on the worker without the lock: 0 done, 1 cancelled, -1 failed. */
static int resim_run(Resim *r, const NetParams *p0, ScheduleChange *changes, int n, int64_t from, int64_t to,
                     unsigned net_gen, unsigned long id, AnalysisResult *out)
{
    NetParams live = *p0;
    Net *net = net_create(&live);
    Analysis *an = analysis_create(live.n, r->ne, from);
    double *lfp_w = malloc((size_t)live.n * sizeof *lfp_w);
    int rc = -1;
    if (!net || !an || !lfp_w) goto done;
    analysis_lfp_weights(net, lfp_w);
    Schedule sched;
    memset(&sched, 0, sizeof sched);
    sched.at = changes;
    sched.n = n;
    sched.restart_ms = -1;
    for (int64_t t = 0; t < to; t++) {
        if ((t & 63) == 0) {
            if (atomic_load_explicit(&r->net_gen, memory_order_relaxed) != net_gen ||
                atomic_load_explicit(&r->cancel_id, memory_order_relaxed) == id) { rc = 1; goto done; }
            atomic_store_explicit(&r->progress_ms, (long long)t, memory_order_relaxed);
        }
        /* the changes at t + 1 go with step t and are applied after it, as
         * headless --schedule's and the window's live ones */
        RunControls post;
        memset(&post, 0, sizeof post);
        const int sent = schedule_post(&sched, t + 1, &post, &live, NULL, NULL);
        const int64_t at = net_time(net);
        const int ns = net_step(net);
        const Step st = step_of(at, net_spikes(net), ns, r->ne, -1, NAN);
        /* the weight scales in force for this step */
        const NetParams *lp = net_params(net);
        const double l = analysis_lfp(lfp_w, &st, r->ne, lp->weight_e / 0.5, lp->weight_i);
        if (analysis_add(an, &st, net_v(net), l) != 0) goto done;
        if (sent) {
            /* run.c's follow_controls, without the processes' exchange
             * (its single-process slot is the simulation thread's) */
            if (post.flags & RUN_CTL_NOISE) {
                net_set_noise(net, post.sigma_e, post.sigma_i);
                live.sigma_e = post.sigma_e;
                live.sigma_i = post.sigma_i;
            }
            if (post.flags & RUN_CTL_KNOBS) run_knobs_apply(net, &live, &post);
        }
    }
    rc = analysis_result(an, out) == 0 ? 0 : -1;
done:
    free(lfp_w);
    analysis_destroy(an);
    net_destroy(net);
    return rc;
}

static void *resim_work(void *arg)
{
    Resim *r = arg;
    /* the lowest priority, as the map's workers (map.c): it takes the time
     * the simulation and the window leave */
    setpriority(PRIO_PROCESS, (id_t)(pid_t)syscall(SYS_gettid), 19);
    AnalysisResult *res = malloc(sizeof *res);
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (!r->job && !r->quit) pthread_cond_wait(&r->cv, &r->mu);
        if (r->quit) break;
        r->job = 0;
        NetParams p = r->job_params;
        const int n = r->job_n;
        ScheduleChange *ch = n ? malloc((size_t)n * sizeof *ch) : NULL;
        if (ch) memcpy(ch, r->job_changes, (size_t)n * sizeof *ch);
        const int64_t from = r->job_from, to = r->job_to;
        const unsigned net = r->job_net;
        const unsigned long id = r->job_id;
        r->running = 1;
        r->run_id = id;
        r->run_net = net;
        r->run_from = from;
        r->run_to = to;
        pthread_mutex_unlock(&r->mu);
        int rc = (!res || (n && !ch)) ? -1 : resim_run(r, &p, ch, n, from, to, net, id, res);
        free(ch);
        pthread_mutex_lock(&r->mu);
        r->running = 0;
        /* kept unless cancelled or of an older network: a span the user has
         * moved past is still the newest result there is, until the next */
        if (rc != 1 && net == atomic_load(&r->net_gen) && atomic_load(&r->cancel_id) != id) {
            if (rc == 0) {
                r->last = *res;
                r->last_from = from;
                r->last_to = to;
                r->have_last = 1;
                r->last_seq++;
            }
            if (from == r->want_from && to == r->want_to) r->state = rc == 0 ? RESIM_DONE : RESIM_FAILED;
        }
    }
    pthread_mutex_unlock(&r->mu);
    free(res);
    return NULL;
}

Resim *resim_create(const NetParams *start, int ne)
{
    Resim *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->ne = ne;
    r->start = *start;
    r->start.threads = 1;            /* the same spikes for any split (net.h) */
    r->seed = start->seed;
    r->asked_from = r->asked_to = -1;
    r->max_to = -1;
    r->want_from = r->want_to = -1;
    atomic_init(&r->net_gen, 0);
    atomic_init(&r->cancel_id, 0);
    atomic_init(&r->progress_ms, 0);
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->cv, NULL);
    return r;
}

void resim_destroy(Resim *r)
{
    if (!r) return;
    atomic_fetch_add(&r->net_gen, 1);
    pthread_mutex_lock(&r->mu);
    r->quit = 1;
    pthread_cond_signal(&r->cv);
    pthread_mutex_unlock(&r->mu);
    if (r->started) pthread_join(r->tid, NULL);
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->cv);
    free(r->changes);
    free(r->job_changes);
    free(r);
}

/* The network or its changes changed: every result so far and the job
 * running are stale. With again, the span asked is asked again (a change
 * before its end: the span is still the session's); else nothing is asked
 * until the window asks (a restart: the old span is one the new run has
 * not reached, a tester saw its numbers shown after R). */
static void resim_stale(Resim *r, int again)
{
    pthread_mutex_lock(&r->mu);
    atomic_fetch_add(&r->net_gen, 1);
    r->have_last = 0;
    r->job = 0;
    if (!again) {
        r->state = RESIM_NONE;
        r->want_from = r->want_to = -1;
    }
    pthread_mutex_unlock(&r->mu);
    r->max_to = -1;
    const int64_t from = r->asked_from, to = r->asked_to;
    r->asked_from = r->asked_to = -1;
    if (again && to >= 0) resim_ask(r, from, to);
}

void resim_restart(Resim *r, uint64_t seed)
{
    r->seed = seed;
    r->nchanges = 0;
    r->broken = 0;
    resim_stale(r, 0);
}

int resim_event(Resim *r, const Event *e)
{
    /* pause and speed change no spike; the rest as a --schedule's line */
    if (e->kind == EVENT_PAUSED || e->kind == EVENT_SPEED || e->kind == EVENT_RESTART) return 0;
    if (r->nchanges == r->cap) {
        int cap = r->cap ? 2 * r->cap : 64;
        ScheduleChange *c = realloc(r->changes, (size_t)cap * sizeof *c);
        if (!c) {
            r->broken = 1;
            resim_stale(r, 1);
            return -1;
        }
        r->changes = c;
        r->cap = cap;
    }
    r->changes[r->nchanges++] = (ScheduleChange){ .t_ms = e->t_ms, .kind = e->kind, .value = e->after };
    /* a change before the end of a span asked makes its result stale */
    if (e->t_ms < r->max_to) resim_stale(r, 1);
    return 0;
}

void resim_ask(Resim *r, int64_t from, int64_t to)
{
    if (from == r->asked_from && to == r->asked_to) return;
    if (!r->started) {
        /* the normal tables (rng.c) made here, before the thread (see map.c) */
        Rng warm;
        rng_seed(&warm, 0, 0, 0);
        (void)rng_normal(&warm);
        if (thread_start(&r->tid, resim_work, r) != 0) {
            pthread_mutex_lock(&r->mu);
            r->state = RESIM_FAILED;
            pthread_mutex_unlock(&r->mu);
            return;
        }
        r->started = 1;
    }
    r->asked_from = from;
    r->asked_to = to;
    const unsigned net = atomic_load(&r->net_gen);
    pthread_mutex_lock(&r->mu);
    r->want_from = from;
    r->want_to = to;
    r->job = 0;                      /* a span asked before and not taken is not wanted */
    const int running = r->running && r->run_net == net;
    if (r->broken) {
        r->state = RESIM_FAILED;
    } else if (to > RESIM_MAX_MS) {
        r->state = RESIM_TOO_LONG;
    } else if (r->have_last && r->last_from == from && r->last_to == to) {
        /* done already (the user came back to it): the job running, of
         * another span, would replace it as the newest */
        r->state = RESIM_DONE;
        if (running) atomic_store(&r->cancel_id, r->run_id);
    } else if (running && r->run_from == from && r->run_to == to) {
        r->state = RESIM_COMPUTING;  /* being run */
    } else {
        int ok = 1;
        if (r->nchanges > r->job_cap) {
            ScheduleChange *c = realloc(r->job_changes, (size_t)r->nchanges * sizeof *c);
            if (c) { r->job_changes = c; r->job_cap = r->nchanges; }
            else ok = 0;
        }
        if (!ok) {
            r->state = RESIM_FAILED;
        } else {
            if (r->nchanges) memcpy(r->job_changes, r->changes, (size_t)r->nchanges * sizeof *r->changes);
            r->job_n = r->nchanges;
            r->job_params = r->start;
            r->job_params.seed = r->seed;
            r->job_from = from;
            r->job_to = to;
            r->job_net = net;
            r->job_id = ++r->ids;
            r->job = 1;
            r->state = RESIM_COMPUTING;
            if (to > r->max_to) r->max_to = to;
            pthread_cond_signal(&r->cv);
        }
    }
    pthread_mutex_unlock(&r->mu);
}

ResimState resim_poll(Resim *r, AnalysisResult *out, int64_t *from, int64_t *to)
{
    *from = r->asked_from;
    *to = r->asked_to;
    pthread_mutex_lock(&r->mu);
    ResimState s = r->state;
    if (s == RESIM_DONE && out) *out = r->last;
    pthread_mutex_unlock(&r->mu);
    return s;
}

unsigned long resim_last(Resim *r, unsigned long seen, AnalysisResult *out, int64_t *from, int64_t *to)
{
    pthread_mutex_lock(&r->mu);
    const unsigned long seq = r->have_last ? r->last_seq : 0;
    if (seq) {
        *from = r->last_from;
        *to = r->last_to;
        if (seq != seen && out) *out = r->last;
    }
    pthread_mutex_unlock(&r->mu);
    return seq;
}

int64_t resim_progress_ms(Resim *r)
{
    return (int64_t)atomic_load_explicit(&r->progress_ms, memory_order_relaxed);
}
