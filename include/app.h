/*
 * app.h - the izhiscope program: what main() dispatches to, and helpers the
 * headless run and the live window share. This layer prints; the modules
 * under it do not.
 */
#ifndef IZHI_APP_H
#define IZHI_APP_H

#include <stddef.h>
#include <signal.h>
#include <stdint.h>

#include "cli.h"
#include "rhythm.h"
#include "run.h"

#ifndef IZHISCOPE_VERSION
#define IZHISCOPE_VERSION "0.1.0"
#endif

/* Exit codes. */
enum { APP_EXIT_OK = 0, APP_EXIT_FAIL = 1, APP_EXIT_USAGE = 2, APP_EXIT_INTERRUPTED = 130 };

/* Runs --headless; returns an exit code. */
int app_run_headless(Config *cfg);
/* Runs --headless --sweep (sweep_run.c), on every process of an MPI
 * run; returns an exit code. */
int app_run_sweep(Config *cfg);
/* Opens the live window and runs until the user quits (window.h); returns
 * an exit code. start_ns: CLOCK_MONOTONIC at program start (for the
 * first-frame time it reports). */
int app_run_window(Config *cfg, int64_t start_ns);

/* Whether this binary draws: the lean `izhiscope` links no graphics
 * library (gfx_none.c) and hands runs that draw (the window, --export) to
 * `izhiscope-gfx` with the same arguments (app_exec_graphics: beside this
 * executable, else in IZHISCOPE_LIBEXECDIR); returns only on failure, said. */
int app_have_graphics(void);
int app_exec_graphics(char **argv);

/* Processes 1 ... P-1 of an MPI run (exchange.h): run_follow with the
 * run's options; returns the exit code the run ends with. */
int app_follow(Config *cfg);
/* Says why the agreed build b of network p failed (process 0). */
void app_say_build_failure(const NetParams *p, const RunBuild *b);

/* What both modes do first: draw and print a seed if none was given, find
 * the font (*font; NULL if need_font is 0), check memory. Returns 0, or an
 * exit code after printing what is wrong. */
int app_prepare(Config *cfg, int need_font, const char **font);
/* Catches every terminating signal that can be caught: it removes the
 * temporaries and exits 128 + the signal, saying so (no output written, or
 * how many files were, whole: a signal while files are placed is held
 * until all are). The signals of a crash (SIGABRT, SIGSEGV, SIGBUS, SIGFPE,
 * SIGILL, SIGTRAP, SIGSYS) remove the temporaries too, then take their
 * own action (core, exit status); a sanitizer's handler stays. A signal
 * ignored from the start (nohup, a shell's background job) stays ignored.
 * Called first thing in main(); then unblocks the terminating signals,
 * which the hand-over from izhiscope (app_exec_graphics) kept blocked. */
void app_catch_signals(void);
/* Processes 1 ... P-1 of an MPI run end the same way, without a word. */
void app_signals_quiet(void);
/* The window quits normally on SIGINT and SIGTERM (SDL turns them into a
 * quit event), writing its recordings: app_signals_to_window() right
 * before SDL_Init gives them back to the default action SDL looks for,
 * blocked; app_signals_window_ready() right after it unblocks them (ours
 * again if SDL did not take them). Until then (a replay being read) they
 * end the run like the headless one. */
void app_signals_to_window(void);
void app_signals_window_ready(void);
/* Blocks the terminating signals (*old: the mask before). */
void app_signals_hold(sigset_t *old);
/* --menu (a session the desktop menu started): S and F save into
 * ~/izhiscope ($HOME, else the passwd entry's home), made if missing;
 * sets cfg->out_dir. 0, or -1 with a message. */
int app_menu_out_dir(Config *cfg, char *err, size_t errlen);
/* Prints "wrote PATH" (a Recorder commit callback), control bytes escaped. */
void app_print_wrote(const char *path, void *ctx);

/* Path of the font in assets/ (IZHISCOPE_ASSETS, next to the executable,
 * ./assets, or the installed data folder); NULL if not found. */
const char *app_font_path(void);

/* Checks that the run's peak memory (app_memory_need) fits in what is
 * available (app_available_memory); returns 0, or -1 with a message naming
 * the options, what they need and what is available. */
int app_check_memory(const Config *cfg, char *err, size_t errlen);
/* How many ms of spikes and trace are kept for drawing: headless, the
 * figure's --window; in the window as much as APP_HISTORY_BYTES (256 MiB)
 * holds, up to SCOPE_COUNTS_MS (65.5 s), at least --window: 65.5 s up to
 * N = 32,000 (8.4 MiB at N = 1000), 20 s at N = 100,000, 2 s at 1 million. */
#define APP_HISTORY_BYTES (256.0 * 1048576.0)
int app_history_ms(const Config *cfg);
/* The run's estimated peak memory, bytes: net_peak_bytes plus the history
 * and the program itself. */
double app_memory_need(const Config *cfg);
/* Memory available, bytes: MemAvailable of meminfo (else the physical
 * memory), or less if a cgroup limit above this process has less left
 * (app_cgroup_left); *what says which. -1 if unknown. The real files are
 * /proc/meminfo, /proc/self/cgroup and /sys/fs/cgroup. */
double app_available_memory(const char *meminfo, const char *self_cgroup, const char *cgroup_root, char *what,
                            size_t whatlen);
/* The least memory left under a cgroup memory limit, bytes, over the
 * process's cgroups as self_cgroup (a /proc/self/cgroup) names them and
 * their ancestors: v2 ("0::PATH": ROOT/PATH/memory.max less memory.current,
 * also under ROOT/unified) and v1 (a line naming the memory controller:
 * ROOT/memory/PATH/memory.limit_in_bytes less memory.usage_in_bytes); a
 * folder that is not there is skipped, and without self_cgroup the
 * hierarchies' top folders are read. *lim and *used: the binding level's.
 * -1 if no limit ("max", v1's "unlimited" 9223372036854771712). */
double app_cgroup_left(const char *self_cgroup, const char *cgroup_root, double *lim, double *used);

/* The PNG text chunks that describe a run, built key by key: keys[i] =
 * values[i], i < n; the strings live in store. A key that no longer fits
 * is left out (the store holds every event a Scope keeps). */
#define APP_META_MAX 56
#define APP_META_STORE 16384
typedef struct AppMeta {
    const char *keys[APP_META_MAX];
    const char *values[APP_META_MAX];
    int n;
    size_t at;
    char store[APP_META_STORE];
} AppMeta;
void app_meta_add(AppMeta *m, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A float option's value as "key: value": the shortest text that reads
 * back as that float (event_float_text), so a file names the option's value
 * exactly. */
void app_meta_float(AppMeta *m, const char *key, double x);
/* Starts m with the run's description: Software, Title, version, seed,
 * scheme, noise_e, noise_i, neurons, in_degree, simulated_ms, window_ms,
 * trace_neuron (the live values where they differ from cfg's). */
void app_metadata(AppMeta *m, const Config *cfg, uint64_t seed, long long simulated_ms, float sigma_e,
                  float sigma_i, int trace_neuron, int window_ms);
/* Adds the rhythm readouts: rhythm_from_ms, rhythm_to_ms and one key a
 * band ("rhythm_alpha" = "8.0 Hz, strength 38%"). */
void app_meta_rhythm(AppMeta *m, const RhythmResult *r, long long from_ms, long long to_ms);
/* The parameters every CSV starts with (record.h): app_metadata's keys
 * (simulated_ms only in the PNGs), the excitatory count, and headless the
 * length, duration_ms (what --replay reads back). */
void app_csv_metadata(AppMeta *m, const Config *cfg);
/* The knobs of docs/model.md "Knobs" as k holds them (live or starting):
 * weight_e, weight_i, current_e, current_i, stim ("off", or "on"), and
 * stim_neurons, stim_amp, stim_width, stim_period; nothing when every knob
 * is at its default, so that a default run's files are as they were. */
void app_meta_knobs(AppMeta *m, const NetParams *k);

/* Reads --replay's file (and --replay-trace's) into r and sets cfg from
 * it: the axis (--neurons, else the file's "# neurons", else its largest
 * neuron + 1), the E/I split (replay_ne), --duration if not given (the
 * file's last ms + 1). Prints what it read. 0, or an exit code after
 * printing what is wrong (with the line number). */
struct Replay;
int app_open_replay(Config *cfg, struct Replay *r);
/* Reads --schedule's file (schedule.h) and checks its metadata against the
 * command line; prints any warning. 0; or, after printing what is wrong,
 * APP_EXIT_FAIL (the file: FILE:LINE: what) or APP_EXIT_USAGE (the
 * command line does not give what the file was recorded with). */
struct Schedule;
int app_open_schedule(const Config *cfg, struct Schedule *s);
/* The number of excitatory neurons: a replay file's own word, else
 * round(0.8 N). */
int app_ne(const Config *cfg);

/* The trace's label: "v(t) of neuron N", N the 0-based id of
 * --trace-neuron and the CSVs (window and export alike); a replay without
 * a trace says it has none. */
void app_trace_label(const Config *cfg, int neuron, char *out, size_t len);

/* One band's readout, the same in --stats, the window and PNG metadata:
 * "8.0 Hz, strength 38%" or "no clear peak". */
void app_peak_text(const RhythmPeak *p, char *out, size_t len);
/* The rhythm measures as --stats prints them (several lines). */
#define APP_RHYTHM_TEXT 1024
void app_rhythm_text(const RhythmResult *r, char *out, size_t len);

#endif
