/*
 * net.c - the Izhikevich (2003) network: building it and stepping it.
 * docs/model.md is the specification; the step functions below follow its
 * numbered lists line by line.
 *
 * Threads. With T > 1 workers the neurons are split into T fixed ranges
 * (multiples of NET_ALIGN neurons). Each worker draws the noise of, steps,
 * detects and resets its own range, and adds into its own range the input of
 * every spike, taking the spikes in ascending presynaptic order whatever
 * worker found them. A neuron's noise comes from its own stream. So every
 * neuron sees the same numbers in the same order for any T, and a seed gives
 * the same spikes bit for bit with 1, 2 or 16 threads. The caller's thread
 * is worker 0; the others wait on a barrier between steps. Small
 * networks use fewer workers (at least NET_MIN_PER_WORKER neurons each):
 * for them a barrier costs more than the work.
 *
 * Processes. A Net can own one block [lo, hi) of a network's neurons
 * (net_create_part): the state, the noise streams and the synapses onto
 * them, indexed from lo (arrays of hi - lo). Each step it lists its own
 * spikes and hands them to a NetExchange, which returns every process's,
 * ascending; then it adds their input to its own neurons. Every neuron
 * still sees the same numbers in the same order, so the spikes are the same
 * bits for any split into processes and threads. The exchange is called
 * once a step, from the caller's thread, where the step's spikes are
 * complete: inside the step (paper scheme, between detection and input,
 * workers waiting), or at its end (Euler scheme, fused paper scheme, whose
 * spikes are listed by the step before).
 */
#define _DEFAULT_SOURCE              /* madvise, MADV_HUGEPAGE (Linux; optional) */
#include "net.h"
#include "thread.h"
#include "clock.h"
#include "net_kernel.h"
#include "rng.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(IZHI_NO_CLONES)
#include <immintrin.h>
#define NET_HAVE_AVX2 1
#endif

#define NET_ALIGN 16                 /* worker ranges start at multiples of this */
#define NET_MIN_PER_WORKER 4096      /* fewer neurons than this per worker: fewer workers */
#define PREFETCH_AHEAD 2             /* spikes ahead whose synapses are fetched early */

/* A barrier for the workers. Waiters spin briefly on the generation (a
 * step's phases are short and the workers are usually a few microseconds
 * apart), then sleep on a condition variable, so idle workers (the window
 * paced to real time) cost nothing. The party count can be lowered while
 * nobody has passed: if a worker thread cannot be started, the ones that
 * were are released with a smaller count (pthread_barrier_t cannot). */
typedef struct Barrier {
    pthread_mutex_t mutex;
    pthread_cond_t cond;
    atomic_int parties, waiting;
    atomic_uint generation;
} Barrier;

#define BARRIER_SPINS 50000

static int barrier_init(Barrier *b, int parties)
{
    atomic_init(&b->parties, parties);
    atomic_init(&b->waiting, 0);
    atomic_init(&b->generation, 0);
    if (pthread_mutex_init(&b->mutex, NULL) != 0) return -1;
    if (pthread_cond_init(&b->cond, NULL) != 0) {
        pthread_mutex_destroy(&b->mutex);
        return -1;
    }
    return 0;
}

static void barrier_destroy(Barrier *b)
{
    pthread_cond_destroy(&b->cond);
    pthread_mutex_destroy(&b->mutex);
}

/* The last to arrive: reset the count, then open the next generation. */
static void barrier_open(Barrier *b, unsigned gen)
{
    atomic_store_explicit(&b->waiting, 0, memory_order_relaxed);
    pthread_mutex_lock(&b->mutex);
    atomic_store_explicit(&b->generation, gen + 1, memory_order_release);
    pthread_cond_broadcast(&b->cond);
    pthread_mutex_unlock(&b->mutex);
}

static void barrier_wait(Barrier *b)
{
    unsigned gen = atomic_load_explicit(&b->generation, memory_order_acquire);
    int arrived = atomic_fetch_add_explicit(&b->waiting, 1, memory_order_acq_rel) + 1;
    if (arrived >= atomic_load_explicit(&b->parties, memory_order_relaxed)) {
        barrier_open(b, gen);
        return;
    }
    for (int i = 0; i < BARRIER_SPINS; i++)
        if (atomic_load_explicit(&b->generation, memory_order_acquire) != gen) return;
    pthread_mutex_lock(&b->mutex);
    while (atomic_load_explicit(&b->generation, memory_order_acquire) == gen)
        pthread_cond_wait(&b->cond, &b->mutex);
    pthread_mutex_unlock(&b->mutex);
}

static void barrier_set_parties(Barrier *b, int parties)
{
    atomic_store_explicit(&b->parties, parties, memory_order_relaxed);
    unsigned gen = atomic_load_explicit(&b->generation, memory_order_acquire);
    if (atomic_load_explicit(&b->waiting, memory_order_acquire) >= parties) barrier_open(b, gen);
}

typedef struct Worker {
    struct Net *net;
    int id, lo, hi;                  /* neurons [lo, hi), local indices (from net->lo) */
    int32_t *found[2];               /* spikes found in the range, by step parity */
    int n_found[2];
    pthread_t thread;
} Worker;

/* One synapse of a presynaptic list: 8 bytes, target and weight side by
 * side, so that building the store writes one cache line a synapse, not two. */
typedef struct Synapse {
    uint32_t target;
    float weight;
} Synapse;

struct Net {
    NetParams p;
    int n, ne, k;
    int lo, nloc;              /* this Net owns neurons [lo, lo + nloc) */
    NetExchange xchg;          /* step function NULL: one process owns all */
    int64_t t;                 /* ms of the next step */
    /* neuron state and parameters, one array per field, length nloc,
     * neuron lo + i at i */
    float *v, *u, *a, *b, *c, *d;
    float *input;              /* I of the current step */
    RngBank noise;
    /* synapses: dense (k == n) or per-presynaptic lists */
    float *w_dense;            /* [pre * stride + post - lo]; padding columns 0 */
    size_t stride;             /* nloc rounded up to a cache line of floats */
    int64_t *syn_off;          /* [n + 1]: pre j's synapses are off[j]..off[j+1] */
    Synapse *syn;              /* local targets (post - lo), ascending within each pre's list */
    int64_t *syn_split;        /* [pre * (workers + 1) + w]: first synapse of j in worker w's range */
    double build_count_s, build_fill_s;   /* init_sparse's two passes, wall seconds */
    /* the spikes of the last step, all processes', ascending */
    int32_t *spikes;           /* [n] */
    int n_spikes;
    int32_t *mine;             /* [nloc]: this process's, for the exchange */
    /* The traced neurons and, after a step, each one's v, u and I
     * (docs/model.md "The trace"): written by the worker or the caller that
     * holds the neuron (distinct slots), read by the caller after the step;
     * the values of neurons of other processes come through the exchange. */
    StepTraces tr;
    /* workers: the caller is workers[0]; threads exist for 1..n_workers-1 */
    Worker *workers;
    int n_workers, n_threads;  /* n_threads: started so far */
    Barrier barrier;
    int have_barrier;
    atomic_int quit;           /* written by the caller, read by the workers after a barrier */
    /* Dense networks on AVX2 machines step in one fused pass (net_kernel.h).
     * Then a paper-scheme step's spikes are listed by the step before it;
     * kern (rows and sigmas) is written by the caller before the barrier
     * that starts a step and read by the workers after it. */
    int fused;
    NetKernel kern;
    const float **rows;        /* [n]: kern.rows */
    /* The knobs (docs/model.md "Knobs"): the weight factors g_E / 0.5 and
     * g_I / 1 (both exactly 1 at the defaults: then no product is taken);
     * per spike of the step, its sender's factor; the step the stimulus
     * was switched on at, and whether this step is inside one of its
     * pulses (set by net_step before the workers start it). */
    float factor_e, factor_i;
    float *row_scale;          /* [n] */
    int64_t stim_t0;
    int stim_now;
};

void net_params_default(NetParams *p)
{
    memset(p, 0, sizeof *p);
    p->n = 1000;
    p->k = 1000;
    p->seed = 0;
    p->scheme = NET_SCHEME_PAPER;
    p->sigma_e = 5.0f;
    p->sigma_i = 2.0f;
    p->weight_e = 0.5f;
    p->weight_i = 1.0f;
    p->current_e = p->current_i = 0.0f;
    p->stim_from = 0;
    p->stim_to = 49;
    p->stim_amp = 10.0f;
    p->stim_width = p->stim_period = 0;
    p->stim_on = 0;
    p->threads = 1;
}

int net_count_excitatory(int n) { return (int)lround(0.8 * n); }

uint64_t net_synapse_bytes(int n, int k)
{
    if (n <= 0 || k < 0) return 0;
    uint64_t syn = (uint64_t)n * (uint64_t)k;
    uint64_t bytes = (k == n) ? syn * sizeof(float)
                              : syn * (sizeof(uint32_t) + sizeof(float)) + ((uint64_t)n + 1) * sizeof(int64_t);
    if (bytes > (uint64_t)SIZE_MAX) return 0;
    return bytes;
}

int net_runaway(NetScheme scheme, double mean_rate_hz)
{
    return scheme == NET_SCHEME_EULER && mean_rate_hz >= NET_RUNAWAY_HZ;
}

uint64_t net_peak_bytes_part(int n, int k, int threads, int nloc)
{
    uint64_t syn = net_synapse_bytes(n, k);
    if (n <= 0 || k < 0 || nloc < 1 || nloc > n || (syn == 0 && k > 0)) return 0;
    uint64_t N = (uint64_t)n, L = (uint64_t)nloc, W = (uint64_t)net_workers_for(nloc, threads);
    /* per own neuron: v, u, a, b, c, d, input (floats), the noise streams
     * (4 words + a draw + a reject mark), two found lists; per neuron of the
     * network: the step's spike list; and with a part, its own list */
    uint64_t state = L * (7 * 4 + 6 * 4 + 2 * 4) + N * 4 + (L < N ? L * 4 : 0);
    if (k == n) {
        uint64_t stride = (L + 15) / 16 * 16;
        return state + N * stride * sizeof(float) + N * sizeof(float *);
    }
    /* sparse: the store (target + weight for each synapse onto an own
     * neuron, offsets for every pre) stays; while it is built, each build
     * job (one per worker) has a place and a mark per neuron and one post's
     * inputs: no second copy of the synapses; after it, each list's split per
     * worker (N (W + 1) offsets) */
    uint64_t store = L * (uint64_t)k * sizeof(Synapse) + (N + 1) * sizeof(int64_t);
    uint64_t building = W * (N * (sizeof(uint32_t) + 1) + ((uint64_t)k + 1) * sizeof(int32_t));
    uint64_t split = N * (W + 1) * sizeof(int64_t);
    return state + store + (building > split ? building : split);
}

uint64_t net_peak_bytes(int n, int k, int threads)
{
    return net_peak_bytes_part(n, k, threads, n);
}

/* NET_MIN_PER_WORKER unless a test lowered it (net_test_set_min_per_worker):
 * the sanitizer builds split small networks so their thread tests stay quick. */
static int min_per_worker = NET_MIN_PER_WORKER;

void net_test_set_min_per_worker(int n)
{
    min_per_worker = n >= 1 ? n : NET_MIN_PER_WORKER;
}

int net_workers_for(int n, int threads)
{
    int w = threads < 1 ? 1 : threads;
    int most = n / min_per_worker;
    if (w > most) w = most;
    return w < 1 ? 1 : w;
}

static int params_valid(const NetParams *p)
{
    return p->n >= 1 && p->k >= 0 && p->k <= p->n &&
           (p->scheme == NET_SCHEME_PAPER || p->scheme == NET_SCHEME_EULER) &&
           isfinite(p->sigma_e) && isfinite(p->sigma_i) &&
           isfinite(p->weight_e) && isfinite(p->weight_i) && p->weight_e >= 0.0f && p->weight_i >= 0.0f &&
           isfinite(p->current_e) && isfinite(p->current_i) && isfinite(p->stim_amp) &&
           p->stim_from >= 0 && p->stim_to >= p->stim_from && p->stim_width >= 0 && p->stim_period >= 0 &&
           (p->stim_period == 0 || p->stim_width <= p->stim_period) &&
           p->sigma_e >= 0.0f && p->sigma_i >= 0.0f && p->threads >= 0 && p->threads <= NET_MAX_THREADS &&
           p->simd >= NET_SIMD_BEST && p->simd <= NET_SIMD_AVX512;
}

/* docs/model.md "Network": one r ~ U[0,1) per neuron, from one stream. */
static void init_neurons(Net *net)
{
    Rng r;
    rng_seed(&r, net->p.seed, RNG_PARAMS, 0);
    for (int g = 0; g < net->lo; g++) (void)rng_uniform(&r);    /* the neurons before this block */
    for (int i = 0; i < net->nloc; i++) {
        float x = rng_uniform(&r);
        if (net->lo + i < net->ne) {
            net->a[i] = 0.02f;
            net->b[i] = 0.2f;
            net->c[i] = -65.0f + 15.0f * x * x;
            net->d[i] = 8.0f - 6.0f * x * x;
        } else {
            net->a[i] = 0.02f + 0.08f * x;
            net->b[i] = 0.25f - 0.05f * x;
            net->c[i] = -65.0f;
            net->d[i] = 2.0f;
        }
        net->v[i] = -65.0f;
        net->u[i] = net->b[i] * net->v[i];
    }
}

static inline float draw_weight(Rng *r, int pre, int ne, float scale)
{
    float x = rng_uniform(r);
    return (pre < ne ? 0.5f * x : -x) * scale;
}

/* Dense: post i's weights come from stream (seed, RNG_WEIGHTS, i), pre
 * ascending. W is stored pre-major, so the posts are drawn 16 at a time,
 * their streams side by side (rng_step, the step of rng_next,
 * lane by lane, which the compiler vectorises): each pre's 16 weights are
 * one contiguous store instead of 16 stores a row apart. Drawing Fig. 3's
 * 10^6 weights went from ~3 ms (a third of a short run's start-up) to a
 * fraction of it; the numbers are the same. */
#define DENSE_LANES 16
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(IZHI_NO_CLONES)
#define DENSE_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))   /* 16, 8, 4 lanes */
#else
#define DENSE_CLONES
#endif
DENSE_CLONES static void init_dense(Net *net)
{
    const int n = net->n, ne = net->ne;
    const float scale = 1000.0f / (float)net->k;
    for (int i0 = 0; i0 < net->nloc; i0 += DENSE_LANES) {
        const int m = net->nloc - i0 < DENSE_LANES ? net->nloc - i0 : DENSE_LANES;
        uint32_t s0[DENSE_LANES], s1[DENSE_LANES], s2[DENSE_LANES], s3[DENSE_LANES];
        for (int l = 0; l < DENSE_LANES; l++) {
            Rng r;
            rng_seed(&r, net->p.seed, RNG_WEIGHTS, (uint64_t)(net->lo + i0 + (l < m ? l : 0)));
            s0[l] = r.s[0]; s1[l] = r.s[1]; s2[l] = r.s[2]; s3[l] = r.s[3];
        }
        for (int pre = 0; pre < n; pre++) {
            float w[DENSE_LANES];
            const float sign = pre < ne ? 0.5f : -1.0f;     /* draw_weight's (0.5 x or -x) * scale */
            for (int l = 0; l < DENSE_LANES; l++) {
                const uint32_t out = rng_step(&s0[l], &s1[l], &s2[l], &s3[l]);
                w[l] = (sign * ((float)(out >> 8) * 0x1p-24f)) * scale;
            }
            /* the last block's lanes beyond nloc are the row's padding: 0
             * (stride is nloc rounded up to DENSE_LANES) */
            for (int l = m; l < DENSE_LANES; l++) w[l] = 0.0f;
            float *row = net->w_dense + (size_t)pre * net->stride + i0;
            for (int l = 0; l < DENSE_LANES; l++) row[l] = w[l];
        }
    }
}

/* Picks m distinct values of [lo, lo+range) into out (Floyd's algorithm);
 * mark is a zeroed byte map of the whole network, left zeroed. */
static void pick_distinct(Rng *r, int lo, int range, int m, int32_t *out, unsigned char *mark)
{
    int got = 0;
    for (int j = range - m; j < range; j++) {
        int t = (int)rng_below(r, (uint32_t)j + 1u);
        int pick = mark[lo + t] ? j : t;
        mark[lo + pick] = 1;
        out[got++] = lo + pick;
    }
    for (int i = 0; i < got; i++) mark[out[i]] = 0;
}

/* Sparse: post i draws its inputs, then their weights in the order drawn,
 * from stream (seed, RNG_WEIGHTS, i): the network is a function of the
 * seed and each target alone. The presynaptic-major store is built without
 * a second copy: the posts are split into ranges, one per build job (run in
 * parallel); pass 1 draws every post's inputs and counts them per pre, the
 * counts become each job's place in each pre's list, and pass 2 draws the
 * same numbers again and writes (post, weight) there. Each job fills its
 * posts in ascending order and the jobs' places follow their ranges, so
 * every presynaptic list has its targets ascending, for any number of
 * jobs: the store (and the spikes) do not depend on it. */
typedef struct BuildJob {
    Net *net;
    int lo, hi;                 /* posts [lo, hi), local indices */
    int pass;                   /* 1: count, 2: fill */
    uint32_t *at;               /* [n]: pass 1 counts per pre; pass 2 the next place, from syn_off[pre] */
    unsigned char *mark;        /* [n], zeroed: pick_distinct's */
    int32_t *row;               /* [k]: one post's inputs */
    pthread_t thread;
} BuildJob;

static void *build_pass(void *arg)
{
    BuildJob *j = arg;
    Net *net = j->net;
    const int n = net->n, k = net->k, ne = net->ne, ke = (int)lround(0.8 * k), ki = k - ke;
    const float scale = k > 0 ? 1000.0f / (float)k : 0.0f;
    for (int post = j->lo; post < j->hi; post++) {
        Rng r;
        rng_seed(&r, net->p.seed, RNG_WEIGHTS, (uint64_t)(net->lo + post));
        pick_distinct(&r, 0, ne, ke, j->row, j->mark);
        pick_distinct(&r, ne, n - ne, ki, j->row + ke, j->mark);
        if (j->pass == 1) {
            for (int m = 0; m < k; m++) j->at[j->row[m]]++;
            continue;
        }
        for (int m = 0; m < k; m++) {
            const int pre = j->row[m];
            const int64_t at = net->syn_off[pre] + j->at[pre]++;
            net->syn[at] = (Synapse){ (uint32_t)post, draw_weight(&r, pre, ne, scale) };
        }
    }
    return NULL;
}

/* Runs every job's pass in parallel (a job whose thread cannot be started
 * runs in the caller's: the result is the same). */
static void build_run(BuildJob *jobs, int n_jobs, int pass)
{
    int started[NET_MAX_THREADS] = { 0 };
    for (int i = 0; i < n_jobs; i++) jobs[i].pass = pass;
    for (int i = 1; i < n_jobs; i++)
        started[i] = thread_start(&jobs[i].thread, build_pass, &jobs[i]) == 0;
    build_pass(&jobs[0]);
    for (int i = 1; i < n_jobs; i++) {
        if (started[i]) pthread_join(jobs[i].thread, NULL);
        else build_pass(&jobs[i]);
    }
}

static int init_sparse(Net *net)
{
    const int n = net->n, k = net->k, J = net->n_workers;
    BuildJob jobs[NET_MAX_THREADS];
    memset(jobs, 0, sizeof jobs);
    int rc = -1;
    for (int i = 0; i < J; i++) {
        BuildJob *j = &jobs[i];
        j->net = net;
        j->lo = net->workers[i].lo;
        j->hi = net->workers[i].hi;
        j->at = calloc((size_t)n, sizeof *j->at);
        j->mark = calloc((size_t)n, 1);
        j->row = malloc(((size_t)k + 1) * sizeof *j->row);
        if (!j->at || !j->mark || !j->row) goto out;
    }
    int64_t t0 = clock_now_ns();
    build_run(jobs, J, 1);
    int64_t t1 = clock_now_ns();
    /* offsets: pre j's list is all jobs' counts for j, job by job */
    net->syn_off[0] = 0;
    for (int pre = 0; pre < n; pre++) {
        int64_t total = 0;
        for (int i = 0; i < J; i++) {
            uint32_t c = jobs[i].at[pre];
            jobs[i].at[pre] = (uint32_t)total;          /* where job i starts in pre's list */
            total += c;
        }
        net->syn_off[pre + 1] = net->syn_off[pre] + total;
    }
    build_run(jobs, J, 2);
    int64_t t2 = clock_now_ns();
    net->build_count_s = 1e-9 * (double)(t1 - t0);
    net->build_fill_s = 1e-9 * (double)(t2 - t1);
    rc = 0;
out:
    for (int i = 0; i < J; i++) { free(jobs[i].at); free(jobs[i].mark); free(jobs[i].row); }
    return rc;
}

/* For each presynaptic list, where each worker's range starts in it. */
static int init_split(Net *net)
{
    int W = net->n_workers;
    net->syn_split = malloc(((size_t)net->n * (W + 1)) * sizeof *net->syn_split);
    if (!net->syn_split) return -1;
    for (int j = 0; j < net->n; j++) {
        int64_t lo = net->syn_off[j], hi = net->syn_off[j + 1];
        int64_t *split = net->syn_split + (size_t)j * (W + 1);
        for (int w = 0; w < W; w++) {
            int64_t a = lo, b = hi;                  /* first target >= workers[w].lo */
            while (a < b) {
                int64_t mid = a + (b - a) / 2;
                if ((int)net->syn[mid].target < net->workers[w].lo) a = mid + 1;
                else b = mid;
            }
            split[w] = a;
        }
        split[W] = hi;
    }
    return 0;
}

static void *worker_main(void *arg);

/* A large array the step reads at random places (synapse lists): on Linux,
 * ask for 2 MiB pages, so that fetching a list rarely misses the TLB. The
 * hint changes nothing else; free with free(). */
/* Per-neuron arrays start on a cache line: a vector load then never spans
 * two lines (malloc gives 16 bytes). */
static void *alloc_lanes(size_t bytes)
{
    return aligned_alloc(64, (bytes + 63) / 64 * 64);
}

static void *alloc_big(size_t bytes)
{
#ifdef MADV_HUGEPAGE
    const size_t huge = (size_t)2 << 20;
    if (bytes >= huge) {
        size_t rounded = (bytes + huge - 1) / huge * huge;
        void *p = aligned_alloc(huge, rounded);
        if (p) madvise(p, rounded, MADV_HUGEPAGE);
        return p;
    }
#endif
    return malloc(bytes ? bytes : 1);
}

static int init_workers(Net *net)
{
    const int L = net->nloc;
    int W = net_workers_for(L, net->p.threads);
    net->workers = calloc((size_t)W, sizeof *net->workers);
    if (!net->workers) return -1;
    net->n_workers = W;
    int per = (L / W + NET_ALIGN - 1) / NET_ALIGN * NET_ALIGN;
    for (int w = 0; w < W; w++) {
        Worker *wk = &net->workers[w];
        wk->net = net;
        wk->id = w;
        wk->lo = w * per < L ? w * per : L;
        wk->hi = w == W - 1 ? L : ((w + 1) * per < L ? (w + 1) * per : L);
        int cap = wk->hi - wk->lo > 0 ? wk->hi - wk->lo : 1;
        wk->found[0] = malloc((size_t)cap * sizeof(int32_t));
        wk->found[1] = malloc((size_t)cap * sizeof(int32_t));
        if (!wk->found[0] || !wk->found[1]) return -1;
    }
    if (W > 1) {
        if (barrier_init(&net->barrier, W) != 0) return -1;
        net->have_barrier = 1;
    }
    return 0;
}

static int start_threads(Net *net)
{
    for (int w = 1; w < net->n_workers; w++) {
        if (thread_start(&net->workers[w].thread, worker_main, &net->workers[w]) != 0) return -1;
        net->n_threads = w;
    }
    return 0;
}

Net *net_create(const NetParams *p)
{
    return net_create_part(p, 0, p ? p->n : 0, NULL);
}

Net *net_create_part(const NetParams *p, int lo, int hi, const NetExchange *xchg)
{
    if (!p || !params_valid(p) || lo < 0 || hi > p->n || lo >= hi || (!xchg && (lo != 0 || hi != p->n)) ||
        (xchg && !xchg->step)) {
        errno = EINVAL;
        return NULL;
    }
    if (net_synapse_bytes(p->n, p->k) == 0 && p->k > 0) { errno = ENOMEM; return NULL; }
    Net *net = calloc(1, sizeof *net);
    if (!net) { errno = ENOMEM; return NULL; }
    net->p = *p;
    net->n = p->n;
    net->k = p->k;
    net->ne = net_count_excitatory(p->n);
    net->lo = lo;
    net->nloc = hi - lo;
    if (xchg) net->xchg = *xchg;
    net->tr = (StepTraces){ .k = 1, .neuron = { 0 }, .v = { -65.0f }, .u = { NAN }, .i = { NAN } };
    atomic_init(&net->quit, 0);
    size_t n = (size_t)p->n, L = (size_t)net->nloc, fsz = L * sizeof(float);
    net->v = alloc_lanes(fsz); net->u = alloc_lanes(fsz); net->a = alloc_lanes(fsz);
    net->b = alloc_lanes(fsz); net->c = alloc_lanes(fsz); net->d = alloc_lanes(fsz);
    net->input = alloc_lanes(fsz);
    net->spikes = malloc(n * sizeof(int32_t));
    net->row_scale = malloc(n * sizeof(float));
    net_set_weights(net, p->weight_e, p->weight_i);
    net->mine = xchg ? malloc(L * sizeof(int32_t)) : NULL;
    if (!net->v || !net->u || !net->a || !net->b || !net->c || !net->d || !net->input || !net->spikes ||
        !net->row_scale ||
        (xchg && !net->mine))
        goto fail;
    if (rng_bank_init_at(&net->noise, net->nloc, p->seed, RNG_NOISE, (uint64_t)lo) != 0) goto fail;
    /* NET_SIMD_* and RNG_SIMD_* count the same paths */
    net->noise.level = rng_simd_level(p->simd);
    if (init_workers(net) != 0) goto fail;
    init_neurons(net);
    if (p->k == p->n) {
        net->stride = (L + DENSE_LANES - 1) / DENSE_LANES * DENSE_LANES;   /* rows start on cache lines */
        net->w_dense = alloc_big(n * net->stride * sizeof(float));
        if (!net->w_dense) goto fail;
        init_dense(net);                    /* every column, the padding too */
        int level = net_kernel_level(p->simd);
        if (level >= NET_SIMD_AVX2) {
            net->rows = malloc(n * sizeof *net->rows);
            if (!net->rows) goto fail;
            net->fused = 1;
            int ne_local = net->ne - lo < 0 ? 0 : (net->ne - lo > net->nloc ? net->nloc : net->ne - lo);
            net->kern = (NetKernel){ .v = net->v, .u = net->u, .a = net->a, .b = net->b, .c = net->c,
                                     .d = net->d, .normal = net->input, .noise = &net->noise,
                                     .rows = net->rows, .ne = ne_local, .level = level };
            rng_bank_normal(&net->noise, 0, net->nloc, net->input);   /* step 0's noise */
        }
    } else {
        size_t nsyn = L * (size_t)p->k;
        net->syn_off = malloc((n + 1) * sizeof(int64_t));
        net->syn = alloc_big(nsyn * sizeof(Synapse));
        if (!net->syn_off || !net->syn) goto fail;
        if (init_sparse(net) != 0 || init_split(net) != 0) goto fail;
    }
    if (start_threads(net) != 0) goto fail;
    return net;
fail:
    net_destroy(net);
    errno = ENOMEM;
    return NULL;
}

void net_destroy(Net *net)
{
    if (!net) return;
    if (net->n_threads > 0) {
        /* release the workers from their wait at the top of the step (fewer
         * parties if not all of them could be started) */
        atomic_store_explicit(&net->quit, 1, memory_order_relaxed);
        barrier_set_parties(&net->barrier, net->n_threads + 1);
        barrier_wait(&net->barrier);
        for (int w = 1; w <= net->n_threads; w++) pthread_join(net->workers[w].thread, NULL);
    }
    if (net->have_barrier) barrier_destroy(&net->barrier);
    for (int w = 0; net->workers && w < net->n_workers; w++) {
        free(net->workers[w].found[0]);
        free(net->workers[w].found[1]);
    }
    free(net->workers);
    free(net->v); free(net->u); free(net->a); free(net->b); free(net->c); free(net->d);
    free(net->input);
    rng_bank_free(&net->noise);
    free(net->w_dense); free(net->syn_off); free(net->syn);
    free(net->syn_split);
    free(net->spikes);
    free(net->mine);
    free(net->rows);
    free(net->row_scale);
    free(net);
}

/* ---- one step, on one worker's range ------------------------------------ */

static inline int clampi(int x, int lo, int hi) { return x < lo ? lo : (x > hi ? hi : x); }

/* The stimulated neurons of this step, local indices [*s_lo, *s_hi) (empty
 * when the stimulus is off or between pulses). */
static void stim_span(const Net *net, int *s_lo, int *s_hi)
{
    *s_lo = *s_hi = 0;
    if (!net->stim_now) return;
    *s_lo = clampi(net->p.stim_from - net->lo, 0, net->nloc);
    *s_hi = clampi(net->p.stim_to + 1 - net->lo, 0, net->nloc);
}

/* in[i] = sigma * in[i] + ext for i in [a, b), ext_stim instead of ext on
 * [s_lo, s_hi). */
static inline void noise_part(float *restrict in, int a, int b, float sigma, float ext, float ext_stim, int s_lo,
                              int s_hi)
{
    int m1 = clampi(s_lo, a, b), m2 = clampi(s_hi, m1, b);
    for (int i = a; i < m1; i++) in[i] = sigma * in[i] + ext;
    for (int i = m1; i < m2; i++) in[i] = sigma * in[i] + ext_stim;
    for (int i = m2; i < b; i++) in[i] = sigma * in[i] + ext;
}

/* docs/model.md step 1 (both schemes), with "Knobs": I = sigma * n + J,
 * J = J_E or J_I, plus A (J + A in single precision) on the stimulated
 * neurons during a pulse. */
IZHI_SIMD_CLONES static void draw_noise(Net *net, int lo, int hi)
{
    float *in = net->input;
    rng_bank_normal(&net->noise, lo, hi, in);
    float se = net->p.sigma_e, si = net->p.sigma_i, ce = net->p.current_e, ci = net->p.current_i;
    float amp = net->p.stim_amp;
    int s_lo, s_hi;
    stim_span(net, &s_lo, &s_hi);
    int ne = net->ne - net->lo;                          /* local index of the first inhibitory */
    int mid = ne < lo ? lo : (ne > hi ? hi : ne);
    noise_part(in, lo, mid, se, ce, ce + amp, s_lo, s_hi);
    noise_part(in, mid, hi, si, ci, ci + amp, s_lo, s_hi);
}

/* I[post] += W[post][pre] for post in the worker's range, for each spike of
 * net->spikes (every process's, ascending). */
IZHI_SIMD_CLONES static void propagate(Net *net, const Worker *me)
{
    float *restrict in = net->input;
    size_t n = net->stride;
    int lo = me->lo, hi = me->hi, W = net->n_workers;
    const int32_t *pre = net->spikes;
    const int count = net->n_spikes;
    if (!(net->factor_e == 1.0f && net->factor_i == 1.0f)) {
        /* a weight scale not the paper's: each weight times its sender's
         * factor, spike by spike in the same order (docs/model.md "Knobs") */
        const float *restrict f = net->row_scale;
        for (int s = 0; s < count; s++) {
            if (net->w_dense) {
                const float *restrict wrow = net->w_dense + (size_t)pre[s] * n;
                for (int i = lo; i < hi; i++) in[i] += wrow[i] * f[s];
            } else {
                const int64_t *split = net->syn_split + (size_t)pre[s] * (W + 1);
                for (int64_t m = split[me->id], end = split[me->id + 1]; m < end; m++)
                    in[net->syn[m].target] += net->syn[m].weight * f[s];
            }
        }
        return;
    }
    if (net->w_dense) {
        /* Four rows a pass: in[i] is loaded and stored once per four
         * spikes, and the additions keep their order ((in + w0) + w1)...,
         * so the sums are the same bits as one row at a time. */
        int s = 0;
        for (; s + 4 <= count; s += 4) {
            const float *restrict w0 = net->w_dense + (size_t)pre[s] * n;
            const float *restrict w1 = net->w_dense + (size_t)pre[s + 1] * n;
            const float *restrict w2 = net->w_dense + (size_t)pre[s + 2] * n;
            const float *restrict w3 = net->w_dense + (size_t)pre[s + 3] * n;
            for (int i = lo; i < hi; i++) in[i] = (((in[i] + w0[i]) + w1[i]) + w2[i]) + w3[i];
        }
        for (; s < count; s++) {
            const float *restrict wrow = net->w_dense + (size_t)pre[s] * n;
            for (int i = lo; i < hi; i++) in[i] += wrow[i];
        }
        return;
    }
    const Synapse *restrict syn = net->syn;
    for (int s = 0; s < count; s++) {
        /* A worker's part of a list is short (K / workers synapses):
         * too short for the hardware prefetcher to ramp up, so fetch
         * the part of the list two spikes ahead ourselves. */
        if (s + 2 * PREFETCH_AHEAD < count)
            __builtin_prefetch(net->syn_split + (size_t)pre[s + 2 * PREFETCH_AHEAD] * (W + 1));
        if (s + PREFETCH_AHEAD < count) {
            const int64_t *ahead = net->syn_split + (size_t)pre[s + PREFETCH_AHEAD] * (W + 1);
            const int64_t first = ahead[me->id], end = ahead[me->id + 1];
            for (int64_t m = first; m < end; m += 8) __builtin_prefetch(syn + m);
            if (end > first) __builtin_prefetch(syn + end - 1);
        }
        const int64_t *split = net->syn_split + (size_t)pre[s] * (W + 1);
        for (int64_t m = split[me->id], end = split[me->id + 1]; m < end; m++) in[syn[m].target] += syn[m].weight;
    }
}

static inline float guard(float v)
{
    /* Keeps v finite at any noise (docs/model.md "Numerical notes"); ordinary
     * runs stay below a few thousand mV, far inside the cap. */
    v = v < NET_V_CAP ? v : NET_V_CAP;      /* also turns a NaN into the cap */
    return v > -NET_V_CAP ? v : -NET_V_CAP;
}

static inline float dv(float v, float u, float in)
{
    return 0.04f * v * v + 5.0f * v + 140.0f - u + in;
}

/* Appends to out the i in [lo, hi) with v[i] >= NET_V_PEAK, ascending;
 * returns how many. */
static int scan_portable(const float *v, int lo, int hi, int32_t *out)
{
    int n = 0;
    for (int i = lo; i < hi; i++)
        if (v[i] >= NET_V_PEAK) out[n++] = i;
    return n;
}

#ifdef NET_HAVE_AVX2
/* The same, eight neurons a compare: spikes are rare (about 7 in 1000 a
 * step), so almost every mask is empty. */
__attribute__((target("avx2"))) static int scan_avx2(const float *v, int lo, int hi, int32_t *out)
{
    const __m256 peak = _mm256_set1_ps(NET_V_PEAK);
    int n = 0, i = lo;
    for (; i + 8 <= hi; i += 8) {
        unsigned m = (unsigned)_mm256_movemask_ps(_mm256_cmp_ps(_mm256_loadu_ps(v + i), peak, _CMP_GE_OQ));
        while (m) {
            out[n++] = i + __builtin_ctz(m);
            m &= m - 1;
        }
    }
    return n + scan_portable(v, i, hi, out + n);
}
#endif

static int scan_peaks(const float *v, int lo, int hi, int32_t *out)
{
#ifdef NET_HAVE_AVX2
    if (__builtin_cpu_supports("avx2")) return scan_avx2(v, lo, hi, out);
#endif
    return scan_portable(v, lo, hi, out);
}

/* Traced slot j's neuron as a local index, or -1 if another process holds it. */
static inline int trace_local(const Net *net, int j)
{
    const int l = net->tr.neuron[j] - net->lo;
    return l >= 0 && l < net->nloc ? l : -1;
}

/* Lists the neurons of the worker's range at or above threshold (local
 * indices); resets them. The worker holding a traced neuron notes its v
 * (tested) and, in the paper scheme, the u its update will use (reset). */
static void detect_and_reset(Net *net, Worker *me, int parity)
{
    float *restrict v = net->v, *restrict u = net->u;
    int ns = 0;
    int32_t *found = me->found[parity];
    for (int j = 0; j < net->tr.k; j++) {
        const int tr = net->tr.neuron[j] - net->lo;
        if (tr >= me->lo && tr < me->hi) net->tr.v[j] = v[tr] >= NET_V_PEAK ? NET_V_PEAK : v[tr];
    }
    ns = scan_peaks(v, me->lo, me->hi, found);
    for (int s = 0; s < ns; s++) {
        int f = found[s];
        v[f] = net->c[f];
        u[f] += net->d[f];
    }
    if (net->p.scheme == NET_SCHEME_PAPER)
        for (int j = 0; j < net->tr.k; j++) {
            const int tr = net->tr.neuron[j] - net->lo;
            if (tr >= me->lo && tr < me->hi) net->tr.u[j] = u[tr];
        }
    me->n_found[parity] = ns;
}

static void sync_workers(Net *net)
{
    if (net->n_workers > 1) barrier_wait(&net->barrier);
}

/* The step's spikes, on the caller's thread while the workers wait: this
 * process's (the workers' lists of this parity, in worker order, made
 * global), then, with other processes, every one's through the exchange,
 * with the traced v from the process that holds it. */
static void collect(Net *net, int parity)
{
    int32_t *out = net->xchg.step ? net->mine : net->spikes;
    int ns = 0;
    for (int w = 0; w < net->n_workers; w++) {
        const Worker *wk = &net->workers[w];
        const int32_t *f = wk->found[parity];
        for (int s = 0; s < wk->n_found[parity]; s++) out[ns++] = net->lo + f[s];
    }
    if (!net->xchg.step) {
        net->n_spikes = ns;
        return;
    }
    const int owns = trace_local(net, 0) >= 0;
    net->xchg.step(net->xchg.ctx, net->mine, ns, net->spikes, &net->n_spikes, &net->tr.v[0], owns);
}

/* The weight factors of the step's spikes (each its sender's), for the
 * passes and the kernel; nothing to do at the paper's weights. */
static void scale_prepare(Net *net)
{
    const int scaled = !(net->factor_e == 1.0f && net->factor_i == 1.0f);
    if (scaled)
        for (int s = 0; s < net->n_spikes; s++) net->row_scale[s] = net->spikes[s] < net->ne ? net->factor_e : net->factor_i;
    net->kern.row_scale = scaled ? net->row_scale : NULL;
}

/* Whether step t is inside a pulse of the stimulus (docs/model.md "Knobs"):
 * on, and a constant step or (t - t0) mod period < width. */
static int stim_active(const Net *net, int64_t t)
{
    const NetParams *p = &net->p;
    if (!p->stim_on) return 0;
    if (p->stim_width == 0 || p->stim_period == 0) return 1;
    return (t - net->stim_t0) % p->stim_period < p->stim_width;
}

/* docs/model.md "Step k, paper scheme", on one worker's range. */
IZHI_SIMD_CLONES static void step_paper(Net *net, Worker *me, int parity)
{
    int lo = me->lo, hi = me->hi;
    float *restrict v = net->v, *restrict u = net->u, *restrict in = net->input;
    const float *restrict a = net->a, *restrict b = net->b;
    draw_noise(net, lo, hi);                                     /* 1 */
    detect_and_reset(net, me, parity);                           /* 2, 3 */
    sync_workers(net);                     /* every worker's spikes are listed */
    if (me->id == 0) { collect(net, parity); scale_prepare(net); }
    sync_workers(net);                     /* and every process's */
    propagate(net, me);                                          /* 4 */
    for (int i = lo; i < hi; i++) {                              /* 5, 6 */
        float x = v[i];
        x = guard(x + 0.5f * dv(x, u[i], in[i]));
        x = guard(x + 0.5f * dv(x, u[i], in[i]));
        v[i] = x;
        u[i] += a[i] * (b[i] * x - u[i]);
    }
}

/* docs/model.md "Step k, Euler scheme", on one worker's range; the synaptic
 * input is the previous step's spikes (net->spikes until the step ends). */
IZHI_SIMD_CLONES static void step_euler(Net *net, Worker *me, int parity)
{
    int lo = me->lo, hi = me->hi;
    float *restrict v = net->v, *restrict u = net->u, *restrict in = net->input;
    const float *restrict a = net->a, *restrict b = net->b;
    draw_noise(net, lo, hi);                                     /* 1 */
    propagate(net, me);
    for (int i = lo; i < hi; i++) {                              /* 2 */
        float vn = guard(v[i] + dv(v[i], u[i], in[i]));
        u[i] += a[i] * (b[i] * v[i] - u[i]);
        v[i] = vn;
    }
    detect_and_reset(net, me, parity);                           /* 3, 4 */
}

/* Both schemes in one pass (net_kernel.h): the paper scheme lists the
 * next step's spikes, the Euler scheme this step's. */
static void step_fused(Net *net, Worker *me, int parity)
{
    if (net->p.scheme == NET_SCHEME_EULER)
        me->n_found[parity] = net_kernel_euler(&net->kern, me->lo, me->hi, me->found[parity]);
    else
        me->n_found[parity ^ 1] = net_kernel_paper(&net->kern, me->lo, me->hi, me->found[parity ^ 1]);
}

static void step_range(Net *net, Worker *me, int parity)
{
    if (net->fused) step_fused(net, me, parity);
    else if (net->p.scheme == NET_SCHEME_EULER) step_euler(net, me, parity);
    else step_paper(net, me, parity);
}

/* Workers 1.. : wait at the top of each step, step their range, wait at
 * the end. The caller (worker 0) does the same inside net_step. */
static void *worker_main(void *arg)
{
    Worker *me = arg;
    Net *net = me->net;
    for (;;) {
        barrier_wait(&net->barrier);                             /* step begins */
        if (atomic_load_explicit(&net->quit, memory_order_relaxed)) break;
        step_range(net, me, (int)(net->t & 1));
        barrier_wait(&net->barrier);                             /* step done */
    }
    return NULL;
}

/* The traced neurons' v, those this process holds, from its own lists of
 * this parity (local indices): the value tested, NET_V_PEAK if it spiked.
 * Before a paper step (from_lists 0) also the u its update will use: the
 * kernel's reset, u + d, when v is at the peak (the same single addition). */
static void note_trace(Net *net, int parity, int from_lists)
{
    for (int j = 0; j < net->tr.k; j++) {
        const int tr = trace_local(net, j);
        if (tr < 0) continue;
        float tv = net->v[tr];
        if (from_lists)
            for (int w = 0; w < net->n_workers; w++) {
                const Worker *wk = &net->workers[w];
                for (int s = 0; s < wk->n_found[parity]; s++)
                    if (wk->found[parity][s] == tr) tv = NET_V_PEAK;
            }
        else
            net->tr.u[j] = tv >= NET_V_PEAK ? net->u[tr] + net->d[tr] : net->u[tr];
        net->tr.v[j] = tv >= NET_V_PEAK ? NET_V_PEAK : tv;
    }
}

/* Traced neuron l's (local) input in a fused step, as the kernel forms it
 * (net_kernel.c input(): sigma n + J (+ A), then the rows in the spike
 * order, each times its factor), from the same operands: the same bits. The
 * kernel keeps I in registers; only the traced cells are formed again. */
static float fused_input(const Net *net, int l)
{
    const NetKernel *k = &net->kern;
    const int exc = net->lo + l < net->ne;
    float ext = exc ? k->current_e : k->current_i;
    if (l >= k->stim_lo && l < k->stim_hi) ext = ext + k->stim_amp;
    float in = (exc ? k->sigma_e : k->sigma_i) * k->normal[l] + ext;
    for (int s = 0; s < k->n_rows; s++) in = k->row_scale ? in + k->rows[s][l] * k->row_scale[s] : in + k->rows[s][l];
    return in;
}

/* Before a step: the Euler scheme's u of the traced neurons held here (its
 * update uses the old u); their fused input. */
static void trace_before(Net *net)
{
    for (int j = 0; j < net->tr.k; j++) {
        const int l = trace_local(net, j);
        if (l < 0) continue;
        if (net->p.scheme == NET_SCHEME_EULER) net->tr.u[j] = net->u[l];
        if (net->fused) net->tr.i[j] = fused_input(net, l);
    }
}

/* After a step: the passes' input of the traced neurons held here (input[]
 * keeps it until the next step's noise); then, with other processes, every
 * slot's values from the process that holds its neuron. */
static void trace_after(Net *net)
{
    unsigned owns = 0;
    for (int j = 0; j < net->tr.k; j++) {
        const int l = trace_local(net, j);
        if (l < 0) continue;
        owns |= 1u << j;
        if (!net->fused) net->tr.i[j] = net->input[l];
    }
    if (net->xchg.traces) net->xchg.traces(net->xchg.ctx, &net->tr, owns);
}

/* Before a fused step: the paper scheme's spikes (listed by the last step)
 * and the traced v they were found on; the rows to add (the paper scheme's
 * spikes now, the Euler scheme's of the last step). */
static void fused_prepare(Net *net, int parity)
{
    if (net->p.scheme == NET_SCHEME_PAPER) {
        note_trace(net, parity, 0);
        collect(net, parity);
    }
    for (int s = 0; s < net->n_spikes; s++) net->rows[s] = net->w_dense + (size_t)net->spikes[s] * net->stride;
    net->kern.n_rows = net->n_spikes;
    net->kern.sigma_e = net->p.sigma_e;
    net->kern.sigma_i = net->p.sigma_i;
    net->kern.current_e = net->p.current_e;
    net->kern.current_i = net->p.current_i;
    net->kern.stim_amp = net->p.stim_amp;
    stim_span(net, &net->kern.stim_lo, &net->kern.stim_hi);
    scale_prepare(net);
    trace_before(net);
}

int net_step(Net *net)
{
    int parity = (int)(net->t & 1);
    /* Before the first step no list holds anything: no spike came before,
     * and v = -65 is below the peak. */
    if (net->t == 0) {
        for (int w = 0; w < net->n_workers; w++) net->workers[w].n_found[0] = net->workers[w].n_found[1] = 0;
        net->n_spikes = 0;
    }
    net->stim_now = stim_active(net, net->t);
    if (net->fused) fused_prepare(net, parity);
    else {
        if (net->p.scheme == NET_SCHEME_EULER) scale_prepare(net);   /* the last step's spikes */
        trace_before(net);
    }
    sync_workers(net);                                           /* step begins */
    step_range(net, &net->workers[0], parity);
    sync_workers(net);                                           /* step done */
    if (net->p.scheme == NET_SCHEME_EULER) {
        /* this step's spikes (the traced neuron is reset already if it
         * spiked: its v was at or above the peak) */
        if (net->fused) note_trace(net, parity, 1);
        collect(net, parity);
    }
    trace_after(net);
    net->t++;
    return net->n_spikes;
}

const int32_t *net_spikes(const Net *net) { return net->spikes; }
int64_t net_time(const Net *net) { return net->t; }
int net_n(const Net *net) { return net->n; }
int net_ne(const Net *net) { return net->ne; }
int net_workers(const Net *net) { return net->n_workers; }
void net_build_seconds(const Net *net, double *count, double *fill)
{
    *count = net->build_count_s;
    *fill = net->build_fill_s;
}
int net_first(const Net *net) { return net->lo; }
int net_count(const Net *net) { return net->nloc; }
const NetParams *net_params(const Net *net) { return &net->p; }

void net_set_noise(Net *net, float sigma_e, float sigma_i)
{
    net->p.sigma_e = isfinite(sigma_e) && sigma_e > 0.0f ? sigma_e : 0.0f;
    net->p.sigma_i = isfinite(sigma_i) && sigma_i > 0.0f ? sigma_i : 0.0f;
}

void net_set_weights(Net *net, float weight_e, float weight_i)
{
    net->p.weight_e = isfinite(weight_e) && weight_e > 0.0f ? weight_e : 0.0f;
    net->p.weight_i = isfinite(weight_i) && weight_i > 0.0f ? weight_i : 0.0f;
    /* W was built with the paper's 0.5 and 1: dividing by a power of two is exact */
    net->factor_e = net->p.weight_e / 0.5f;
    net->factor_i = net->p.weight_i / 1.0f;
}

void net_set_currents(Net *net, float current_e, float current_i)
{
    net->p.current_e = isfinite(current_e) ? current_e : 0.0f;
    net->p.current_i = isfinite(current_i) ? current_i : 0.0f;
}

void net_set_stim(Net *net, int on)
{
    if (on && !net->p.stim_on) net->stim_t0 = net->t;
    net->p.stim_on = on != 0;
}

void net_set_stim_neurons(Net *net, int from, int to)
{
    if (from < 0 || to < from) return;
    net->p.stim_from = from;
    net->p.stim_to = to;
}

void net_set_trace(Net *net, int neuron) { net_set_traces(net, &neuron, 1); }

int net_set_traces(Net *net, const int *neurons, int k)
{
    if (k < 1 || k > STEP_TRACE_MAX) return -1;
    for (int j = 0; j < k; j++)
        if (neurons[j] < 0 || neurons[j] >= net->n) return -1;
    StepTraces t = { .k = k };
    for (int j = 0; j < k; j++) {
        t.neuron[j] = neurons[j];
        t.v[j] = -65.0f;
        t.u[j] = t.i[j] = NAN;
        /* a neuron traced already keeps its last values */
        for (int m = 0; m < net->tr.k; m++)
            if (net->tr.neuron[m] == neurons[j]) {
                t.v[j] = net->tr.v[m];
                t.u[j] = net->tr.u[m];
                t.i[j] = net->tr.i[m];
            }
    }
    net->tr = t;
    return 0;
}

int net_trace(const Net *net) { return net->tr.neuron[0]; }
float net_trace_v(const Net *net) { return net->tr.v[0]; }
const StepTraces *net_traces(const Net *net) { return &net->tr; }
const float *net_v(const Net *net) { return net->v; }
const float *net_u(const Net *net) { return net->u; }

void net_neuron_params(const Net *net, int i, float out[4])
{
    i -= net->lo;   /* this process's neurons only */
    out[0] = net->a[i]; out[1] = net->b[i]; out[2] = net->c[i]; out[3] = net->d[i];
}

double net_weight_sum(const Net *net, int pre, int post_below)
{
    double s = 0;
    if (pre < 0 || pre >= net->n) return 0.0;
    int hi = post_below - net->lo;           /* own posts [0, hi), local */
    if (hi > net->nloc) hi = net->nloc;
    if (hi <= 0) return 0.0;
    if (net->w_dense) {
        const float *row = net->w_dense + (size_t)pre * net->stride;
        for (int i = 0; i < hi; i++) s += row[i];
        return s;
    }
    for (int64_t k = net->syn_off[pre]; k < net->syn_off[pre + 1]; k++)
        if ((int)net->syn[k].target < hi) s += net->syn[k].weight;
    return s;
}

float net_weight(const Net *net, int post, int pre)
{
    post -= net->lo;
    if (post < 0 || post >= net->nloc) return 0.0f;
    if (net->w_dense) return net->w_dense[(size_t)pre * net->stride + post];
    int64_t lo = net->syn_off[pre], hi = net->syn_off[pre + 1];
    while (lo < hi) {   /* targets ascending: binary search */
        int64_t mid = lo + (hi - lo) / 2;
        if ((int)net->syn[mid].target < post) lo = mid + 1;
        else hi = mid;
    }
    return (lo < net->syn_off[pre + 1] && (int)net->syn[lo].target == post) ? net->syn[lo].weight : 0.0f;
}
