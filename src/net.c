/*
 * net.c - the Izhikevich (2003) network: building it and stepping it.
 * MODEL.md is the specification; the step functions below follow its
 * numbered lists line by line.
 */
#include "net.h"
#include "rng.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct Net {
    NetParams p;
    int n, ne, k;
    int64_t t;                 /* ms of the next step */
    /* neuron state and parameters, one array per field, length n */
    float *v, *u, *a, *b, *c, *d;
    float *input;              /* I of the current step */
    RngBank noise;
    /* synapses: dense (k == n) or per-presynaptic lists */
    float *w_dense;            /* [pre * n + post] */
    int64_t *syn_off;          /* [n + 1]: pre j's synapses are off[j]..off[j+1] */
    uint32_t *syn_target;
    float *syn_weight;
    /* spikes: this step's and (Euler scheme) the previous step's */
    int32_t *spikes, *spikes_prev;
    int n_spikes, n_spikes_prev;
    int trace;
    float trace_v;
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
    p->i_ext = 0.0f;
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

static int params_valid(const NetParams *p)
{
    return p->n >= 1 && p->k >= 0 && p->k <= p->n &&
           (p->scheme == NET_SCHEME_PAPER || p->scheme == NET_SCHEME_EULER) &&
           isfinite(p->sigma_e) && isfinite(p->sigma_i) && isfinite(p->i_ext) &&
           p->sigma_e >= 0.0f && p->sigma_i >= 0.0f;
}

/* MODEL.md "Network": one r ~ U[0,1) per neuron, from one stream. */
static void init_neurons(Net *net)
{
    Rng r;
    rng_seed(&r, net->p.seed, RNG_PARAMS, 0);
    for (int i = 0; i < net->n; i++) {
        float x = rng_uniform(&r);
        if (i < net->ne) {
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

/* Dense: post i's weights come from stream (seed, RNG_WEIGHTS, i), pre ascending. */
static void init_dense(Net *net)
{
    int n = net->n;
    float scale = 1000.0f / (float)net->k;
    for (int post = 0; post < n; post++) {
        Rng r;
        rng_seed(&r, net->p.seed, RNG_WEIGHTS, (uint64_t)post);
        for (int pre = 0; pre < n; pre++)
            net->w_dense[(size_t)pre * n + post] = draw_weight(&r, pre, net->ne, scale);
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

static int cmp_i32(const void *x, const void *y)
{
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

/* Sparse: post i draws its inputs, then weights, from stream
 * (seed, RNG_WEIGHTS, i); the lists are then turned presynaptic-major. */
static int init_sparse(Net *net)
{
    int n = net->n, k = net->k, ne = net->ne;
    int ke = (int)lround(0.8 * k), ki = k - ke;
    float scale = k > 0 ? 1000.0f / (float)k : 0.0f;
    size_t nsyn = (size_t)n * (size_t)k;
    int32_t *pre_of = malloc((nsyn ? nsyn : 1) * sizeof *pre_of);   /* [post*k + m] */
    float *w_of = malloc((nsyn ? nsyn : 1) * sizeof *w_of);
    unsigned char *mark = calloc((size_t)n, 1);
    int rc = -1;
    if (!pre_of || !w_of || !mark) goto out;

    for (int post = 0; post < n; post++) {
        Rng r;
        rng_seed(&r, net->p.seed, RNG_WEIGHTS, (uint64_t)post);
        int32_t *row = pre_of + (size_t)post * k;
        pick_distinct(&r, 0, ne, ke, row, mark);
        pick_distinct(&r, ne, n - ne, ki, row + ke, mark);
        qsort(row, (size_t)k, sizeof *row, cmp_i32);
        for (int m = 0; m < k; m++)
            w_of[(size_t)post * k + m] = draw_weight(&r, row[m], ne, scale);
    }
    /* transpose: count per pre, prefix sums, fill in post order (ascending) */
    memset(net->syn_off, 0, ((size_t)n + 1) * sizeof *net->syn_off);
    for (size_t s = 0; s < nsyn; s++) net->syn_off[pre_of[s] + 1]++;
    for (int j = 0; j < n; j++) net->syn_off[j + 1] += net->syn_off[j];
    int64_t *fill = malloc(((size_t)n + 1) * sizeof *fill);
    if (!fill) goto out;
    memcpy(fill, net->syn_off, ((size_t)n + 1) * sizeof *fill);
    for (int post = 0; post < n; post++)
        for (int m = 0; m < k; m++) {
            size_t s = (size_t)post * k + m;
            int64_t at = fill[pre_of[s]]++;
            net->syn_target[at] = (uint32_t)post;
            net->syn_weight[at] = w_of[s];
        }
    free(fill);
    rc = 0;
out:
    free(pre_of); free(w_of); free(mark);
    return rc;
}

Net *net_create(const NetParams *p)
{
    if (!p || !params_valid(p)) { errno = EINVAL; return NULL; }
    if (net_synapse_bytes(p->n, p->k) == 0 && p->k > 0) { errno = ENOMEM; return NULL; }
    Net *net = calloc(1, sizeof *net);
    if (!net) { errno = ENOMEM; return NULL; }
    net->p = *p;
    net->n = p->n;
    net->k = p->k;
    net->ne = net_count_excitatory(p->n);
    net->trace = 0;
    net->trace_v = -65.0f;
    size_t n = (size_t)p->n, fsz = n * sizeof(float);
    net->v = malloc(fsz); net->u = malloc(fsz); net->a = malloc(fsz);
    net->b = malloc(fsz); net->c = malloc(fsz); net->d = malloc(fsz);
    net->input = malloc(fsz);
    net->spikes = malloc(n * sizeof(int32_t));
    net->spikes_prev = malloc(n * sizeof(int32_t));
    if (!net->v || !net->u || !net->a || !net->b || !net->c || !net->d || !net->input ||
        !net->spikes || !net->spikes_prev)
        goto fail;
    if (rng_bank_init(&net->noise, p->n, p->seed, RNG_NOISE) != 0) goto fail;
    init_neurons(net);
    if (p->k == p->n) {
        net->w_dense = malloc(n * n * sizeof(float));
        if (!net->w_dense) goto fail;
        init_dense(net);
    } else {
        size_t nsyn = n * (size_t)p->k;
        net->syn_off = malloc((n + 1) * sizeof(int64_t));
        net->syn_target = malloc((nsyn ? nsyn : 1) * sizeof(uint32_t));
        net->syn_weight = malloc((nsyn ? nsyn : 1) * sizeof(float));
        if (!net->syn_off || !net->syn_target || !net->syn_weight) goto fail;
        if (init_sparse(net) != 0) goto fail;
    }
    return net;
fail:
    net_destroy(net);
    errno = ENOMEM;
    return NULL;
}

void net_destroy(Net *net)
{
    if (!net) return;
    free(net->v); free(net->u); free(net->a); free(net->b); free(net->c); free(net->d);
    free(net->input);
    rng_bank_free(&net->noise);
    free(net->w_dense); free(net->syn_off); free(net->syn_target); free(net->syn_weight);
    free(net->spikes); free(net->spikes_prev);
    free(net);
}

/* MODEL.md step 1 (both schemes): I = sigma * n (+ the constant test input). */
static void draw_noise(Net *net)
{
    float *in = net->input;
    rng_bank_normal(&net->noise, 0, net->n, in);
    float se = net->p.sigma_e, si = net->p.sigma_i, ext = net->p.i_ext;
    for (int i = 0; i < net->ne; i++) in[i] = se * in[i] + ext;
    for (int i = net->ne; i < net->n; i++) in[i] = si * in[i] + ext;
}

/* I[post] += W[post][pre] for each pre in the list, pre ascending. */
static void propagate(Net *net, const int32_t *pre, int count)
{
    float *restrict in = net->input;
    int n = net->n;
    if (net->w_dense) {
        for (int s = 0; s < count; s++) {
            const float *restrict w = net->w_dense + (size_t)pre[s] * n;
            for (int i = 0; i < n; i++) in[i] += w[i];
        }
    } else {
        for (int s = 0; s < count; s++) {
            int64_t lo = net->syn_off[pre[s]], hi = net->syn_off[pre[s] + 1];
            const uint32_t *restrict tg = net->syn_target;
            const float *restrict w = net->syn_weight;
            for (int64_t m = lo; m < hi; m++) in[tg[m]] += w[m];
        }
    }
}

static inline float guard(float v)
{
    /* Keeps v finite at any noise (MODEL.md "Numerical notes"); ordinary
     * runs stay below a few thousand mV, far inside the cap. */
    v = v < NET_V_CAP ? v : NET_V_CAP;      /* also turns a NaN into the cap */
    return v > -NET_V_CAP ? v : -NET_V_CAP;
}

static inline float dv(float v, float u, float in)
{
    return 0.04f * v * v + 5.0f * v + 140.0f - u + in;
}

/* MODEL.md "Step k, paper scheme". */
static void step_paper(Net *net)
{
    int n = net->n, ns = 0;
    float *restrict v = net->v, *restrict u = net->u, *restrict in = net->input;
    const float *restrict a = net->a, *restrict b = net->b;
    draw_noise(net);                                             /* 1 */
    float tv = v[net->trace];
    net->trace_v = tv >= NET_V_PEAK ? NET_V_PEAK : tv;
    for (int i = 0; i < n; i++)                                  /* 2 */
        if (v[i] >= NET_V_PEAK) net->spikes[ns++] = i;
    for (int s = 0; s < ns; s++) {                               /* 3 */
        int i = net->spikes[s];
        v[i] = net->c[i];
        u[i] += net->d[i];
    }
    propagate(net, net->spikes, ns);                             /* 4 */
    for (int i = 0; i < n; i++) {                                /* 5, 6 */
        float x = v[i];
        x = guard(x + 0.5f * dv(x, u[i], in[i]));
        x = guard(x + 0.5f * dv(x, u[i], in[i]));
        v[i] = x;
        u[i] += a[i] * (b[i] * x - u[i]);
    }
    net->n_spikes = ns;
}

/* MODEL.md "Step k, Euler scheme". */
static void step_euler(Net *net)
{
    int n = net->n, ns = 0;
    float *restrict v = net->v, *restrict u = net->u, *restrict in = net->input;
    const float *restrict a = net->a, *restrict b = net->b;
    /* the previous step's spikes become this step's synaptic input */
    int32_t *tmp = net->spikes_prev;
    net->spikes_prev = net->spikes;
    net->spikes = tmp;
    net->n_spikes_prev = net->n_spikes;
    draw_noise(net);                                             /* 1 */
    propagate(net, net->spikes_prev, net->n_spikes_prev);
    for (int i = 0; i < n; i++) {                                /* 2 */
        float vn = guard(v[i] + dv(v[i], u[i], in[i]));
        u[i] += a[i] * (b[i] * v[i] - u[i]);
        v[i] = vn;
    }
    float tv = v[net->trace];
    net->trace_v = tv >= NET_V_PEAK ? NET_V_PEAK : tv;
    for (int i = 0; i < n; i++)                                  /* 3 */
        if (v[i] >= NET_V_PEAK) net->spikes[ns++] = i;
    for (int s = 0; s < ns; s++) {                               /* 4 */
        int i = net->spikes[s];
        v[i] = net->c[i];
        u[i] += net->d[i];
    }
    net->n_spikes = ns;
}

int net_step(Net *net)
{
    if (net->p.scheme == NET_SCHEME_EULER) step_euler(net);
    else step_paper(net);
    net->t++;
    return net->n_spikes;
}

const int32_t *net_spikes(const Net *net) { return net->spikes; }
int64_t net_time(const Net *net) { return net->t; }
int net_n(const Net *net) { return net->n; }
int net_k(const Net *net) { return net->k; }
int net_ne(const Net *net) { return net->ne; }
const NetParams *net_params(const Net *net) { return &net->p; }

void net_set_noise(Net *net, float sigma_e, float sigma_i)
{
    net->p.sigma_e = isfinite(sigma_e) && sigma_e > 0.0f ? sigma_e : 0.0f;
    net->p.sigma_i = isfinite(sigma_i) && sigma_i > 0.0f ? sigma_i : 0.0f;
}

void net_set_trace(Net *net, int neuron)
{
    if (neuron >= 0 && neuron < net->n) net->trace = neuron;
}

int net_trace(const Net *net) { return net->trace; }
float net_trace_v(const Net *net) { return net->trace_v; }
const float *net_v(const Net *net) { return net->v; }
const float *net_u(const Net *net) { return net->u; }

void net_neuron_params(const Net *net, int i, float out[4])
{
    out[0] = net->a[i]; out[1] = net->b[i]; out[2] = net->c[i]; out[3] = net->d[i];
}

float net_weight(const Net *net, int post, int pre)
{
    if (net->w_dense) return net->w_dense[(size_t)pre * net->n + post];
    int64_t lo = net->syn_off[pre], hi = net->syn_off[pre + 1];
    while (lo < hi) {   /* targets ascending: binary search */
        int64_t mid = lo + (hi - lo) / 2;
        if ((int)net->syn_target[mid] < post) lo = mid + 1;
        else hi = mid;
    }
    return (lo < net->syn_off[pre + 1] && (int)net->syn_target[lo] == post) ? net->syn_weight[lo] : 0.0f;
}
