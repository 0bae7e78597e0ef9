/*
 * cli.h - the command line: options, defaults, validation.
 *
 * cli_parse() fills a Config from argv and checks every value; it never
 * prints or exits, so it is unit-tested directly. The message it leaves in
 * err names the option and what is wrong with its value.
 */
#ifndef IZHI_CLI_H
#define IZHI_CLI_H

#include <stddef.h>
#include <stdint.h>

#include "net.h"
#include "sweep.h"

#define CLI_MAX_NEURONS 10000000
#define CLI_MAX_DURATION_MS 1000000000LL
#define CLI_MAX_WINDOW_MS 60000
#define CLI_MAX_NOISE 1.0e6
#define CLI_MAX_KNOB 1.0e6          /* |--weight-*|, |--current-*|, |--stim-amp| */
#define CLI_MAX_STIM_MS 1000000000  /* --stim-width, --stim-period */
#define CLI_MAX_VIDEO_FPS 120
#define CLI_MAX_VIDEO_SPEED 1000000 /* --video-speed: simulated ms per video second */
#define CLI_MIN_VIDEO_W 480         /* --video-size: the window's smallest ... */
#define CLI_MIN_VIDEO_H 320
#define CLI_MAX_VIDEO_W 7680        /* ... to 8K */
#define CLI_MAX_VIDEO_H 4320

typedef struct Config {
    int headless;
    int64_t duration_ms;      /* --duration, default 1000 */
    int have_seed;            /* --seed given; else drawn from the clock */
    int seed_shared;          /* no --seed, MPI: drawn by process 0 for all (main.c) */
    NetParams net;            /* --neurons, --in-degree, --seed, --scheme, --noise-e/i */
    int window_ms;            /* --window, default 1000 */
    int trace_neuron;         /* --trace-neuron, default 0 */
    const char *export_path;  /* --export: a PNG, SVG or PDF figure */
    const char *spikes_path;  /* --spikes: CSV, or SONATA HDF5 for a .h5 name */
    const char *trace_csv;    /* --trace */
    const char *rate_csv;     /* --rate */
    const char *analysis_csv; /* --analysis: the analysis measures' histograms (docs/model.md) */
    int figure_rhythm;        /* --figure: FIGURE_FIG3 (default), FIGURE_RHYTHM or FIGURE_ANALYSIS */
    int figure_format;        /* --figure-format: FIGURE_FORMAT_* (0: auto) */
    int force;                /* --force: outputs may replace existing files */
    int stats;                /* --stats: print rates and rhythms at the end */
    /* the window only */
    const char *out_dir;      /* --out-dir, default "." */
    int menu;                 /* --menu without --out-dir: S and F save into ~/izhiscope (app_menu_out_dir) */
    int theme_paper;          /* --theme paper (1) or dark (0, default) */
    int speed_exp;            /* --speed 2^exp, or 7 for "max"; default 0 (1x) */
    float ui_scale;           /* --ui-scale, default 1 */
    const char *events_csv;   /* --events */
    /* a replay instead of a simulation */
    const char *replay_path;  /* --replay */
    int replay_format;        /* --replay-format: ReplayFormat (0: detect) */
    const char *replay_trace; /* --replay-trace */
    int replay_first_id;      /* --replay-first-id, default 1 */
    int replay_first_id_given; /* --replay-first-id was given (NEST's only) */
    int replay_time_unit;     /* --replay-time-unit: ReplayUnit (0: auto) */
    int neurons_given;        /* --neurons was given */
    int duration_given;       /* --duration was given */
    int trace_neuron_given;   /* --trace-neuron was given */
    int replay_ne;            /* excitatory neurons of a replayed file, -1: 0.8 N (app.c) */
    double replay_bytes;      /* what its spikes and trace take in memory (app.c) */
    /* a session's changes applied at their steps (schedule.h) */
    const char *schedule_path; /* --schedule */
    const char *map_path;      /* --map: a sweep CSV shown in the map panel */
    uint64_t given;           /* bit per option row given on the command line (cli_option_given) */

    /* the map (issue 19, sweep.h) */
    const char *sweep_text;   /* --sweep NAME=FROM:TO:STEP[,...] */
    int seeds;                /* --seeds, default 1 */
    const char *sweep_out;    /* --sweep-out FILE.csv */
    SweepSpec sweep;          /* --sweep read (naxes 0: no sweep) */

    /* video of the window's layout (video.h) */
    const char *video_path;   /* --video: .mp4, .webm, .mkv or .png */
    int video_fps;            /* --video-fps, default 30 */
    int video_speed_ms;       /* --video-speed: simulated ms per video second, default 1000 */
    int video_w, video_h;     /* --video-size, default 1280x800 (this order: ARG_SIZE sets both) */
    int video_format;         /* --video-format: O's recordings, 0 mp4, 1 webm, 2 mkv */
} Config;

/* --video's formats, by its name's ending (any case). */
enum { CLI_VIDEO_NONE = 0, CLI_VIDEO_MP4, CLI_VIDEO_WEBM, CLI_VIDEO_MKV, CLI_VIDEO_PNG };
int cli_video_format(const char *path);

/* --figure-format's values, in its words' order. */
enum { FIGURE_FIG3 = 0, FIGURE_RHYTHM = 1, FIGURE_ANALYSIS = 2 };   /* --figure's words, in order */
enum { FIGURE_FORMAT_AUTO = 0, FIGURE_FORMAT_PNG, FIGURE_FORMAT_SVG, FIGURE_FORMAT_PDF };
/* The format a figure file's name asks for by its ending (.png, .svg,
 * .pdf, any case), or FIGURE_FORMAT_AUTO if it names none. */
int cli_format_of_name(const char *path);
/* The format --export writes (its name's ending, else --figure-format,
 * else PNG) and the one F saves in the window (--figure-format, else PNG). */
int cli_export_format(const Config *cfg);
int cli_window_figure_format(const Config *cfg);
/* The file name ending of a format: ".png", ".svg" or ".pdf". */
const char *cli_format_ending(int format);

enum { CLI_OK = 0, CLI_HELP = 1, CLI_VERSION = 2, CLI_ERROR = -1 };

/* Parses argv into cfg. Returns CLI_OK, CLI_HELP, CLI_VERSION, or CLI_ERROR
 * with a one-line message in err (no trailing newline), what the user typed
 * in it escaped (escape.h). */
int cli_parse(int argc, char **argv, Config *cfg, char *err, size_t errlen);

/* ---- an option's value read elsewhere: a --schedule file's (schedule.h) ---- */

/* A value as its option reads it: x (numbers, a choice's index, --speed's
 * exponent; a real as the float it sets; a flag's 0 or 1, read from "on"
 * or "off" too), u (--seed); a range FROM-TO (pair set): x FROM, u TO. */
typedef struct CliValue { double x; uint64_t u; int pair, flag; } CliValue;
enum { CLI_NO_OPTION = -2 };
/* Reads text as --name's value (its kind, its range): CLI_OK, CLI_ERROR
 * with err as cli_parse's ("--name: 'x' is not a number"), or
 * CLI_NO_OPTION if no option of that name takes a number, choice or seed. */
int cli_value(const char *name, const char *text, CliValue *out, char *err, size_t errlen);
/* cfg's value of --name (given or the default); CLI_OK or CLI_NO_OPTION. */
int cli_config_value(const Config *cfg, const char *name, CliValue *out);
/* Whether --name was given on the command line. */
int cli_option_given(const Config *cfg, const char *name);
/* Whether --name describes the simulated network (a session's metadata
 * says it: the seed, N, K, scheme, noise, the traced neuron). */
int cli_option_describes_net(const char *name);
/* The range [lo, hi] of the numeric option named name (without --): 0,
 * or -1 if there is no such option or it takes no number. */
int cli_option_range(const char *name, double *lo, double *hi);
/* The default --duration of a sweep's runs, ms: 3 s after the transient. */
#define CLI_SWEEP_DURATION_MS 3200
/* The --help text (static storage). */
const char *cli_usage(void);

#endif
