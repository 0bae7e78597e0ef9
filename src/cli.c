/*
 * cli.c - command-line parsing and validation for izhiscope.
 * Long options only, "--name value" or "--name=value". Every option is in
 * one table; --help is written from the same table so it cannot drift.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "keys.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef enum { ARG_NONE, ARG_INT, ARG_SEED, ARG_REAL, ARG_PATH, ARG_WORD } ArgKind;

typedef struct Option {
    const char *name;
    ArgKind kind;
    const char *metavar;
    const char *help;
} Option;

static const Option OPTIONS[] = {
    { "headless",     ARG_NONE,   NULL,    "run without a window: simulate, write the outputs asked for, exit" },
    { "duration",     ARG_INT,    "MS",    "simulated time in ms (default 1000)" },
    { "seed",         ARG_SEED,   "N",     "random seed, 0 ... 2^64-1 (default: drawn from the clock and printed)" },
    { "scheme",       ARG_WORD,   "NAME",  "numerical scheme: paper (net.m, default) or euler (Brian2 example)" },
    { "noise-e",      ARG_REAL,   "X",     "noise amplitude of excitatory neurons (default 5)" },
    { "noise-i",      ARG_REAL,   "X",     "noise amplitude of inhibitory neurons (default 2)" },
    { "neurons",      ARG_INT,    "N",     "number of neurons, 80% excitatory (default 1000)" },
    { "in-degree",    ARG_INT,    "K",     "inputs per neuron, 0 ... N (default min(N, 1000); K = N is all-to-all)" },
    { "threads",      ARG_INT,    "T",     "threads stepping the network, 1 ... 256 (default: the number of cores);"
                                           " the spikes do not depend on it" },
    { "export",       ARG_PATH,   "FILE",  "write the figure (--figure) of the last --window ms as PNG" },
    { "window",       ARG_INT,    "MS",    "time span of the figure in ms (default 1000)" },
    { "spikes",       ARG_PATH,   "FILE",  "write every spike as CSV: t_ms,neuron" },
    { "trace",        ARG_PATH,   "FILE",  "write the traced neuron's v as CSV: t_ms,v_mV (window: t_ms,v_mV,neuron)" },
    { "trace-neuron", ARG_INT,    "I",     "neuron whose v is traced, 0 ... N-1 (default 0)" },
    { "rate",         ARG_PATH,   "FILE",  "write the population rate as CSV: t_ms,rate_e_hz,rate_i_hz (1 ms bins)" },
    { "events",       ARG_PATH,   "FILE",  "window: write the live changes as CSV: t_ms,event,value" },
    { "figure",       ARG_WORD,   "NAME",  "figure layout of --export and F: fig3 (default) or rhythm"
                                           " (adds rate, spectrogram, spectrum)" },
    { "stats",        ARG_NONE,   NULL,    "print firing rates and the population rhythms at the end" },
    { "out-dir",      ARG_PATH,   "DIR",   "window: folder for the PNGs saved with S and F (default .)" },
    { "theme",        ARG_WORD,   "NAME",  "window colours: dark (default) or paper" },
    { "speed",        ARG_WORD,   "X",     "window: simulated ms per wall ms, 1/16 ... 64 or max (default 1)" },
    { "force",        ARG_NONE,   NULL,    "replace output files that already exist" },
    { "help",         ARG_NONE,   NULL,    "show this help and exit" },
    { "version",      ARG_NONE,   NULL,    "show the version and exit" },
};
#define N_OPTIONS ((int)(sizeof OPTIONS / sizeof OPTIONS[0]))

const char *cli_usage(void)
{
    static char text[8192];
    if (text[0]) return text;
    size_t at = 0;
    at += (size_t)snprintf(text + at, sizeof text - at,
        "Usage: izhiscope [OPTION]...\n"
        "Simulate the spiking network of Izhikevich (2003), Fig. 3, and show it live,\n"
        "or with --headless write its figure, spikes and trace to files.\n\nOptions:\n");
    for (int i = 0; i < N_OPTIONS && at < sizeof text; i++) {
        char left[40];
        snprintf(left, sizeof left, "--%s%s%s", OPTIONS[i].name,
                 OPTIONS[i].metavar ? " " : "", OPTIONS[i].metavar ? OPTIONS[i].metavar : "");
        at += (size_t)snprintf(text + at, sizeof text - at, "  %-22s %s\n", left, OPTIONS[i].help);
    }
    if (at < sizeof text) at += (size_t)snprintf(text + at, sizeof text - at, "\nKeys in the window:\n");
    if (at < sizeof text) at += keys_text(text + at, sizeof text - at, 0);
    if (at < sizeof text)
        snprintf(text + at, sizeof text - at,
            "\nExit status: 0 success, 1 runtime failure (file, memory), 2 usage error.\n"
            "Files are written whole or not at all; an existing file is kept unless --force.\n");
    return text;
}

static int fail(char *err, size_t errlen, const char *fmt, const char *a, const char *b)
{
    snprintf(err, errlen, fmt, a, b);
    return CLI_ERROR;
}

static int parse_int(const char *opt, const char *s, long long lo, long long hi, long long *out,
                     char *err, size_t errlen)
{
    char *end;
    errno = 0;
    long long x = strtoll(s, &end, 10);
    if (s[0] == '\0' || *end != '\0' || s[0] == ' ')
        return fail(err, errlen, "--%s: '%s' is not a whole number", opt, s);
    if (errno == ERANGE || x < lo || x > hi) {
        snprintf(err, errlen, "--%s: %s is out of range (%lld ... %lld)", opt, s, lo, hi);
        return CLI_ERROR;
    }
    *out = x;
    return CLI_OK;
}

static int parse_real(const char *opt, const char *s, double lo, double hi, double *out,
                      char *err, size_t errlen)
{
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (s[0] == '\0' || *end != '\0' || s[0] == ' ' || isnan(x))
        return fail(err, errlen, "--%s: '%s' is not a number", opt, s);
    if (errno == ERANGE || !(x >= lo && x <= hi)) {
        snprintf(err, errlen, "--%s: %s is out of range (%g ... %g)", opt, s, lo, hi);
        return CLI_ERROR;
    }
    *out = x;
    return CLI_OK;
}

static int parse_seed(const char *s, uint64_t *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    if (s[0] < '0' || s[0] > '9')
        return fail(err, errlen, "--%s: '%s' is not a whole number from 0 to 2^64-1", "seed", s);
    unsigned long long x = strtoull(s, &end, 10);
    if (*end != '\0')
        return fail(err, errlen, "--%s: '%s' is not a whole number from 0 to 2^64-1", "seed", s);
    if (errno == ERANGE)
        return fail(err, errlen, "--%s: %s is out of range (0 ... 2^64-1)", "seed", s);
    *out = (uint64_t)x;
    return CLI_OK;
}

static void config_default(Config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    net_params_default(&cfg->net);
    cfg->net.k = -1;                /* min(N, 1000) once N is known */
    cfg->duration_ms = 1000;
    cfg->window_ms = 1000;
    cfg->out_dir = ".";
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cfg->net.threads = cores < 1 ? 1 : (cores > NET_MAX_THREADS ? NET_MAX_THREADS : (int)cores);
}

/* "max", or a power of two from 1/16 to 64 written as 0.25, 1/4 or 4. */
static int parse_speed(const char *s, int *exp_out, char *err, size_t errlen)
{
    if (!strcmp(s, "max")) { *exp_out = 7; return CLI_OK; }
    char *end;
    double x = strtod(s, &end);
    if (end != s && *end == '/') {
        double d = strtod(end + 1, &end);
        x = d > 0 ? x / d : -1;
    }
    if (end == s || *end != '\0' || !(x > 0))
        return fail(err, errlen, "--%s: '%s' is not a speed (1/16 ... 64, a power of two, or max)", "speed", s);
    for (int e = -4; e <= 6; e++)
        if (fabs(x - ldexp(1.0, e)) < 1e-9) { *exp_out = e; return CLI_OK; }
    return fail(err, errlen, "--%s: '%s' is not a speed (1/16 ... 64, a power of two, or max)", "speed", s);
}

static const Option *find_option(const char *name, size_t len)
{
    for (int i = 0; i < N_OPTIONS; i++)
        if (strlen(OPTIONS[i].name) == len && strncmp(OPTIONS[i].name, name, len) == 0)
            return &OPTIONS[i];
    return NULL;
}

/* Applies one option with its value (NULL for flags). */
static int apply(Config *cfg, const Option *o, const char *val, int *want, char *err, size_t errlen)
{
    const char *nm = o->name;
    long long x;
    double r;
    if (!strcmp(nm, "headless")) cfg->headless = 1;
    else if (!strcmp(nm, "theme")) {
        if (!strcmp(val, "dark")) cfg->theme_paper = 0;
        else if (!strcmp(val, "paper")) cfg->theme_paper = 1;
        else return fail(err, errlen, "--%s: '%s' is not a theme (dark or paper)", nm, val);
    } else if (!strcmp(nm, "speed")) {
        if (parse_speed(val, &cfg->speed_exp, err, errlen)) return CLI_ERROR;
    } else if (!strcmp(nm, "out-dir")) {
        if (val[0] == '\0') return fail(err, errlen, "--%s: the folder name is empty%s", nm, "");
        cfg->out_dir = val;
    }
    else if (!strcmp(nm, "stats")) cfg->stats = 1;
    else if (!strcmp(nm, "force")) cfg->force = 1;
    else if (!strcmp(nm, "help")) *want = CLI_HELP;
    else if (!strcmp(nm, "version")) { if (*want != CLI_HELP) *want = CLI_VERSION; }
    else if (!strcmp(nm, "duration")) {
        if (parse_int(nm, val, 1, CLI_MAX_DURATION_MS, &x, err, errlen)) return CLI_ERROR;
        cfg->duration_ms = x;
    } else if (!strcmp(nm, "seed")) {
        if (parse_seed(val, &cfg->net.seed, err, errlen)) return CLI_ERROR;
        cfg->have_seed = 1;
    } else if (!strcmp(nm, "scheme")) {
        if (!strcmp(val, "paper")) cfg->net.scheme = NET_SCHEME_PAPER;
        else if (!strcmp(val, "euler")) cfg->net.scheme = NET_SCHEME_EULER;
        else return fail(err, errlen, "--%s: '%s' is not a scheme (paper or euler)", nm, val);
    } else if (!strcmp(nm, "noise-e") || !strcmp(nm, "noise-i")) {
        if (parse_real(nm, val, 0.0, CLI_MAX_NOISE, &r, err, errlen)) return CLI_ERROR;
        if (nm[6] == 'e') cfg->net.sigma_e = (float)r; else cfg->net.sigma_i = (float)r;
    } else if (!strcmp(nm, "neurons")) {
        if (parse_int(nm, val, 1, CLI_MAX_NEURONS, &x, err, errlen)) return CLI_ERROR;
        cfg->net.n = (int)x;
    } else if (!strcmp(nm, "in-degree")) {
        if (parse_int(nm, val, 0, CLI_MAX_NEURONS, &x, err, errlen)) return CLI_ERROR;
        cfg->net.k = (int)x;
    } else if (!strcmp(nm, "threads")) {
        if (parse_int(nm, val, 1, NET_MAX_THREADS, &x, err, errlen)) return CLI_ERROR;
        cfg->net.threads = (int)x;
    } else if (!strcmp(nm, "window")) {
        if (parse_int(nm, val, 1, CLI_MAX_WINDOW_MS, &x, err, errlen)) return CLI_ERROR;
        cfg->window_ms = (int)x;
    } else if (!strcmp(nm, "trace-neuron")) {
        if (parse_int(nm, val, 0, CLI_MAX_NEURONS - 1, &x, err, errlen)) return CLI_ERROR;
        cfg->trace_neuron = (int)x;
    } else if (!strcmp(nm, "figure")) {
        if (!strcmp(val, "fig3")) cfg->figure_rhythm = 0;
        else if (!strcmp(val, "rhythm")) cfg->figure_rhythm = 1;
        else return fail(err, errlen, "--%s: '%s' is not a figure layout (fig3 or rhythm)", nm, val);
    } else if (!strcmp(nm, "export") || !strcmp(nm, "spikes") || !strcmp(nm, "trace") || !strcmp(nm, "rate") ||
               !strcmp(nm, "events")) {
        if (val[0] == '\0') return fail(err, errlen, "--%s: the file name is empty%s", nm, "");
        if (!strcmp(nm, "export")) cfg->export_png = val;
        else if (!strcmp(nm, "spikes")) cfg->spikes_csv = val;
        else if (!strcmp(nm, "rate")) cfg->rate_csv = val;
        else if (!strcmp(nm, "events")) cfg->events_csv = val;
        else cfg->trace_csv = val;
    }
    return CLI_OK;
}

static int same_file_name(const char *a, const char *b) { return a && b && !strcmp(a, b); }

int cli_parse(int argc, char **argv, Config *cfg, char *err, size_t errlen)
{
    config_default(cfg);
    err[0] = '\0';
    int want = CLI_OK;
    unsigned seen = 0;   /* bit per option index: each may be given once */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
            return fail(err, errlen, "unexpected argument '%s'%s (options start with --)", arg, "");
        const char *name = arg + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const Option *o = find_option(name, len);
        if (!o) {
            snprintf(err, errlen, "unknown option '--%.*s'", (int)len, name);
            return CLI_ERROR;
        }
        unsigned bit = 1u << (o - OPTIONS);
        if (seen & bit) return fail(err, errlen, "--%s is given more than once%s", o->name, "");
        seen |= bit;
        const char *val = NULL;
        if (o->kind == ARG_NONE) {
            if (eq) return fail(err, errlen, "--%s takes no value%s", o->name, "");
        } else if (eq) {
            val = eq + 1;
        } else {
            if (i + 1 >= argc) return fail(err, errlen, "--%s needs a value (%s)", o->name, o->metavar);
            val = argv[++i];
        }
        if (apply(cfg, o, val, &want, err, errlen) != CLI_OK) return CLI_ERROR;
    }
    if (want != CLI_OK) return want;

    NetParams *p = &cfg->net;
    if (p->k < 0) p->k = p->n < 1000 ? p->n : 1000;
    if (p->k > p->n) {
        snprintf(err, errlen, "--in-degree: %d is more than --neurons (%d)", p->k, p->n);
        return CLI_ERROR;
    }
    if (cfg->trace_neuron >= p->n) {
        snprintf(err, errlen, "--trace-neuron: %d is not a neuron of this network (0 ... %d)",
                 cfg->trace_neuron, p->n - 1);
        return CLI_ERROR;
    }
    const char *outs[] = { cfg->export_png, cfg->spikes_csv, cfg->trace_csv, cfg->rate_csv, cfg->events_csv };
    for (int i = 0; i < 5; i++)
        for (int j = i + 1; j < 5; j++)
            if (same_file_name(outs[i], outs[j])) return fail(err, errlen, "two outputs name the same file%s%s", "", "");
    static const char *const headless_only[] = { "export", "stats", "duration" };
    static const char *const window_only[] = { "out-dir", "theme", "speed", "events" };
    for (int i = 0; i < 3; i++) {
        const Option *o = find_option(headless_only[i], strlen(headless_only[i]));
        if (!cfg->headless && (seen & (1u << (o - OPTIONS))))
            return fail(err, errlen, "--%s needs --headless (%s)", o->name,
                        i == 0 ? "in the window, press F to export the figure"
                               : "the window runs until you quit it");
    }
    for (int i = 0; i < 4; i++) {
        const Option *w = find_option(window_only[i], strlen(window_only[i]));
        if (cfg->headless && (seen & (1u << (w - OPTIONS))))
            return fail(err, errlen, "--%s is for the window; it has no use with --headless%s", w->name,
                        i == 3 ? " (nothing changes live)" : "");
    }
    return CLI_OK;
}
