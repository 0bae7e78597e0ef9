/*
 * test_net.c - the network model against docs/model.md.
 *
 * Expected values come from (a) hand computation (first steps of one neuron),
 * (b) ref_step_*(): a second, deliberately plain implementation of docs/model.md's
 * two schemes written here (dense weight matrix read back through
 * net_weight, scalar loops), run side by side with the real one on
 * noise-free networks driven by a constant input, and (c) the distributions
 * docs/model.md states for parameters and weights.
 */
#define _POSIX_C_SOURCE 200809L   /* pthread_barrier_t */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <pthread.h>
#include <string.h>

#include "net.h"
#include "rng.h"      /* IZHI_NO_CLONES: a build with no vector code paths (ThreadSanitizer's) */

/* The thread and split tests use networks of a few workers' worth: 4096
 * neurons each in the plain build (the program's), 256 under ASan and
 * ThreadSanitizer, which run them many times slower (the splits do not
 * depend on the size). */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PER_WORKER 256
#else
#define PER_WORKER 4096
#endif
/* The same-bits tests' dense networks and runs: smaller under the
 * sanitizers too (1000 neurons, 62 blocks of 16 and a remainder, still
 * cover every block shape; fewer steps still cross spikes, resets and
 * the knobs' changes), which run them 5-40 times slower. */
/* The code paths the same-bits tests compare: the passes, AVX2, AVX-512;
 * a build without the vector paths (IZHI_NO_CLONES, set under
 * ThreadSanitizer) has the passes alone, and comparing them with themselves
 * would only cost time. */
#ifdef IZHI_NO_CLONES
#define CODE_PATHS 1
#else
#define CODE_PATHS 3
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SAN_SMALLER(plain, san) (san)
#else
#define SAN_SMALLER(plain, san) (plain)
#endif

static Net *make_simd(int n, int k, uint64_t seed, NetScheme scheme, float se, float si, float ext, int simd)
{
    NetParams p;
    net_params_default(&p);
    p.n = n; p.k = k; p.seed = seed; p.scheme = scheme;
    p.sigma_e = se; p.sigma_i = si; p.current_e = p.current_i = ext; p.simd = simd;
    Net *net = net_create(&p);
    assert_non_null(net);
    return net;
}

static Net *make(int n, int k, uint64_t seed, NetScheme scheme, float se, float si, float ext)
{
    return make_simd(n, k, seed, scheme, se, si, ext, NET_SIMD_BEST);
}

/* (a) One neuron, no synapse, no noise, I = 10, by hand (docs/model.md steps 5-6):
 * v0 = -65, u0 = b v0 = -13.
 * paper: dv = 0.04*4225 - 325 + 140 + 13 + 10 = 7      -> v = -61.5
 *        dv = 0.04*3782.25 - 307.5 + 140 + 13 + 10 = 6.79 -> v = -58.105
 *        u = -13 + 0.02 (0.2 * -58.105 + 13) = -12.97242
 * euler: v1 = -65 + 7 = -58, u1 = -13 + 0.02 (0.2 * -65 + 13) = -13
 *        dv = 0.04*3364 - 290 + 140 + 13 + 10 = 7.56 -> v2 = -50.44
 *        u2 = -13 + 0.02 (0.2 * -58 + 13) = -12.972 */
static void test_one_neuron_by_hand(void **state)
{
    (void)state;
    Net *p = make(1, 0, 1, NET_SCHEME_PAPER, 0, 0, 10);
    float prm[4];
    net_neuron_params(p, 0, prm);
    assert_float_equal(prm[0], 0.02f, 1e-7);
    assert_float_equal(prm[1], 0.2f, 1e-7);
    assert_int_equal(net_step(p), 0);
    assert_float_equal(net_v(p)[0], -58.105f, 1e-4);
    assert_float_equal(net_u(p)[0], -12.97242f, 1e-5);
    net_destroy(p);

    Net *e = make(1, 0, 1, NET_SCHEME_EULER, 0, 0, 10);
    assert_int_equal(net_step(e), 0);
    assert_float_equal(net_v(e)[0], -58.0f, 1e-4);
    assert_float_equal(net_u(e)[0], -13.0f, 1e-5);
    assert_int_equal(net_step(e), 0);
    assert_float_equal(net_v(e)[0], -50.44f, 1e-4);
    assert_float_equal(net_u(e)[0], -12.972f, 1e-5);
    net_destroy(e);
}

/* (b) the plain reference implementation */
typedef struct Ref {
    int n;
    float *v, *u, *a, *b, *c, *d, *w;   /* w[post * n + pre] */
    int *fired, *fired_prev;
    float ext;
} Ref;

static void ref_init(Ref *r, const Net *net, float ext)
{
    int n = net_n(net);
    r->n = n;
    r->ext = ext;
    r->v = calloc(n, sizeof(float)); r->u = calloc(n, sizeof(float));
    r->a = calloc(n, sizeof(float)); r->b = calloc(n, sizeof(float));
    r->c = calloc(n, sizeof(float)); r->d = calloc(n, sizeof(float));
    r->w = calloc((size_t)n * n, sizeof(float));
    r->fired = calloc(n, sizeof(int)); r->fired_prev = calloc(n, sizeof(int));
    for (int i = 0; i < n; i++) {
        float prm[4];
        net_neuron_params(net, i, prm);
        r->a[i] = prm[0]; r->b[i] = prm[1]; r->c[i] = prm[2]; r->d[i] = prm[3];
        r->v[i] = -65.0f;
        r->u[i] = r->b[i] * -65.0f;
        for (int j = 0; j < n; j++) r->w[(size_t)i * n + j] = net_weight(net, i, j);
    }
}

static void ref_free(Ref *r)
{
    free(r->v); free(r->u); free(r->a); free(r->b); free(r->c); free(r->d); free(r->w);
    free(r->fired); free(r->fired_prev);
}

/* docs/model.md paper scheme, steps 1-6, with the noise replaced by ext. */
static void ref_step_paper(Ref *r)
{
    int n = r->n;
    for (int i = 0; i < n; i++) r->fired[i] = r->v[i] >= 30.0f;
    for (int i = 0; i < n; i++)
        if (r->fired[i]) { r->v[i] = r->c[i]; r->u[i] += r->d[i]; }
    for (int i = 0; i < n; i++) {
        float in = r->ext;
        for (int j = 0; j < n; j++)
            if (r->fired[j]) in += r->w[(size_t)i * n + j];
        float v = r->v[i];
        v = v + 0.5f * (0.04f * v * v + 5.0f * v + 140.0f - r->u[i] + in);
        v = v + 0.5f * (0.04f * v * v + 5.0f * v + 140.0f - r->u[i] + in);
        r->v[i] = v;
        r->u[i] = r->u[i] + r->a[i] * (r->b[i] * v - r->u[i]);
    }
}

/* docs/model.md Euler scheme, steps 1-4. */
static void ref_step_euler(Ref *r)
{
    int n = r->n;
    memcpy(r->fired_prev, r->fired, n * sizeof(int));
    for (int i = 0; i < n; i++) {
        float in = r->ext;
        for (int j = 0; j < n; j++)
            if (r->fired_prev[j]) in += r->w[(size_t)i * n + j];
        float v = r->v[i], u = r->u[i];
        float vn = v + (0.04f * v * v + 5.0f * v + 140.0f - u + in);
        float un = u + r->a[i] * (r->b[i] * v - u);
        r->fired[i] = vn >= 30.0f;
        r->v[i] = r->fired[i] ? r->c[i] : vn;
        r->u[i] = r->fired[i] ? un + r->d[i] : un;
    }
}

static void compare_with_ref(int n, int k, NetScheme scheme, float ext, int steps, int *spikes_seen, int simd)
{
    Net *net = make_simd(n, k, 11, scheme, 0, 0, ext, simd);
    Ref r;
    ref_init(&r, net, ext);
    int total = 0;
    for (int t = 0; t < steps; t++) {
        int ns = net_step(net);
        if (scheme == NET_SCHEME_PAPER) ref_step_paper(&r); else ref_step_euler(&r);
        const int32_t *sp = net_spikes(net);
        int m = 0;
        for (int i = 0; i < n; i++)
            if (r.fired[i]) {
                assert_true(m < ns);
                assert_int_equal(sp[m], i);
                m++;
            }
        assert_int_equal(m, ns);
        total += ns;
        for (int i = 0; i < n; i++) {
            float tol = 1e-4f * (1.0f + fabsf(r.v[i]));
            assert_float_equal(net_v(net)[i], r.v[i], tol);
            assert_float_equal(net_u(net)[i], r.u[i], 1e-4f * (1.0f + fabsf(r.u[i])));
        }
    }
    *spikes_seen = total;
    ref_free(&r);
    net_destroy(net);
}

/* Small dense and sparse networks, constant drive, both schemes: the same
 * spikes at the same steps and the same state as the reference; dense ones
 * with every code path (net.h NET_SIMD_*) the processor has. 10 and 37
 * neurons are not multiples of 8 or 16: the kernels' short last block. */
static void test_against_reference(void **state)
{
    (void)state;
    int total;
    for (int simd = NET_SIMD_PASSES; simd <= NET_SIMD_AVX512; simd++) {
        compare_with_ref(10, 10, NET_SCHEME_PAPER, 8.0f, 1000, &total, simd);
        assert_true(total > 50);          /* the comparison saw synaptic events */
        compare_with_ref(10, 10, NET_SCHEME_EULER, 8.0f, 1000, &total, simd);
        assert_true(total > 50);
        compare_with_ref(37, 37, NET_SCHEME_PAPER, 6.5f, 1000, &total, simd);
        assert_true(total > 200);
        compare_with_ref(37, 37, NET_SCHEME_EULER, 6.5f, 1000, &total, simd);
        assert_true(total > 200);
    }
    compare_with_ref(60, 12, NET_SCHEME_PAPER, 6.0f, 1000, &total, NET_SIMD_BEST);
    assert_true(total > 200);
    compare_with_ref(60, 12, NET_SCHEME_EULER, 6.0f, 1000, &total, NET_SIMD_BEST);
    assert_true(total > 200);
}

/* With noise the reference above cannot follow (it has no noise streams),
 * so the code paths are checked against each other: the portable passes
 * (the plain loops) and each fused kernel the processor runs give the same
 * spikes, traced v, and v and u bit for bit, step by step: Fig. 3; a size
 * with a short last block; extreme noise (many ziggurat slow paths and
 * tails, the v guard). (Two workers: test_threads_same_spikes.) */
static void test_code_paths_same_bits(void **state)
{
    (void)state;
    const struct { int n, threads, steps; float sigma; } cs[] = {
        { 1000, 1, SAN_SMALLER(3000, 1000), 0 }, { 1003, 1, SAN_SMALLER(1500, 500), 0 }, { 203, 1, 1000, 1000.0f } };
    for (unsigned c = 0; c < sizeof cs / sizeof cs[0]; c++)
        for (int scheme = 0; scheme < 2; scheme++) {
            Net *net[3] = { NULL, NULL, NULL };
            for (int l = 0; l < CODE_PATHS; l++) {
                NetParams p;
                net_params_default(&p);
                p.n = p.k = cs[c].n; p.seed = 40 + c; p.scheme = scheme; p.threads = cs[c].threads;
                if (cs[c].sigma > 0) p.sigma_e = p.sigma_i = cs[c].sigma;
                p.simd = NET_SIMD_PASSES + l;
                net[l] = net_create(&p);
                assert_non_null(net[l]);
                net_set_trace(net[l], cs[c].n - 1);
            }
            long spikes = 0;
            for (int t = 0; t < cs[c].steps; t++) {
                int ns = net_step(net[0]);
                spikes += ns;
                for (int l = 1; l < CODE_PATHS; l++) {
                    assert_int_equal(net_step(net[l]), ns);
                    assert_memory_equal(net_spikes(net[l]), net_spikes(net[0]), (size_t)ns * sizeof(int32_t));
                    float a = net_trace_v(net[0]), b = net_trace_v(net[l]);
                    assert_memory_equal(&a, &b, sizeof a);
                    assert_memory_equal(net_v(net[l]), net_v(net[0]), (size_t)cs[c].n * sizeof(float));
                    assert_memory_equal(net_u(net[l]), net_u(net[0]), (size_t)cs[c].n * sizeof(float));
                }
            }
            assert_true(spikes > cs[c].steps);    /* the networks were active */
            for (int l = 0; l < 3; l++) net_destroy(net[l]);
        }
}

/* The first step can have no spike; the trace shows +30 exactly at spikes. */
static void test_trace_and_first_step(void **state)
{
    (void)state;
    Net *net = make(1000, 1000, 5, NET_SCHEME_PAPER, 5, 2, 0);
    assert_int_equal(net_step(net), 0);
    assert_int_equal(net_time(net), 1);
    net_set_trace(net, 3);
    int peaks = 0;
    for (int t = 1; t < 2000; t++) {
        int ns = net_step(net);
        const int32_t *sp = net_spikes(net);
        int fired = 0;
        for (int s = 0; s < ns; s++) fired |= sp[s] == 3;
        if (fired) { assert_float_equal(net_trace_v(net), 30.0f, 0); peaks++; }
        else assert_true(net_trace_v(net) < 30.0f);
    }
    assert_true(peaks > 0);
    net_destroy(net);
}

/* docs/model.md "Network": parameter and weight distributions of Fig. 3. */
static void test_fig3_structure(void **state)
{
    (void)state;
    Net *net = make(1000, 1000, 3, NET_SCHEME_PAPER, 5, 2, 0);
    assert_int_equal(net_ne(net), 800);
    for (int i = 0; i < 1000; i++) {
        float p[4];
        net_neuron_params(net, i, p);
        if (i < 800) {
            assert_float_equal(p[0], 0.02f, 0); assert_float_equal(p[1], 0.2f, 0);
            assert_true(p[2] >= -65.0f && p[2] < -50.0f);
            assert_true(p[3] > 2.0f && p[3] <= 8.0f);
            assert_float_equal((p[2] + 65.0f) / 15.0f, (8.0f - p[3]) / 6.0f, 1e-5);  /* same r^2 */
        } else {
            assert_true(p[0] >= 0.02f && p[0] < 0.1f);
            assert_true(p[1] > 0.2f && p[1] <= 0.25f);
            assert_float_equal(p[2], -65.0f, 0); assert_float_equal(p[3], 2.0f, 0);
            assert_float_equal((p[0] - 0.02f) / 0.08f, (0.25f - p[1]) / 0.05f, 1e-4);  /* same r */
        }
        assert_float_equal(net_v(net)[i], -65.0f, 0);
        assert_float_equal(net_u(net)[i], p[1] * -65.0f, 1e-5);
    }
    double se = 0, si = 0;
    for (int post = 0; post < 1000; post++)
        for (int pre = 0; pre < 1000; pre++) {
            float w = net_weight(net, post, pre);
            if (pre < 800) { assert_true(w >= 0.0f && w < 0.5f); se += w; }
            else { assert_true(w <= 0.0f && w > -1.0f); si += w; }
        }
    /* means 0.25 and -0.5; standard errors 0.5/sqrt(12 * 8e5) and 1/sqrt(12 * 2e5) */
    assert_true(fabs(se / 8e5 - 0.25) < 5 * 0.5 / sqrt(12 * 8e5));
    assert_true(fabs(si / 2e5 + 0.5) < 5 * 1.0 / sqrt(12 * 2e5));
    net_destroy(net);
}

/* docs/model.md "Larger networks": 0.8K excitatory and 0.2K inhibitory distinct
 * inputs per neuron, weights scaled by 1000/K. */
static void test_sparse_structure(void **state)
{
    (void)state;
    int n = 2000, k = 100;
    Net *net = make(n, k, 8, NET_SCHEME_PAPER, 5, 2, 0);
    assert_int_equal(net_ne(net), 1600);
    double se = 0, si = 0;
    long ne_syn = 0, ni_syn = 0;
    long indeg_out[2000] = { 0 };
    for (int post = 0; post < n; post++) {
        int ce = 0, ci = 0;
        for (int pre = 0; pre < n; pre++) {
            float w = net_weight(net, post, pre);
            if (w == 0.0f) continue;     /* a drawn weight is 0 with probability 2^-24 */
            if (pre < 1600) { ce++; assert_true(w > 0.0f && w < 0.5f * 10.0f); se += w; ne_syn++; }
            else { ci++; assert_true(w < 0.0f && w > -10.0f); si += w; ni_syn++; }
            indeg_out[pre]++;
        }
        assert_int_equal(ce, 80);
        assert_int_equal(ci, 20);
    }
    assert_true(fabs(se / ne_syn - 2.5) < 5 * 5.0 / sqrt(12.0 * ne_syn));
    assert_true(fabs(si / ni_syn + 5.0) < 5 * 10.0 / sqrt(12.0 * ni_syn));
    /* inputs are spread over all presynaptic neurons: each sends ~100 */
    long lo = 1 << 30, hi = 0;
    for (int j = 0; j < n; j++) { if (indeg_out[j] < lo) lo = indeg_out[j]; if (indeg_out[j] > hi) hi = indeg_out[j]; }
    assert_true(lo > 50 && hi < 160);
    net_destroy(net);
}

static void run_spikes(Net *net, int steps, uint64_t *hash, long *count)
{
    uint64_t h = 1469598103934665603ull;
    long c = 0;
    for (int t = 0; t < steps; t++) {
        int ns = net_step(net);
        for (int s = 0; s < ns; s++) {
            h = (h ^ (uint64_t)(t * 1000003 + net_spikes(net)[s])) * 1099511628211ull;
        }
        c += ns;
    }
    *hash = h;
    *count = c;
}

static void test_deterministic(void **state)
{
    (void)state;
    for (int scheme = 0; scheme < 2; scheme++) {
        uint64_t h1, h2, h3;
        long c1, c2, c3;
        Net *a = make(1000, 1000, 77, scheme, 5, 2, 0);
        Net *b = make(1000, 1000, 77, scheme, 5, 2, 0);
        Net *c = make(1000, 1000, 78, scheme, 5, 2, 0);
        run_spikes(a, 1000, &h1, &c1);
        run_spikes(b, 1000, &h2, &c2);
        run_spikes(c, 1000, &h3, &c3);
        assert_true(c1 > 1000);
        assert_int_equal(c1, c2);
        assert_true(h1 == h2);
        assert_true(h1 != h3);
        net_destroy(a); net_destroy(b); net_destroy(c);
    }
}

static Net *make_threads(int n, int k, NetScheme scheme, int threads)
{
    NetParams p;
    net_params_default(&p);
    p.n = n; p.k = k; p.seed = 31; p.scheme = scheme; p.threads = threads;
    Net *net = net_create(&p);
    assert_non_null(net);
    return net;
}

/* The spikes do not depend on the number of threads (sparse and dense,
 * both schemes), and the workers are really used. */
static void test_threads_same_spikes(void **state)
{
    (void)state;
    /* sparse: both schemes, 1-3 threads; dense (K = N, the fused kernel where the
     * processor has one): both schemes, 1-2 */
    const int per = PER_WORKER;     /* 3 and 2 workers' worth */
    const struct { int n, k, steps, schemes, threads; } shape[] = { { 3 * per, 100, 300, 2, 3 },
                                                                    { 2 * per, 2 * per, 40, 2, 2 } };
    for (int sh = 0; sh < 2; sh++)
        for (int scheme = 0; scheme < shape[sh].schemes; scheme++) {
            uint64_t h[3];
            long c[3];
            for (int t = 1; t <= 3; t++) {
                if (t > shape[sh].threads) { h[t - 1] = h[0]; c[t - 1] = c[0]; continue; }
                Net *net = make_threads(shape[sh].n, shape[sh].k, scheme, t);
                int want = shape[sh].n / per < t ? shape[sh].n / per : t;
                assert_int_equal(net_workers(net), want);
                run_spikes(net, shape[sh].steps, &h[t - 1], &c[t - 1]);
                net_destroy(net);
            }
            assert_true(c[0] > 100);
            assert_int_equal(c[0], c[1]);
            assert_int_equal(c[0], c[2]);
            assert_true(h[0] == h[1] && h[0] == h[2]);
        }
    /* small networks keep to one worker: a barrier would cost more than the step */
    net_test_set_min_per_worker(0);
    assert_int_equal(net_workers_for(1000, 8), 1);
    assert_int_equal(net_workers_for(4095, 2), 1);
    assert_int_equal(net_workers_for(8192, 2), 2);
    assert_int_equal(net_workers_for(100000, 2), 2);
    assert_int_equal(net_workers_for(100000, 0), 1);
    net_test_set_min_per_worker(PER_WORKER);
}

/* ---- a network split among processes (net_create_part) -------------------
 * The processes are threads here, the exchange a copy through shared memory
 * between two barriers (the MPI exchange does the same across machines).
 * Expected: the whole network's spikes and traced v (net_create, checked
 * against the plain reference and Octave/Brian2 elsewhere), bit for bit;
 * and four traced neurons' v, u and I (held by different parts). */


#define CLUB_MAX 4
typedef struct Club {
    int size;
    pthread_barrier_t bar;
    const int32_t *mine[CLUB_MAX];
    int count[CLUB_MAX], owns[CLUB_MAX];
    float tv[CLUB_MAX];
    StepTraces tr[CLUB_MAX];    /* after a step: each part's traced values, */
    unsigned tr_owns[CLUB_MAX]; /* of the slots it holds */
} Club;

typedef struct Member {
    Club *club;
    int rank, n, k, scheme, threads, simd, steps, trace;
    uint64_t hash;      /* spikes and traced v of every step */
    int ok;
} Member;

static void club_step(void *ctx, const int32_t *mine, int n_mine, int32_t *all, int *n_all, float *trace_v,
                      int owns_trace)
{
    Member *m = ctx;
    Club *c = m->club;
    c->mine[m->rank] = mine;
    c->count[m->rank] = n_mine;
    c->owns[m->rank] = owns_trace;
    c->tv[m->rank] = owns_trace ? *trace_v : 0.0f;
    pthread_barrier_wait(&c->bar);
    int at = 0;
    for (int r = 0; r < c->size; r++) {
        memcpy(all + at, c->mine[r], (size_t)c->count[r] * sizeof *all);
        at += c->count[r];
        if (c->owns[r]) *trace_v = c->tv[r];
    }
    *n_all = at;
    pthread_barrier_wait(&c->bar);      /* every copy made before a list changes */
}

/* NetExchange.traces: every slot's v, u and I from the part holding it. */
static void club_traces(void *ctx, StepTraces *tr, unsigned owns)
{
    Member *m = ctx;
    Club *c = m->club;
    c->tr[m->rank] = *tr;
    c->tr_owns[m->rank] = owns;
    pthread_barrier_wait(&c->bar);
    for (int r = 0; r < c->size; r++)
        for (int j = 0; j < tr->k; j++)
            if (c->tr_owns[r] >> j & 1u) {
                tr->v[j] = c->tr[r].v[j];
                tr->u[j] = c->tr[r].u[j];
                tr->i[j] = c->tr[r].i[j];
            }
    pthread_barrier_wait(&c->bar);
}

/* Four traced neurons spread over the parts: the last part's, the first
 * neuron, the middle one, the last one. */
static void trace_four(Net *net, int trace)
{
    const int n = net_n(net), ids[4] = { trace, 0, n / 2, n - 1 };
    assert_int_equal(net_set_traces(net, ids, 4), 0);
}

static uint64_t step_hash(uint64_t h, Net *net, int t)
{
    int ns = net_step(net);
    for (int s = 0; s < ns; s++) h = (h ^ (uint64_t)(t * 1000003 + net_spikes(net)[s])) * 1099511628211ull;
    float v = net_trace_v(net);
    uint32_t bits;
    memcpy(&bits, &v, sizeof bits);
    h = (h ^ bits) * 1099511628211ull;
    /* every traced slot's v, u and I (issue 20) */
    const StepTraces *tr = net_traces(net);
    for (int j = 0; j < tr->k; j++) {
        const float x[3] = { tr->v[j], tr->u[j], tr->i[j] };
        for (int q = 0; q < 3; q++) {
            memcpy(&bits, &x[q], sizeof bits);
            h = (h ^ bits ^ (uint64_t)tr->neuron[j] << 32) * 1099511628211ull;
        }
    }
    return h;
}

static void *member_run(void *arg)
{
    Member *m = arg;
    NetParams p;
    net_params_default(&p);
    p.n = m->n; p.k = m->k; p.seed = 41; p.scheme = m->scheme; p.threads = m->threads; p.simd = m->simd;
    int lo = (int)((int64_t)m->n * m->rank / m->club->size), hi = (int)((int64_t)m->n * (m->rank + 1) / m->club->size);
    NetExchange x = { club_step, m, club_traces };
    Net *net = net_create_part(&p, lo, hi, &x);
    m->ok = net != NULL && net_first(net) == lo && net_count(net) == hi - lo;
    if (!net) return NULL;      /* the test fails on ok; the others would wait: sizes are small */
    trace_four(net, m->trace);
    uint64_t h = 1469598103934665603ull;
    for (int t = 0; t < m->steps; t++) h = step_hash(h, net, t);
    m->hash = h;
    net_destroy(net);
    return NULL;
}

static void test_parts_same_spikes(void **state)
{
    (void)state;
    const struct { int n, k, steps, simd; } shape[] = {
        { 2 * PER_WORKER + 808, 300, 150, NET_SIMD_BEST },  /* sparse, two workers in a part */
        { SAN_SMALLER(2000, 1000), SAN_SMALLER(2000, 1000), 150, NET_SIMD_BEST },  /* dense: the fused kernel where there is one */
        { SAN_SMALLER(2000, 1000), SAN_SMALLER(2000, 1000), 100, NET_SIMD_PASSES }, /* dense, the passes */
    };
    for (int sh = 0; sh < 3; sh++)
        for (int scheme = 0; scheme < 2; scheme++) {
            NetParams p;
            net_params_default(&p);
            p.n = shape[sh].n; p.k = shape[sh].k; p.seed = 41; p.scheme = scheme; p.simd = shape[sh].simd;
            const int trace = shape[sh].n * 3 / 4 + 1;       /* held by the last part */
            Net *whole = net_create(&p);
            assert_non_null(whole);
            trace_four(whole, trace);
            uint64_t want = 1469598103934665603ull;
            for (int t = 0; t < shape[sh].steps; t++) want = step_hash(want, whole, t);
            net_destroy(whole);
            for (int size = 1; size <= CLUB_MAX; size++)
                for (int threads = 1; threads <= 2; threads++) {
                    Club club = { .size = size };
                    assert_int_equal(pthread_barrier_init(&club.bar, NULL, (unsigned)size), 0);
                    Member m[CLUB_MAX];
                    pthread_t th[CLUB_MAX];
                    for (int r = 0; r < size; r++) {
                        m[r] = (Member){ .club = &club, .rank = r, .n = p.n, .k = p.k, .scheme = scheme,
                                         .threads = threads, .simd = p.simd, .steps = shape[sh].steps,
                                         .trace = trace };
                        assert_int_equal(pthread_create(&th[r], NULL, member_run, &m[r]), 0);
                    }
                    for (int r = 0; r < size; r++) pthread_join(th[r], NULL);
                    pthread_barrier_destroy(&club.bar);
                    for (int r = 0; r < size; r++) {
                        assert_true(m[r].ok);
                        if (m[r].hash != want)
                            fail_msg("n %d k %d scheme %d simd %d: %d parts x %d threads, part %d differs",
                                     p.n, p.k, scheme, p.simd, size, threads, r);
                    }
                }
        }
}

static void test_part_params(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.n = 100; p.k = 10;
    Member m = { 0 };
    NetExchange x = { club_step, &m, NULL }, none = { NULL, NULL, NULL };
    errno = 0;
    assert_null(net_create_part(&p, 0, 50, NULL));          /* a part needs an exchange */
    assert_int_equal(errno, EINVAL);
    assert_null(net_create_part(&p, 50, 50, &x));           /* empty */
    assert_null(net_create_part(&p, 60, 50, &x));
    assert_null(net_create_part(&p, -1, 50, &x));
    assert_null(net_create_part(&p, 0, 101, &x));
    assert_null(net_create_part(&p, 0, 50, &none));
    Net *all = net_create_part(&p, 0, 100, NULL);           /* the whole: no exchange needed */
    assert_non_null(all);
    net_destroy(all);
    /* a part's peak: its own neurons' state and synapses, the offsets of all */
    assert_true(net_peak_bytes_part(100000, 1000, 1, 25000) < net_peak_bytes(100000, 1000, 1) / 3);
    assert_true(net_peak_bytes_part(100000, 1000, 1, 100000) == net_peak_bytes(100000, 1000, 1));
    assert_true(net_peak_bytes_part(100, 10, 1, 0) == 0);
}

static void test_no_noise_no_spike(void **state)
{
    (void)state;
    for (int scheme = 0; scheme < 2; scheme++) {
        Net *net = make(1000, 1000, 1, scheme, 0, 0, 0);
        for (int t = 0; t < 1000; t++) assert_int_equal(net_step(net), 0);
        net_destroy(net);
    }
}

static void test_extreme_noise_stays_finite(void **state)
{
    (void)state;
    const float sig[] = { 1000.0f, 1.0e6f };
    const int in_degree[] = { 50, 200 };      /* sparse; dense (the fused kernel where there is one) */
    for (int scheme = 0; scheme < 2; scheme++)
        for (int s = 0; s < 4; s++) {
            Net *net = make(200, in_degree[s / 2], 4, scheme, sig[s % 2], sig[s % 2], 0);
            for (int t = 0; t < 2000; t++) {
                net_step(net);
                for (int i = 0; i < 200; i++) {
                    assert_true(isfinite(net_v(net)[i]));
                    assert_true(isfinite(net_u(net)[i]));
                }
                assert_true(isfinite(net_trace_v(net)));
            }
            net_destroy(net);
        }
}

static void test_noise_change_live(void **state)
{
    (void)state;
    Net *net = make(1000, 1000, 9, NET_SCHEME_PAPER, 5, 2, 0);
    long quiet = 0, loud = 0;
    for (int t = 0; t < 1000; t++) net_step(net);
    for (int t = 0; t < 1000; t++) quiet += net_step(net);
    net_set_noise(net, 10, 2);
    for (int t = 0; t < 1000; t++) net_step(net);
    for (int t = 0; t < 1000; t++) loud += net_step(net);
    assert_true(loud > quiet * 3 / 2);
    net_set_noise(net, -4, NAN);
    assert_float_equal(net_params(net)->sigma_e, 0, 0);
    assert_float_equal(net_params(net)->sigma_i, 0, 0);
    net_destroy(net);
}

static void test_invalid_params(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.n = 0;
    errno = 0;
    assert_null(net_create(&p));
    assert_int_equal(errno, EINVAL);
    net_params_default(&p);
    p.k = 1001;
    assert_null(net_create(&p));
    net_params_default(&p);
    p.sigma_e = -1;
    assert_null(net_create(&p));
    net_params_default(&p);
    p.sigma_i = INFINITY;
    assert_null(net_create(&p));
    assert_null(net_create(NULL));
    net_destroy(NULL);
    assert_int_equal(net_count_excitatory(1000), 800);
    assert_int_equal(net_count_excitatory(3), 2);
    assert_int_equal(net_count_excitatory(100000), 80000);
}

/* ---- docs/model.md "Knobs" -------------------------------------------------
 * (a) by hand: one step of isolated neurons with a constant current and a
 * stimulus; (b) the plain reference above, extended here from the spec's
 * "Knobs" (its own input function and weight factors), against every code
 * path with every knob set and changed live; (c) g_E = g_I = 0 is a network
 * without synapses, bit for bit. */

static NetParams knob_params(int n, int k, NetScheme scheme, int simd)
{
    NetParams p;
    net_params_default(&p);
    p.n = n; p.k = k; p.seed = 11; p.scheme = scheme; p.simd = simd;
    p.sigma_e = p.sigma_i = 0;
    return p;
}

/* Five isolated neurons (K = 0; 0-3 excitatory, 4 inhibitory), no noise.
 * Excitatory, b = 0.2, v0 = -65, u0 = -13 (paper scheme, steps 5-6):
 *   I = 10: v = -58.105, u = -12.97242 (test_one_neuron_by_hand)
 *   I = 0:  dv = 169 - 325 + 140 + 13 = -3 -> -66.5;
 *           dv = 176.89 - 332.5 + 153 = -2.61 -> v = -67.805,
 *           u = -13 + 0.02 (0.2 * -67.805 + 13) = -13.01122
 *   I = 4:  dv = 1 -> -64.5; dv = 166.41 - 322.5 + 153 + 4 = 0.91 -> v = -64.045 */
static void test_knob_currents_by_hand(void **state)
{
    (void)state;
    for (int simd = NET_SIMD_PASSES; simd <= NET_SIMD_AVX512; simd++) {
        NetParams p = knob_params(5, 0, NET_SCHEME_PAPER, simd);
        p.current_e = 10.0f;                       /* J_I stays 0 */
        Net *net = net_create(&p);
        assert_non_null(net);
        net_step(net);
        for (int i = 0; i < 4; i++) {
            assert_float_equal(net_v(net)[i], -58.105f, 1e-4);
            assert_float_equal(net_u(net)[i], -12.97242f, 1e-5);
        }
        /* the inhibitory neuron: I = 0, its own b: two half-steps by hand in double */
        float prm[4];
        net_neuron_params(net, 4, prm);
        double v = -65, u = prm[1] * -65.0;
        v += 0.5 * (0.04 * v * v + 5 * v + 140 - u);
        v += 0.5 * (0.04 * v * v + 5 * v + 140 - u);
        assert_float_equal(net_v(net)[4], v, 1e-4);
        net_destroy(net);

        p = knob_params(5, 0, NET_SCHEME_PAPER, simd);
        p.current_i = 10.0f;                       /* now only the inhibitory one */
        p.stim_from = 2; p.stim_to = 3; p.stim_amp = 4.0f; p.stim_on = 1;
        p.stim_width = 1; p.stim_period = 3;
        net = net_create(&p);
        assert_non_null(net);
        net_step(net);
        assert_float_equal(net_v(net)[0], -67.805f, 1e-4);
        assert_float_equal(net_u(net)[0], -13.01122f, 1e-5);
        assert_float_equal(net_v(net)[1], -67.805f, 1e-4);
        assert_float_equal(net_v(net)[2], -64.045f, 1e-4);     /* the stimulus's 4 */
        assert_float_equal(net_v(net)[3], -64.045f, 1e-4);
        v = -65; u = prm[1] * -65.0;
        v += 0.5 * (0.04 * v * v + 5 * v + 140 - u + 10);
        v += 0.5 * (0.04 * v * v + 5 * v + 140 - u + 10);
        assert_float_equal(net_v(net)[4], v, 1e-4);
        /* step 1 is between pulses (width 1, period 3): 2 goes as 0 does */
        net_step(net);
        assert_true(fabsf(net_v(net)[2] - net_v(net)[0]) > 1.0f);   /* it carries step 0's lead */
        float lead = net_v(net)[2] - net_v(net)[0];
        net_step(net);
        net_step(net);                             /* step 3: the next pulse */
        assert_true(net_v(net)[2] - net_v(net)[0] > lead);
        net_destroy(net);
    }
}

/* Issue 20: up to four traced neurons, each with v, u and I (docs/model.md
 * "The trace"). (a) By hand: five isolated neurons (K = 0; 0-3 excitatory,
 * 4 inhibitory), no noise, J_E = 10, J_I = -2, the stimulus A = 4 on 2-3:
 * traced 0, 2 and 4, step 0 (paper) shows v = -65 (tested), u = b v = -13
 * (no reset), I = 10, 10 + 4 = 14 and -2; step 1 shows neuron 0's v =
 * -58.105 and u = -12.97242 (test_one_neuron_by_hand), I = 10 again. Euler:
 * step 0 shows v' = -58 (the v tested), u = -13 (the old u its update
 * used), I = 10; step 1 v' = -50.44, u = -13 (u1), step 2 u = -12.972. */
static void test_traces_by_hand(void **state)
{
    (void)state;
    for (int simd = NET_SIMD_PASSES; simd <= NET_SIMD_AVX512; simd++) {
        NetParams p = knob_params(5, 0, NET_SCHEME_PAPER, simd);
        p.current_e = 10.0f; p.current_i = -2.0f;
        p.stim_from = 2; p.stim_to = 3; p.stim_amp = 4.0f; p.stim_on = 1;
        Net *net = net_create(&p);
        assert_non_null(net);
        const int ids[3] = { 0, 2, 4 };
        assert_int_equal(net_set_traces(net, ids, 3), 0);
        net_step(net);
        const StepTraces *tr = net_traces(net);
        assert_int_equal(tr->k, 3);
        assert_int_equal(tr->neuron[1], 2);
        assert_float_equal(tr->v[0], -65.0f, 0);
        assert_float_equal(tr->u[0], -13.0f, 1e-6);
        assert_float_equal(tr->i[0], 10.0f, 0);
        assert_float_equal(tr->i[1], 14.0f, 0);
        assert_float_equal(tr->i[2], -2.0f, 0);
        net_step(net);
        assert_float_equal(tr->v[0], -58.105f, 1e-4);
        assert_float_equal(tr->u[0], -12.97242f, 1e-5);
        assert_float_equal(tr->i[0], 10.0f, 0);
        net_destroy(net);

        p.scheme = NET_SCHEME_EULER;
        p.stim_on = 0;
        net = net_create(&p);
        assert_non_null(net);
        net_set_trace(net, 0);
        tr = net_traces(net);
        net_step(net);
        assert_int_equal(tr->k, 1);
        assert_float_equal(tr->v[0], -58.0f, 1e-4);
        assert_float_equal(tr->u[0], -13.0f, 1e-6);
        assert_float_equal(tr->i[0], 10.0f, 0);
        net_step(net);
        assert_float_equal(tr->v[0], -50.44f, 1e-4);
        assert_float_equal(tr->u[0], -13.0f, 1e-5);
        net_step(net);
        assert_float_equal(tr->u[0], -12.972f, 1e-5);
        net_destroy(net);
    }
    /* out of range or too many: refused, nothing changed */
    Net *net = make(5, 0, 1, NET_SCHEME_PAPER, 0, 0, 0);
    const int bad[2] = { 1, 5 }, five[5] = { 0, 1, 2, 3, 4 };
    assert_int_equal(net_set_traces(net, bad, 2), -1);
    assert_int_equal(net_set_traces(net, five, 5), -1);
    assert_int_equal(net_traces(net)->k, 1);
    assert_int_equal(net_trace(net), 0);
    net_destroy(net);
}

/* (b) With synapses, from the spec's steps: three neurons (0, 1 excitatory,
 * 2 inhibitory), dense, no noise, J_E = J_I = 30, so they fire. Before each
 * step every neuron's v and u are noted; the trace of each must then be v
 * (30 if at or above it), u (paper: + d when it fired, the reset the update
 * sees; Euler: the old u) and I = 30 plus, over the spikes that act at the
 * step (paper: its own; Euler: the step before's), W[i][j] in ascending j,
 * summed in single precision. Every code path, one and three threads. */
static void test_traces_synaptic(void **state)
{
    (void)state;
    for (int scheme = NET_SCHEME_PAPER; scheme <= NET_SCHEME_EULER; scheme++)
        for (int simd = NET_SIMD_PASSES; simd <= NET_SIMD_AVX512; simd++)
            for (int threads = 1; threads <= 3; threads += 2) {
                NetParams p = knob_params(3, 3, (NetScheme)scheme, simd);
                p.current_e = p.current_i = 30.0f;
                p.threads = threads;
                Net *net = net_create(&p);
                assert_non_null(net);
                const int ids[3] = { 2, 0, 1 };
                assert_int_equal(net_set_traces(net, ids, 3), 0);
                int acted = 0, prev[3] = { 0 }, prev_ns = 0;
                for (int t = 0; t < 60; t++) {
                    float v0[3], u0[3];
                    memcpy(v0, net_v(net), sizeof v0);
                    memcpy(u0, net_u(net), sizeof u0);
                    const int ns = net_step(net);
                    int act[3] = { 0 }, nact = scheme == NET_SCHEME_PAPER ? ns : prev_ns;
                    const int *from = scheme == NET_SCHEME_PAPER ? NULL : prev;
                    for (int s = 0; s < nact; s++) act[from ? from[s] : net_spikes(net)[s]] = 1;
                    const StepTraces *tr = net_traces(net);
                    acted += nact > 0;
                    for (int j = 0; j < 3; j++) {
                        const int i = ids[j];
                        float prm[4];
                        net_neuron_params(net, i, prm);
                        float in = 30.0f;
                        for (int pre = 0; pre < 3; pre++)
                            if (act[pre]) in = in + net_weight(net, i, pre);
                        if (tr->i[j] != in)
                            fail_msg("scheme %d simd %d threads %d t %d neuron %d: I %.9g, want %.9g", scheme, simd,
                                     threads, t, i, (double)tr->i[j], (double)in);
                        if (scheme == NET_SCHEME_PAPER) {
                            assert_float_equal(tr->v[j], v0[i] >= 30.0f ? 30.0f : v0[i], 0);
                            assert_float_equal(tr->u[j], v0[i] >= 30.0f ? u0[i] + prm[3] : u0[i], 0);
                        } else {
                            assert_float_equal(tr->u[j], u0[i], 0);
                        }
                    }
                    prev_ns = ns;
                    for (int s = 0; s < ns; s++) prev[s] = net_spikes(net)[s];
                }
                assert_true(acted > 2);
                net_destroy(net);
            }
}

typedef struct RefKnobs {
    float ge, gi, je, ji, amp;
    int from, to, width, period, on;
    int64_t t0;
} RefKnobs;

/* docs/model.md "Knobs": J_i (+ A on the stimulated neurons inside a pulse) */
static float kref_input(const RefKnobs *k, int ne, int i, int64_t t)
{
    float j = i < ne ? k->je : k->ji;
    int pulse = k->on && (k->width == 0 || k->period == 0 || (t - k->t0) % k->period < k->width);
    if (pulse && i >= k->from && i <= k->to) j = j + k->amp;
    return j;
}

/* W[i][j] f_j, f_j = g_E / 0.5 or g_I / 1 by the sender */
static float kref_factor(const RefKnobs *k, int ne, int j)
{
    return j < ne ? k->ge / 0.5f : k->gi / 1.0f;
}

static void kref_step(Ref *r, const RefKnobs *k, int ne, int64_t t, NetScheme scheme)
{
    int n = r->n;
    if (scheme == NET_SCHEME_PAPER) {
        for (int i = 0; i < n; i++) r->fired[i] = r->v[i] >= 30.0f;
        for (int i = 0; i < n; i++)
            if (r->fired[i]) { r->v[i] = r->c[i]; r->u[i] += r->d[i]; }
        for (int i = 0; i < n; i++) {
            float in = kref_input(k, ne, i, t);
            for (int j = 0; j < n; j++)
                if (r->fired[j]) in += r->w[(size_t)i * n + j] * kref_factor(k, ne, j);
            float v = r->v[i];
            v = v + 0.5f * (0.04f * v * v + 5.0f * v + 140.0f - r->u[i] + in);
            v = v + 0.5f * (0.04f * v * v + 5.0f * v + 140.0f - r->u[i] + in);
            r->v[i] = v;
            r->u[i] = r->u[i] + r->a[i] * (r->b[i] * v - r->u[i]);
        }
        return;
    }
    memcpy(r->fired_prev, r->fired, n * sizeof(int));
    for (int i = 0; i < n; i++) {
        float in = kref_input(k, ne, i, t);
        for (int j = 0; j < n; j++)
            if (r->fired_prev[j]) in += r->w[(size_t)i * n + j] * kref_factor(k, ne, j);
        float v = r->v[i], u = r->u[i];
        float vn = v + (0.04f * v * v + 5.0f * v + 140.0f - u + in);
        float un = u + r->a[i] * (r->b[i] * v - u);
        r->fired[i] = vn >= 30.0f;
        r->v[i] = r->fired[i] ? r->c[i] : vn;
        r->u[i] = r->fired[i] ? un + r->d[i] : un;
    }
}

/* Every knob set from the start and changed live (at steps 300, 500, 603,
 * 700 the stimulus's neurons, 800), both schemes, dense and sparse, each code path: the same spikes at
 * the same steps and the same state as the reference. */
static void compare_knobs(int n, int k, NetScheme scheme, int simd, long *stim_spikes, long *total)
{
    NetParams p = knob_params(n, k, scheme, simd);
    RefKnobs rk = { .ge = 0.8f, .gi = 0.5f, .je = 4.0f, .ji = 3.0f, .amp = 6.0f,
                    .from = 3, .to = 7, .width = 3, .period = 7, .on = 1, .t0 = 0 };
    p.weight_e = rk.ge; p.weight_i = rk.gi; p.current_e = rk.je; p.current_i = rk.ji;
    p.stim_from = rk.from; p.stim_to = rk.to; p.stim_amp = rk.amp;
    p.stim_width = rk.width; p.stim_period = rk.period; p.stim_on = 1;
    Net *net = net_create(&p);
    assert_non_null(net);
    Ref r;
    ref_init(&r, net, 0);
    const int ne = net_ne(net);
    *stim_spikes = *total = 0;
    for (int t = 0; t < 1000; t++) {
        if (t == 300) { net_set_weights(net, 1.0f, 0.25f); rk.ge = 1.0f; rk.gi = 0.25f; }
        if (t == 500) { net_set_stim(net, 0); rk.on = 0; }
        if (t == 603) { net_set_stim(net, 1); rk.on = 1; rk.t0 = 603; }
        if (t == 700) { net_set_stim_neurons(net, 1, 5); rk.from = 1; rk.to = 5; }
        if (t == 750) net_set_stim_neurons(net, 6, 2);          /* an empty range: ignored */
        if (t == 800) { net_set_currents(net, 5.5f, -1.0f); rk.je = 5.5f; rk.ji = -1.0f; }
        int ns = net_step(net);
        kref_step(&r, &rk, ne, t, scheme);
        const int32_t *sp = net_spikes(net);
        int m = 0;
        for (int i = 0; i < n; i++)
            if (r.fired[i]) {
                assert_true(m < ns);
                assert_int_equal(sp[m], i);
                m++;
                if (i >= rk.from && i <= rk.to) ++*stim_spikes;
            }
        assert_int_equal(m, ns);
        *total += ns;
        for (int i = 0; i < n; i++) {
            assert_float_equal(net_v(net)[i], r.v[i], 1e-4f * (1.0f + fabsf(r.v[i])));
            assert_float_equal(net_u(net)[i], r.u[i], 1e-4f * (1.0f + fabsf(r.u[i])));
        }
    }
    ref_free(&r);
    net_destroy(net);
}

static void test_knobs_against_reference(void **state)
{
    (void)state;
    long stim, total;
    for (int scheme = 0; scheme < 2; scheme++) {
        for (int simd = NET_SIMD_PASSES; simd <= NET_SIMD_AVX512; simd++) {
            compare_knobs(10, 10, scheme, simd, &stim, &total);
            assert_true(total > 200 && stim > 100);
            compare_knobs(37, 37, scheme, simd, &stim, &total);
            assert_true(total > 200 && stim > 100);
        }
        compare_knobs(60, 12, scheme, NET_SIMD_BEST, &stim, &total);
        assert_true(total > 200 && stim > 100);
    }
}

/* g_E = g_I = 0 removes every synaptic input: with noise, the dense
 * network's spikes are those of the same neurons without synapses (K = 0:
 * the same parameters and noise streams), bit for bit, on every path. */
static void test_weight_zero_no_synapses(void **state)
{
    (void)state;
    for (int simd = NET_SIMD_PASSES; simd <= NET_SIMD_AVX512; simd++)
        for (int scheme = 0; scheme < 2; scheme++) {
            NetParams p = knob_params(203, 203, scheme, simd);
            p.sigma_e = 5; p.sigma_i = 2; p.current_e = 2;
            p.weight_e = p.weight_i = 0;
            Net *a = net_create(&p);
            p.k = 0;
            p.weight_e = 0.5f; p.weight_i = 1;
            Net *b = net_create(&p);
            assert_non_null(a);
            assert_non_null(b);
            long spikes = 0;
            for (int t = 0; t < 1000; t++) {
                int ns = net_step(a);
                assert_int_equal(net_step(b), ns);
                assert_memory_equal(net_spikes(a), net_spikes(b), (size_t)ns * sizeof(int32_t));
                spikes += ns;
            }
            assert_true(spikes > 200);
            net_destroy(a);
            net_destroy(b);
        }
}

/* With noise and every knob away from its default (and changed live), the
 * portable passes and each fused kernel agree bit for bit, and so do one
 * and two workers. */
static void test_knobs_same_bits(void **state)
{
    (void)state;
    net_test_set_min_per_worker(256);   /* two workers of a small dense network (restored below) */
    const int n = 2 * 256 + 3;
    for (int scheme = 0; scheme < 2; scheme++) {
        Net *net[4];
        for (int l = 0; l < 4; l++) {
            net[l] = NULL;
            if (l > 0 && l < 3 && l >= CODE_PATHS) continue;
            NetParams p;
            net_params_default(&p);
            p.n = p.k = l == 3 ? n : 1003; p.seed = 77; p.scheme = scheme;
            p.simd = l == 3 ? NET_SIMD_BEST : NET_SIMD_PASSES + l;
            p.weight_e = 0.45f; p.weight_i = 1.3f; p.current_e = 0.75f; p.current_i = -0.5f;
            p.stim_from = 100; p.stim_to = 355; p.stim_amp = 7; p.stim_width = 5; p.stim_period = 20;
            p.stim_on = 1;
            net[l] = net_create(&p);
            assert_non_null(net[l]);
        }
        /* the two-worker network against one worker */
        NetParams p1 = *net_params(net[3]);
        p1.threads = 1;
        Net *one = net_create(&p1);
        NetParams p2 = p1;
        p2.threads = 2;
        Net *two = net_create(&p2);
        assert_non_null(one);
        assert_non_null(two);
        assert_int_equal(net_workers(two), 2);
        long spikes = 0;
        for (int t = 0; t < 600; t++) {
            if (t == 200)
                for (int l = 0; l < CODE_PATHS; l++) { net_set_weights(net[l], 0.6f, 0.9f); net_set_stim(net[l], 0); }
            if (t == 300) {
                for (int l = 0; l < CODE_PATHS; l++) { net_set_stim(net[l], 1); net_set_currents(net[l], 0, 1.5f); }
                net_set_weights(one, 0.6f, 0.9f); net_set_weights(two, 0.6f, 0.9f);
            }
            int ns = net_step(net[0]);
            spikes += ns;
            for (int l = 1; l < CODE_PATHS; l++) {
                assert_int_equal(net_step(net[l]), ns);
                assert_memory_equal(net_spikes(net[l]), net_spikes(net[0]), (size_t)ns * sizeof(int32_t));
                assert_memory_equal(net_v(net[l]), net_v(net[0]), 1003 * sizeof(float));
            }
            int n1 = net_step(one);
            assert_int_equal(net_step(two), n1);
            assert_memory_equal(net_spikes(two), net_spikes(one), (size_t)n1 * sizeof(int32_t));
        }
        assert_true(spikes > 1000);
        for (int l = 0; l < 4; l++) net_destroy(net[l]);
        net_destroy(one);
        net_destroy(two);
    }
    net_test_set_min_per_worker(PER_WORKER);
}

static void test_knobs_invalid(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    assert_float_equal(p.weight_e, 0.5f, 0);
    assert_float_equal(p.weight_i, 1.0f, 0);
    p.weight_e = -0.1f;
    assert_null(net_create(&p));
    net_params_default(&p);
    p.current_i = NAN;
    assert_null(net_create(&p));
    net_params_default(&p);
    p.stim_width = 6; p.stim_period = 5;
    assert_null(net_create(&p));
    net_params_default(&p);
    p.stim_from = 10; p.stim_to = 9;
    assert_null(net_create(&p));
    net_params_default(&p);
    p.n = p.k = 10;
    Net *net = net_create(&p);   /* the default 0-49 reaches past 10 neurons: only theirs */
    assert_non_null(net);
    net_set_weights(net, -1, NAN);
    assert_float_equal(net_params(net)->weight_e, 0, 0);
    assert_float_equal(net_params(net)->weight_i, 0, 0);
    net_destroy(net);
}

int main(void)
{
    net_test_set_min_per_worker(PER_WORKER);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_neuron_by_hand),
        cmocka_unit_test(test_against_reference),
        cmocka_unit_test(test_code_paths_same_bits),
        cmocka_unit_test(test_trace_and_first_step),
        cmocka_unit_test(test_traces_by_hand),
        cmocka_unit_test(test_traces_synaptic),
        cmocka_unit_test(test_fig3_structure),
        cmocka_unit_test(test_sparse_structure),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_threads_same_spikes),
        cmocka_unit_test(test_parts_same_spikes),
        cmocka_unit_test(test_part_params),
        cmocka_unit_test(test_no_noise_no_spike),
        cmocka_unit_test(test_extreme_noise_stays_finite),
        cmocka_unit_test(test_noise_change_live),
        cmocka_unit_test(test_invalid_params),
        cmocka_unit_test(test_knob_currents_by_hand),
        cmocka_unit_test(test_knobs_against_reference),
        cmocka_unit_test(test_weight_zero_no_synapses),
        cmocka_unit_test(test_knobs_same_bits),
        cmocka_unit_test(test_knobs_invalid),
    };
    return cmocka_run_group_tests_name("net", tests, NULL, NULL);
}
