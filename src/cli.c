/*
 * cli.c - command-line parsing and validation for izhiscope.
 * Long options ("--name value" or "--name=value"), and -h, -V. Every option
 * is one row of OPTIONS: what it sets (its Config field), how its value is
 * read and checked, in which mode it applies, its help. cli_parse walks
 * the rows; --help is written from them (and README's list is checked
 * against --help), so none of these can drift from another.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "escape.h"
#include "keys.h"
#include "outfile.h"
#include "replay.h"
#include "sonata.h"
#include "stats.h"

typedef enum {
    ARG_FLAG,       /* sets an int to 1 */
    ARG_INT,        /* an int in [lo, hi] */
    ARG_INT64,      /* an int64_t in [lo, hi] */
    ARG_REAL,       /* a float in [lo, hi] */
    ARG_SEED,       /* 0 ... 2^64-1, sets have_seed */
    ARG_PATH,       /* a file or folder name */
    ARG_CHOICE,     /* one of the words, sets an int to its index */
    ARG_SPEED,      /* a power of two 1/16 ... 64, or max */
    ARG_RANGE,      /* FROM-TO, whole numbers in [lo, hi], FROM <= TO: the int at field and the next */
    ARG_HELP,
    ARG_VERSION,
    ARG_TEXT,       /* a string read later (--sweep: sweep.c) */
    ARG_SIZE,       /* WxH, whole even numbers, W in [lo, hi], H in [lo2, hi2]: the int at field and the next */
} ArgKind;

enum { MODE_BOTH = 0, MODE_HEADLESS, MODE_WINDOW };

typedef struct Option {
    const char *name;
    ArgKind kind;
    const char *metavar;
    int mode;                /* MODE_*: where it applies (a usage error elsewhere) */
    int simulates;           /* it describes the simulation: no use with --replay */
    size_t field;            /* offsetof(Config, ...) it sets */
    double lo, hi;           /* ARG_INT / ARG_INT64 / ARG_REAL range */
    const char *words[6];    /* ARG_CHOICE: the words, index = the value set */
    const char *help;
} Option;

#define F(member) offsetof(Config, member)
_Static_assert(REPLAY_NUMPY == 5 && REPLAY_UNIT_S == 2, "--replay-format's and --replay-time-unit's words are in "
               "the order of ReplayFormat and ReplayUnit (replay.h)");

static const Option OPTIONS[] = {
    { "headless", ARG_FLAG, NULL, MODE_BOTH, 0, F(headless), 0, 0, { 0 },
      "run without a window: simulate, write the outputs asked for, exit" },
    { "duration", ARG_INT64, "MS", MODE_HEADLESS, 0, F(duration_ms), 1, CLI_MAX_DURATION_MS, { 0 },
      "simulated time in ms (default 1000)" },
    { "seed", ARG_SEED, "N", MODE_BOTH, 1, F(net.seed), 0, 0, { 0 },
      "random seed, 0 ... 2^64-1 (default: drawn from the clock and printed)" },
    { "scheme", ARG_CHOICE, "NAME", MODE_BOTH, 1, F(net.scheme), 0, 0, { "paper", "euler" },
      "numerical scheme: paper (net.m, default) or euler (Brian2 example)" },
    { "noise-e", ARG_REAL, "X", MODE_BOTH, 1, F(net.sigma_e), 0, CLI_MAX_NOISE, { 0 },
      "noise of the excitatory neurons: the standard deviation of a random input current, redrawn every "
      "1 ms, in the model's units of current (mV/ms); 0 ... 1000000 (default 5)" },
    { "noise-i", ARG_REAL, "X", MODE_BOTH, 1, F(net.sigma_i), 0, CLI_MAX_NOISE, { 0 },
      "noise of the inhibitory neurons, likewise (default 2)" },
    { "weight-e", ARG_REAL, "X", MODE_BOTH, 1, F(net.weight_e), 0, CLI_MAX_KNOB, { 0 },
      "excitatory weight scale g_E: an excitatory spike adds g_E x (x uniform in [0, 1)) to each neuron's"
      " input, times 1000/K; 0 ... 1000000 (default 0.5, the paper's)" },
    { "weight-i", ARG_REAL, "X", MODE_BOTH, 1, F(net.weight_i), 0, CLI_MAX_KNOB, { 0 },
      "inhibitory weight scale g_I: an inhibitory spike subtracts g_I x; 0 ... 1000000 (default 1, the"
      " paper's)" },
    { "current-e", ARG_REAL, "X", MODE_BOTH, 1, F(net.current_e), -CLI_MAX_KNOB, CLI_MAX_KNOB, { 0 },
      "constant current into every excitatory neuron, in the model's units as the noise (mV/ms);"
      " -1000000 ... 1000000 (default 0)" },
    { "current-i", ARG_REAL, "X", MODE_BOTH, 1, F(net.current_i), -CLI_MAX_KNOB, CLI_MAX_KNOB, { 0 },
      "constant current into every inhibitory neuron, likewise (default 0)" },
    { "stim-neurons", ARG_RANGE, "FROM-TO", MODE_BOTH, 1, F(net.stim_from), 0, CLI_MAX_NEURONS - 1, { 0 },
      "the neurons the stimulus goes into, ids FROM to TO (both included, within the network; default 0-49)" },
    { "stim-amp", ARG_REAL, "X", MODE_BOTH, 1, F(net.stim_amp), -CLI_MAX_KNOB, CLI_MAX_KNOB, { 0 },
      "the stimulus's current while on, added to theirs (model units); -1000000 ... 1000000 (default 10)" },
    { "stim-width", ARG_INT, "MS", MODE_BOTH, 1, F(net.stim_width), 0, CLI_MAX_STIM_MS, { 0 },
      "a pulse train: each pulse lasts MS ms, at most --stim-period (default 0: a constant step)" },
    { "stim-period", ARG_INT, "MS", MODE_BOTH, 1, F(net.stim_period), 0, CLI_MAX_STIM_MS, { 0 },
      "a pulse train: a pulse starts every MS ms from the switch on (default 0: a constant step)" },
    { "stim-on", ARG_FLAG, NULL, MODE_BOTH, 1, F(net.stim_on), 0, 0, { 0 },
      "the stimulus is on from the start (else off until K switches it on in the window)" },
    { "neurons", ARG_INT, "N", MODE_BOTH, 0, F(net.n), 1, CLI_MAX_NEURONS, { 0 },
      "number of neurons, 80% excitatory (default 1000)" },
    { "in-degree", ARG_INT, "K", MODE_BOTH, 1, F(net.k), 0, CLI_MAX_NEURONS, { 0 },
      "inputs per neuron, 0 ... N (default min(N, 1000); K = N is all-to-all)" },
    { "threads", ARG_INT, "T", MODE_BOTH, 1, F(net.threads), 1, NET_MAX_THREADS, { 0 },
      "threads stepping the network, 1 ... 256 (default: the number of cores); the spikes do not depend on it" },
    { "export", ARG_PATH, "FILE", MODE_HEADLESS, 0, F(export_path), 0, 0, { 0 },
      "write the figure (--figure) of the last --window ms to FILE, ending .png, .svg or .pdf (SVG and PDF:"
      " vectors; a name without an ending: --figure-format, else PNG)" },
    { "window", ARG_INT, "MS", MODE_BOTH, 0, F(window_ms), 1, CLI_MAX_WINDOW_MS, { 0 },
      "time span of the figure, in ms; in the window the live view's span at the start (zoom changes it)"
      " (default 1000)" },
    { "spikes", ARG_PATH, "FILE", MODE_BOTH, 0, F(spikes_path), 0, 0, { 0 },
      "write every spike as CSV: t_ms,neuron; a FILE ending .h5 is written as a SONATA HDF5 spike report" },
    { "trace", ARG_PATH, "FILE", MODE_BOTH, 1, F(trace_csv), 0, 0, { 0 },
      "write the traced neuron's v as CSV: t_ms,v_mV (window, --schedule: t_ms,v_mV,neuron,u_mV,I_mV_per_ms,"
      " a line per traced neuron)" },
    { "trace-neuron", ARG_INT, "I", MODE_BOTH, 0, F(trace_neuron), 0, CLI_MAX_NEURONS - 1, { 0 },
      "neuron whose v is traced, 0 ... N-1 (default 0; with --replay: whose v --replay-trace holds, if its"
      " file does not say)" },
    { "rate", ARG_PATH, "FILE", MODE_BOTH, 0, F(rate_csv), 0, 0, { 0 },
      "write the population rate as CSV: t_ms,rate_e_hz,rate_i_hz (1 ms bins)" },
    { "events", ARG_PATH, "FILE", MODE_WINDOW, 0, F(events_csv), 0, 0, { 0 },
      "write the live changes as CSV: t_ms,event,value" },
    { "schedule", ARG_PATH, "FILE", MODE_BOTH, 1, F(schedule_path), 0, 0, { 0 },
      "apply changes at their steps, as live ones: FILE is in --events's format (t_ms,event,value); a window"
      " session's events file re-run headless gives its spikes and trace again (its metadata's --seed etc. must"
      " be given)" },
    { "map", ARG_PATH, "FILE", MODE_WINDOW, 1, F(map_path), 0, 0, { 0 },
      "show FILE, a sweep CSV of noise-e x noise-i (--sweep-out's), in the map panel (A) instead of computing"
      " one; another sweep (other options, one axis) is refused" },
    { "figure", ARG_CHOICE, "NAME", MODE_BOTH, 0, F(figure_rhythm), 0, 0, { "fig3", "rhythm", "analysis" },
      "figure layout of --export and F: fig3 (default), rhythm (adds rate, spectrogram, spectrum) or analysis"
      " (ISI and rate histograms, correlograms, synchrony, locking of the span: docs/model.md)" },
    { "figure-format", ARG_CHOICE, "NAME", MODE_BOTH, 0, F(figure_format), 0, 0, { "auto", "png", "svg", "pdf" },
      "file format of the figure: png, svg or pdf (vectors, through cairo), or auto (default): from --export's"
      " FILE ending; F in the window: PNG" },
    { "stats", ARG_FLAG, NULL, MODE_HEADLESS, 0, F(stats), 0, 0, { 0 },
      "print firing rates and the population rhythms at the end, and the analysis measures (synchrony chi,"
      " Fano factors, ISI CV, the E-I correlogram's lag, the LFP stand-in's peak and the phase locking;"
      " docs/model.md \"Analysis measures\")" },
    { "analysis", ARG_PATH, "FILE", MODE_HEADLESS, 1, F(analysis_csv), 0, 0, { 0 },
      "write the analysis measures' histograms and correlograms as CSV: measure,population,bin_lo,bin_hi,value"
      " (needs every neuron's v: not with --replay)" },
    { "out-dir", ARG_PATH, "DIR", MODE_WINDOW, 0, F(out_dir), 0, 0, { 0 },
      "folder for the files saved with S and F; it must exist (default .)" },
    { "menu", ARG_FLAG, NULL, MODE_WINDOW, 0, F(menu), 0, 0, { 0 },
      "started from the desktop menu (its entry passes it): S and F save into ~/izhiscope, made if missing,"
      " unless --out-dir is given" },
    { "theme", ARG_CHOICE, "NAME", MODE_BOTH, 0, F(theme_paper), 0, 0, { "dark", "paper" },
      "window colours: dark (default) or paper (headless: --video's)" },
    { "ui-scale", ARG_REAL, "X", MODE_WINDOW, 0, F(ui_scale), 0.5, 4, { 0 },
      "size of text, lines and dots, times the automatic one (from the window's size and the screen's"
      " DPI); 0.5 ... 4 (default 1)" },
    { "speed", ARG_SPEED, "X", MODE_WINDOW, 0, F(speed_exp), 0, 0, { 0 },
      "simulated ms per wall ms, 1/16 ... 64 or max (default 1)" },
    { "video", ARG_PATH, "FILE", MODE_HEADLESS, 0, F(video_path), 0, 0, { 0 },
      "write a video of the window's layout (every panel, --theme, --video-size) from the simulation, not"
      " the screen: frame k shows simulated time floor(k x --video-speed / --video-fps) ms, frames 0 ... up to"
      " --duration; FILE ends .mp4 (H.264), .webm (VP9), .mkv (lossless FFV1) or .png (one frame: the"
      " view at --duration); the run's parameters go into its metadata" },
    { "video-fps", ARG_INT, "N", MODE_BOTH, 0, F(video_fps), 1, CLI_MAX_VIDEO_FPS, { 0 },
      "frames per second of --video and of the window's recording (O), 1 ... 120 (default 30)" },
    { "video-speed", ARG_INT, "MS", MODE_BOTH, 0, F(video_speed_ms), 1, CLI_MAX_VIDEO_SPEED, { 0 },
      "simulated ms per second of video, 1 ... 1000000 (default 1000: real time; 4000: 4x faster than life)" },
    { "video-size", ARG_SIZE, "WxH", MODE_BOTH, 0, F(video_w), CLI_MIN_VIDEO_W, CLI_MAX_VIDEO_W, { 0 },
      "the video's size in pixels, even numbers, 480 ... 7680 x 320 ... 4320 (default 1280x800; the window's"
      " recording: this size too)" },
    { "video-format", ARG_CHOICE, "NAME", MODE_WINDOW, 0, F(video_format), 0, 0, { "mp4", "webm", "mkv" },
      "the format of the window's recordings (O): mp4 (H.264, default), webm (VP9) or mkv (lossless FFV1)" },
    { "replay", ARG_PATH, "FILE", MODE_BOTH, 0, F(replay_path), 0, 0, { 0 },
      "show a spike file made elsewhere instead of simulating: izhiscope's CSV, Brian2's i,t (text, or"
      " NumPy's .npz with arrays i and t), NEST's sender time_ms or a SONATA HDF5 spike report (--neurons:"
      " the axis, else the file's or its largest neuron + 1)" },
    { "replay-format", ARG_CHOICE, "NAME", MODE_BOTH, 0, F(replay_format), 0, 0,
      { "detect", "izhiscope", "brian2", "nest", "sonata", "numpy" },
      "the format of --replay's file (default: detected from it; the first line printed says which and how)" },
    { "replay-time-unit", ARG_CHOICE, "UNIT", MODE_BOTH, 0, F(replay_time_unit), 0, 0, { "auto", "ms", "s" },
      "the unit of the times in --replay's file when it does not say (Brian2's i,t, a .npz's t, a file without"
      " a header, SONATA without units): ms or s (default auto: the format's, said, refused if the times do not"
      " fit it)" },
    { "replay-trace", ARG_PATH, "FILE", MODE_BOTH, 0, F(replay_trace), 0, 0, { 0 },
      "a trace CSV (t_ms,v_mV) to show with --replay" },
    { "replay-first-id", ARG_INT, "ID", MODE_BOTH, 0, F(replay_first_id), 0, 1000000, { 0 },
      "NEST's node id of neuron 0 in --replay's file (default 1; NEST files only)" },
    { "sweep", ARG_TEXT, "SPEC", MODE_HEADLESS, 1, F(sweep_text), 0, 0, { 0 },
      "the map: run every point of a grid of one or two parameters, SPEC = NAME=FROM:TO:STEP[,NAME=FROM:TO:STEP]"
      " (e.g. noise-e=0:10:0.5,noise-i=0:10:0.5), --seeds runs a point, each"
      " --duration long (default 3200) with the first 200 ms left out as --stats does; the points share the"
      " --threads (one network each) and, under mpirun, the processes. Writes --sweep-out, and with --export"
      " the map's figure" },
    { "seeds", ARG_INT, "K", MODE_HEADLESS, 1, F(seeds), 1, SWEEP_MAX_SEEDS, { 0 },
      "--sweep: runs a point, with the seeds --seed, --seed + 1, ... (default 1)" },
    { "sweep-out", ARG_PATH, "FILE", MODE_HEADLESS, 0, F(sweep_out), 0, 0, { 0 },
      "--sweep: write a CSV row per point and seed: the swept options' values, seed, the rates and the rhythms"
      " of --stats, its analysis scalars (chi, Fano, E-I lag, PLVs), runaway" },
    { "force", ARG_FLAG, NULL, MODE_BOTH, 0, F(force), 0, 0, { 0 }, "replace existing output files (a device or FIFO is written into, a link followed)" },
    { "help", ARG_HELP, NULL, MODE_BOTH, 0, 0, 0, 0, { 0 }, "show this help and exit (also -h)" },
    { "version", ARG_VERSION, NULL, MODE_BOTH, 0, 0, 0, 0, { 0 }, "show the version and exit (also -V)" },
};
#define N_OPTIONS ((int)(sizeof OPTIONS / sizeof OPTIONS[0]))

static const char *const MODE_TAG[] = { "", "headless: ", "window: " };

const char *cli_usage(void)
{
    static char text[12288];
    if (text[0]) return text;
    size_t at = 0;
#define ADD(...) do { if (at < sizeof text) at += (size_t)snprintf(text + at, sizeof text - at, __VA_ARGS__); } while (0)
    ADD("Usage: izhiscope [OPTION]... [FILE]\n"
        "Simulate the spiking network of Izhikevich (2003), Fig. 3, and show it live,\n"
        "or with --headless write its figure, spikes and trace to files.\n"
        "A FILE is a spike file to show instead: the same as --replay FILE.\n"
        "Options marked headless: need --headless; window: ones have no use with it.\n\nOptions:\n");
    for (int i = 0; i < N_OPTIONS; i++) {
        char left[40];
        snprintf(left, sizeof left, "--%s%s%s", OPTIONS[i].name, OPTIONS[i].metavar ? " " : "",
                 OPTIONS[i].metavar ? OPTIONS[i].metavar : "");
        ADD("  %-22s %s%s", left, MODE_TAG[OPTIONS[i].mode], OPTIONS[i].help);
        /* the sweep's parameters: its table's (sweep.c), not a copy */
        if (OPTIONS[i].field == F(sweep_text)) ADD(" (NAME: %s)", sweep_knob_names());
        ADD("\n");
    }
    ADD("\nKeys in the window:\n");
    if (at < sizeof text) at += keys_text(text + at, sizeof text - at, 0);
    ADD("\nExit status: 0 success, 1 runtime failure (file, memory), 2 usage error,\n"
        "128 + N stopped by signal N (nothing written; the window quits normally on\n"
        "SIGINT and SIGTERM). Files are written whole or not at all; an existing file\n"
        "is kept unless --force.\n");
#undef ADD
    return text;
}

static int fail(char *err, size_t errlen, const char *fmt, const char *a, const char *b)
{
    snprintf(err, errlen, fmt, a, b);
    return CLI_ERROR;
}

/* Decimal numbers only, the same way for every option: no leading blank of
 * any kind, no sign unless allowed, no hex, no inf or nan. */
static int plain_number(const char *s, int real)
{
    const char *p = s;
    if (*p == '-' || *p == '+') p++;
    if (!isdigit((unsigned char)*p) && !(real && *p == '.' && isdigit((unsigned char)p[1]))) return 0;
    for (; *p; p++) {
        if (isdigit((unsigned char)*p)) continue;
        if (real && (*p == '.' || *p == 'e' || *p == 'E' || *p == '-' || *p == '+')) continue;
        return 0;
    }
    return !(s[0] == '0' && (s[1] == 'x' || s[1] == 'X'));
}

static int parse_int(const char *opt, const char *s, long long lo, long long hi, long long *out,
                     char *err, size_t errlen)
{
    char *end;
    errno = 0;
    long long x = plain_number(s, 0) ? strtoll(s, &end, 10) : 0;
    if (!plain_number(s, 0) || *end != '\0')
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
    double x = plain_number(s, 1) ? strtod(s, &end) : 0;
    if (!plain_number(s, 1) || *end != '\0' || isnan(x))
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
    if (!plain_number(s, 0) || s[0] == '-' || s[0] == '+')
        return fail(err, errlen, "--%s: '%s' is not a whole number from 0 to 2^64-1", "seed", s);
    unsigned long long x = strtoull(s, &end, 10);
    if (*end != '\0')
        return fail(err, errlen, "--%s: '%s' is not a whole number from 0 to 2^64-1", "seed", s);
    if (errno == ERANGE)
        return fail(err, errlen, "--%s: %s is out of range (0 ... 2^64-1)", "seed", s);
    *out = (uint64_t)x;
    return CLI_OK;
}

/* "max", or a power of two from 1/16 to 64 written as 0.25, 1/4 or 4. */
static int parse_speed(const char *s, int *exp_out, char *err, size_t errlen)
{
    if (!strcmp(s, "max")) { *exp_out = 7; return CLI_OK; }
    char num[64], den[64] = "1";
    const char *slash = strchr(s, '/');
    snprintf(num, sizeof num, "%.*s", slash ? (int)(slash - s) : (int)strlen(s), s);
    if (slash) snprintf(den, sizeof den, "%s", slash + 1);
    double x = -1;
    if (plain_number(num, 1) && plain_number(den, 1)) {
        double d = strtod(den, NULL);
        x = d > 0 ? strtod(num, NULL) / d : -1;
    }
    for (int e = -4; e <= 6; e++)
        if (x > 0 && fabs(x - ldexp(1.0, e)) < 1e-9) { *exp_out = e; return CLI_OK; }
    return fail(err, errlen, "--%s: '%s' is not a speed (1/16 ... 64, a power of two, or max)", "speed", s);
}

static void config_default(Config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    net_params_default(&cfg->net);
    cfg->net.k = -1;                /* min(N, 1000) once N is known */
    cfg->duration_ms = 1000;
    cfg->window_ms = 1000;
    cfg->out_dir = ".";
    cfg->replay_first_id = 1;
    cfg->ui_scale = 1.0f;
    cfg->replay_ne = -1;
    cfg->seeds = 1;
    cfg->video_fps = 30;
    cfg->video_speed_ms = 1000;
    cfg->video_w = 1280;
    cfg->video_h = 800;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    cfg->net.threads = cores < 1 ? 1 : (cores > NET_MAX_THREADS ? NET_MAX_THREADS : (int)cores);
}

static const Option *find_option(const char *name, size_t len)
{
    for (int i = 0; i < N_OPTIONS; i++)
        if (strlen(OPTIONS[i].name) == len && strncmp(OPTIONS[i].name, name, len) == 0)
            return &OPTIONS[i];
    return NULL;
}

/* The option an unknown name most likely meant: the only one it begins
 * (--neuron: --neurons), else the one nearest by edit distance if that is
 * at most 2 and no other is as near; NULL if none stands out. */
static const Option *near_option(const char *name, size_t len)
{
    const Option *prefix = NULL, *near = NULL;
    int prefixes = 0, ties = 0;
    size_t best = 3;
    for (int i = 0; i < N_OPTIONS; i++) {
        const Option *o = &OPTIONS[i];
        if (len > 0 && strncmp(o->name, name, len) == 0) { prefix = o; prefixes++; }
        size_t d = text_edit_distance(name, len, o->name);
        if (d < best) { best = d; near = o; ties = 0; }
        else if (d == best) ties++;
    }
    if (prefixes == 1) return prefix;
    return near && !ties ? near : NULL;
}

/* Sets the option's field from its value (NULL for flags). */
static int apply(Config *cfg, const Option *o, const char *val, int *want, char *err, size_t errlen)
{
    char *base = (char *)cfg + o->field;
    long long x;
    double r;
    switch (o->kind) {
    case ARG_FLAG: *(int *)base = 1; break;
    case ARG_HELP: *want = CLI_HELP; break;
    case ARG_VERSION: if (*want != CLI_HELP) *want = CLI_VERSION; break;
    case ARG_INT:
    case ARG_INT64:
        if (parse_int(o->name, val, (long long)o->lo, (long long)o->hi, &x, err, errlen)) return CLI_ERROR;
        if (o->kind == ARG_INT) *(int *)base = (int)x; else *(int64_t *)base = x;
        break;
    case ARG_REAL:
        if (parse_real(o->name, val, o->lo, o->hi, &r, err, errlen)) return CLI_ERROR;
        *(float *)base = (float)r;
        break;
    case ARG_TEXT: *(const char **)base = val; break;
    case ARG_SEED:
        if (parse_seed(val, (uint64_t *)base, err, errlen)) return CLI_ERROR;
        cfg->have_seed = 1;
        break;
    case ARG_SPEED:
        if (parse_speed(val, (int *)base, err, errlen)) return CLI_ERROR;
        break;
    case ARG_RANGE: {
        const char *dash = val[0] ? strchr(val + 1, '-') : NULL;
        char from[32], to[32];
        long long a, b;
        if (!dash || (size_t)(dash - val) >= sizeof from || strlen(dash + 1) >= sizeof to)
            return fail(err, errlen, "--%s: '%s' is not a range FROM-TO (e.g. 0-49)", o->name, val);
        snprintf(from, sizeof from, "%.*s", (int)(dash - val), val);
        snprintf(to, sizeof to, "%s", dash + 1);
        if (parse_int(o->name, from, (long long)o->lo, (long long)o->hi, &a, err, errlen) ||
            parse_int(o->name, to, (long long)o->lo, (long long)o->hi, &b, err, errlen))
            return CLI_ERROR;
        if (a > b) {
            snprintf(err, errlen, "--%s: %s is an empty range (FROM %lld is above TO %lld)", o->name, val, a, b);
            return CLI_ERROR;
        }
        ((int *)base)[0] = (int)a;
        ((int *)base)[1] = (int)b;
        break;
    }
    case ARG_SIZE: {
        const char *by = strchr(val, 'x');
        char ws[32], hs[32];
        long long a, b;
        if (!by || by == val || (size_t)(by - val) >= sizeof ws || strlen(by + 1) >= sizeof hs)
            return fail(err, errlen, "--%s: '%s' is not a size WxH (e.g. 1280x800)", o->name, val);
        snprintf(ws, sizeof ws, "%.*s", (int)(by - val), val);
        snprintf(hs, sizeof hs, "%s", by + 1);
        if (parse_int(o->name, ws, (long long)o->lo, (long long)o->hi, &a, err, errlen) ||
            parse_int(o->name, hs, CLI_MIN_VIDEO_H, CLI_MAX_VIDEO_H, &b, err, errlen))
            return CLI_ERROR;
        /* H.264 and VP9 keep colour at half resolution: an odd size has no whole half */
        if (a % 2 || b % 2)
            return fail(err, errlen, "--%s: %s: the width and height must be even numbers", o->name, val);
        ((int *)base)[0] = (int)a;
        ((int *)base)[1] = (int)b;
        break;
    }
    case ARG_CHOICE: {
        int k = 0;
        while (k < 5 && o->words[k] && strcmp(val, o->words[k]) != 0) k++;
        if (k == 5 || !o->words[k]) {
            char list[128] = "";
            for (int j = 0; j < 5 && o->words[j]; j++)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", j ? ", " : "", o->words[j]);
            snprintf(err, errlen, "--%s: '%s' is not one of: %s", o->name, val, list);
            return CLI_ERROR;
        }
        *(int *)base = k;
        break;
    }
    case ARG_PATH:
        if (val[0] == '\0') return fail(err, errlen, "--%s: the name is empty%s", o->name, "");
        /* "--spikes --stats" would write a file named --stats */
        if (val[0] == '-') {
            snprintf(err, errlen, "--%s: '%s' looks like an option, not a name (write ./%s for a file of that "
                     "name)", o->name, val, val);
            return CLI_ERROR;
        }
        *(const char **)base = val;
        break;
    }
    return CLI_OK;
}

/* ---- the map (issue 19): --sweep, --seeds, --sweep-out ------------------- */

int cli_option_range(const char *name, double *lo, double *hi)
{
    const Option *o = find_option(name, strlen(name));
    if (!o || (o->kind != ARG_INT && o->kind != ARG_INT64 && o->kind != ARG_REAL)) return -1;
    *lo = o->lo;
    *hi = o->hi;
    return 0;
}

static int given(uint64_t seen, const char *name)
{
    const Option *o = find_option(name, strlen(name));
    return o && ((seen >> (o - OPTIONS)) & 1);
}

/* --sweep's companions, what it has no use for, and its text. */
static int check_sweep(Config *cfg, uint64_t seen, char *err, size_t errlen)
{
    static const char *const with[] = { "seeds", "sweep-out" };
    static const char *const without[] = { "spikes", "trace", "rate", "stats", "analysis", "figure", "window", "trace-neuron", "schedule", "video" };
    if (!cfg->sweep_text) {
        for (size_t i = 0; i < sizeof with / sizeof with[0]; i++)
            if (given(seen, with[i])) return fail(err, errlen, "--%s goes with --sweep%s", with[i], "");
        return CLI_OK;
    }
    if (!cfg->sweep_out)
        return fail(err, errlen, "--sweep needs --sweep-out FILE.csv (where its rows are written)%s%s", "", "");
    for (size_t i = 0; i < sizeof without / sizeof without[0]; i++)
        if (given(seen, without[i]))
            return fail(err, errlen, "--%s has no use with --sweep (%s)", without[i],
                        !strcmp(without[i], "stats") ? "--sweep-out holds its numbers for every point"
                                                     : "it describes one run; --export draws the map");
    if (cfg->net.seed + (uint64_t)(cfg->seeds - 1) < cfg->net.seed)
        return fail(err, errlen, "--seeds: the seeds from --seed on pass 2^64-1%s%s", "", "");
    if (!cfg->duration_given) cfg->duration_ms = CLI_SWEEP_DURATION_MS;
    if (cfg->duration_ms < STATS_SKIP_MS + RHYTHM_SEG) {
        snprintf(err, errlen, "--duration %lld ms is too short for --sweep: its runs need at least %d ms (the first"
                 " %d ms left out, then one %d ms spectrum segment)", (long long)cfg->duration_ms,
                 STATS_SKIP_MS + RHYTHM_SEG, STATS_SKIP_MS, RHYTHM_SEG);
        return CLI_ERROR;
    }
    if (sweep_parse(cfg->sweep_text, cfg->seeds, cli_option_range, &cfg->sweep, err, errlen) != 0) return CLI_ERROR;
    /* the stimulus's amplitude swept while it is off: every point the same
     * run (a tester's three identical rows) */
    for (int a = 0; a < cfg->sweep.naxes; a++)
        if (!strcmp(cfg->sweep.axis[a].knob->name, "stim-amp") && !cfg->net.stim_on)
            return fail(err, errlen, "--sweep stim-amp: the stimulus is off, so every point would be the same run "
                        "(give --stim-on%s)%s", ", and --stim-neurons for other neurons than 0-49", "");
    if (cfg->export_path && outfile_same(cfg->export_path, cfg->sweep_out))
        return fail(err, errlen, "'%s' and '%s' name the same file: give each output its own", cfg->export_path,
                    cfg->sweep_out);
    return CLI_OK;
}

static int parse_args(int argc, char **argv, Config *cfg, char *err, size_t errlen)
{
    config_default(cfg);
    err[0] = '\0';
    int want = CLI_OK;
    uint64_t seen = 0;   /* bit per option index: each may be given once */
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!strcmp(arg, "-h")) arg = "--help";
        else if (!strcmp(arg, "-V")) arg = "--version";
        if (arg[0] != '-' && arg[0] != '\0') {
            /* a FILE: --replay FILE (how a file manager or the desktop entry opens one) */
            const Option *r = find_option("replay", 6);
            if (seen & (1ull << (r - OPTIONS)))
                return fail(err, errlen, "'%s' and '%s' are two files to replay: give one", cfg->replay_path, arg);
            seen |= 1ull << (r - OPTIONS);
            cfg->replay_path = arg;
            continue;
        }
        if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
            return fail(err, errlen, "unexpected argument '%s'%s (options start with --)", arg, "");
        const char *name = arg + 2, *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        const Option *o = find_option(name, len);
        if (!o) {
            const Option *near = near_option(name, len);
            snprintf(err, errlen, "unknown option '--%.*s'%s%s%s", (int)len, name, near ? " (did you mean --" : "",
                     near ? near->name : "", near ? "?)" : "");
            return CLI_ERROR;
        }
        uint64_t bit = 1ull << (o - OPTIONS);
        if ((seen & bit) && o->field == F(replay_path))
            return fail(err, errlen, "--replay and a FILE are two files to replay: give one%s%s", "", "");
        if (seen & bit) return fail(err, errlen, "--%s is given more than once%s", o->name, "");
        seen |= bit;
        const char *val = NULL;
        if (o->kind == ARG_FLAG || o->kind == ARG_HELP || o->kind == ARG_VERSION) {
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
    cfg->given = seen;
    cfg->neurons_given = (seen >> (find_option("neurons", 7) - OPTIONS)) & 1;
    cfg->duration_given = (seen >> (find_option("duration", 8) - OPTIONS)) & 1;
    cfg->trace_neuron_given = (seen >> (find_option("trace-neuron", 12) - OPTIONS)) & 1;
    cfg->replay_first_id_given = (seen >> (find_option("replay-first-id", 15) - OPTIONS)) & 1;
    /* node ids from first_id are NEST's: another format named numbers from 0 */
    if (cfg->replay_first_id_given && cfg->replay_format != REPLAY_DETECT && cfg->replay_format != REPLAY_NEST) {
        snprintf(err, errlen, "--replay-first-id is for NEST files (node ids from 1); --replay-format %s numbers"
                 " neurons from 0", find_option("replay-format", 13)->words[cfg->replay_format]);
        return CLI_ERROR;
    }
    /* the stimulus's neurons are the network's; its pulses fit their period */
    if ((seen >> (find_option("stim-neurons", 12) - OPTIONS)) & 1) {
        if (p->stim_to >= p->n && !cfg->replay_path) {
            snprintf(err, errlen, "--stim-neurons: %d-%d is not within the network (neurons 0 ... %d)",
                     p->stim_from, p->stim_to, p->n - 1);
            return CLI_ERROR;
        }
    } else if (p->stim_to >= p->n) {
        p->stim_to = p->n - 1;          /* the default 0-49: all of a smaller network */
    }
    if (p->stim_period > 0 && p->stim_width > p->stim_period) {
        snprintf(err, errlen, "--stim-width: %d ms is longer than --stim-period (%d ms): a pulse must fit its period",
                 p->stim_width, p->stim_period);
        return CLI_ERROR;
    }
    /* --out-dir, given, is where S and F save, from the menu too */
    if ((seen >> (find_option("out-dir", 7) - OPTIONS)) & 1) cfg->menu = 0;
    /* a replay's N may come from its file: checked when it is read (app.c) */
    if (cfg->trace_neuron >= p->n && (!cfg->replay_path || cfg->neurons_given)) {
        snprintf(err, errlen, "--trace-neuron: %d is not a neuron of this network (0 ... %d)",
                 cfg->trace_neuron, p->n - 1);
        return CLI_ERROR;
    }
    /* a replay shows a file: the options that describe a simulation have no use */
    for (int i = 0; i < N_OPTIONS; i++) {
        const Option *o = &OPTIONS[i];
        if (!(seen & (1ull << i))) continue;
        if (cfg->replay_path && o->simulates)
            return fail(err, errlen, "--%s has no use with --replay (the file was simulated elsewhere)%s", o->name,
                        !strcmp(o->name, "analysis") ? ": its measures need every neuron's v and the weights;"
                                                       " --stats prints those a replay's spikes give" : "");
        if (!cfg->replay_path && !strncmp(o->name, "replay-", 7))
            return fail(err, errlen, "--%s goes with --replay%s", o->name, "");
    }
    /* the mode of every option given */
    for (int i = 0; i < N_OPTIONS; i++) {
        const Option *o = &OPTIONS[i];
        if (!(seen & (1ull << i))) continue;
        if (o->mode == MODE_HEADLESS && !cfg->headless)
            return fail(err, errlen, "--%s needs --headless (%s)", o->name,
                        !strcmp(o->name, "export") ? "in the window, press F to export the figure"
                                                   : "the window runs until you quit it");
        if (o->mode == MODE_WINDOW && cfg->headless)
            return fail(err, errlen, "--%s is for the window; it has no use with --headless%s", o->name,
                        !strcmp(o->name, "events") ? " (nothing changes live)" : "");
    }
    /* headless, the window's colours and the video's frames are --video's */
    if (cfg->headless && !cfg->video_path) {
        static const char *const video_only[] = { "theme", "video-fps", "video-speed", "video-size" };
        for (size_t i = 0; i < sizeof video_only / sizeof video_only[0]; i++)
            if (given(seen, video_only[i]))
                return fail(err, errlen, "--%s has no use with --headless without --video%s", video_only[i], "");
    }
    if (cfg->video_path && cli_video_format(cfg->video_path) == CLI_VIDEO_PNG &&
        (given(seen, "video-fps") || given(seen, "video-speed")))
        return fail(err, errlen, "--video %s is one frame (the view at --duration): --video-fps and --video-speed"
                    " have no use%s", cfg->video_path, "");
    if (check_sweep(cfg, seen, err, errlen) != CLI_OK) return CLI_ERROR;
    /* a figure's name and --figure-format agree; a name with another
     * ending (fig.jpg) is not written as a PNG behind the user's back */
    if (cfg->export_path && cfg->figure_format == FIGURE_FORMAT_AUTO &&
        cli_format_of_name(cfg->export_path) == FIGURE_FORMAT_AUTO) {
        const char *base = strrchr(cfg->export_path, '/');
        base = base ? base + 1 : cfg->export_path;
        const char *dot = strrchr(base, '.');
        if (dot && dot != base && dot[1])
            return fail(err, errlen, "--export %s: figures are written as .png, .svg or .pdf; name one of them"
                        " (or give --figure-format with %s)", cfg->export_path, dot);
    }
    if (cfg->headless && !cfg->export_path && cfg->figure_format != FIGURE_FORMAT_AUTO)
        return fail(err, errlen, "--figure-format has no use with --headless without --export%s%s", "", "");
    /* the analysis measures leave out the first STATS_SKIP_MS: a shorter run
     * has none (a tester's --duration 150 wrote a file of zeros) */
    if (cfg->analysis_csv && cfg->duration_given && cfg->duration_ms <= STATS_SKIP_MS) {
        snprintf(err, errlen, "--analysis needs --duration above %d ms (its measures leave out the first %d ms)",
                 STATS_SKIP_MS, STATS_SKIP_MS);
        return CLI_ERROR;
    }
    /* what the figure (or the video's view) is of: nothing without them (a
     * tester's --figure rhythm and --window 500 were taken, to no effect) */
    if (cfg->headless && !cfg->export_path && !cfg->sweep_text) {
        /* (a video draws the window's layout, not a figure: --window is its
         * view's span, --figure nothing; a tester's --video with --figure) */
        if (given(seen, "figure"))
            return fail(err, errlen, "--figure has no use with --headless without --export%s%s",
                        cfg->video_path ? " (a --video draws the window's layout)" : "", "");
        if (given(seen, "window") && !cfg->video_path)
            return fail(err, errlen, "--window has no use with --headless without --export or --video%s%s", "", "");
    }
    if (cfg->export_path && cfg->figure_format != FIGURE_FORMAT_AUTO) {
        const int named = cli_format_of_name(cfg->export_path);
        if (named != FIGURE_FORMAT_AUTO && named != cfg->figure_format)
        {
            char what[96];
            snprintf(what, sizeof what, "%s but --figure-format is %s", cli_format_ending(named),
                     cli_format_ending(cfg->figure_format) + 1);
            return fail(err, errlen, "--export %s ends in %s: give the one you want", cfg->export_path, what);
        }
    }
    if (cfg->video_path && cli_video_format(cfg->video_path) == CLI_VIDEO_NONE)
        return fail(err, errlen, "--video %s: a video is written as .mp4 (H.264), .webm (VP9), .mkv (lossless"
                    " FFV1) or .png (one frame); name one of them%s", cfg->video_path, "");
    /* only --spikes writes SONATA HDF5: the other recordings are CSV text,
     * which a .h5 name would pass off as HDF5 */
    static const struct { size_t field; const char *name; } csv_only[] = {
        { F(trace_csv), "trace" }, { F(rate_csv), "rate" }, { F(events_csv), "events" },
        { F(analysis_csv), "analysis" } };
    for (size_t i = 0; i < sizeof csv_only / sizeof csv_only[0]; i++) {
        const char *path = *(const char **)((char *)cfg + csv_only[i].field);
        if (path && sonata_is_h5_name(path))
            return fail(err, errlen, "--%s %s: this recording is written as CSV only (only --spikes writes SONATA"
                        " HDF5); give it a name ending .csv", csv_only[i].name, path);
    }
    /* two outputs naming one file, however written (x.csv, ./x.csv, a link) */
    static const size_t outs[] = { F(export_path), F(spikes_path), F(trace_csv), F(rate_csv), F(events_csv),
                                   F(replay_path), F(replay_trace), F(schedule_path), F(analysis_csv),
                                   F(video_path) };
    for (size_t i = 0; i < sizeof outs / sizeof outs[0]; i++)
        for (size_t j = i + 1; j < sizeof outs / sizeof outs[0]; j++) {
            const char *a = *(const char **)((char *)cfg + outs[i]), *b = *(const char **)((char *)cfg + outs[j]);
            if (a && b && outfile_same(a, b))
                return fail(err, errlen, "'%s' and '%s' name the same file: give each output its own", a, b);
        }
    return CLI_OK;
}

const char *cli_format_ending(int format)
{
    return format == FIGURE_FORMAT_SVG ? ".svg" : format == FIGURE_FORMAT_PDF ? ".pdf" : ".png";
}

int cli_video_format(const char *path)
{
    static const char *const ending[] = { ".mp4", ".webm", ".mkv", ".png" };
    const size_t len = path ? strlen(path) : 0;
    for (int f = 0; f < 4; f++) {
        const size_t n = strlen(ending[f]);
        if (len > n && !strcasecmp(path + len - n, ending[f])) return CLI_VIDEO_MP4 + f;
    }
    return CLI_VIDEO_NONE;
}

int cli_format_of_name(const char *path)
{
    const size_t len = path ? strlen(path) : 0;
    for (int f = FIGURE_FORMAT_PNG; f <= FIGURE_FORMAT_PDF; f++)
        if (len > 4 && !strcasecmp(path + len - 4, cli_format_ending(f))) return f;
    return FIGURE_FORMAT_AUTO;
}

int cli_window_figure_format(const Config *cfg)
{
    return cfg->figure_format != FIGURE_FORMAT_AUTO ? cfg->figure_format : FIGURE_FORMAT_PNG;
}

int cli_export_format(const Config *cfg)
{
    const int named = cli_format_of_name(cfg->export_path);
    return named != FIGURE_FORMAT_AUTO ? named : cli_window_figure_format(cfg);
}

/* ---- an option's value read elsewhere: a --schedule file's (schedule.h) ---- */

static const Option *option_named(const char *name)
{
    return name ? find_option(name, strlen(name)) : NULL;
}

int cli_value(const char *name, const char *text, CliValue *out, char *err, size_t errlen)
{
    const Option *o = option_named(name);
    long long x;
    double r;
    int k;
    memset(out, 0, sizeof *out);
    if (!o) return CLI_NO_OPTION;
    switch (o->kind) {
    case ARG_INT:
    case ARG_INT64:
        if (parse_int(o->name, text, (long long)o->lo, (long long)o->hi, &x, err, errlen)) return CLI_ERROR;
        out->x = (double)x;
        return CLI_OK;
    case ARG_REAL:
        if (parse_real(o->name, text, o->lo, o->hi, &r, err, errlen)) return CLI_ERROR;
        out->x = (double)(float)r;      /* the float the option sets */
        return CLI_OK;
    case ARG_SEED:
        if (parse_seed(text, &out->u, err, errlen)) return CLI_ERROR;
        out->x = (double)out->u;
        return CLI_OK;
    case ARG_SPEED:
        if (parse_speed(text, &k, err, errlen)) return CLI_ERROR;
        out->x = k;
        return CLI_OK;
    case ARG_CHOICE: {
        Config scratch;
        int want = CLI_OK;
        if (apply(&scratch, o, text, &want, err, errlen) != CLI_OK) return CLI_ERROR;
        out->x = *(int *)((char *)&scratch + o->field);
        return CLI_OK;
    }
    case ARG_RANGE: {
        Config scratch;
        int want = CLI_OK;
        if (apply(&scratch, o, text, &want, err, errlen) != CLI_OK) return CLI_ERROR;
        const int *ab = (const int *)((const char *)&scratch + o->field);
        out->x = ab[0];
        out->u = (uint64_t)ab[1];
        out->pair = 1;
        return CLI_OK;
    }
    case ARG_FLAG:
        /* as a session's metadata says it ("stim: on") */
        out->flag = 1;
        if (!strcmp(text, "on") || !strcmp(text, "1")) { out->x = 1; return CLI_OK; }
        if (!strcmp(text, "off") || !strcmp(text, "0")) return CLI_OK;
        snprintf(err, errlen, "--%s: '%s' is neither on nor off", o->name, text);
        return CLI_ERROR;
    default:
        return CLI_NO_OPTION;
    }
}

int cli_config_value(const Config *cfg, const char *name, CliValue *out)
{
    const Option *o = option_named(name);
    memset(out, 0, sizeof *out);
    if (!o) return CLI_NO_OPTION;
    const char *base = (const char *)cfg + o->field;
    switch (o->kind) {
    case ARG_INT: case ARG_CHOICE: case ARG_SPEED: out->x = *(const int *)base; return CLI_OK;
    case ARG_INT64: out->x = (double)*(const int64_t *)base; return CLI_OK;
    case ARG_REAL: out->x = *(const float *)base; return CLI_OK;
    case ARG_SEED: out->u = *(const uint64_t *)base; out->x = (double)out->u; return CLI_OK;
    case ARG_RANGE:
        out->x = ((const int *)base)[0];
        out->u = (uint64_t)((const int *)base)[1];
        out->pair = 1;
        return CLI_OK;
    case ARG_FLAG: out->x = *(const int *)base != 0; out->flag = 1; return CLI_OK;
    default: return CLI_NO_OPTION;
    }
}

int cli_option_given(const Config *cfg, const char *name)
{
    const Option *o = option_named(name);
    return o && ((cfg->given >> (o - OPTIONS)) & 1);
}

int cli_option_describes_net(const char *name)
{
    const Option *o = option_named(name);
    /* --neurons and --trace-neuron are a replay's too, so not `simulates` */
    return o && o->kind != ARG_PATH && o->field != F(net.threads) &&
           (o->simulates || o->field == F(net.n) || o->field == F(trace_neuron));
}

int cli_parse(int argc, char **argv, Config *cfg, char *err, size_t errlen)
{
    int rc = parse_args(argc, argv, cfg, err, errlen);
    /* a message quotes what the user typed: escaped (the whole message,
     * as long as err holds it) */
    if (rc == CLI_ERROR) escape_in_place(err, errlen);
    return rc;
}
