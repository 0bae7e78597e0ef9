/*
 * window.c - the live window: izhiscope without --headless.
 *
 * window_open, then window_frame until the user quits (events -> drain the
 * ring into the Scope -> one Frame value -> draw -> saves -> present, paced
 * to ~60 fps), then window_close. The main thread owns the window,
 * renderer, fonts, the Scope and the files saved with S and F; the
 * simulation thread (sim.c) owns the network and the recordings. They
 * share only SimControls (written here), SimStatus (read here) and the
 * ring (consumed here, decoded by sim_read).
 */
#define _POSIX_C_SOURCE 200809L
#include "window.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "app.h"
#include "cli.h"
#include "figure.h"
#include "keys.h"
#include "outfile.h"
#include "plot.h"
#include "pngio.h"
#include "record.h"
#include "rng.h"
#include "scope.h"
#include "sim.h"
#include "stats.h"

#define WIN_W 1280
#define WIN_H 800
#define WIN_FONT_PX 15
#define FRAME_NS 16666667LL             /* 60 fps when the renderer has no vsync */
#define RING_WORDS (1u << 22)           /* 16 MiB: > 1 s of the fastest Fig. 3 run */
#define DRAIN_MAX_WORDS (1u << 21)      /* per frame, so a frame stays short */
#define RATE_MS 1000                    /* the status line's rates: the last second */
#define FRAME_LOG 8192                  /* frame times kept for the percentiles */
#define MESSAGE_NS 6000000000LL         /* a message stays 6 s */
#define ANALYSIS_NS 250000000LL         /* the spectrum is redrawn 4 times a second */
#define SPECTRUM_S_DEFAULT 8            /* the spectrum's length, s: 2, 4, 8 or 16 */
#define SPECTRUM_S_MAX 16

/* What one frame shows, taken once per frame and handed to the status
 * line, the saves and the panels alike. */
typedef struct Frame {
    int64_t t_end;              /* one past the last step drawn */
    uint64_t seed;              /* the drawn network's (from the ring's restart record) */
    float sigma_e, sigma_i;     /* as set */
    int speed_exp, paused, trace_neuron;
    float factor;               /* achieved simulated ms per wall ms */
    int lagging, failed, recording, rec_failed;
    int runaway;                /* the Euler scheme has run away (net.h) */
    uint64_t dropped;
    double rate_e, rate_i;      /* Hz, over the last RATE_MS drawn */
} Frame;

/* The spectrum of the last seconds and its readouts. */
typedef struct Analysis {
    RhythmResult result;
    double density[RHYTHM_FMAX + RHYTHM_SMOOTH + 1];
    int64_t from, to;           /* the span analysed */
    int seconds;                /* its asked length */
    int64_t done_ns;
} Analysis;

typedef struct Frames {
    float ms[FRAME_LOG];                /* ring of intervals between presents */
    float draw_ms[FRAME_LOG];           /* ring of time spent drawing a frame */
    float present_ms[FRAME_LOG];        /* ring of time SDL_RenderPresent took */
    int64_t count;
    int64_t first_ns;                   /* time of the first present */
} Frames;

struct Window {
    const Config *cfg;
    SDL_Window *win;
    SDL_Renderer *ren;
    Plot *plot;
    Sim *sim;
    SimControls *ctl;
    const SimStatus *st;
    int started;                        /* the simulation thread runs */
    Scope *scope;
    int32_t *spikes;                    /* one step's spikes, n words */
    Frame frame;
    Analysis an;
    unsigned panels;                    /* PLOT_PANEL_* shown */
    int help;
    int rec_told;                       /* a failed recording was reported */
    int save_screen, save_figure;       /* presses of S / F this frame, done after drawing */
    uint64_t seed_asked;                /* the last seed asked for (R repeats it) */
    char trace_label[64];
    char message[8192];
    int message_bad;
    int64_t message_ns;
    Frames frames;
    int64_t start_ns, deadline_ns, last_present_ns;
};

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Shows a message in the window for a while and prints it (stderr when bad). */
static void say(Window *w, int bad, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(Window *w, int bad, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->message, sizeof w->message, fmt, ap);
    va_end(ap);
    w->message_bad = bad;
    w->message_ns = now_ns();
    FILE *to = bad ? stderr : stdout;
    fprintf(to, bad ? "izhiscope: %s\n" : "%s\n", w->message);
    fflush(to);
}

/* ---- update --------------------------------------------------------------- */

/* Everything the simulation thread handed over since the last frame (at
 * most DRAIN_MAX_WORDS, so a frame stays short) into the Scope. */
static void drain(Window *w)
{
    Ring *ring = sim_ring(w->sim);
    size_t budget = DRAIN_MAX_WORDS;
    SimRecord rec;
    while (budget > SIM_REC_HEADER && sim_read(ring, &rec, w->spikes) != SIM_NONE) {
        budget -= SIM_REC_HEADER;
        if (rec.kind == SIM_STEP) {
            scope_step(w->scope, rec.t, w->spikes, rec.count, rec.trace_v);
            budget -= (size_t)rec.count < budget ? (size_t)rec.count : budget;
        } else if (rec.kind == SIM_RESTART) {
            scope_restart(w->scope, rec.seed, 1);
        } else {
            scope_event(w->scope, &rec.event);
        }
    }
}

static void frame_take(Window *w, Frame *f)
{
    f->t_end = scope_end(w->scope);
    f->seed = scope_seed(w->scope);
    f->sigma_e = sim_get_float(&w->ctl->sigma_e_bits);
    f->sigma_i = sim_get_float(&w->ctl->sigma_i_bits);
    f->speed_exp = atomic_load(&w->ctl->speed_exp);
    f->paused = atomic_load(&w->ctl->paused);
    f->trace_neuron = atomic_load(&w->ctl->trace_neuron);
    f->factor = f->paused ? 0.0f : sim_get_float(&w->st->factor_bits);
    f->lagging = atomic_load(&w->st->lagging) && !f->paused;
    f->failed = atomic_load(&w->st->failed);
    f->recording = atomic_load(&w->st->recording);
    f->rec_failed = atomic_load_explicit(&w->st->rec_failed, memory_order_acquire);
    if (f->rec_failed && !w->rec_told) {
        /* said once, in the window and on stderr, when it happens */
        w->rec_told = 1;
        say(w, 1, "recording stopped: %s; the files keep the session up to t = %.3f s", w->st->rec_error,
            (double)w->st->rec_good_t / 1000.0);
    }
    f->dropped = ring_dropped(sim_ring(w->sim));
    f->rate_e = scope_rate(w->scope, 0, f->t_end - RATE_MS, f->t_end);
    f->rate_i = scope_rate(w->scope, 1, f->t_end - RATE_MS, f->t_end);
    const int n = scope_n(w->scope), ne = scope_ne(w->scope);
    f->runaway = f->t_end >= NET_RUNAWAY_MS &&
                 net_runaway(w->cfg->net.scheme, (ne * f->rate_e + (n - ne) * f->rate_i) / n);
}

/* The spectrum of the last an.seconds, redrawn a few times a second (or
 * at once when `now` is set: a save reports the frame's own data). */
static void analysis_update(Window *w, int now)
{
    Analysis *a = &w->an;
    int64_t t = now_ns();
    if (!now && t - a->done_ns < ANALYSIS_NS) return;
    if (a->to == w->frame.t_end && a->done_ns && !now) return;
    scope_spectrum(w->scope, (int64_t)a->seconds * 1000, &a->result, a->density, &a->from);
    a->to = w->frame.t_end;
    a->done_ns = t;
}

/* ---- files ------------------------------------------------------------- */

/* Opens DIR/PREFIX-seedS-tT.png, or with a -1, -2 ... suffix if taken. */
static int open_unique(Window *w, OutFile *f, const char *prefix, char *err, size_t errlen)
{
    char path[4096];
    for (int k = 0; k < 1000; k++) {
        char suffix[16] = "";
        if (k) snprintf(suffix, sizeof suffix, "-%d", k);
        snprintf(path, sizeof path, "%s/%s-seed%" PRIu64 "-t%" PRId64 "%s.png", w->cfg->out_dir, prefix,
                 w->frame.seed, w->frame.t_end, suffix);
        if (outfile_open(f, path, 0, err, errlen) == 0) return 0;
        if (!strstr(err, "file exists")) return -1;
    }
    snprintf(err, errlen, "%.900s: too many files of that name", path);
    return -1;
}

/* The PNG text of a save: the run as the frame shows it, its rhythm
 * readouts, its events; with `live` also the status line's values. */
static void window_meta(Window *w, AppMeta *m, int window_ms, int live)
{
    const Frame *f = &w->frame;
    app_metadata(m, w->cfg, f->seed, (long long)f->t_end, f->sigma_e, f->sigma_i, f->trace_neuron, window_ms);
    if (live) {
        char speed[16];
        event_speed_text(f->speed_exp, speed, sizeof speed);
        app_meta_add(m, "rate_e_hz", "%.3f", f->rate_e);
        app_meta_add(m, "rate_i_hz", "%.3f", f->rate_i);
        app_meta_add(m, "paused", "%d", f->paused);
        if (f->speed_exp >= SIM_SPEED_FASTEST) app_meta_add(m, "speed", "max");
        else app_meta_add(m, "speed", "%g", ldexp(1.0, f->speed_exp));
        app_meta_add(m, "panels", "%s%s%s%s", w->panels & PLOT_PANEL_RATE ? "rate " : "",
                     w->panels & PLOT_PANEL_SPECTROGRAM ? "spectrogram " : "",
                     w->panels & PLOT_PANEL_SPECTRUM ? "spectrum " : "", w->panels & PLOT_PANEL_MARKERS ? "markers" : "");
        app_meta_add(m, "spectrum_s", "%d", w->an.seconds);
        app_meta_add(m, "euler_runaway", "%d", f->runaway);
    }
    analysis_update(w, 1);
    app_meta_rhythm(m, &w->an.result, (long long)w->an.from, (long long)w->an.to);
    char events[APP_META_STORE / 2];
    size_t at = (size_t)snprintf(events, sizeof events, "t_ms,event,value\n");
    for (int k = 0; k < scope_event_count(w->scope) && at < sizeof events; k++) {
        const Event *e = scope_event_at(w->scope, k);
        char v[32];
        event_value(e, v, sizeof v);
        at += (size_t)snprintf(events + at, sizeof events - at, "%" PRId64 ",%s,%s\n", e->t_ms,
                               event_name(e->kind), v);
    }
    app_meta_add(m, "events", "%s", events);
}

static void save_screen(Window *w, int presses)
{
    int width, height;
    char err[8192];
    if (SDL_GetRendererOutputSize(w->ren, &width, &height) != 0) {
        say(w, 1, "cannot save the window: %s", SDL_GetError());
        return;
    }
    uint8_t *px = malloc((size_t)width * height * 4);
    if (!px) {
        say(w, 1, "cannot save the window: out of memory");
        return;
    }
    if (SDL_RenderReadPixels(w->ren, NULL, SDL_PIXELFORMAT_ABGR8888, px, width * 4) != 0) {
        say(w, 1, "cannot save the window: %s", SDL_GetError());
        free(px);
        return;
    }
    /* ABGR8888 is R, G, B, A in memory on little-endian machines */
    if (SDL_BYTEORDER == SDL_BIG_ENDIAN)
        for (size_t i = 0; i < (size_t)width * height; i++) {
            uint8_t *p = px + 4 * i, t0 = p[0], t1 = p[1];
            p[0] = p[3]; p[1] = p[2]; p[2] = t1; p[3] = t0;
        }
    for (size_t i = 0; i < (size_t)width * height; i++) px[4 * i + 3] = 255;
    OutFile f;
    if (open_unique(w, &f, "izhiscope-screen", err, sizeof err) != 0) {
        say(w, 1, "cannot save the window: %s", err);
        free(px);
        return;
    }
    static AppMeta meta;
    window_meta(w, &meta, w->cfg->window_ms, 1);
    char path[4096];
    snprintf(path, sizeof path, "%s", f.path);
    if (pngio_write(f.fp, px, width, height, width * 4, meta.keys, meta.values, meta.n, err, sizeof err) != 0) {
        outfile_abort(&f);
        say(w, 1, "cannot save the window: %s: %s", path, err);
    } else if (outfile_commit(&f, err, sizeof err) != 0) {
        say(w, 1, "cannot save the window: %s", err);
    } else {
        say(w, 0, presses > 1 ? "saved %s (%d presses of S in one frame: one save)" : "saved %s", path, presses);
    }
    free(px);
}

/* F: the figure (--figure: Fig. 3, or with the rhythm panels) of the
 * span the window shows. */
static void save_figure(Window *w, int presses)
{
    char err[8192];
    const int span = w->cfg->window_ms;
    OutFile f;
    if (open_unique(w, &f, "izhiscope-fig3", err, sizeof err) != 0) {
        say(w, 1, "cannot export the figure: %s", err);
        return;
    }
    static AppMeta meta;
    window_meta(w, &meta, span, 0);
    char title[64];
    snprintf(title, sizeof title, "%" PRId64 " ... %" PRId64 " ms", w->an.from, w->an.to);
    const PlotSpectrum spectrum = { w->an.density, &w->an.result, title };
    PlotView view = {
        .t_end = w->frame.t_end < span ? span : w->frame.t_end,
        .window_ms = span,
        .n = scope_n(w->scope),
        .n_exc = scope_ne(w->scope),
        .trace_neuron = w->frame.trace_neuron,
        .trace_label = w->trace_label,
    };
    if (w->cfg->figure_rhythm) {
        app_meta_add(&meta, "figure", "rhythm");
        view.panels = PLOT_PANELS_ALL;
        view.scope = w->scope;
        view.spectrum = &spectrum;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s", f.path);
    if (figure_export(f.fp, scope_hist(w->scope), &view, FIGURE_DEFAULT_W, FIGURE_DEFAULT_H, app_font_path(),
                      meta.keys, meta.values, meta.n, err, sizeof err) != 0) {
        outfile_abort(&f);
        say(w, 1, "cannot export the figure: %s: %s", path, err);
    } else if (outfile_commit(&f, err, sizeof err) != 0) {
        say(w, 1, "cannot export the figure: %s", err);
    } else {
        say(w, 0, presses > 1 ? "saved %s (%d presses of F in one frame: one export)" : "saved %s", path, presses);
    }
}

/* ---- input --------------------------------------------------------------- */

static void nudge_noise(Window *w, int inhibitory, float delta)
{
    float se = sim_get_float(&w->ctl->sigma_e_bits), si = sim_get_float(&w->ctl->sigma_i_bits);
    float *x = inhibitory ? &si : &se;
    *x += delta;
    if (*x < 0.0f) *x = 0.0f;
    if (*x > (float)CLI_MAX_NOISE) *x = (float)CLI_MAX_NOISE;   /* one range with --noise-e, --noise-i */
    sim_set_noise(w->ctl, se, si);
}

static void set_speed(Window *w, int exp)
{
    if (exp < SIM_SPEED_MIN_EXP) exp = SIM_SPEED_MIN_EXP;
    if (exp > SIM_SPEED_FASTEST) exp = SIM_SPEED_FASTEST;
    atomic_store(&w->ctl->speed_exp, exp);
}

static void set_trace(Window *w, int neuron)
{
    atomic_store(&w->ctl->trace_neuron, neuron);
    app_trace_label(w->cfg, neuron, w->trace_label, sizeof w->trace_label);
}

/* A restart reproduces the run it restarts: the seed, and the noise of the
 * command line (the live noise goes back to it, as with 0). */
static void restart(Window *w, int new_seed)
{
    if (new_seed) w->seed_asked = rng_clock_seed();
    sim_set_noise(w->ctl, w->cfg->net.sigma_e, w->cfg->net.sigma_i);
    atomic_store(&w->ctl->restart_seed, w->seed_asked);
    atomic_fetch_add(&w->ctl->restart_requests, 1);
    say(w, 0, "restarted with %sseed %" PRIu64 " and the starting noise (\xcf\x83" "E %g, \xcf\x83" "I %g)",
        new_seed ? "a new " : "", w->seed_asked, (double)w->cfg->net.sigma_e, (double)w->cfg->net.sigma_i);
}

/* Does what the key table says; returns 0 to quit. */
static int on_key(Window *w, const SDL_KeyboardEvent *k)
{
    const KeyCommand *c = keys_find(k->keysym.sym, (k->keysym.mod & KMOD_SHIFT) != 0);
    if (!c) return 1;
    switch (c->action) {
    case KEY_QUIT: return 0;
    case KEY_PAUSE: atomic_store(&w->ctl->paused, !atomic_load(&w->ctl->paused)); break;
    case KEY_STEP:
        if (atomic_load(&w->ctl->paused)) atomic_fetch_add(&w->ctl->step_requests, 1);
        break;
    case KEY_NOISE_E: nudge_noise(w, 0, (float)c->arg * KEYS_NOISE_STEP); break;
    case KEY_NOISE_I: nudge_noise(w, 1, (float)c->arg * KEYS_NOISE_STEP); break;
    case KEY_NOISE_RESET: sim_set_noise(w->ctl, w->cfg->net.sigma_e, w->cfg->net.sigma_i); break;
    case KEY_SPEED: {
        int e = atomic_load(&w->ctl->speed_exp);
        if (c->arg < 0 && e >= SIM_SPEED_FASTEST) e = SIM_SPEED_MAX_EXP + 1;
        set_speed(w, e + c->arg);
        break;
    }
    case KEY_SPEED_ONE: set_speed(w, 0); break;
    case KEY_RESTART: restart(w, c->arg); break;
    case KEY_SAVE_SCREEN: w->save_screen++; break;
    case KEY_SAVE_FIGURE: w->save_figure++; break;
    case KEY_PANEL: w->panels ^= (unsigned)c->arg; break;
    case KEY_SPECTRUM_LENGTH:
        w->an.seconds = w->an.seconds >= SPECTRUM_S_MAX ? 2 : 2 * w->an.seconds;
        w->an.done_ns = 0;
        break;
    case KEY_HELP: w->help = !w->help; break;
    case KEY_NONE: break;
    }
    return 1;
}

/* Handles the events waiting; returns 0 when the user quit. */
static int handle_events(Window *w)
{
    SDL_Event ev;
    int running = 1;
    while (SDL_PollEvent(&ev)) {
        if (ev.type == SDL_QUIT) running = 0;
        else if (ev.type == SDL_KEYDOWN) running = on_key(w, &ev.key) && running;
        else if (ev.type == SDL_MOUSEBUTTONDOWN && ev.button.button == SDL_BUTTON_LEFT) {
            int neuron = plot_neuron_at(w->plot, ev.button.x, ev.button.y);
            if (neuron >= 0) set_trace(w, neuron);
        }
    }
    return running;
}

/* ---- drawing ------------------------------------------------------------- */

static double fps(const Frames *f)
{
    int n = f->count < 60 ? (int)f->count : 60;
    double sum = 0;
    for (int i = 1; i <= n; i++) sum += f->ms[(f->count - i) % FRAME_LOG];
    return n && sum > 0 ? 1000.0 * n / sum : 0.0;
}

static void draw_status(Window *w, SDL_Rect area, const PlotStyle *style)
{
    const Frame *f = &w->frame;
    char asked[32], line[512];
    event_speed_text(f->speed_exp, asked, sizeof asked);
    int n = snprintf(line, sizeof line,
                     "t %.3f s   %.2f\xc3\x97 real time (asked %s)   %.0f fps   \xcf\x83" "E %.1f  \xcf\x83" "I %.1f   %s   "
                     "seed %" PRIu64 "   E %.1f Hz  I %.1f Hz",
                     (double)f->t_end / 1000.0, (double)f->factor, asked, fps(&w->frames), (double)f->sigma_e,
                     (double)f->sigma_i, w->cfg->net.scheme == NET_SCHEME_EULER ? "euler" : "paper", f->seed,
                     f->rate_e, f->rate_i);
    if (f->paused) n += snprintf(line + n, sizeof line - n, "   PAUSED");
    if (f->lagging) n += snprintf(line + n, sizeof line - n, "   CANNOT KEEP UP");
    if (f->runaway) n += snprintf(line + n, sizeof line - n, "   EULER RUNAWAY (dt = 1 ms artefact)");
    if (f->dropped) n += snprintf(line + n, sizeof line - n, "   dropped %" PRIu64, f->dropped);
    if (f->failed) n += snprintf(line + n, sizeof line - n, "   RESTART FAILED (out of memory)");
    if (f->recording) snprintf(line + n, sizeof line - n, "   REC");
    else if (f->rec_failed) snprintf(line + n, sizeof line - n, "   REC STOPPED");
    int lh = plot_line_height(w->plot);
    plot_text(w->plot, area.x + 8, area.y + 4, line, style->fg);
    if (w->message[0] && now_ns() - w->message_ns < MESSAGE_NS) {
        SDL_Color bad = { 255, 90, 70, 255 };
        plot_text(w->plot, area.x + 8, area.y + 4 + lh, w->message, w->message_bad ? bad : style->fg);
    } else {
        plot_text(w->plot, area.x + 8, area.y + 4 + lh, "H: help", style->fg);
    }
}

/* The help overlay: the key table, walked. */
static void draw_help(Window *w, SDL_Rect area, const PlotStyle *style)
{
    int lh = plot_line_height(w->plot);
    int kw = 0, dw = 0;
    for (int i = 0; i < KEYS_COUNT; i++) {
        int a = plot_text_width(w->plot, KEYS[i].keys), b = plot_text_width(w->plot, KEYS[i].help);
        if (a > kw) kw = a;
        if (b > dw) dw = b;
    }
    SDL_Rect box = { 0, 0, kw + dw + 60, (KEYS_COUNT + 2) * lh + 20 };
    box.x = area.x + (area.w - box.w) / 2;
    box.y = area.y + (area.h - box.h) / 2;
    SDL_SetRenderDrawBlendMode(w->ren, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(w->ren, style->bg.r, style->bg.g, style->bg.b, 235);
    SDL_RenderFillRect(w->ren, &box);
    SDL_SetRenderDrawColor(w->ren, style->fg.r, style->fg.g, style->fg.b, 255);
    SDL_RenderDrawRect(w->ren, &box);
    int y = box.y + 10;
    plot_text(w->plot, box.x + 20, y, "Keys", style->fg);
    y += lh * 3 / 2;
    for (int i = 0; i < KEYS_COUNT; i++, y += lh) {
        plot_text(w->plot, box.x + 20, y, KEYS[i].keys, style->fg);
        plot_text(w->plot, box.x + 40 + kw, y, KEYS[i].help, style->fg);
    }
}

static int draw(Window *w)
{
    const PlotStyle *style = w->cfg->theme_paper ? &PLOT_STYLE_PAPER : &PLOT_STYLE_DARK;
    int width, height;
    if (SDL_GetRendererOutputSize(w->ren, &width, &height) != 0) return -1;
    if (SDL_SetRenderDrawColor(w->ren, style->bg.r, style->bg.g, style->bg.b, 255) != 0 ||
        SDL_RenderClear(w->ren) != 0)
        return -1;
    int status_h = 2 * plot_line_height(w->plot) + 8;
    SDL_Rect status = { 0, 0, width, status_h };
    SDL_Rect area = { 0, status_h, width, height - status_h };
    const int span = w->cfg->window_ms;
    char title[64];
    const Analysis *an = &w->an;
    if (an->to - an->from >= (int64_t)an->seconds * 1000)
        snprintf(title, sizeof title, "the last %d s (L)", an->seconds);
    else
        snprintf(title, sizeof title, "%.1f s so far (L: %d s)", (double)(an->to - an->from) / 1000, an->seconds);
    const PlotSpectrum spectrum = { an->density, &an->result, title };
    PlotView view = {
        .t_end = w->frame.t_end < span ? span : w->frame.t_end,
        .window_ms = span,
        .n = scope_n(w->scope),
        .n_exc = scope_ne(w->scope),
        .trace_neuron = w->frame.trace_neuron,
        .trace_label = w->trace_label,
        .panels = w->panels,
        .scope = w->scope,
        .spectrum = &spectrum,
    };
    /* In a window too small for every panel, the optional ones go first
     * (spectrum, spectrogram, rate strip); smaller than Fig. 3 needs, it
     * says so instead of drawing. */
    static const unsigned drop[] = { PLOT_PANEL_SPECTRUM, PLOT_PANEL_SPECTROGRAM, PLOT_PANEL_RATE,
                                     PLOT_PANEL_MARKERS };
    for (size_t k = 0; k < sizeof drop / sizeof drop[0] && !plot_fits(w->plot, area, &view); k++)
        view.panels &= ~drop[k];
    if (plot_fits(w->plot, area, &view)) {
        if (plot_draw(w->plot, area, scope_hist(w->scope), &view, style) != 0) return -1;
    } else {
        const char *msg = "window too small to draw the figure";
        plot_text(w->plot, 8, status_h + 8, msg, style->fg);
    }
    draw_status(w, status, style);
    if (w->help) draw_help(w, area, style);
    return 0;
}

/* x with thousands separators: 100000000 -> "100,000,000". */
static void grouped(uint64_t x, char *out, size_t len)
{
    char digits[24];
    int nd = snprintf(digits, sizeof digits, "%" PRIu64, x), o = 0;
    for (int i = 0; i < nd && (size_t)o + 2 < len; i++) {
        if (i > 0 && (nd - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = 0;
}

/* Building a large network takes seconds (~7 s at N = 100,000, K = 1000)
 * before the first frame: say so in the window meanwhile. */
static void show_building(Window *w)
{
    const PlotStyle *style = w->cfg->theme_paper ? &PLOT_STYLE_PAPER : &PLOT_STYLE_DARK;
    int width, height;
    char line[160], neurons[32], synapses[32];
    if (SDL_GetRendererOutputSize(w->ren, &width, &height) != 0) return;
    grouped((uint64_t)w->cfg->net.n, neurons, sizeof neurons);
    grouped((uint64_t)w->cfg->net.n * (uint64_t)w->cfg->net.k, synapses, sizeof synapses);
    snprintf(line, sizeof line, "Building the network: %s neurons, %s synapses ...", neurons, synapses);
    SDL_SetRenderDrawColor(w->ren, style->bg.r, style->bg.g, style->bg.b, 255);
    SDL_RenderClear(w->ren);
    plot_text(w->plot, (width - plot_text_width(w->plot, line)) / 2, height / 2, line, style->fg);
    SDL_RenderPresent(w->ren);
    SDL_PumpEvents();
}

/* ---- measuring ----------------------------------------------------------- */

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static void frame_done(Frames *f, int64_t t_start, int64_t t_drawn, int64_t t_prev, int64_t t_now)
{
    if (f->count == 0) f->first_ns = t_now;
    else f->ms[(f->count - 1) % FRAME_LOG] = (float)((double)(t_now - t_prev) / 1e6);
    f->draw_ms[f->count % FRAME_LOG] = (float)((double)(t_drawn - t_start) / 1e6);
    f->present_ms[f->count % FRAME_LOG] = (float)((double)(t_now - t_drawn) / 1e6);
    f->count++;
}

/* The p-th percentile (0..1) of n values, sorted in scratch. */
static double percentile(const float *v, int n, double p, float *scratch)
{
    if (n <= 0) return 0.0;
    memcpy(scratch, v, (size_t)n * sizeof *scratch);
    qsort(scratch, (size_t)n, sizeof *scratch, cmp_float);
    int i = (int)(p * n);
    return scratch[i < n ? i : n - 1];
}

static void report(Window *w, int64_t end_ns)
{
    Frames *f = &w->frames;
    int64_t n = f->count > 1 ? f->count - 1 : 0;
    int kept = n < FRAME_LOG ? (int)n : FRAME_LOG;
    int worked = f->count < FRAME_LOG ? (int)f->count : FRAME_LOG;
    static float sorted[FRAME_LOG];
    double wall = (double)(end_ns - w->start_ns) / 1e9;
    double span = f->count > 1 ? (double)(end_ns - f->first_ns) / 1e9 : 0.0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
                 ru.ru_stime.tv_usec / 1e6;
    printf("window: %" PRId64 " frames in %.1f s (%.1f fps); frame time p50 / p99: drawing %.2f / %.2f ms, "
           "presenting %.2f / %.2f ms, between frames %.2f / %.2f ms; first frame %.0f ms after start\n",
           f->count, span, span > 0 ? (double)n / span : 0.0, percentile(f->draw_ms, worked, 0.5, sorted),
           percentile(f->draw_ms, worked, 0.99, sorted), percentile(f->present_ms, worked, 0.5, sorted),
           percentile(f->present_ms, worked, 0.99, sorted), percentile(f->ms, kept, 0.5, sorted),
           percentile(f->ms, kept, 0.99, sorted), f->count ? (double)(f->first_ns - w->start_ns) / 1e6 : 0.0);
    printf("simulation: %.3f s simulated in %.1f s, dropped %" PRIu64 " events; cpu %.1f s (%.0f%% of one core)\n",
           (double)atomic_load(&w->st->steps_total) / 1000.0, wall, ring_dropped(sim_ring(w->sim)), cpu,
           wall > 0 ? 100.0 * cpu / wall : 0.0);
    if (w->an.result.segments > 0) {
        printf("rhythm of the last %.3f s shown (%" PRId64 " ... %" PRId64 " ms):", (double)(w->an.to - w->an.from) / 1000,
               w->an.from, w->an.to);
        for (int b = 0; b < RHYTHM_NBANDS; b++) {
            char text[64];
            app_peak_text(&w->an.result.band[b], text, sizeof text);
            printf("%s %s %s", b ? ";" : "", RHYTHM_BANDS[b].name, text);
        }
        printf("\n");
    }
}

/* ---- the program --------------------------------------------------------- */

/* Frees what window_open made; the recordings are dropped unless
 * committed before. */
static void teardown(Window *w)
{
    sim_destroy(w->sim);
    free(w->spikes);
    scope_destroy(w->scope);
    plot_destroy(w->plot);
    if (w->ren) SDL_DestroyRenderer(w->ren);
    if (w->win) SDL_DestroyWindow(w->win);
    if (TTF_WasInit()) TTF_Quit();
    SDL_Quit();
    free(w);
}

/* SDL up with a real display; 0, or -1 after saying why not. */
static int open_display(void)
{
    /* No display: say so in one line. Without DISPLAY or WAYLAND_DISPLAY,
     * SDL would fall back to its invisible "offscreen" driver (and the
     * Wayland client library would print its own complaint first), so ask
     * SDL only when there is a display to find or a driver was named. */
    const char *named = getenv("SDL_VIDEODRIVER");
    int named_driver = named && *named;
    if (!named_driver && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) {
        fprintf(stderr, "izhiscope: cannot open a window: no display (DISPLAY and WAYLAND_DISPLAY are "
                        "not set); use --headless to run without one\n");
        return -1;
    }
    /* With only an X display named, go straight to X11: SDL would try
     * Wayland first and the Wayland library prints its own complaint. */
    if (!named_driver && !getenv("WAYLAND_DISPLAY")) setenv("SDL_VIDEODRIVER", "x11", 0);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "izhiscope: cannot open a window (%s); no display? Use --headless to run "
                        "without one\n", SDL_GetError());
        return -1;
    }
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!named_driver && driver && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy"))) {
        fprintf(stderr, "izhiscope: cannot open a window: no display found (SDL fell back to its "
                        "'%s' driver); use --headless to run without one\n", driver);
        SDL_Quit();
        return -1;
    }
    return 0;
}

Window *window_open(Config *cfg, int64_t start_ns, int *code)
{
    char err[8192];
    *code = APP_EXIT_FAIL;
    struct stat sb;
    if (stat(cfg->out_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        int e = errno;
        fprintf(stderr, "izhiscope: --out-dir %s: %s\n", cfg->out_dir,
                stat(cfg->out_dir, &sb) != 0 ? (e == ENOENT ? "no such folder (izhiscope does not create it)"
                                                            : strerror(e))
                                             : "not a folder");
        return NULL;
    }
    const char *font;
    int prepared = app_prepare(cfg, 1, &font);
    if (prepared != APP_EXIT_OK) { *code = prepared; return NULL; }
    if (open_display() != 0) return NULL;
    Window *w = calloc(1, sizeof *w);
    if (!w) { fprintf(stderr, "izhiscope: out of memory\n"); SDL_Quit(); return NULL; }
    w->cfg = cfg;
    w->start_ns = start_ns;
    w->panels = PLOT_PANELS_ALL;
    w->an.seconds = SPECTRUM_S_DEFAULT;
    w->seed_asked = cfg->net.seed;
    if (TTF_Init() != 0) {
        fprintf(stderr, "izhiscope: cannot start SDL_ttf: %s\n", TTF_GetError());
        goto fail;
    }
    w->win = SDL_CreateWindow("izhiscope \xe2\x80\x94 Izhikevich (2003) network", SDL_WINDOWPOS_CENTERED,
                              SDL_WINDOWPOS_CENTERED, WIN_W, WIN_H, SDL_WINDOW_RESIZABLE);
    if (!w->win) {
        fprintf(stderr, "izhiscope: cannot open a window (%s); no display? Use --headless to run "
                        "without one\n", SDL_GetError());
        goto fail;
    }
    SDL_SetWindowMinimumSize(w->win, 200, 150);
    w->ren = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!w->ren) w->ren = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_SOFTWARE);
    if (!w->ren) {
        fprintf(stderr, "izhiscope: cannot draw in the window: %s\n", SDL_GetError());
        goto fail;
    }
    w->plot = plot_create(w->ren, font, WIN_FONT_PX, err, sizeof err);
    if (!w->plot) {
        fprintf(stderr, "izhiscope: %s\n", err);
        goto fail;
    }
    const int n = cfg->net.n, ne = net_count_excitatory(n);
    w->scope = scope_create(n, ne, cfg->window_ms > 1000 ? cfg->window_ms : 1000);
    w->spikes = malloc((size_t)n * sizeof *w->spikes);
    if (!w->scope || !w->spikes) {
        fprintf(stderr, "izhiscope: out of memory for the history\n");
        goto fail;
    }
    scope_restart(w->scope, cfg->net.seed, 0);
    Recorder rec;
    RecorderSpec spec = { .spikes = cfg->spikes_csv, .trace = cfg->trace_csv, .rate = cfg->rate_csv,
                          .events = cfg->events_csv, .n = n, .ne = ne, .trace_neuron_column = 1,
                          .force = cfg->force };
    if (recorder_open(&rec, &spec, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s\n", err);
        goto fail;
    }
    if ((double)cfg->net.n * cfg->net.k >= 1e7) show_building(w);
    w->sim = sim_create(&cfg->net, cfg->trace_neuron, &rec, RING_WORDS);
    if (!w->sim) {
        fprintf(stderr, "izhiscope: cannot build the network (%d neurons, in-degree %d): %s\n", cfg->net.n,
                cfg->net.k, strerror(errno));
        recorder_abort(&rec);
        goto fail;
    }
    w->ctl = sim_controls(w->sim);
    w->st = sim_status(w->sim);
    atomic_store(&w->ctl->speed_exp, cfg->speed_exp);
    set_trace(w, cfg->trace_neuron);
    int rc = sim_start(w->sim);
    if (rc != 0) {
        /* the recordings would hold nothing of a run: dropped with the Sim */
        fprintf(stderr, "izhiscope: cannot start the simulation thread: %s\n", strerror(rc));
        goto fail;
    }
    w->started = 1;
    w->deadline_ns = now_ns();
    *code = APP_EXIT_OK;
    return w;
fail:
    teardown(w);
    return NULL;
}

int window_frame(Window *w)
{
    int64_t frame_start = now_ns();
    if (!handle_events(w)) return 0;
    drain(w);
    frame_take(w, &w->frame);
    analysis_update(w, 0);
    if (draw(w) != 0) {
        fprintf(stderr, "izhiscope: drawing failed: %s\n", SDL_GetError());
        return -1;
    }
    /* presses within one frame would save the same picture: one save, said */
    if (w->save_screen) { save_screen(w, w->save_screen); w->save_screen = 0; }
    if (w->save_figure) { save_figure(w, w->save_figure); w->save_figure = 0; }
    int64_t drawn = now_ns();
    SDL_RenderPresent(w->ren);
    int64_t t = now_ns();
    frame_done(&w->frames, frame_start, drawn, w->last_present_ns, t);
    w->last_present_ns = t;
    /* Pace to 60 fps: with working vsync, present has already waited
     * until about the deadline; without it (or with a driver that claims
     * vsync and does not wait), sleep the rest of the frame. */
    w->deadline_ns += FRAME_NS;
    if (w->deadline_ns < t - FRAME_NS) w->deadline_ns = t;
    if (w->deadline_ns > t) {
        struct timespec ts = { (time_t)(w->deadline_ns / 1000000000LL), (long)(w->deadline_ns % 1000000000LL) };
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
    }
    return 1;
}

int window_close(Window *w, int status)
{
    char err[8192];
    int code = status < 0 ? APP_EXIT_FAIL : APP_EXIT_OK;
    int64_t end = now_ns();
    sim_stop(w->sim);
    report(w, end);
    /* What was recorded until a failure is a whole recording of that time:
     * keep it, and say so. */
    int recorded = recorder_active(sim_recorder(w->sim));
    if (recorder_commit(sim_recorder(w->sim), app_print_wrote, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s\n", err);
        code = APP_EXIT_FAIL;
    } else if (atomic_load_explicit(&w->st->rec_failed, memory_order_acquire)) {
        fprintf(stderr, "izhiscope: the recordings stopped at t = %.3f s (%s): the files above hold the session "
                        "up to then\n", (double)w->st->rec_good_t / 1000.0, w->st->rec_error);
    } else if (status < 0 && recorded) {
        fprintf(stderr, "izhiscope: the recordings written hold the session until the failure\n");
    }
    teardown(w);
    return code;
}

int app_run_window(Config *cfg, int64_t start_ns)
{
    int code;
    Window *w = window_open(cfg, start_ns, &code);
    if (!w) return code;
    int status;
    while ((status = window_frame(w)) > 0) {}
    return window_close(w, status);
}
