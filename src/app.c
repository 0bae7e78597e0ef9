/*
 * app.c - what the headless run (headless.c), the live window (window.c)
 * and main.c share: the program's layer that prints. Its jobs, in the
 * order of the file's sections:
 *   1. the font: found beside the program, in the installed data folder,
 *      or where IZHISCOPE_ASSETS says;
 *   2. memory: what this process may use (/proc/meminfo and the cgroup
 *      v1/v2 limits) against what a run needs, checked before anything
 *      is built;
 *   3. a run described: its parameters as PNG metadata and as the CSVs'
 *      "# key: value" lines, its rhythms as metadata;
 *   4. a run prepared: the seed drawn and printed, memory and font
 *      checked, --menu's output folder made;
 *   5. files placed said ("wrote NAME", the name escaped), the rhythm
 *      readouts as text;
 *   6. signals: the terminating and crash signals handled (temporaries
 *      removed, exit 128 + N), held across the hand-over to
 *      izhiscope-gfx and handed to SDL in the window;
 *   7. the trace's label and the excitatory count of a run's axis;
 *   8. a replayed file opened: read once, its format, unit and axis said;
 *   9. the hand-over: the lean izhiscope exec's izhiscope-gfx for a run
 *      that draws;
 *  10. processes (exchange.h): a build failure said with the process that
 *      failed, and the MPI followers' loop (run.h's run_follow).
 */
#define _DEFAULT_SOURCE
#include "app.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "escape.h"
#include "exchange.h"
#include "sonata.h"
#include "net.h"
#include "outfile.h"
#include "replay.h"
#include "rng.h"
#include "schedule.h"
#include "scope.h"
#include "stats.h"

#ifndef IZHISCOPE_DATADIR
#define IZHISCOPE_DATADIR "/usr/local/share/izhiscope"
#endif

#define FONT_FILE "DejaVuSans.ttf"

/* ---- the font ----------------------------------------------------------- */

static int readable(const char *path) { return access(path, R_OK) == 0; }

const char *app_font_path(void)
{
    static char path[PATH_MAX + 64];
    const char *env = getenv("IZHISCOPE_ASSETS");
    if (env && *env) {
        snprintf(path, sizeof path, "%s/%s", env, FONT_FILE);
        if (readable(path)) return path;
    }
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            snprintf(path, sizeof path, "%s/assets/%s", exe, FONT_FILE);
            if (readable(path)) return path;
            snprintf(path, sizeof path, "%s/../assets/%s", exe, FONT_FILE);
            if (readable(path)) return path;
            /* the builds in build/<kind>/ (make mpi, the sanitizer builds) */
            snprintf(path, sizeof path, "%s/../../assets/%s", exe, FONT_FILE);
            if (readable(path)) return path;
            /* installed: PREFIX/bin/izhiscope-gfx's or PREFIX/libexec/izhiscope/'s
             * PREFIX/share/izhiscope, wherever the prefix was moved */
            snprintf(path, sizeof path, "%s/../share/izhiscope/%s", exe, FONT_FILE);
            if (readable(path)) return path;
            snprintf(path, sizeof path, "%s/../../share/izhiscope/%s", exe, FONT_FILE);
            if (readable(path)) return path;
        }
    }
    snprintf(path, sizeof path, "assets/%s", FONT_FILE);
    if (readable(path)) return path;
    snprintf(path, sizeof path, "%s/%s", IZHISCOPE_DATADIR, FONT_FILE);
    if (readable(path)) return path;
    return NULL;
}

/* A number from the first line of path that starts with key ("MemAvailable:"
 * in kB, or a bare number / "max" for a cgroup file when key is NULL);
 * -1 if none. */
/* ---- memory ------------------------------------------------------------- */

static double read_number(const char *path, const char *key, double unit)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[256];
    double x = -1;
    while (fgets(line, sizeof line, f)) {
        const char *at = line;
        if (key) {
            if (strncmp(line, key, strlen(key)) != 0) continue;
            at += strlen(key);
        }
        char *end;
        double v = strtod(at, &end);
        if (end != at) x = v * unit;
        break;
    }
    fclose(f);
    return x;
}

/* The least memory left under a cgroup limit in one hierarchy: base is the
 * hierarchy's folder (root, root/memory, root/unified), path the process's
 * cgroup in it; the cgroup's own folder and every ancestor up to base are
 * read (a limit anywhere above binds too), a folder that is not there (a
 * container sees only its own cgroup, mounted at base) skipped. Returns the
 * smallest limit less its usage, *lim and *used of that level; -1 if no
 * level has a limit ("max", v1's 9223372036854771712: none). */
static double cgroup_left_in(const char *base, const char *path, const char *lim_file, const char *used_file,
                             double *lim_out, double *used_out)
{
    char dir[4096], file[4352];
    double best = -1;
    snprintf(dir, sizeof dir, "%s%s%s", base, path[0] == '/' ? "" : "/", path);
    for (;;) {
        size_t n = strlen(dir);
        while (n > strlen(base) && dir[n - 1] == '/') dir[--n] = '\0';
        snprintf(file, sizeof file, "%s/%s", dir, lim_file);
        double lim = read_number(file, NULL, 1.0);
        if (lim > 0 && lim < 1e18) {
            snprintf(file, sizeof file, "%s/%s", dir, used_file);
            double used = read_number(file, NULL, 1.0);
            if (used < 0) used = 0;
            double left = lim > used ? lim - used : 0;
            if (best < 0 || left < best) { best = left; *lim_out = lim; *used_out = used; }
        }
        char *slash = strrchr(dir, '/');
        if (n <= strlen(base) || !slash || slash < dir + strlen(base)) break;
        *slash = '\0';
    }
    return best;
}

double app_cgroup_left(const char *self_cgroup, const char *root, double *lim, double *used)
{
    double best = -1;
    char line[4096], base[4096];
    FILE *f = fopen(self_cgroup, "r");
    int found = 0;
    while (f && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        /* "ID:CONTROLLERS:PATH": v2 is "0::PATH", v1 names memory among its controllers */
        char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2) continue;
        *c1 = *c2 = '\0';
        const char *ctl = c1 + 1, *path = c2 + 1;
        double l = -1, u = 0, left;
        if (!strcmp(line, "0") && !*ctl) {
            found = 1;
            for (int h = 0; h < 2; h++) {
                snprintf(base, sizeof base, h ? "%s/unified" : "%s", root);
                if ((left = cgroup_left_in(base, path, "memory.max", "memory.current", &l, &u)) >= 0 &&
                    (best < 0 || left < best)) { best = left; *lim = l; *used = u; }
            }
        } else {
            char list[4096];
            snprintf(list, sizeof list, ",%s,", ctl);
            if (!strstr(list, ",memory,")) continue;
            found = 1;
            snprintf(base, sizeof base, "%s/memory", root);
            if ((left = cgroup_left_in(base, path, "memory.limit_in_bytes", "memory.usage_in_bytes", &l, &u)) >= 0 &&
                (best < 0 || left < best)) { best = left; *lim = l; *used = u; }
        }
    }
    if (f) fclose(f);
    if (!found) {
        /* no /proc/self/cgroup: the hierarchies' top folders (a container's own) */
        double l = -1, u = 0, left;
        snprintf(base, sizeof base, "%s/memory", root);
        if ((left = cgroup_left_in(root, "/", "memory.max", "memory.current", &l, &u)) >= 0 &&
            (best < 0 || left < best)) { best = left; *lim = l; *used = u; }
        if ((left = cgroup_left_in(base, "/", "memory.limit_in_bytes", "memory.usage_in_bytes", &l, &u)) >= 0 &&
            (best < 0 || left < best)) { best = left; *lim = l; *used = u; }
    }
    return best;
}

/* A size for a message: "1.5 GiB", or below 1 GiB "100 MiB" (a 100 MiB
 * limit is not "0.1 GiB"). */
static const char *size_text(double bytes, char *out, size_t len)
{
    if (bytes >= 1073741824.0) snprintf(out, len, "%.1f GiB", bytes / 1073741824.0);
    else snprintf(out, len, "%.0f MiB", bytes / 1048576.0);
    return out;
}

double app_available_memory(const char *meminfo, const char *self_cgroup, const char *cgroup_root, char *what,
                            size_t whatlen)
{
    double avail = read_number(meminfo, "MemAvailable:", 1024.0);
    snprintf(what, whatlen, "MemAvailable");
    if (avail < 0) {
        long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
        avail = (pages > 0 && page > 0) ? (double)pages * (double)page : -1;
        snprintf(what, whatlen, "physical memory");
    }
    /* the tightest cgroup limit above this process, less what its group uses */
    double lim = 0, used = 0;
    double left = app_cgroup_left(self_cgroup, cgroup_root, &lim, &used);
    if (left >= 0 && (avail < 0 || left < avail)) {
        avail = left;
        char a[32], b[32];
        snprintf(what, whatlen, "the cgroup's limit of %s less %s in use", size_text(lim, a, sizeof a),
                 size_text(used, b, sizeof b));
    }
    return avail;
}

/* The memory available to this process (app_available_memory of the real files). */
static double memory_here(char *what, size_t whatlen)
{
    return app_available_memory("/proc/meminfo", "/proc/self/cgroup", "/sys/fs/cgroup", what, whatlen);
}

int app_history_ms(const Config *cfg)
{
    int least = cfg->window_ms > 1000 ? cfg->window_ms : 1000;
    if (cfg->headless) return least;
    /* hist.h: the bitset, the trace, the traced neurons' v, u, I and ids */
    double per_ms = (double)((cfg->net.n + 63) / 64) * 8.0 + sizeof(float) +
                    STEP_TRACE_MAX * (3 * sizeof(float) + sizeof(int32_t));
    double ms = APP_HISTORY_BYTES / per_ms;
    if (ms > SCOPE_COUNTS_MS) ms = SCOPE_COUNTS_MS;
    return ms < least ? least : (int)ms;
}

/* The network's peak on this machine: with MPI, the largest block's times
 * the processes here (process 0's block is never smaller than the others'
 * by more than a neuron). */
static double app_net_need(const Config *cfg)
{
    const NetParams *p = &cfg->net;
    int lo, hi;
    xc_block(p->n, 0, xc_size(), &lo, &hi);
    double one = (double)net_peak_bytes_part(p->n, p->k, p->threads, hi - lo > 0 ? hi - lo : 1);
    return one == 0.0 ? 0.0 : one * xc_local_size();
}

double app_memory_need(const Config *cfg)
{
    const NetParams *p = &cfg->net;
    /* a replay builds no network: its spikes and trace are held (read by now) */
    double net = cfg->replay_path ? cfg->replay_bytes + (double)p->n * 8.0 + 1.0 : app_net_need(cfg);
    if (net == 0.0) return 1e300;
    int drawn = !cfg->headless || cfg->export_path || cfg->video_path;   /* a history is kept for drawing */
    double hist = drawn ? (double)app_history_ms(cfg) * ((double)((p->n + 63) / 64) * 8.0 + 4.0) : 0.0;
    /* the program and its libraries: measured peaks of a 10-neuron run are
     * ~2.3 MiB headless (the lean izhiscope: no graphics library), ~29 MiB
     * with a figure or in izhiscope-gfx (SDL, HDF5, the Scope, the surface), ~150 MiB
     * for the window (SDL, Mesa, the 16 MiB ring) */
    double base = cfg->headless ? (cfg->export_path || cfg->video_path || app_have_graphics() ? 30.0 : 3.0) : 150.0;
    /* --video: the encoder's frames and threads, measured 107-219 MiB at
     * 1280 x 800 (x264, FFV1): ~40 RGBA frames */
    double video = cfg->video_path ? 40.0 * 4.0 * cfg->video_w * cfg->video_h : 0.0;
    return net + hist + video + base * 1048576.0;
}

int app_check_memory(const Config *cfg, char *err, size_t errlen)
{
    char what[160];
    double avail = memory_here(what, sizeof what);
    double need = app_memory_need(cfg);
    const NetParams *p = &cfg->net;
    if (avail > 0 && need > avail) {
        double hist = need - app_net_need(cfg);
        char win[48] = "", procs[64] = "";
        if (hist > 0.1 * need) snprintf(win, sizeof win, " --window %d", cfg->window_ms);
        if (xc_local_size() > 1) snprintf(procs, sizeof procs, " (%d processes on this machine)", xc_local_size());
        char a[32], b[32];
        snprintf(err, errlen,
                 "--neurons %d --in-degree %d%s need about %s at the peak%s, "
                 "more than is available: %s (%s); lower %s",
                 p->n, p->k, win, size_text(need, a, sizeof a), procs, size_text(avail, b, sizeof b), what,
                 win[0] ? "--window or --neurons" : "--in-degree or --neurons");
        return -1;
    }
    return 0;
}

/* ---- a run described ---------------------------------------------------- */

void app_meta_add(AppMeta *m, const char *key, const char *fmt, ...)
{
    if (m->n >= APP_META_MAX || m->at >= APP_META_STORE) return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(m->store + m->at, APP_META_STORE - m->at, fmt, ap);
    va_end(ap);
    if (w < 0 || (size_t)w + 1 > APP_META_STORE - m->at) { m->store[m->at] = '\0'; return; }
    m->keys[m->n] = key;
    m->values[m->n++] = m->store + m->at;
    m->at += (size_t)w + 1;
}

void app_meta_float(AppMeta *m, const char *key, double x)
{
    char v[32];
    event_float_text(v, sizeof v, x);
    app_meta_add(m, key, "%s", v);
}

void app_metadata(AppMeta *m, const Config *cfg, uint64_t seed, long long simulated_ms, float sigma_e,
                  float sigma_i, int trace_neuron, int window_ms)
{
    const NetParams *p = &cfg->net;
    m->n = 0;
    m->at = 0;
    app_meta_add(m, "Software", "izhiscope %s", IZHISCOPE_VERSION);
    if (cfg->replay_path) {
        /* a run made elsewhere: its file, not a seed or noise of ours */
        app_meta_add(m, "Title", "Izhikevich (2003) Fig. 3 layout: spike raster of %s", cfg->replay_path);
        app_meta_add(m, "version", "%s", IZHISCOPE_VERSION);
        app_meta_add(m, "replay", "%s", cfg->replay_path);
        app_meta_add(m, "replay_format", "%s", replay_format_name((ReplayFormat)cfg->replay_format));
        if (cfg->replay_trace) app_meta_add(m, "replay_trace", "%s", cfg->replay_trace);
        app_meta_add(m, "neurons", "%d", p->n);
        app_meta_add(m, "excitatory", "%d", app_ne(cfg));
    } else {
        app_meta_add(m, "Title", "Izhikevich (2003) Fig. 3: spike raster and v(t) of neuron %d", trace_neuron);
        app_meta_add(m, "version", "%s", IZHISCOPE_VERSION);
        app_meta_add(m, "seed", "%llu", (unsigned long long)seed);
        app_meta_add(m, "scheme", "%s", p->scheme == NET_SCHEME_EULER ? "euler" : "paper");
        app_meta_float(m, "noise_e", (double)sigma_e);
        app_meta_float(m, "noise_i", (double)sigma_i);
        app_meta_add(m, "neurons", "%d", p->n);
        app_meta_add(m, "in_degree", "%d", p->k);
    }
    if (simulated_ms >= 0) app_meta_add(m, "simulated_ms", "%lld", simulated_ms);
    app_meta_add(m, "window_ms", "%d", window_ms);
    app_meta_add(m, "trace_neuron", "%d", trace_neuron);
}

void app_meta_knobs(AppMeta *m, const NetParams *k)
{
    NetParams d;
    net_params_default(&d);
    const int stim_given = k->stim_on || k->stim_from != d.stim_from || k->stim_amp != d.stim_amp ||
                           k->stim_width != 0 || k->stim_period != 0;
    if (k->weight_e == d.weight_e && k->weight_i == d.weight_i && k->current_e == 0.0f && k->current_i == 0.0f &&
        !stim_given && k->stim_to == (d.stim_to < k->n ? d.stim_to : k->n - 1))
        return;
    app_meta_float(m, "weight_e", (double)k->weight_e);
    app_meta_float(m, "weight_i", (double)k->weight_i);
    app_meta_float(m, "current_e", (double)k->current_e);
    app_meta_float(m, "current_i", (double)k->current_i);
    app_meta_add(m, "stim", "%s", k->stim_on ? "on" : "off");
    app_meta_add(m, "stim_neurons", "%d-%d", k->stim_from, k->stim_to);
    app_meta_float(m, "stim_amp", (double)k->stim_amp);
    app_meta_add(m, "stim_width", "%d", k->stim_width);
    app_meta_add(m, "stim_period", "%d", k->stim_period);
}

void app_csv_metadata(AppMeta *m, const Config *cfg)
{
    /* a window session's length is not known when its files start */
    app_metadata(m, cfg, cfg->net.seed, -1, cfg->net.sigma_e, cfg->net.sigma_i, cfg->trace_neuron,
                 cfg->window_ms);
    if (!cfg->replay_path) app_meta_add(m, "excitatory", "%d", app_ne(cfg));   /* a replay's says it */
    if (!cfg->replay_path) app_meta_knobs(m, &cfg->net);
    if (cfg->headless) app_meta_add(m, "duration_ms", "%lld", (long long)cfg->duration_ms);
}

void app_meta_rhythm(AppMeta *m, const RhythmResult *r, long long from_ms, long long to_ms)
{
    static const char *const keys[RHYTHM_NBANDS] = {
        "rhythm_delta", "rhythm_theta", "rhythm_alpha", "rhythm_beta", "rhythm_gamma",
    };
    app_meta_add(m, "rhythm_from_ms", "%lld", from_ms);
    app_meta_add(m, "rhythm_to_ms", "%lld", to_ms);
    for (int b = 0; b < RHYTHM_NBANDS; b++) {
        char text[64];
        if (r->segments == 0) snprintf(text, sizeof text, "too short");
        else app_peak_text(&r->band[b], text, sizeof text);
        app_meta_add(m, keys[b], "%s", text);
    }
}

/* ---- a run prepared ----------------------------------------------------- */

int app_prepare(Config *cfg, int need_font, const char **font)
{
    char err[8192];
    if (!cfg->have_seed) {
        if (!cfg->seed_shared) cfg->net.seed = rng_clock_seed();
        printf("seed %" PRIu64 " (drawn from the clock; pass --seed %" PRIu64 " to repeat this run)\n",
               cfg->net.seed, cfg->net.seed);
        fflush(stdout);
    }
    *font = NULL;
    if (need_font && !(*font = app_font_path())) {
        fprintf(stderr, "izhiscope: cannot find the font DejaVuSans.ttf (looked in $IZHISCOPE_ASSETS, in assets/ "
                        "beside the program and above it, in ../share/izhiscope from it, in ./assets and in %s); "
                        "set IZHISCOPE_ASSETS to the folder that holds it\n", IZHISCOPE_DATADIR);
        return APP_EXIT_FAIL;
    }
    if (app_check_memory(cfg, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s\n", err);
        return APP_EXIT_FAIL;
    }
    return APP_EXIT_OK;
}

int app_menu_out_dir(Config *cfg, char *err, size_t errlen)
{
    static char dir[4096];
    const char *home = getenv("HOME");
    if (!home || !*home) {
        const struct passwd *pw = getpwuid(getuid());
        home = pw ? pw->pw_dir : NULL;
    }
    if (!home || !*home) {
        snprintf(err, errlen, "--menu: no home folder (HOME is not set) to save into; give --out-dir");
        return -1;
    }
    if ((size_t)snprintf(dir, sizeof dir, "%s/izhiscope", home) >= sizeof dir) {
        snprintf(err, errlen, "--menu: the home folder's name is too long; give --out-dir");
        return -1;
    }
    struct stat sb;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        snprintf(err, errlen, "--menu: cannot make %s: %s", dir, strerror(errno));
        return -1;
    }
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        snprintf(err, errlen, "--menu: %s is not a folder; give --out-dir", dir);
        return -1;
    }
    cfg->out_dir = dir;
    return 0;
}

/* ---- files placed, rhythm readouts said --------------------------------- */

void app_print_wrote(const char *path, void *ctx)
{
    (void)ctx;
    char shown[4 * 4096 + 8];
    escape_text(shown, sizeof shown, path);
    printf("wrote %s\n", shown);
    fflush(stdout);   /* said before a signal's message, which ends the process */
}

void app_peak_text(const RhythmPeak *p, char *out, size_t len)
{
    /* the frequency as shown, the one that names the band (rhythm.h) */
    if (p->found) snprintf(out, len, "%.1f Hz, strength %.0f%%", rhythm_shown_hz(p->freq_hz), 100.0 * p->strength);
    else if (p->too_short) snprintf(out, len, "too short (needs %d s)", RHYTHM_LSEG / 1000);
    else snprintf(out, len, "no clear peak");
}

void app_rhythm_text(const RhythmResult *r, char *out, size_t len)
{
    size_t at = 0;
#define ADD(...) do { if (at < len) at += (size_t)snprintf(out + at, len - at, __VA_ARGS__); } while (0)
    if (r->segments == 0) {
        ADD("rhythms: too short to analyse (needs %d ms after the first %d)\n", RHYTHM_SEG, STATS_SKIP_MS);
        return;
    }
    /* the span it describes: the analysed samples after the first STATS_SKIP_MS */
    ADD("rhythms of the population rate (mean %.2f Hz; Welch, %d segments of %d ms; %d of %d ms for delta and theta) "
        "over %.3f ... %.3f s:\n", r->mean_rate_hz, r->segments, RHYTHM_SEG, r->long_segments, RHYTHM_LSEG,
        STATS_SKIP_MS / 1000.0, (STATS_SKIP_MS + (double)r->samples) / 1000.0);
    int over = 0;
    for (int b = 0; b < RHYTHM_NBANDS; b++) {
        char range[32], text[64];
        snprintf(range, sizeof range, "%g-%g Hz", RHYTHM_BANDS[b].lo_hz, RHYTHM_BANDS[b].hi_hz);
        app_peak_text(&r->band[b], text, sizeof text);
        ADD("  %-6s %-12s %s\n", RHYTHM_BANDS[b].name, range, text);
        if (r->band[b].found && r->band[b].strength > 1.0) over = 1;
    }
    /* docs/model.md, Strength: an amplitude, not a share */
    if (over) ADD("  (a strength above 100%%: the rate comes in volleys with silence between, not as a sine wave)\n");
#undef ADD
}

/* ---- signals -------------------------------------------------------------- */

/* The signals that end a process and can be caught (signal(7)). */
static const struct { int sig; const char *name; } FATAL[] = {
    { SIGHUP, "SIGHUP" }, { SIGINT, "SIGINT" }, { SIGQUIT, "SIGQUIT" }, { SIGPIPE, "SIGPIPE" },
    { SIGALRM, "SIGALRM" }, { SIGTERM, "SIGTERM" }, { SIGUSR1, "SIGUSR1" }, { SIGUSR2, "SIGUSR2" },
    { SIGVTALRM, "SIGVTALRM" }, { SIGPROF, "SIGPROF" }, { SIGXCPU, "SIGXCPU" }, { SIGXFSZ, "SIGXFSZ" },
    { SIGIO, "SIGIO" }, { SIGPWR, "SIGPWR" }, { SIGSTKFLT, "SIGSTKFLT" },
};
#define N_FATAL ((int)(sizeof FATAL / sizeof FATAL[0]))
/* The signals of a crash (or sent as one): they end the process with a
 * core, kept: the temporaries are removed and the signal's own action
 * taken. */
static const struct { int sig; const char *name; } CRASH[] = {
    { SIGABRT, "SIGABRT" }, { SIGSEGV, "SIGSEGV" }, { SIGBUS, "SIGBUS" }, { SIGFPE, "SIGFPE" },
    { SIGILL, "SIGILL" }, { SIGTRAP, "SIGTRAP" }, { SIGSYS, "SIGSYS" },
};
#define N_CRASH ((int)(sizeof CRASH / sizeof CRASH[0]))

static volatile sig_atomic_t quiet;        /* processes 1 ... P-1 say nothing */
static int to_sdl[N_FATAL];                /* left to SDL (the window's SIGINT, SIGTERM) */

static void say_raw(const char *s)
{
    size_t n = 0;
    while (s[n]) n++;
    ssize_t w = write(STDERR_FILENO, s, n);
    (void)w;
}

/* "izhiscope: interrupted (SIGINT); no output written", or what was. */
static void say_signal(int sig)
{
    if (quiet) return;
    say_raw(sig == SIGINT ? "izhiscope: interrupted (" : "izhiscope: stopped by a signal (");
    for (int i = 0; i < N_FATAL; i++)
        if (FATAL[i].sig == sig) say_raw(FATAL[i].name);
    for (int i = 0; i < N_CRASH; i++)
        if (CRASH[i].sig == sig) say_raw(CRASH[i].name);
    int n = outfile_placed();
    if (n == 0) {
        say_raw("); no output written\n");
        return;
    }
    char num[16];
    int at = (int)sizeof num - 1;
    num[at] = '\0';
    do num[--at] = (char)('0' + n % 10); while ((n /= 10) > 0 && at > 0);
    say_raw(") after writing ");
    say_raw(num + at);
    say_raw(outfile_placed() == 1 ? " file (said above), whole; nothing else written\n"
                                  : " files (said above), whole; nothing else written\n");
}

/* Removes every temporary, says so, exits 128 + the signal: nothing
 * half-written is left. While files are being placed the signal is held
 * until all are (outfile.h). Only async-signal-safe calls. */
static void on_fatal_signal(int sig)
{
    if (!outfile_end_claim(sig, OUTFILE_END_HOLD)) return;
    outfile_remove_temporaries();
    say_signal(sig);
    _exit(128 + sig);
}

/* The same, then the signal's own action (SA_RESETHAND restored it): the
 * exit status and any core say what happened. A crash in the main thread
 * while it places files cannot wait for it. */
static void on_crash_signal(int sig)
{
    int saved = errno;   /* the handler returns: errno as it was */
    int main_thread = (pid_t)syscall(SYS_gettid) == getpid();
    outfile_end_claim(sig, main_thread ? OUTFILE_END_NOW : OUTFILE_END_WAIT);
    outfile_remove_temporaries();
    say_signal(sig);
    raise(sig);   /* blocked until the handler returns; a fault also recurs */
    errno = saved;
}

static void catch_one(int sig, void (*handler)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigfillset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void fatal_set(sigset_t *set)
{
    sigemptyset(set);
    for (int i = 0; i < N_FATAL; i++) sigaddset(set, FATAL[i].sig);
}

void app_catch_signals(void)
{
    for (int i = 0; i < N_FATAL; i++) {
        /* a signal ignored from the start stays ignored: nohup, or a
         * shell's background job (SIGINT, SIGQUIT) */
        struct sigaction old;
        if (sigaction(FATAL[i].sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN) continue;
        /* SA_RESTART: a held signal's handler returns (outfile.h) */
        catch_one(FATAL[i].sig, on_fatal_signal, SA_RESTART);
    }
    for (int i = 0; i < N_CRASH; i++) {
        /* a sanitizer's own handler (ASan's SIGSEGV, ...) stays: its report
         * is worth more */
        struct sigaction old;
        if (sigaction(CRASH[i].sig, NULL, &old) != 0 || old.sa_handler != SIG_DFL) continue;
        catch_one(CRASH[i].sig, on_crash_signal, SA_RESETHAND);
    }
    /* the hand-over from izhiscope kept them blocked until now */
    sigset_t set;
    fatal_set(&set);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

void app_signals_quiet(void)
{
    quiet = 1;
}

void app_signals_to_window(void)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < N_FATAL; i++) {
        if (FATAL[i].sig != SIGINT && FATAL[i].sig != SIGTERM) continue;
        struct sigaction old;
        if (sigaction(FATAL[i].sig, NULL, &old) != 0 || old.sa_handler != on_fatal_signal) continue;
        /* SDL takes a signal only where it finds the default action; held
         * meanwhile, so that it never is the default's */
        sigaddset(&set, FATAL[i].sig);
        sigprocmask(SIG_BLOCK, &set, NULL);
        signal(FATAL[i].sig, SIG_DFL);
        to_sdl[i] = 1;
    }
}

void app_signals_window_ready(void)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < N_FATAL; i++) {
        if (!to_sdl[i]) continue;
        struct sigaction now;
        /* SDL did not take it (SDL_Init failed): ours again */
        if (sigaction(FATAL[i].sig, NULL, &now) == 0 && now.sa_handler == SIG_DFL)
            catch_one(FATAL[i].sig, on_fatal_signal, SA_RESTART);
        sigaddset(&set, FATAL[i].sig);
        to_sdl[i] = 0;
    }
    sigprocmask(SIG_UNBLOCK, &set, NULL);
}

void app_signals_hold(sigset_t *old)
{
    sigset_t set;
    fatal_set(&set);
    sigprocmask(SIG_BLOCK, &set, old);
}

/* ---- the trace label, the axis ------------------------------------------ */

void app_trace_label(const Config *cfg, int neuron, char *out, size_t len)
{
    /* one numbering everywhere: izhiscope's 0-based ids (docs/model.md),
     * never the paper's 1-based "v1" (issue 17) */
    if (cfg->replay_path && !cfg->replay_trace) snprintf(out, len, "no v(t): a replay without --replay-trace");
    else snprintf(out, len, "v(t) of neuron %d", neuron);
}

int app_ne(const Config *cfg)
{
    return cfg->replay_ne >= 0 && cfg->replay_ne <= cfg->net.n ? cfg->replay_ne : net_count_excitatory(cfg->net.n);
}

_Static_assert(REPLAY_MAX_T_MS == CLI_MAX_DURATION_MS, "a replay's times are --duration's");

/* ---- replay -------------------------------------------------------------- */

/* After the spikes are read: the trace, the axis, the length, said. */
static int app_replay_opened(Config *cfg, Replay *r)
{
    char err[8192];
    FILE *fp;
    int rc;
    if (cfg->replay_trace) {
        fp = fopen(cfg->replay_trace, "r");
        if (!fp) {
            fprintf(stderr, "izhiscope: --replay-trace %s: %s\n", cfg->replay_trace, strerror(errno));
            replay_free(r);
            return APP_EXIT_FAIL;
        }
        rc = replay_read_trace(r, fp, cfg->replay_trace, err, sizeof err);
        fclose(fp);
        if (rc != 0) {
            fprintf(stderr, "izhiscope: %s\n", err);
            replay_free(r);
            return APP_EXIT_FAIL;
        }
        /* both files say their seed: another run's trace is said (a tester
         * paired seed 9's spikes with seed 1's trace, unwarned) */
        if (r->seed[0] && r->trace_seed[0] && strcmp(r->seed, r->trace_seed))
            fprintf(stderr, "izhiscope: warning: %s was recorded with seed %s, %s with seed %s: they are of "
                    "different runs\n", cfg->replay_trace, r->trace_seed, cfg->replay_path, r->seed);
    }
    /* the axis: --neurons, else the file's own word, else its largest neuron */
    if (!cfg->neurons_given) cfg->net.n = r->neurons > 0 ? r->neurons : (r->max_neuron >= 0 ? r->max_neuron + 1 : 1);
    if (r->max_neuron >= cfg->net.n)
        fprintf(stderr, "izhiscope: warning: %s has neurons up to %d; only 0 ... %d are shown (--neurons %d)\n",
                cfg->replay_path, r->max_neuron, cfg->net.n - 1, cfg->net.n);
    if (cfg->replay_trace && r->trace_neuron >= 0) {
        if (!cfg->trace_neuron_given) cfg->trace_neuron = r->trace_neuron;
        else if (cfg->trace_neuron != r->trace_neuron)
            fprintf(stderr, "izhiscope: warning: --replay-trace %s holds neuron %d's v, --trace-neuron says %d\n",
                    cfg->replay_trace, r->trace_neuron, cfg->trace_neuron);
    }
    if (cfg->trace_neuron >= cfg->net.n) {
        fprintf(stderr, "izhiscope: --trace-neuron: %d is not a neuron of %s (0 ... %d)\n", cfg->trace_neuron,
                cfg->replay_path, cfg->net.n - 1);
        replay_free(r);
        return APP_EXIT_USAGE;
    }
    cfg->net.k = cfg->net.n;
    cfg->replay_ne = r->excitatory;
    cfg->replay_format = (int)r->format;        /* as detected */
    cfg->replay_bytes = (double)r->count * sizeof *r->spikes + (double)r->trace_len * sizeof *r->trace;
    cfg->have_seed = 1;
    cfg->net.seed = 0;
    /* the run's length: --duration, else the file's word, else up to its last spike */
    if (!cfg->duration_given)
        cfg->duration_ms = r->duration > 0 ? r->duration : r->t_end > 0 ? r->t_end : 1;
    /* the first line says which format was read, and how it was known (named,
     * by a header, guessed), and the unit of its times (stated or assumed) */
    char how[512];
    replay_describe(r, how, sizeof how);
    if (r->count)
        printf("replay %s (%s): %zu spike%s of %d neuron%s (%d excitatory), the last at %lld ms; %lld ms shown\n",
               cfg->replay_path, how, r->count, r->count == 1 ? "" : "s", cfg->net.n, cfg->net.n == 1 ? "" : "s",
               app_ne(cfg), (long long)r->t_end - 1,
               (long long)cfg->duration_ms);
    else
        fprintf(stderr, "izhiscope: warning: %s holds no spikes (%s)\n", cfg->replay_path, how);
    if (cfg->replay_first_id_given && r->format != REPLAY_NEST)
        fprintf(stderr, "izhiscope: warning: --replay-first-id has no use with %s: it was read as %s, whose"
                        " neurons are numbered from 0 (NEST's node ids only start at --replay-first-id)\n",
                cfg->replay_path, replay_format_name(r->format));
    return APP_EXIT_OK;
}

int app_open_replay(Config *cfg, Replay *r)
{
    char err[8192];
    if (cfg->replay_format == REPLAY_SONATA ||
        (cfg->replay_format == REPLAY_DETECT &&
         (sonata_is_h5_file(cfg->replay_path) || sonata_is_h5_name(cfg->replay_path)))) {
        char what[160];
        double avail = memory_here(what, sizeof what);
        size_t most = avail > 0 ? (size_t)(avail / 2 / sizeof(ReplaySpike)) : 0;
        if (sonata_read(r, cfg->replay_path, (ReplayUnit)cfg->replay_time_unit, most, err, sizeof err) != 0) {
            fprintf(stderr, "izhiscope: %s\n", err);
            return APP_EXIT_FAIL;
        }
        return app_replay_opened(cfg, r);
    }
    FILE *fp = fopen(cfg->replay_path, "r");
    if (!fp) {
        fprintf(stderr, "izhiscope: --replay %s: %s\n", cfg->replay_path, strerror(errno));
        return APP_EXIT_FAIL;
    }
    /* at most what half the memory available holds */
    char what[160];
    double avail = memory_here(what, sizeof what);
    size_t most = avail > 0 ? (size_t)(avail / 2 / sizeof(ReplaySpike)) : 0;
    /* read once, byte by byte: a pipe, a FIFO or <(zcat ...) loses nothing */
    int rc = replay_read(r, fp, cfg->replay_path, (ReplayFormat)cfg->replay_format,
                         (ReplayUnit)cfg->replay_time_unit, cfg->replay_first_id, most, err, sizeof err);
    fclose(fp);
    if (rc != 0) {
        fprintf(stderr, "izhiscope: %s\n", err);
        return APP_EXIT_FAIL;
    }
    return app_replay_opened(cfg, r);
}

/* ---- the hand-over to izhiscope-gfx ------------------------------------- */

int app_exec_graphics(char **argv)
{
    static char path[PATH_MAX + 32];
    char exe[PATH_MAX];
    int err = ENOENT;
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    /* beside this program (the build tree), PREFIX/libexec/izhiscope relative
     * to PREFIX/bin (an installed tree, wherever it was moved), the prefix
     * built for */
    char rel[PATH_MAX + 32] = "";
    const char *where[3] = { NULL, NULL, IZHISCOPE_LIBEXECDIR };
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            where[0] = exe;
            snprintf(rel, sizeof rel, "%s/../libexec/izhiscope", exe);
            where[1] = rel;
        }
    }
    /* The terminating signals stay blocked across the hand-over, while
     * izhiscope-gfx loads its ~95 libraries, until its main() handles them
     * (app_catch_signals): one that comes meanwhile is held, not the
     * default action's (a death without a word). */
    sigset_t old;
    app_signals_hold(&old);
    for (int i = 0; i < 3; i++) {
        if (!where[i]) continue;
        snprintf(path, sizeof path, "%s/izhiscope-gfx", where[i]);
        fflush(NULL);
        execv(path, argv);
        if (errno != ENOENT || err == ENOENT) err = errno;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    fprintf(stderr, "izhiscope: cannot start izhiscope-gfx, which draws the window and figures (looked beside "
                    "this program, in ../libexec/izhiscope from it and in %s): %s\n", IZHISCOPE_LIBEXECDIR,
            strerror(err));
    return APP_EXIT_FAIL;
}

/* ---- processes (exchange.h) --------------------------------------------- */

void app_say_build_failure(const NetParams *p, const RunBuild *b)
{
    char part[96] = "";
    if (xc_size() > 1) {
        int lo, hi;
        xc_block(p->n, b->who, xc_size(), &lo, &hi);
        snprintf(part, sizeof part, " (process %d of %d, neurons %d ... %d)", b->who, xc_size(), lo, hi - 1);
    }
    fprintf(stderr, "izhiscope: cannot build the network (%d neurons, in-degree %d)%s: %s\n", p->n, p->k, part,
            strerror(b->err));
}

int app_follow(Config *cfg)
{
    if (cfg->replay_path) return APP_EXIT_OK;   /* a replay is process 0's alone */
    return run_follow(&cfg->net, cfg->trace_neuron, cfg->headless ? cfg->duration_ms : -1);
}

int app_open_schedule(const Config *cfg, Schedule *s)
{
    char err[8192], warn[4096];
    memset(s, 0, sizeof *s);
    FILE *fp = fopen(cfg->schedule_path, "r");
    if (!fp) {
        snprintf(err, sizeof err, "--schedule %s: %s", cfg->schedule_path, strerror(errno));
        escape_in_place(err, sizeof err);
        fprintf(stderr, "izhiscope: %s\n", err);
        return APP_EXIT_FAIL;
    }
    int rc = schedule_read(s, fp, cfg->schedule_path, cfg, err, sizeof err);
    fclose(fp);
    if (rc != 0) {
        escape_in_place(err, sizeof err);
        fprintf(stderr, "izhiscope: %s; nothing written\n", err);
        return APP_EXIT_FAIL;
    }
    rc = schedule_check_meta(s, cfg, warn, sizeof warn, err, sizeof err);
    if (rc != 0) {
        escape_in_place(err, sizeof err);
        fprintf(stderr, "izhiscope: %s; nothing written\n%s", err, rc < 0 ? "Try 'izhiscope --help'.\n" : "");
        schedule_free(s);
        return rc < 0 ? APP_EXIT_USAGE : APP_EXIT_FAIL;
    }
    /* one warning a line */
    for (char *line = warn; *line; ) {
        char *nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        char one[4096];
        snprintf(one, sizeof one, "%s", line);
        escape_in_place(one, sizeof one);
        fprintf(stderr, "izhiscope: warning: %s\n", one);
        if (!nl) break;
        line = nl + 1;
    }
    return APP_EXIT_OK;
}
