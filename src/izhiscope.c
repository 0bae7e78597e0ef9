/*
 * izhiscope.c - libizhiscope's public face (include/izhiscope.h) over the
 * program's own objects: parameters are checked by cli.c's parser (the
 * option table: names, ranges, messages), a network steps through
 * run_source.c as the headless run does and feeds the same --stats
 * objects (stats.c, analysis.c, the runaway watch), a sweep is
 * sweep_run_rows (sweep_measure.c), a spike file is read by replay.c or
 * sonata.c. Nothing here computes the model: it only holds what a caller
 * asked for. Nothing printed, nothing exited.
 */
#define _POSIX_C_SOURCE 200809L
#include "izhiscope.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "cli.h"
#include "escape.h"
#include "net.h"
#include "replay.h"
#include "run.h"
#include "sonata.h"
#include "stats.h"
#include "sweep.h"

static void say(IzhiError *err, const char *fmt, ...)
{
    if (!err) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

const char *izhi_version(void) { return IZHISCOPE_VERSION; }

/* ---- parameters: one row per option, where IzhiParams and Config keep it ---- */

enum { T_INT, T_I64, T_U64, T_DBL, T_RANGE, T_FLAG, T_SCHEME };

typedef struct Field {
    const char *name;     /* the long option */
    int type;
    size_t at;            /* offsetof(IzhiParams, ...) */
    size_t cfg;           /* offsetof(Config, ...): where cli_parse leaves it */
    int live;             /* changeable in a built network (izhi_net_set) */
} Field;

#define P(m) offsetof(IzhiParams, m)
#define C(m) offsetof(Config, m)
static const Field FIELDS[] = {
    { "neurons", T_INT, P(neurons), C(net.n), 0 },
    { "in-degree", T_INT, P(in_degree), C(net.k), 0 },
    { "seed", T_U64, P(seed), C(net.seed), 0 },
    { "scheme", T_SCHEME, P(scheme), C(net.scheme), 0 },
    { "noise-e", T_DBL, P(noise_e), C(net.sigma_e), 1 },
    { "noise-i", T_DBL, P(noise_i), C(net.sigma_i), 1 },
    { "weight-e", T_DBL, P(weight_e), C(net.weight_e), 1 },
    { "weight-i", T_DBL, P(weight_i), C(net.weight_i), 1 },
    { "current-e", T_DBL, P(current_e), C(net.current_e), 1 },
    { "current-i", T_DBL, P(current_i), C(net.current_i), 1 },
    { "stim-neurons", T_RANGE, P(stim_from), C(net.stim_from), 1 },
    { "stim-amp", T_DBL, P(stim_amp), C(net.stim_amp), 0 },
    { "stim-width", T_INT, P(stim_width), C(net.stim_width), 0 },
    { "stim-period", T_INT, P(stim_period), C(net.stim_period), 0 },
    { "stim-on", T_FLAG, P(stim_on), C(net.stim_on), 1 },
    { "threads", T_INT, P(threads), C(net.threads), 0 },
    { "trace-neuron", T_INT, P(trace_neuron), C(trace_neuron), 1 },
    { "duration", T_I64, P(duration_ms), C(duration_ms), 0 },
};
#define N_FIELDS ((int)(sizeof FIELDS / sizeof FIELDS[0]))
_Static_assert(offsetof(IzhiParams, stim_to) == offsetof(IzhiParams, stim_from) + sizeof(int),
               "stim_to follows stim_from (--stim-neurons sets both)");

const char *izhi_param_name(int i) { return i >= 0 && i < N_FIELDS ? FIELDS[i].name : NULL; }

static const Field *field_named(const char *name)
{
    for (int i = 0; name && i < N_FIELDS; i++)
        if (!strcmp(FIELDS[i].name, name)) return &FIELDS[i];
    return NULL;
}

/* The parameter an unknown name most likely meant (as cli.c's options: the
 * only one it begins, else the only nearest within 2 edits), or NULL. */
static const Field *field_near(const char *name)
{
    const Field *prefix = NULL, *near = NULL;
    int prefixes = 0, ties = 0;
    size_t best = 3;
    for (int i = 0; i < N_FIELDS; i++) {
        if (name[0] && !strncmp(FIELDS[i].name, name, strlen(name))) { prefix = &FIELDS[i]; prefixes++; }
        size_t d = text_edit_distance(name, strlen(name), FIELDS[i].name);
        if (d < best) { best = d; near = &FIELDS[i]; ties = 0; }
        else if (d == best) ties++;
    }
    if (prefixes == 1) return prefix;
    return near && !ties ? near : NULL;
}

static void unknown_name(const char *name, IzhiError *err)
{
    char shown[128];
    snprintf(shown, sizeof shown, "%s", name);
    escape_in_place(shown, sizeof shown);
    const Field *near = field_near(name);
    say(err, "unknown parameter '%s'%s%s%s", shown, near ? " (did you mean " : "", near ? near->name : "",
        near ? "?)" : "");
}

void izhi_params_init_sized(IzhiParams *p, size_t size)
{
    if (!p || size < sizeof p->size) return;
    IzhiParams d;
    memset(&d, 0, sizeof d);
    NetParams n;
    net_params_default(&n);
    d.size = sizeof d;
    d.neurons = n.n;
    d.in_degree = -1;
    d.seed = n.seed;
    d.scheme = n.scheme == NET_SCHEME_EULER ? IZHI_SCHEME_EULER : IZHI_SCHEME_PAPER;
    d.noise_e = n.sigma_e;
    d.noise_i = n.sigma_i;
    d.weight_e = n.weight_e;
    d.weight_i = n.weight_i;
    d.current_e = n.current_e;
    d.current_i = n.current_i;
    d.stim_from = n.stim_from;
    d.stim_to = n.stim_to;
    d.stim_amp = n.stim_amp;
    d.stim_width = n.stim_width;
    d.stim_period = n.stim_period;
    d.stim_on = n.stim_on;
    d.threads = 1;
    d.trace_neuron = 0;
    d.duration_ms = 0;
    /* a caller compiled against an older header has fewer fields: those it has */
    size_t keep = size < sizeof d ? size : sizeof d;
    memcpy(p, &d, keep);
    p->size = keep;
}

IzhiParams *izhi_params_new(void)
{
    IzhiParams *p = malloc(sizeof *p);
    if (p) izhi_params_init(p);
    return p;
}

void izhi_params_free(IzhiParams *p) { free(p); }

/* *q: the defaults, overlaid with the fields p has (p->size). */
static int params_in(const IzhiParams *p, IzhiParams *q, IzhiError *err)
{
    if (!p) { say(err, "params: NULL"); return -1; }
    if (p->size < offsetof(IzhiParams, neurons) + sizeof p->neurons || p->size > 65536) {
        say(err, "params: its size field is %zu: fill it with izhi_params_init first", p->size);
        return -1;
    }
    izhi_params_init(q);
    memcpy(q, p, p->size < sizeof *q ? p->size : sizeof *q);
    q->size = sizeof *q;
    return 0;
}

/* A field's value as its option's text (what cli_parse reads back to the
 * same value: a double's 17 digits are the same double). */
static int field_text(const IzhiParams *p, const Field *f, char *buf, size_t len, IzhiError *err)
{
    const char *at = (const char *)p + f->at;
    switch (f->type) {
    case T_INT: case T_FLAG: snprintf(buf, len, "%d", *(const int *)at); break;
    case T_I64: snprintf(buf, len, "%lld", (long long)*(const int64_t *)at); break;
    case T_U64: snprintf(buf, len, "%llu", (unsigned long long)*(const uint64_t *)at); break;
    case T_DBL: snprintf(buf, len, "%.17g", *(const double *)at); break;
    case T_RANGE: snprintf(buf, len, "%d-%d", ((const int *)at)[0], ((const int *)at)[1]); break;
    case T_SCHEME: {
        int s = *(const int *)at;
        if (s != IZHI_SCHEME_PAPER && s != IZHI_SCHEME_EULER) {
            say(err, "--scheme: %d is neither IZHI_SCHEME_PAPER (0) nor IZHI_SCHEME_EULER (1)", s);
            return -1;
        }
        snprintf(buf, len, "%s", s == IZHI_SCHEME_EULER ? "euler" : "paper");
        break;
    }
    }
    return 0;
}

/* The field's value from the Config cli_parse filled into p. */
static void field_from_config(IzhiParams *p, const Field *f, const Config *cfg)
{
    char *at = (char *)p + f->at;
    const char *c = (const char *)cfg + f->cfg;
    switch (f->type) {
    case T_INT: case T_FLAG: *(int *)at = *(const int *)c; break;
    case T_SCHEME: *(int *)at = *(const int *)c == NET_SCHEME_EULER ? IZHI_SCHEME_EULER : IZHI_SCHEME_PAPER; break;
    case T_I64: *(int64_t *)at = *(const int64_t *)c; break;
    case T_U64: *(uint64_t *)at = *(const uint64_t *)c; break;
    case T_DBL: *(double *)at = *(const float *)c; break;       /* the float the network gets */
    case T_RANGE: ((int *)at)[0] = ((const int *)c)[0]; ((int *)at)[1] = ((const int *)c)[1]; break;
    }
}

/* The command line of p (options differing from the defaults, and the
 * threads), with extra arguments after it, parsed by the program's parser
 * into *cfg: its checks and messages are the program's. */
#define MAX_ARGS (2 * N_FIELDS + 16)
static int config_of(const IzhiParams *p, const char *const *extra, int nextra, Config *cfg, IzhiError *err)
{
    char text[N_FIELDS][64], opt[N_FIELDS][40];
    char *argv[MAX_ARGS];
    int argc = 0;
    argv[argc++] = (char *)"izhiscope";
    argv[argc++] = (char *)"--headless";
    IzhiParams d;
    izhi_params_init(&d);
    for (int i = 0; i < N_FIELDS; i++) {
        const Field *f = &FIELDS[i];
        const size_t sz = f->type == T_RANGE ? 2 * sizeof(int) : f->type == T_DBL ? sizeof(double)
                        : f->type == T_I64 || f->type == T_U64 ? 8 : sizeof(int);
        const int same = !memcmp((const char *)p + f->at, (const char *)&d + f->at, sz);
        if (same && strcmp(f->name, "threads") != 0) continue;
        if (f->type == T_I64 && *(const int64_t *)((const char *)p + f->at) == 0) continue;  /* duration 0: default */
        if (f->type == T_INT && f->at == P(in_degree) && p->in_degree == -1) continue;
        if (field_text(p, f, text[i], sizeof text[i], err) != 0) return -1;
        snprintf(opt[i], sizeof opt[i], "--%s", f->name);
        if (f->type == T_FLAG) {
            int v = *(const int *)((const char *)p + f->at);
            if (v != 0 && v != 1) { say(err, "--%s: %d is neither 0 nor 1", f->name, v); return -1; }
            if (v) argv[argc++] = opt[i];
            continue;
        }
        argv[argc++] = opt[i];
        argv[argc++] = text[i];
    }
    for (int i = 0; i < nextra && argc < MAX_ARGS; i++) argv[argc++] = (char *)extra[i];
    char msg[sizeof err->message];
    int rc = cli_parse(argc, argv, cfg, msg, sizeof msg);
    if (rc != CLI_OK) {
        say(err, "%s", rc == CLI_ERROR ? msg : "the parameters ask for help or the version");
        return -1;
    }
    return 0;
}

int izhi_params_set(IzhiParams *p, const char *name, const char *text, IzhiError *err)
{
    if (!p || !name || !text) { say(err, "izhi_params_set: NULL %s", !p ? "params" : !name ? "name" : "text"); return -1; }
    const Field *f = field_named(name);
    if (!f) { unknown_name(name, err); return -1; }
    IzhiParams q;
    if (params_in(p, &q, err) != 0) return -1;
    char opt[48];
    snprintf(opt, sizeof opt, "--%s", f->name);
    /* the option alone, read by the program's parser, in a network as large
     * as any (its checks against N come when the network is built) */
    const char *argv[8] = { "izhiscope", "--headless" };
    int argc = 2;
    if (f->type == T_FLAG) {
        if (strcmp(text, "1") != 0 && strcmp(text, "0") != 0) {
            char shown[128];
            snprintf(shown, sizeof shown, "%s", text);
            escape_in_place(shown, sizeof shown);
            say(err, "--%s: '%s' is neither 1 nor 0", f->name, shown);
            return -1;
        }
        if (text[0] == '1') argv[argc++] = opt;
    } else {
        argv[argc++] = opt;
        argv[argc++] = text;
    }
    char nmax[32];
    if (strcmp(f->name, "neurons") != 0) {
        snprintf(nmax, sizeof nmax, "%d", CLI_MAX_NEURONS);
        argv[argc++] = "--neurons";
        argv[argc++] = nmax;
    }
    Config cfg;
    char msg[sizeof err->message];
    int rc = cli_parse(argc, (char **)argv, &cfg, msg, sizeof msg);
    if (rc != CLI_OK) { say(err, "%s", rc == CLI_ERROR ? msg : "--help or --version"); return -1; }
    field_from_config(&q, f, &cfg);
    /* only the fields the caller's struct has */
    if (f->at + (f->type == T_RANGE ? 2 * sizeof(int) : f->type == T_DBL || f->type == T_I64 || f->type == T_U64 ? 8
                                                                                                                : sizeof(int)) >
        p->size) {
        say(err, "--%s: this IzhiParams (size %zu) has no such field: compile against this izhiscope.h", f->name,
            p->size);
        return -1;
    }
    memcpy((char *)p + f->at, (char *)&q + f->at,
           f->type == T_RANGE ? 2 * sizeof(int) : f->type == T_DBL || f->type == T_I64 || f->type == T_U64 ? 8 : sizeof(int));
    return 0;
}

/* ---- the measures' names: the sweep CSV's columns, then the others ---------- */

static const char *const EXTRA[] = {
    "analysed_s", "mean_rate_hz", "segments", "long_segments",
    "isi_count_e", "isi_count_i", "isi_mean_ms_e", "isi_mean_ms_i", "cv_neurons_e", "cv_neurons_i", "cv_mean_e",
    "cv_mean_i", "peak_ei", "lfp_mean", "lfp_peak_hz", "phase_deg_alpha_e", "phase_deg_alpha_i",
    "phase_deg_gamma_e", "phase_deg_gamma_i", "spikes", "whole_rate_e_hz", "whole_rate_i_hz",
};
#define N_EXTRA ((int)(sizeof EXTRA / sizeof EXTRA[0]))
#define N_MEASURES (SWEEP_NCOLUMNS + N_EXTRA)

static char column_text[1024];
static const char *column[SWEEP_NCOLUMNS];
static pthread_once_t columns_once = PTHREAD_ONCE_INIT;

/* The sweep CSV's columns from rate_e_hz on: its header's (sweep_header, the
 * one definition) without the swept names and the seed. */
static void columns_make(void)
{
    SweepSpec none;
    memset(&none, 0, sizeof none);
    sweep_header(&none, column_text, sizeof column_text);
    char *s = strchr(column_text, ',');     /* past "seed" */
    for (int i = 0; i < SWEEP_NCOLUMNS && s; i++) {
        *s++ = '\0';
        column[i] = s;
        s = strchr(s, ',');
    }
}

int izhi_measure_count(void) { return N_MEASURES; }

const char *izhi_measure_name(int i)
{
    pthread_once(&columns_once, columns_make);
    if (i < 0 || i >= N_MEASURES) return NULL;
    return i < SWEEP_NCOLUMNS ? column[i] : EXTRA[i - SWEEP_NCOLUMNS];
}

/* ---- a network ------------------------------------------------------------- */

struct IzhiNet {
    IzhiParams now;             /* the parameters in force */
    int n, ne;
    RunSource src;
    Stats *stats;
    Analysis *an;               /* NULL once it ran out of memory */
    int an_lost;
    double *lfp_w;
    RunRunaway runaway;
    int64_t total_e, total_i;
    /* the last izhi_net_step's */
    int64_t *spike_t;
    int32_t *spike_id;
    size_t nspikes, spike_cap;
    float *trace;
    int32_t *trace_id;
    double *rate_e, *rate_i;
    int64_t steps, step_cap;
};

/* The traced neuron: the one place the library touches net.h's trace (its
 * v comes with each step, run_source_step). */
static void net_trace_to(IzhiNet *net, int neuron)
{
    net_set_trace(net->src.net, neuron);
}

void izhi_net_destroy(IzhiNet *net)
{
    if (!net) return;
    run_source_free(&net->src);
    stats_destroy(net->stats);
    analysis_destroy(net->an);
    free(net->lfp_w);
    free(net->spike_t);
    free(net->spike_id);
    free(net->trace);
    free(net->trace_id);
    free(net->rate_e);
    free(net->rate_i);
    free(net);
}

IzhiNet *izhi_net_create(const IzhiParams *p, IzhiError *err)
{
    IzhiParams q;
    Config cfg;
    if (params_in(p, &q, err) != 0 || config_of(&q, NULL, 0, &cfg, err) != 0) return NULL;
    IzhiNet *net = calloc(1, sizeof *net);
    if (!net) { say(err, "out of memory"); return NULL; }
    for (int i = 0; i < N_FIELDS; i++) field_from_config(&net->now, &FIELDS[i], &cfg);
    net->now.size = sizeof net->now;
    net->n = cfg.net.n;
    net->ne = net_count_excitatory(cfg.net.n);
    errno = 0;
    Net *built = net_create(&cfg.net);
    if (!built) {
        int e = errno ? errno : ENOMEM;
        say(err, "cannot build the network (--neurons %d, --in-degree %d: about %.1f MiB): %s", cfg.net.n, cfg.net.k,
            (double)net_peak_bytes(cfg.net.n, cfg.net.k, cfg.net.threads) / 1048576.0, strerror(e));
        free(net);
        return NULL;
    }
    run_source_net(&net->src, built, net->ne);
    net_trace_to(net, cfg.trace_neuron);
    net->stats = stats_create(net->n, net->ne, STATS_SKIP_MS);
    net->an = analysis_create(net->n, net->ne, STATS_SKIP_MS);
    net->lfp_w = malloc((size_t)net->n * sizeof *net->lfp_w);
    if (!net->stats || !net->an || !net->lfp_w) {
        say(err, "out of memory for the --stats measures of %d neurons", net->n);
        izhi_net_destroy(net);
        return NULL;
    }
    analysis_lfp_weights(built, net->lfp_w);
    run_runaway_reset(&net->runaway, cfg.net.scheme, net->n);
    return net;
}

int64_t izhi_net_time(const IzhiNet *net) { return net ? run_source_time(&net->src) : 0; }
int izhi_net_neurons(const IzhiNet *net) { return net ? net->n : 0; }
int izhi_net_excitatory(const IzhiNet *net) { return net ? net->ne : 0; }

static int grow(void **a, size_t each, size_t count)
{
    void *b = realloc(*a, (count ? count : 1) * each);
    if (!b) return -1;
    *a = b;
    return 0;
}

int izhi_net_step(IzhiNet *net, int64_t ms, IzhiError *err)
{
    if (!net) { say(err, "izhi_net_step: NULL network"); return -1; }
    if (ms < 0 || ms > CLI_MAX_DURATION_MS) {
        say(err, "ms: %lld is out of range (0 ... %lld)", (long long)ms, (long long)CLI_MAX_DURATION_MS);
        return -1;
    }
    net->nspikes = 0;
    net->steps = 0;
    if (ms > net->step_cap) {
        const size_t c = (size_t)ms;
        if (grow((void **)&net->trace, sizeof *net->trace, c) || grow((void **)&net->trace_id, sizeof *net->trace_id, c) ||
            grow((void **)&net->rate_e, sizeof *net->rate_e, c) || grow((void **)&net->rate_i, sizeof *net->rate_i, c)) {
            say(err, "out of memory for the trace and rates of %lld ms", (long long)ms);
            return -1;
        }
        net->step_cap = ms;
    }
    for (int64_t k = 0; k < ms; k++) {
        Step st;
        run_source_step(&net->src, &st);
        /* the headless run's consumers, in its order (headless.c) */
        stats_add(net->stats, &st);
        run_runaway_step(&net->runaway, &st);
        if (net->an) {
            /* the weight scales in force for this step */
            const NetParams *lp = net_params(net->src.net);
            double l = analysis_lfp(net->lfp_w, &st, net->ne, lp->weight_e / 0.5, lp->weight_i);
            if (analysis_add(net->an, &st, net_v(net->src.net), l) != 0) {
                analysis_destroy(net->an);      /* as --stats alone: the run goes on without them */
                net->an = NULL;
                net->an_lost = 1;
            }
        }
        net->total_e += st.count_e;
        net->total_i += st.count - st.count_e;
        if (net->nspikes + (size_t)st.count > net->spike_cap) {
            size_t c = net->spike_cap ? net->spike_cap : 4096;
            while (c < net->nspikes + (size_t)st.count) c *= 2;
            if (grow((void **)&net->spike_t, sizeof *net->spike_t, c) ||
                grow((void **)&net->spike_id, sizeof *net->spike_id, c)) {
                say(err, "out of memory for the spikes at %lld ms", (long long)st.t);
                net->steps = k + 1;
                return -1;
            }
            net->spike_cap = c;
        }
        for (int j = 0; j < st.count; j++) {
            net->spike_t[net->nspikes] = st.t;
            net->spike_id[net->nspikes++] = st.spikes[j];
        }
        net->trace[k] = st.v;
        net->trace_id[k] = st.trace;
        /* --rate's numbers (step.h, as record_csv.c) */
        step_rates(&st, net->n, net->ne, &net->rate_e[k], &net->rate_i[k]);
    }
    net->steps = ms;
    return 0;
}

size_t izhi_net_spikes(const IzhiNet *net, const int64_t **t_ms, const int32_t **ids)
{
    if (t_ms) *t_ms = net ? net->spike_t : NULL;
    if (ids) *ids = net ? net->spike_id : NULL;
    return net ? net->nspikes : 0;
}

int64_t izhi_net_trace(const IzhiNet *net, const float **v)
{
    if (v) *v = net ? net->trace : NULL;
    return net ? net->steps : 0;
}

int64_t izhi_net_trace_neurons(const IzhiNet *net, const int32_t **ids)
{
    if (ids) *ids = net ? net->trace_id : NULL;
    return net ? net->steps : 0;
}

int64_t izhi_net_rates(const IzhiNet *net, const double **e, const double **i)
{
    if (e) *e = net ? net->rate_e : NULL;
    if (i) *i = net ? net->rate_i : NULL;
    return net ? net->steps : 0;
}

int izhi_net_set(IzhiNet *net, const char *name, const char *text, IzhiError *err)
{
    if (!net || !name || !text) { say(err, "izhi_net_set: NULL %s", !net ? "network" : !name ? "name" : "text"); return -1; }
    const Field *f = field_named(name);
    if (!f) { unknown_name(name, err); return -1; }
    if (!f->live) {
        say(err, "--%s cannot change in a built network: build a new one (the live ones: --noise-e, --noise-i, "
                 "--weight-e, --weight-i, --current-e, --current-i, --stim-on, --stim-neurons, --trace-neuron)", f->name);
        return -1;
    }
    IzhiParams q = net->now;
    if (izhi_params_set(&q, name, text, err) != 0) return -1;
    if (f->type == T_RANGE && q.stim_to >= net->n) {
        say(err, "--stim-neurons: %d-%d is not within the network (neurons 0 ... %d)", q.stim_from, q.stim_to,
            net->n - 1);
        return -1;
    }
    if (f->at == P(trace_neuron) && q.trace_neuron >= net->n) {
        say(err, "--trace-neuron: %d is not a neuron of this network (0 ... %d)", q.trace_neuron, net->n - 1);
        return -1;
    }
    Net *n = net->src.net;
    /* the values are the floats the options set (field_from_config) */
    net_set_noise(n, (float)q.noise_e, (float)q.noise_i);
    net_set_weights(n, (float)q.weight_e, (float)q.weight_i);
    net_set_currents(n, (float)q.current_e, (float)q.current_i);
    if (q.stim_on != net->now.stim_on) net_set_stim(n, q.stim_on);
    net_set_stim_neurons(n, q.stim_from, q.stim_to);
    if (q.trace_neuron != net->now.trace_neuron) net_trace_to(net, q.trace_neuron);
    net->now = q;
    return 0;
}

static int set_two(IzhiNet *net, const char *a, double x, const char *b, double y, IzhiError *err)
{
    if (!net) { say(err, "NULL network"); return -1; }
    char tx[40], ty[40];
    snprintf(tx, sizeof tx, "%.17g", x);
    snprintf(ty, sizeof ty, "%.17g", y);
    IzhiParams keep = net->now;
    IzhiParams q = net->now;
    /* both checked before either is applied */
    if (izhi_params_set(&q, a, tx, err) != 0 || izhi_params_set(&q, b, ty, err) != 0) return -1;
    if (izhi_net_set(net, a, tx, err) != 0) return -1;
    if (izhi_net_set(net, b, ty, err) != 0) {
        net->now = keep;
        return -1;
    }
    return 0;
}

int izhi_net_set_noise(IzhiNet *net, double noise_e, double noise_i, IzhiError *err)
{
    return set_two(net, "noise-e", noise_e, "noise-i", noise_i, err);
}

int izhi_net_set_weights(IzhiNet *net, double weight_e, double weight_i, IzhiError *err)
{
    return set_two(net, "weight-e", weight_e, "weight-i", weight_i, err);
}

int izhi_net_set_currents(IzhiNet *net, double current_e, double current_i, IzhiError *err)
{
    return set_two(net, "current-e", current_e, "current-i", current_i, err);
}

int izhi_net_set_stim(IzhiNet *net, int on, int from, int to, IzhiError *err)
{
    if (!net) { say(err, "NULL network"); return -1; }
    if (on != 0 && on != 1) { say(err, "--stim-on: %d is neither 1 nor 0", on); return -1; }
    char range[48];
    snprintf(range, sizeof range, "%d-%d", from, to);
    IzhiParams q = net->now;
    if (izhi_params_set(&q, "stim-neurons", range, err) != 0) return -1;
    if (izhi_net_set(net, "stim-neurons", range, err) != 0) return -1;
    return izhi_net_set(net, "stim-on", on ? "1" : "0", err);
}

int izhi_net_set_trace_neuron(IzhiNet *net, int neuron, IzhiError *err)
{
    char t[24];
    snprintf(t, sizeof t, "%d", neuron);
    return izhi_net_set(net, "trace-neuron", t, err);
}

int izhi_net_params(const IzhiNet *net, IzhiParams *p, IzhiError *err)
{
    if (!net || !p) { say(err, "izhi_net_params: NULL %s", !net ? "network" : "params"); return -1; }
    IzhiParams q;
    if (params_in(p, &q, err) != 0) return -1;
    size_t size = p->size;
    memcpy(p, &net->now, size < sizeof net->now ? size : sizeof net->now);
    p->size = size;
    return 0;
}

int izhi_net_measures(const IzhiNet *net, double *out, int count, IzhiError *err)
{
    if (!net || (!out && count > 0)) { say(err, "izhi_net_measures: NULL %s", !net ? "network" : "out"); return -1; }
    if (count <= 0) return 0;
    StatsResult sr;
    stats_result(net->stats, &sr);
    AnalysisResult *a = malloc(sizeof *a);
    if (!a || !net->an || analysis_result(net->an, a) != 0) {
        free(a);
        say(err, "out of memory for the analysis measures%s", net->an_lost ? " (they keep 16 bytes a simulated ms)" : "");
        return -1;
    }
    SweepRow row;
    sweep_row_of(&sr, a, net->runaway.at >= 0, &row);
    double v[N_MEASURES];
    sweep_row_columns(&row, v);
    const double secs = (double)run_source_time(&net->src) / 1000.0, ni = net->n - net->ne;
    const double extra[N_EXTRA] = {
        sr.seconds, sr.rhythm.mean_rate_hz, sr.rhythm.segments, sr.rhythm.long_segments,
        (double)a->isi_count[0], (double)a->isi_count[1], a->isi_mean_ms[0], a->isi_mean_ms[1],
        a->cv_neurons[0], a->cv_neurons[1], a->cv_mean[0], a->cv_mean[1],
        a->peak_ei, a->has_lfp ? a->lfp_mean : NAN, a->has_lfp ? a->lfp_peak_hz : NAN,
        a->phase_deg[0][0], a->phase_deg[0][1], a->phase_deg[1][0], a->phase_deg[1][1],
        (double)(net->total_e + net->total_i),
        net->ne && secs > 0 ? net->total_e / (net->ne * secs) : 0.0, ni && secs > 0 ? net->total_i / (ni * secs) : 0.0,
    };
    free(a);
    memcpy(v + SWEEP_NCOLUMNS, extra, sizeof extra);
    memcpy(out, v, (size_t)(count < N_MEASURES ? count : N_MEASURES) * sizeof *out);
    return 0;
}

IzhiNet *izhi_run(const IzhiParams *p, IzhiError *err)
{
    IzhiParams q;
    if (params_in(p, &q, err) != 0) return NULL;
    IzhiNet *net = izhi_net_create(&q, err);
    if (!net) return NULL;
    if (izhi_net_step(net, q.duration_ms > 0 ? q.duration_ms : 1000, err) != 0) {
        izhi_net_destroy(net);
        return NULL;
    }
    return net;
}

/* ---- a sweep ------------------------------------------------------------------ */

struct IzhiSweep {
    SweepSpec spec;
    int seeds;
    uint64_t seed;
    int64_t runs;
    SweepRow *rows;
    char header[1024];
};

IzhiSweep *izhi_sweep_run(const IzhiParams *base, const char *sweep, int seeds, IzhiError *err)
{
    IzhiParams q;
    if (params_in(base, &q, err) != 0) return NULL;
    if (!sweep) { say(err, "--sweep: NULL"); return NULL; }
    char nseeds[24];
    snprintf(nseeds, sizeof nseeds, "%d", seeds);
    /* --sweep-out: a name the parser wants; nothing is written */
    const char *extra[] = { "--sweep", sweep, "--seeds", nseeds, "--sweep-out", "izhiscope-library.csv" };
    Config cfg;
    if (config_of(&q, extra, 6, &cfg, err) != 0) return NULL;
    IzhiSweep *s = calloc(1, sizeof *s);
    if (!s) { say(err, "out of memory"); return NULL; }
    s->spec = cfg.sweep;
    s->seeds = cfg.seeds;
    s->seed = cfg.net.seed;
    s->runs = sweep_points(&cfg.sweep) * cfg.seeds;
    sweep_header(&s->spec, s->header, sizeof s->header);
    s->rows = calloc((size_t)s->runs, sizeof *s->rows);
    if (!s->rows) { say(err, "out of memory for %lld rows", (long long)s->runs); izhi_sweep_free(s); return NULL; }
    int failed = sweep_run_rows(&cfg.sweep, cfg.seeds, &cfg.net, net_count_excitatory(cfg.net.n), cfg.duration_ms, 0,
                                1, s->runs, cfg.net.threads, s->rows, NULL, NULL);
    if (failed) {
        say(err, "the sweep's runs: %s", strerror(failed));
        izhi_sweep_free(s);
        return NULL;
    }
    return s;
}

void izhi_sweep_free(IzhiSweep *s)
{
    if (!s) return;
    free(s->rows);
    free(s);
}

int64_t izhi_sweep_rows(const IzhiSweep *s) { return s ? s->runs : 0; }
const char *izhi_sweep_header(const IzhiSweep *s) { return s ? s->header : ""; }

int izhi_sweep_line(const IzhiSweep *s, int64_t r, char *buf, size_t len)
{
    if (!s || r < 0 || r >= s->runs || !buf || len == 0) return -1;
    char line[1024];
    sweep_line_text(&s->spec, s->seeds, s->seed, r, &s->rows[r], line, sizeof line);
    size_t n = strlen(line);
    if (n + 1 > len) return -1;
    memcpy(buf, line, n + 1);
    return (int)n;
}

int izhi_sweep_values(const IzhiSweep *s, int64_t r, double *out, int count)
{
    if (!s || r < 0 || r >= s->runs || (!out && count > 0)) return -1;
    double v[SWEEP_MAX_AXES + 1 + SWEEP_NCOLUMNS];
    int at = 0, i[SWEEP_MAX_AXES];
    sweep_row_point(&s->spec, s->seeds, r, i);
    for (int a = 0; a < s->spec.naxes; a++) v[at++] = sweep_value(&s->spec.axis[a], i[a]);
    v[at++] = (double)(s->seed + (uint64_t)(r % s->seeds));
    sweep_row_columns(&s->rows[r], v + at);
    at += SWEEP_NCOLUMNS;
    if (count > 0) memcpy(out, v, (size_t)(count < at ? count : at) * sizeof *out);
    return at;
}

/* ---- spike files ---------------------------------------------------------------- */

struct IzhiSpikes {
    Replay r;
    int64_t *t;
    int32_t *id;
    char describe[400];
};

IzhiSpikes *izhi_read_spikes(const char *path, const char *format, const char *time_unit, int first_id,
                             IzhiError *err)
{
    if (!path) { say(err, "path: NULL"); return NULL; }
    /* the options --replay reads them with, checked by the program's parser */
    char id[24];
    const char *argv[10] = { "izhiscope", "--headless", "--replay", path };
    int argc = 4;
    if (format && format[0]) { argv[argc++] = "--replay-format"; argv[argc++] = format; }
    if (time_unit && time_unit[0]) { argv[argc++] = "--replay-time-unit"; argv[argc++] = time_unit; }
    if (first_id >= 0) {
        snprintf(id, sizeof id, "%d", first_id);
        argv[argc++] = "--replay-first-id";
        argv[argc++] = id;
    }
    Config cfg;
    char msg[sizeof err->message];
    int rc = cli_parse(argc, (char **)argv, &cfg, msg, sizeof msg);
    if (rc != CLI_OK) { say(err, "%s", rc == CLI_ERROR ? msg : "--help or --version"); return NULL; }
    IzhiSpikes *s = calloc(1, sizeof *s);
    if (!s) { say(err, "out of memory"); return NULL; }
    /* as app_open_replay: an HDF5 file (named or by its signature) is SONATA's */
    if (cfg.replay_format == REPLAY_SONATA ||
        (cfg.replay_format == REPLAY_DETECT && (sonata_is_h5_file(path) || sonata_is_h5_name(path)))) {
        rc = sonata_read(&s->r, path, (ReplayUnit)cfg.replay_time_unit, 0, msg, sizeof msg);
    } else {
        FILE *fp = fopen(path, "r");
        if (!fp) {
            snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
            escape_in_place(msg, sizeof msg);
            rc = -1;
        } else {
            rc = replay_read(&s->r, fp, path, (ReplayFormat)cfg.replay_format, (ReplayUnit)cfg.replay_time_unit,
                             cfg.replay_first_id, 0, msg, sizeof msg);
            fclose(fp);
        }
    }
    if (rc != 0) {
        say(err, "%s", msg);
        izhi_spikes_free(s);
        return NULL;
    }
    s->t = malloc((s->r.count ? s->r.count : 1) * sizeof *s->t);
    s->id = malloc((s->r.count ? s->r.count : 1) * sizeof *s->id);
    if (!s->t || !s->id) { say(err, "out of memory for %zu spikes", s->r.count); izhi_spikes_free(s); return NULL; }
    for (size_t k = 0; k < s->r.count; k++) {
        s->t[k] = s->r.spikes[k].t_ms;
        s->id[k] = s->r.spikes[k].neuron;
    }
    replay_describe(&s->r, s->describe, sizeof s->describe);
    return s;
}

void izhi_spikes_free(IzhiSpikes *s)
{
    if (!s) return;
    replay_free(&s->r);
    free(s->t);
    free(s->id);
    free(s);
}

size_t izhi_spikes_get(const IzhiSpikes *s, const int64_t **t_ms, const int32_t **ids)
{
    if (t_ms) *t_ms = s ? s->t : NULL;
    if (ids) *ids = s ? s->id : NULL;
    return s ? s->r.count : 0;
}

int izhi_spikes_neurons(const IzhiSpikes *s) { return s ? s->r.neurons : 0; }
int izhi_spikes_excitatory(const IzhiSpikes *s) { return s ? s->r.excitatory : -1; }
int64_t izhi_spikes_duration(const IzhiSpikes *s) { return s ? s->r.duration : 0; }
const char *izhi_spikes_describe(const IzhiSpikes *s) { return s ? s->describe : ""; }

int izhi_spikes_read_trace(IzhiSpikes *s, const char *path, IzhiError *err)
{
    if (!s || !path) { say(err, "izhi_spikes_read_trace: NULL %s", !s ? "spikes" : "path"); return -1; }
    FILE *fp = fopen(path, "r");
    if (!fp) {
        char msg[sizeof err->message];
        snprintf(msg, sizeof msg, "%s: %s", path, strerror(errno));
        escape_in_place(msg, sizeof msg);
        say(err, "%s", msg);
        return -1;
    }
    char msg[sizeof err->message];
    int rc = replay_read_trace(&s->r, fp, path, msg, sizeof msg);
    fclose(fp);
    if (rc != 0) { say(err, "%s", msg); return -1; }
    return 0;
}

int64_t izhi_spikes_trace(const IzhiSpikes *s, const float **v, int *neuron)
{
    if (v) *v = s ? s->r.trace : NULL;
    if (neuron) *neuron = s ? s->r.trace_neuron : -1;
    return s ? s->r.trace_len : 0;
}
