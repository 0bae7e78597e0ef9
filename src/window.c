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
#include "bar.h"
#include "exchange.h"
#include "cli.h"
#include "escape.h"
#include "clock.h"
#include "figure.h"
#include "frame.h"
#include "framestats.h"
#include "help.h"
#include "keys.h"
#include "keys_sdl.h"
#include "map.h"
#include "mappanel.h"
#include "neuroncard.h"
#include "anapanel.h"
#include "resim.h"
#include "outfile.h"
#include "plot.h"
#include "pngio.h"
#include "record.h"
#include "replay.h"
#include "savename.h"
#include "rng.h"
#include "scope.h"
#include "schedule.h"
#include "sim.h"
#include "status.h"
#include "stats.h"
#include "testhook.h"
#include "ui.h"
#include "uiscale.h"
#include "video.h"
#include "view.h"

#define WIN_W UISCALE_W                  /* the starting size, and the size of scale 1 */
#define WIN_H UISCALE_H
#define WIN_MIN_W 480                   /* the program keeps the window at least this big */
#define WIN_MIN_H 320
#define WIN_FONT_PX UISCALE_FONT_PX     /* the text at scale 1 */
#define FRAME_NS 16666667LL             /* 60 fps when the renderer has no vsync */
#define RING_WORDS (1u << 22)           /* 16 MiB: > 1 s of the fastest Fig. 3 run */
#define DRAIN_MAX_WORDS (1u << 21)      /* per frame, so a frame stays short */
#define RATE_MS 1000                    /* the status line's rates: the last second */
#define MESSAGE_NS 6000000000LL         /* a message stays 6 s */
#define ANALYSIS_NS 250000000LL         /* the spectrum is redrawn 4 times a second */
#define SPECTRUM_S_DEFAULT 8            /* the spectrum's length, s: 2, 4, 8 or 16 */
#define SPECTRUM_S_MAX 16
#define DRAG_PX 4                       /* a press that moves less is a click */
#define MAP_PANEL_BIT 0x100             /* the map in draw()'s order of panels dropped */
#define ANA_PANEL_BIT 0x200             /* the analysis panel, likewise */
#define MAP_TRAIL 256                   /* the map's trail: the newest noise changes drawn */
#define CARD_DELAY_MS UI_TIP_DELAY_MS   /* a neuron's card after resting on it: the tooltips' delay */
#define CARD_NS 250000000LL             /* and its numbers again 4 times a second */


/* The spectrum of the last seconds and its readouts. */
typedef struct Analysis {
    RhythmResult result;
    double density[RHYTHM_FMAX + RHYTHM_SMOOTH + 1];
    int64_t from, to;           /* the span analysed */
    int seconds;                /* its asked length */
    int64_t done_ns;
} Analysis;

struct Window {
    const Config *cfg;
    SDL_Window *win;
    SDL_Renderer *ren;
    Plot *plot;
    const char *font;                   /* its file */
    int font_px, dot;                   /* the scale it was made for (see rescale) */
    double px_x, px_y;                  /* drawable pixels per window point (high DPI) */
    int asked_w, asked_h;               /* the last size too small that we resized away from */
    int capped;                         /* drawing in the renderer's largest size, said (cap_size) */
    int help_page, help_pages;          /* the help's page shown (0 ...) of how many */
    Sim *sim;
    Schedule sched;                     /* --schedule, until the Sim takes it over */
    Replay replay;                      /* --replay: the file shown instead of a network */
    int replaying;
    SimControls *ctl;
    const SimStatus *st;
    int started;                        /* the simulation thread runs */
    Scope *scope;
    RunRunaway runaway;                 /* the Euler runaway watch, fed as the Scope (run.h) */
    int32_t *spikes;                    /* one step's spikes, n words */
    Frame frame;
    Analysis an;
    unsigned panels;                    /* PLOT_PANEL_* shown */
    View view;                          /* the span shown (view.h) */
    int dragging, drag_x0, drag_moved;  /* a left-button drag pans the view */
    ViewRows rows;                      /* the neuron axis's zoom (view.h) */
    int rows_drag, rows_drag_y0;        /* a drag of the neuron numbers pans it */
    ViewRows rows_drag_from;            /* the rows when that drag began */
    int card_neuron;                    /* the neuron hovered (-1: none), since card_since (SDL ticks) */
    Uint32 card_since;
    int64_t card_ns;                    /* when its card was computed (0: not yet) */
    NeuronCard card;
    char card_text[512];                /* the card as drawn ("" none) */
    char hover_tip[1024];               /* the raster's tooltip as drawn, card included (the test hook) */
    int stim_pick;                      /* 1 + the row a Shift+drag over the raster began on; 0: none */
    unsigned shift;                     /* Shift held as of the event being handled (1 left, 2 right), as ctrl */
    unsigned ctrl;                  /* Ctrl held as of the event being handled (1 left, 2 right):
                                       SDL's own state is the newest, not the queued event's */
    int64_t drag_t0;                    /* the view's right edge when the drag began */
    int help;                           /* the help overlay is shown */
    Map *map;                           /* the map panel's (A; --map): made when first shown */
    int map_shown;
    MapPanelDrawn map_drawn;            /* where its grid and colour bar were drawn (w = 0: not) */
    char map_source[160];               /* computed (the seed) or --map's file */
    char map_hover[256];                /* the cell under the pointer, as the tip says it ("" none) */
    double trail[2 * (MAP_TRAIL + 1)];  /* (sigma_e, sigma_i) of the session, oldest first */
    AnaPanel *ana;                      /* the analysis panel's (D): made when first shown */
    int ana_shown;
    int64_t ana_ns;                     /* when it was last computed (0: at the next frame) */
    SDL_Rect ana_at;                    /* where it was drawn (w = 0: not) */
    Resim *resim;                       /* its chi and locking, re-simulated (NULL: replay, MPI) */
    struct AnalysisResult *sync;        /* the last re-simulated result (NULL: none yet) */
    int sync_state;                     /* ResimState of the span asked */
    int64_t sync_from, sync_to;         /* the span asked */
    int64_t sync_ns;                    /* when it was last asked (a moving span: at most 2 a second) */
    char sync_note[160];
    Ui ui;                              /* the mouse's controls */
    int bar_shown;                      /* the control bar (B) */
    SDL_Rect bar_rect;                  /* where it was drawn (w = 0: not) */
    char bar_text[1024];                /* its buttons' labels as last drawn, '|' between (S's metadata) */
    int rec_told;                       /* a failed recording was reported */
    int save_screen, save_figure;       /* presses of S / F this frame, done after drawing */
    uint64_t seed_asked;                /* the last seed asked for (R repeats it) */
    char trace_label[64];               /* the one trace's label (a replay's, the export's) */
    int trace_what;                     /* the trace strip shows HIST_V, HIST_U or HIST_I (U) */
    char message[8192];
    int message_bad;
    int64_t message_ns;
    Frames frames;
    int64_t start_ns, deadline_ns, last_present_ns;
    /* drawing offscreen (window_offscreen_draw): no display, no pointer,
     * no message; the status line's fps is the video's */
    int offscreen;
    double offscreen_fps;
    unsigned restarts_seen;             /* restart records drained (a video ends at one) */
    struct WindowVideo *video;          /* O: the view recorded to a video (window_video_*) */
    int64_t frame_ns;                   /* FRAME_NS, or the test hook's pace (testhook_fps) */
};

static int64_t now_ns(void) { return clock_now_ns(); }

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

/* ---- the analysis panel's chi and locking, re-simulated (resim.h) ------- */

/* The live changes the re-simulation replays: every one since the last
 * restart, as the ring hands them to the render loop. */
static void analysis_sync_event(Window *w, const Event *e)
{
    if (w->resim && resim_event(w->resim, e) != 0) say(w, 1, "analysis panel: out of memory for the live changes");
}

static void analysis_sync_restart(Window *w, uint64_t seed)
{
    if (w->resim) resim_restart(w->resim, seed);
}

/* Asks for the span the panel's spikes cover, at most twice a second
 * while it moves, and takes the worker's state. */
static void analysis_sync_update(Window *w, int64_t from, int64_t to)
{
    if (!w->resim) {
        snprintf(w->sync_note, sizeof w->sync_note, "chi, locking: n/a (%s:\nno network here to re-run)",
                 w->replaying ? "a replay" : "MPI");
        return;
    }
    const int64_t t = now_ns();
    if ((from != w->sync_from || to != w->sync_to) && from < to && (!w->sync_ns || t - w->sync_ns >= 500000000)) {
        resim_ask(w->resim, from, to);
        w->sync_ns = t;
    }
    if (!w->sync && !(w->sync = malloc(sizeof *w->sync))) return;
    w->sync_state = (int)resim_poll(w->resim, w->sync, &w->sync_from, &w->sync_to);
    /* a span shown that is not asked yet (the live edge between two asks)
     * is being computed as far as the reader is concerned */
    const int waiting = from < to && (from != w->sync_from || to != w->sync_to);
    switch (waiting ? (to > RESIM_MAX_MS ? RESIM_TOO_LONG : RESIM_COMPUTING) : (ResimState)w->sync_state) {
    case RESIM_COMPUTING:
        snprintf(w->sync_note, sizeof w->sync_note, "chi, locking: computing\xe2\x80\xa6\n(re-simulating 0 \xe2\x80\xa6 %.1f s)",
                 (double)to / 1000);
        break;
    case RESIM_TOO_LONG:
        snprintf(w->sync_note, sizeof w->sync_note, "chi, locking: not re-simulated\n(sessions over %d min)",
                 RESIM_MAX_MS / 60000);
        break;
    case RESIM_FAILED:
        snprintf(w->sync_note, sizeof w->sync_note, "chi, locking: n/a (out of memory)");
        break;
    default:
        w->sync_note[0] = '\0';
        break;
    }
}

/* The test hook's lines: the state, the span asked and, done, the values. */
static void analysis_sync_status(const Window *w, char *out, size_t len)
{
    static const char *const state[] = { "none", "computing", "done", "too_long", "failed" };
    const int done = w->resim && w->sync && w->sync_state == RESIM_DONE;
    int at = snprintf(out, len, "ana_sync %s %" PRId64 " %" PRId64 "\n",
                      w->resim ? state[w->sync_state] : "n/a", w->sync_from, w->sync_to);
    if (!done || at < 0 || (size_t)at >= len) return;
    const struct AnalysisResult *r = w->sync;
    snprintf(out + at, len - (size_t)at,
             "ana_chi %.17g %.17g %.17g\nana_plv %.17g %.17g %.17g %.17g\nana_phase %.17g %.17g %.17g %.17g\n",
             r->chi[0], r->chi[1], r->chi[2], r->plv[0][0], r->plv[0][1], r->plv[1][0], r->plv[1][1],
             r->phase_deg[0][0], r->phase_deg[0][1], r->phase_deg[1][0], r->phase_deg[1][1]);
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
            scope_step(w->scope, &rec.step);
            run_runaway_step(&w->runaway, &rec.step);
            budget -= (size_t)rec.step.count < budget ? (size_t)rec.step.count : budget;
        } else if (rec.kind == SIM_RESTART) {
            w->restarts_seen++;
            scope_restart(w->scope, rec.seed, 1);
            analysis_sync_restart(w, rec.seed);
            run_runaway_reset(&w->runaway, w->cfg->net.scheme, scope_n(w->scope));
        } else {
            scope_event(w->scope, &rec.event);
            analysis_sync_event(w, &rec.event);
        }
    }
}

/* ---- the view: which span of the kept history is shown ------------------ */

/* What the history holds, for the view's arithmetic (view.h). */
static ViewKept view_kept(const Window *w)
{
    const Hist *h = scope_hist(w->scope);
    int64_t oldest = hist_end(h) - hist_window(h), most = hist_window(h);
    /* a replay has nothing past its length: zooming out stops there */
    if (w->replaying && w->cfg->duration_ms < most) most = w->cfg->duration_ms > VIEW_MIN_MS ? w->cfg->duration_ms : VIEW_MIN_MS;
    return (ViewKept){ .newest = scope_end(w->scope), .oldest = oldest > 0 ? oldest : 0, .most = most };
}

static void frame_take(Window *w, Frame *f)
{
    f->t_end = scope_end(w->scope);
    f->seed = scope_seed(w->scope);
    f->sigma_e = sim_get_float(&w->ctl->sigma_e_bits);
    f->sigma_i = sim_get_float(&w->ctl->sigma_i_bits);
    f->knobs = w->cfg->net;
    sim_get_knobs(w->ctl, &f->knobs);
    f->speed_exp = atomic_load(&w->ctl->speed_exp);
    f->paused = atomic_load(&w->ctl->paused);
    f->n_traced = sim_get_traces(w->ctl, f->traced);
    f->trace_neuron = f->traced[0];
    f->factor = f->paused ? 0.0f : sim_get_float(&w->st->factor_bits);
    f->lagging = atomic_load(&w->st->lagging) && !f->paused;
    f->failed = atomic_load(&w->st->failed);
    f->recording = atomic_load(&w->st->recording);
    f->ended = atomic_load(&w->st->ended);
    f->rec_failed = atomic_load_explicit(&w->st->rec_failed, memory_order_acquire);
    if (f->rec_failed && !w->rec_told) {
        /* said once, in the window and on stderr, when it happens */
        w->rec_told = 1;
        say(w, 1, "recording stopped: %s; the files keep the session up to t = %.3f s", w->st->rec_error,
            (double)w->st->rec_good_t / 1000.0);
    }
    f->dropped = ring_dropped(sim_ring(w->sim));
    const ViewKept kept = view_kept(w);
    view_clamp(&w->view, &kept);
    f->view_span = w->view.span;
    f->view_end = view_end_at(&w->view, f->t_end);
    f->behind = w->view.end == VIEW_LIVE ? 0 : f->t_end - f->view_end;
    f->rate_e = scope_rate(w->scope, 0, f->t_end - RATE_MS, f->t_end);
    f->rate_i = scope_rate(w->scope, 1, f->t_end - RATE_MS, f->t_end);
    f->runaway = w->runaway.now;
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

/* Opens the save's file, named by what the frame shows (savename.h). */
static int open_unique(Window *w, OutFile *f, const char *prefix, const char *ending, char *err, size_t errlen)
{
    char what[96];
    savename_what(what, sizeof what, w->replaying ? w->cfg->replay_path : NULL, w->frame.seed);
    return savename_open(f, w->cfg->out_dir, prefix, what, w->frame.t_end, ending, err, errlen);
}

/* The traced neurons as "3 17 512", sep between. */
static void traced_text(const Frame *f, char *out, size_t len, const char *sep)
{
    size_t at = 0;
    out[0] = 0;
    for (int j = 0; j < f->n_traced && at < len; j++) {
        const int m = snprintf(out + at, len - at, "%s%d", j ? sep : "", f->traced[j]);
        at += m > 0 ? (size_t)m : 0;
    }
}

/* The PNG text of a save: the run as the frame shows it, its rhythm
 * readouts, its events; with `live` also the status line's values. */
static void window_meta(Window *w, AppMeta *m, int window_ms, int live)
{
    const Frame *f = &w->frame;
    app_metadata(m, w->cfg, f->seed, (long long)f->t_end, f->sigma_e, f->sigma_i, f->trace_neuron, window_ms);
    if (!w->replaying) {
        char ids[64];
        traced_text(f, ids, sizeof ids, " ");
        app_meta_add(m, "trace_neurons", "%s", ids);
    }
    if (!w->replaying) app_meta_knobs(m, &f->knobs);
    if (live) {
        char speed[16];
        event_speed_text(f->speed_exp, speed, sizeof speed);
        app_meta_add(m, "rate_e_hz", "%.3f", f->rate_e);
        app_meta_add(m, "rate_i_hz", "%.3f", f->rate_i);
        app_meta_add(m, "paused", "%d", f->paused);
        if (f->speed_exp >= SIM_SPEED_FASTEST) app_meta_add(m, "speed", "max");
        else app_meta_add(m, "speed", "%g", ldexp(1.0, f->speed_exp));
        app_meta_add(m, "panels", "%s%s%s%s%s", w->panels & PLOT_PANEL_RATE ? "rate " : "",
                     w->panels & PLOT_PANEL_SPECTROGRAM ? "spectrogram " : "",
                     w->panels & PLOT_PANEL_SPECTRUM ? "spectrum " : "", w->panels & PLOT_PANEL_MARKERS ? "markers" : "",
                     w->ana_shown ? " analysis" : "");
        app_meta_add(m, "spectrum_s", "%d", w->an.seconds);
        app_meta_add(m, "euler_runaway", "%d", f->runaway);
        app_meta_add(m, "bar", "%s", w->bar_shown ? w->bar_text : "");
        /* what the status bar says of the recordings (REC, REC STOPPED) */
        app_meta_add(m, "recording", "%s", f->recording ? "on" : f->rec_failed ? "stopped" : "off");
    }
    app_meta_add(m, "view_from_ms", "%lld", (long long)(f->view_end - f->view_span));
    app_meta_add(m, "view_to_ms", "%lld", (long long)f->view_end);
    int nf, nt;
    view_rows_range(&w->rows, scope_n(w->scope), &nf, &nt);
    app_meta_add(m, "neuron_from", "%d", nf);     /* the neuron axis shown: [neuron_from, neuron_to) */
    app_meta_add(m, "neuron_to", "%d", nt);
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
    if (open_unique(w, &f, "izhiscope-screen", ".png", err, sizeof err) != 0) {
        say(w, 1, "cannot save the window: %s", err);
        free(px);
        return;
    }
    static AppMeta meta;
    window_meta(w, &meta, w->frame.view_span, 1);
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

/* F with --figure analysis: the analysis panel's measures of the span
 * shown (the spikes' alone, as the panel: anapanel.h), computed now. */
static int save_analysis_figure(Window *w, FILE *fp, int format, AppMeta *meta, char *err, size_t errlen)
{
    if (!w->ana && !(w->ana = anapanel_create(scope_n(w->scope), scope_ne(w->scope)))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const int64_t to = w->frame.view_end;
    if (anapanel_compute(w->ana, w->scope, to - w->frame.view_span, to) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int64_t from, end;
    const struct AnalysisResult *r = anapanel_result(w->ana, &from, &end);
    app_meta_add(meta, "figure", "analysis");
    app_meta_add(meta, "analysis_from_ms", "%lld", (long long)from);
    app_meta_add(meta, "analysis_to_ms", "%lld", (long long)end);
    return figure_export_analysis(fp, format, r, from, end, FIGURE_DEFAULT_W, FIGURE_DEFAULT_H, app_font_path(),
                                  meta->keys, meta->values, meta->n, err, errlen);
}

/* F: the figure (--figure: Fig. 3, or with the rhythm panels) of the
 * span the window shows. */
static void save_figure(Window *w, int presses)
{
    char err[8192];
    const int span = w->frame.view_span;
    OutFile f;
    const int format = cli_window_figure_format(w->cfg);
    /* named by its layout: izhiscope-fig3-... or izhiscope-rhythm-... */
    const char *prefix = w->cfg->figure_rhythm == FIGURE_RHYTHM     ? "izhiscope-rhythm"
                         : w->cfg->figure_rhythm == FIGURE_ANALYSIS ? "izhiscope-analysis"
                                                                    : "izhiscope-fig3";
    if (open_unique(w, &f, prefix, cli_format_ending(format), err, sizeof err) != 0) {
        say(w, 1, "cannot export the figure: %s", err);
        return;
    }
    static AppMeta meta;
    window_meta(w, &meta, span, 0);
    char title[64];
    snprintf(title, sizeof title, "last %d s, L", w->an.seconds);
    const PlotSpectrum spectrum = { w->an.density, &w->an.result, title, w->an.from, w->an.to };
    PlotView view = {
        .t_end = w->frame.view_end,
        .window_ms = span,
        .n = scope_n(w->scope),
        .n_exc = scope_ne(w->scope),
        .trace_neuron = w->frame.trace_neuron,
        .trace_label = w->trace_label,
        .neuron_from = w->rows.from,
        .neuron_to = w->rows.to,
        .n_traced = w->replaying ? 0 : w->frame.n_traced,
        .trace_what = w->trace_what,
    };
    memcpy(view.traced, w->frame.traced, sizeof view.traced);
    if (w->cfg->figure_rhythm == FIGURE_RHYTHM) {
        app_meta_add(&meta, "figure", "rhythm");
        view.panels = PLOT_PANELS_ALL;
        view.scope = w->scope;
        view.spectrum = &spectrum;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s", f.path);
    int failed;
    if (w->cfg->figure_rhythm == FIGURE_ANALYSIS) failed = save_analysis_figure(w, f.fp, format, &meta, err, sizeof err);
    else failed = figure_export(f.fp, format, scope_hist(w->scope), &view, FIGURE_DEFAULT_W, FIGURE_DEFAULT_H,
                                app_font_path(), meta.keys, meta.values, meta.n, err, sizeof err);
    if (failed != 0) {
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

/* One step of a knob (docs/model.md "Knobs"), kept within its option's range. */
static void nudge_knob(Window *w, KeyAction a, int dir)
{
    NetParams k = w->cfg->net;
    sim_get_knobs(w->ctl, &k);
    float *x = a == KEY_WEIGHT_E ? &k.weight_e : a == KEY_WEIGHT_I ? &k.weight_i
             : a == KEY_CURRENT_E ? &k.current_e : &k.current_i;
    const double step = a == KEY_WEIGHT_E ? KEYS_WEIGHT_E_STEP : a == KEY_WEIGHT_I ? KEYS_WEIGHT_I_STEP
                      : KEYS_CURRENT_STEP;
    /* whole steps from 0, as the float nearest the decimal value: a float
     * sum drifts (0.5 + 0.05 - 0.05 is not 0.5), and 9 * 0.1f is not 0.9f,
     * the value the events file's "0.9" reads back as */
    *x = (float)((floor((double)*x / step + 0.5) + dir) * step);
    const float lo = (a == KEY_WEIGHT_E || a == KEY_WEIGHT_I) ? 0.0f : -(float)CLI_MAX_KNOB;
    if (*x < lo) *x = lo;
    if (*x > (float)CLI_MAX_KNOB) *x = (float)CLI_MAX_KNOB;
    sim_set_knobs(w->ctl, &k);
}

static void toggle_stim(Window *w)
{
    NetParams k = w->cfg->net;
    sim_get_knobs(w->ctl, &k);
    k.stim_on = !k.stim_on;
    sim_set_knobs(w->ctl, &k);
    say(w, 0, "stimulus %s: %g into neurons %d-%d%s", k.stim_on ? "on" : "off", (double)k.stim_amp, k.stim_from,
        k.stim_to, k.stim_on && k.stim_period > 0 && k.stim_width > 0 ? " (pulses)" : "");
}

/* A Shift+drag over the raster from row `first` to the row at (x, y) (past
 * the raster's edge: its first or last row) makes those the stimulus's
 * neurons (docs/model.md "Knobs"). */
static void pick_stim(Window *w, int first, int x, int y)
{
    int last = plot_neuron_at(w->plot, x, y);
    if (last < 0) {
        SDL_Rect R;
        if (plot_raster_rect(w->plot, &R) != 0) return;
        last = plot_neuron_at(w->plot, R.x + R.w / 2, y < R.y ? R.y : R.y + R.h - 1);
        if (last < 0) return;
    }
    NetParams k = w->cfg->net;
    sim_get_knobs(w->ctl, &k);
    k.stim_from = first < last ? first : last;
    k.stim_to = first < last ? last : first;
    sim_set_knobs(w->ctl, &k);
    say(w, 0, "stimulus neurons %d-%d%s", k.stim_from, k.stim_to, k.stim_on ? "" : " (K switches it on)");
}

static void set_speed(Window *w, int exp)
{
    if (exp < SIM_SPEED_MIN_EXP) exp = SIM_SPEED_MIN_EXP;
    if (exp > SIM_SPEED_FASTEST) exp = SIM_SPEED_FASTEST;
    atomic_store(&w->ctl->speed_exp, exp);
}

static void set_trace(Window *w, int neuron)
{
    sim_set_traces(w->ctl, &neuron, 1);
    app_trace_label(w->cfg, neuron, w->trace_label, sizeof w->trace_label);
}

/* A click on a raster row: that neuron traced too, up to STEP_TRACE_MAX;
 * then the oldest is dropped (said). */
static void trace_add(Window *w, int neuron)
{
    int ids[STEP_TRACE_MAX];
    int k = sim_get_traces(w->ctl, ids);
    for (int j = 0; j < k; j++)
        if (ids[j] == neuron) {
            say(w, 0, "neuron %d is traced already (X: only the newest traced)", neuron);
            return;
        }
    char dropped[80] = "";
    if (k == STEP_TRACE_MAX) {
        snprintf(dropped, sizeof dropped, "; neuron %d, the oldest, no longer (%d at most)", ids[0], STEP_TRACE_MAX);
        memmove(ids, ids + 1, (STEP_TRACE_MAX - 1) * sizeof *ids);
        k--;
    }
    ids[k++] = neuron;
    sim_set_traces(w->ctl, ids, k);
    Frame f = { .n_traced = k };
    memcpy(f.traced, ids, sizeof ids);
    char list[64];
    traced_text(&f, list, sizeof list, ", ");
    say(w, 0, "traced: neuron%s %s%s (X: the newest alone)", k > 1 ? "s" : "", list, dropped);
}

/* X: back to one traced neuron, the newest. */
static void trace_clear(Window *w)
{
    int ids[STEP_TRACE_MAX];
    const int k = sim_get_traces(w->ctl, ids);
    sim_set_traces(w->ctl, &ids[k - 1], 1);
    say(w, 0, "traced: neuron %d alone (a click on a row adds one)", ids[k - 1]);
}

/* U: the trace strip shows v(t), u(t), I(t) in turn. */
static void trace_cycle(Window *w)
{
    static const char *const what[3] = { "v(t), mV", "u(t), mV", "I(t), the input of the v update, mV/ms" };
    if (w->replaying) { say(w, 0, "a replay has only v (no u, no I)"); return; }
    w->trace_what = (w->trace_what + 1) % 3;
    say(w, 0, "trace strip: %s (U: next)", what[w->trace_what]);
}

/* A replay shown to its end: stopped there (the thread's flag alone can
 * be up while the ring still holds the last steps to show). */
static int replay_at_end(const Window *w)
{
    return w->replaying && w->frame.ended && w->frame.t_end >= w->cfg->duration_ms;
}

/* A restart reproduces the run it restarts: the seed, and the noise of the
 * command line (the live noise goes back to it, as with 0). */
static void restart(Window *w, int new_seed)
{
    if (w->replaying) {
        atomic_fetch_add(&w->ctl->restart_requests, 1);
        say(w, 0, "the replay starts again");
        return;
    }
    if (new_seed) w->seed_asked = rng_clock_seed();
    sim_set_noise(w->ctl, w->cfg->net.sigma_e, w->cfg->net.sigma_i);
    sim_set_knobs(w->ctl, &w->cfg->net);
    /* a recording covers one network from t = 0 (docs/model.md): said
     * here, where it happens, not only by REC leaving the status line */
    const int recording = atomic_load(&w->st->recording);
    atomic_store(&w->ctl->restart_seed, w->seed_asked);
    atomic_fetch_add(&w->ctl->restart_requests, 1);
    say(w, 0, "restarted with %sseed %" PRIu64 " and the starting noise (\xcf\x83" "E %g, \xcf\x83" "I %g)%s",
        new_seed ? "a new " : "", w->seed_asked, (double)w->cfg->net.sigma_e, (double)w->cfg->net.sigma_i,
        recording ? "; the recordings end here (the files keep the run before the restart)" : "");
}

/* ---- the analysis panel (anapanel.h) ------------------------------------ */

/* D: shown / hidden; its data made the first time. */
static void analysis_toggle(Window *w)
{
    if (!w->ana && !(w->ana = anapanel_create(scope_n(w->scope), scope_ne(w->scope)))) {
        say(w, 1, "cannot show the analysis panel: out of memory");
        return;
    }
    w->ana_shown = !w->ana_shown;
    w->ana_ns = 0;
}

/* The measures of the span shown, a few times a second (ANALYSIS_NS) on
 * this (the render) thread from the Scope's history, or now (a save). */
static void analysis_panel_update(Window *w, int now)
{
    if (!w->ana || !w->ana_shown) return;
    const int64_t t = now_ns();
    if (!now && w->ana_ns && t - w->ana_ns < ANALYSIS_NS) return;
    const int64_t to = w->frame.view_end;
    if (anapanel_compute(w->ana, w->scope, to - w->frame.view_span, to) != 0) say(w, 1, "analysis panel: out of memory");
    w->ana_ns = t;
    int64_t from, end;
    (void)anapanel_result(w->ana, &from, &end);
    analysis_sync_update(w, from, end);
}

/* Draws the panel's last result in P. */
static int analysis_panel_draw(Window *w, SDL_Rect P, const PlotStyle *style)
{
    AnaPanelInfo info = { .shown_ms = w->frame.view_span, .window = 1 };
    const struct AnalysisResult *r = anapanel_result(w->ana, &info.from, &info.to);
    /* the re-simulated values only for the span the spikes' are of */
    const int done = w->resim && w->sync && w->sync_state == RESIM_DONE && w->sync_from == info.from &&
                     w->sync_to == info.to;
    info.sync = done ? w->sync : NULL;
    info.sync_note = w->sync_note;
    return anapanel_draw(w->plot, P, style, r, &info);
}

/* The test hook's lines (testhook.h): shown, where, and its numbers. */
static void analysis_panel_status(const Window *w, char *out, size_t len)
{
    int at = snprintf(out, len, "ana_shown %d\nana_at %d %d %d %d\n", w->ana_shown, w->ana_at.x, w->ana_at.y,
                      w->ana_at.w, w->ana_at.h);
    if (at >= 0 && (size_t)at < len) anapanel_status(w->ana, out + at, len - (size_t)at);
    at = (int)strlen(out);
    if ((size_t)at < len) analysis_sync_status(w, out + at, len - (size_t)at);
}

/* A side column (the map's, the analysis panel's) of 3/10 of the width,
 * at most cap, taken from the right of *area: 0 if narrower than min_w.
 * With min_h (the analysis panel: anapanel_min_size), a narrower share is
 * widened to min_w while that leaves half the width, and a column lower
 * than min_h is 0 too. */
static int side_column(const Window *w, SDL_Rect whole, SDL_Rect *area, int cap, int min_w, int min_h, SDL_Rect *at)
{
    const int gap = plot_text_width(w->plot, "mm");
    int cw = whole.w * 3 / 10;
    if (cw > cap) cw = cap;
    if (min_h && cw < min_w + gap / 2 && 2 * (min_w + gap / 2) <= whole.w) cw = min_w + gap / 2;
    if (cw - (min_h ? gap / 2 : 0) < min_w || whole.h - gap < min_h) return 0;
    *at = (SDL_Rect){ area->x + area->w - cw, whole.y + gap / 2, cw - gap / 2, whole.h - gap };
    area->w -= cw + gap / 2;
    return 1;
}

/* The map panel's map, computed (the first time it is shown) for the
 * starting network: its options and seed, each point its own network on
 * the workers (map.h). */
static void map_begin(Window *w)
{
    w->map = map_create(&w->cfg->net, app_ne(w->cfg));
    int rc = w->map ? map_start(w->map) : ENOMEM;
    if (rc != 0) {
        say(w, 1, "cannot compute the map: %s", strerror(rc));
        map_destroy(w->map);
        w->map = NULL;
        w->map_shown = 0;
        return;
    }
    snprintf(w->map_source, sizeof w->map_source, "seed %" PRIu64 ", %d s each", w->cfg->net.seed,
             (MAP_DURATION_MS - STATS_SKIP_MS) / 1000);
}

/* ---- the neuron axis: zoom and pan (view.h's ViewRows) -------------------- */

/* Whether (x, y) is over the raster's neuron numbers: left of the raster,
 * at its height. */
static int over_neuron_axis(const Window *w, int x, int y)
{
    SDL_Rect R;
    return plot_raster_rect(w->plot, &R) == 0 && x < R.x && y >= R.y && y < R.y + R.h;
}

/* The wheel over the raster with Shift, or over its neuron numbers:
 * zooms the neuron axis around the pointer's row (up: fewer, larger
 * rows). Returns 0 when the wheel is not the neuron axis's. */
static int rows_wheel(Window *w, int x, int y, int steps)
{
    SDL_Rect R;
    if (w->ctrl || plot_raster_rect(w->plot, &R) != 0) return 0;
    const int over_raster = x >= R.x && x < R.x + R.w && y >= R.y && y < R.y + R.h;
    if (!(over_raster && w->shift) && !over_neuron_axis(w, x, y)) return 0;
    view_rows_zoom(&w->rows, steps > 0 ? pow(0.8, steps) : pow(1.25, -steps), plot_neuron_value_at(w->plot, y),
                   scope_n(w->scope));
    return 1;
}

/* A drag of the neuron numbers that reached row y: the rows follow the
 * pointer (down: the higher numbers come into view). */
static void rows_drag_to(Window *w, int y)
{
    SDL_Rect R;
    if (plot_raster_rect(w->plot, &R) != 0 || R.h < 1) return;
    int from, to;
    view_rows_range(&w->rows_drag_from, scope_n(w->scope), &from, &to);
    w->rows = w->rows_drag_from;
    view_rows_pan(&w->rows, (int)lround((double)(y - w->rows_drag_y0) * (to - from) / R.h), scope_n(w->scope));
}

/* The keys' zoom and pan of the neuron axis (N, Shift+N, PageUp, PageDown). */
static void rows_command(Window *w, KeyAction a, int arg)
{
    const int n = scope_n(w->scope);
    int from, to;
    view_rows_range(&w->rows, n, &from, &to);
    SDL_Rect R;
    const int over = plot_raster_rect(w->plot, &R) == 0 && w->ui.my >= R.y && w->ui.my < R.y + R.h &&
                     w->ui.mx < R.x + R.w;
    if (a == KEY_ROWS_ZOOM)
        view_rows_zoom(&w->rows, arg < 0 ? 0.5 : 2.0, over ? plot_neuron_value_at(w->plot, w->ui.my) : -1, n);
    else if (a == KEY_ROWS_PAN)
        view_rows_pan(&w->rows, arg * ((to - from) / 2 > 1 ? (to - from) / 2 : 1), n);
    else
        w->rows = (ViewRows){ 0, 0 };
}
static void video_toggle(Window *w);
static void video_catch_up(Window *w);
static void video_stop(Window *w, const char *why);

/* Does what the key table says; returns 0 to quit. */
/* Does what a command of the key table says (from a key or a button);
 * returns 0 to quit. */
static int run_command(Window *w, const KeyCommand *c)
{
    const ViewKept kept = view_kept(w);
    switch (c->action) {
    case KEY_QUIT: return 0;
    case KEY_PAUSE: atomic_store(&w->ctl->paused, !atomic_load(&w->ctl->paused)); break;
    case KEY_STEP:
        if (atomic_load(&w->ctl->paused)) atomic_fetch_add(&w->ctl->step_requests, 1);
        break;
    case KEY_NOISE_E:
    case KEY_NOISE_I:
    case KEY_NOISE_RESET:
        if (w->replaying) { say(w, 0, "a replay has no noise to change (it was simulated elsewhere)"); break; }
        if (c->action == KEY_NOISE_RESET) {
            sim_set_noise(w->ctl, w->cfg->net.sigma_e, w->cfg->net.sigma_i);
            sim_set_knobs(w->ctl, &w->cfg->net);
        } else {
            nudge_noise(w, c->action == KEY_NOISE_I, (float)c->arg * KEYS_NOISE_STEP);
        }
        break;
    case KEY_WEIGHT_E:
    case KEY_WEIGHT_I:
    case KEY_CURRENT_E:
    case KEY_CURRENT_I:
    case KEY_STIM:
        if (w->replaying) { say(w, 0, "a replay has no network to change (it was simulated elsewhere)"); break; }
        if (c->action == KEY_STIM) toggle_stim(w);
        else nudge_knob(w, c->action, c->arg);
        break;
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
    case KEY_HELP:      /* on, its next page if it has more, off */
        if (!w->help) { w->help = 1; w->help_page = 0; }
        else if (w->help_page + 1 < w->help_pages) w->help_page++;
        else w->help = 0;
        break;
    case KEY_PAN: view_pan(&w->view, (int64_t)c->arg * view_pan_step(&w->view), &kept); break;
    case KEY_ZOOM: view_zoom(&w->view, c->arg > 0 ? 2.0 : 0.5, -1, &kept); break;
    case KEY_OLDEST: w->view.end = 0; view_clamp(&w->view, &kept); break;
    case KEY_LIVE: w->view.end = VIEW_LIVE; break;
    case KEY_BAR: w->bar_shown = !w->bar_shown; break;
    case KEY_TRACE_CLEAR:
        if (w->replaying) say(w, 0, "a replay has only the trace --replay-trace gave");
        else trace_clear(w);
        break;
    case KEY_TRACE_WHAT: trace_cycle(w); break;
    case KEY_MAP:
        if (w->replaying && !w->map) { say(w, 0, "a replay has no noise to map (it was simulated elsewhere)"); break; }
        w->map_shown = !w->map_shown;
        if (w->map_shown && !w->map) map_begin(w);
        break;
    case KEY_ROWS_ZOOM:
    case KEY_ROWS_PAN:
    case KEY_ROWS_ALL: rows_command(w, c->action, c->arg); break;
    case KEY_ANALYSIS: analysis_toggle(w); break;
    case KEY_VIDEO: video_toggle(w); break;
    case KEY_NONE: break;
    }
    return 1;
}

static int on_key(Window *w, const SDL_KeyboardEvent *k)
{
    const KeyCommand *c = keys_find(keys_from_sdl(k->keysym.sym), (k->keysym.mod & KMOD_SHIFT) != 0);
    if (!c) return 1;
    /* Esc closes the help before it quits */
    if (c->action == KEY_QUIT && w->help && k->keysym.sym == SDLK_ESCAPE) { w->help = 0; return 1; }
    return run_command(w, c);
}

/* Whether row y is over the time strips (raster down to the trace). */
static int over_strips(const Window *w, int y)
{
    SDL_Rect R, T;
    return plot_raster_rect(w->plot, &R) == 0 && plot_trace_rect(w->plot, &T) == 0 && y >= R.y && y < T.y + T.h;
}

/* A size smaller than the program's minimum (a window manager that
 * ignores the hint, a tiling layout, xdotool): asked back once per such
 * size; if the system insists, draw() copes. */
static void keep_min_size(Window *w, int ww, int wh)
{
    if (ww >= WIN_MIN_W && wh >= WIN_MIN_H) { w->asked_w = w->asked_h = 0; return; }
    if (ww == w->asked_w && wh == w->asked_h) return;
    w->asked_w = ww;
    w->asked_h = wh;
    SDL_SetWindowSize(w->win, ww > WIN_MIN_W ? ww : WIN_MIN_W, wh > WIN_MIN_H ? wh : WIN_MIN_H);
}

/* A drag that reached column x: the data follows the pointer. */
static void drag_to(Window *w, int x)
{
    if (abs(x - w->drag_x0) >= DRAG_PX) w->drag_moved = 1;
    int64_t t0, t1;
    if (w->drag_moved && plot_time_at(w->plot, w->drag_x0, &t0) >= -1 && plot_time_at(w->plot, x, &t1) >= -1) {
        const ViewKept kept = view_kept(w);
        w->view.end = w->drag_t0 - (t1 - t0);
        view_clamp(&w->view, &kept);
    }
}

/* Handles the events waiting; returns 0 when the user quit. */
static int handle_events(Window *w)
{
    SDL_Event ev;
    int running = 1;
    while (SDL_PollEvent(&ev)) {
        /* the pointer in drawable pixels (they differ from window points on high-DPI screens) */
        if (ev.type == SDL_MOUSEBUTTONDOWN || ev.type == SDL_MOUSEBUTTONUP) {
            ev.button.x = (int)(ev.button.x * w->px_x);
            ev.button.y = (int)(ev.button.y * w->px_y);
        } else if (ev.type == SDL_MOUSEMOTION) {
            ev.motion.x = (int)(ev.motion.x * w->px_x);
            ev.motion.y = (int)(ev.motion.y * w->px_y);
        }
        /* Ctrl followed event by event: a Ctrl, a wheel step and Ctrl's
         * release queued in one frame are a zoom, as they were pressed */
        if ((ev.type == SDL_KEYDOWN || ev.type == SDL_KEYUP) &&
            (ev.key.keysym.sym == SDLK_LCTRL || ev.key.keysym.sym == SDLK_RCTRL)) {
            unsigned bit = ev.key.keysym.sym == SDLK_LCTRL ? 1u : 2u;
            w->ctrl = ev.type == SDL_KEYDOWN ? w->ctrl | bit : w->ctrl & ~bit;
        } else if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_FOCUS_GAINED) {
            SDL_Keymod m = SDL_GetModState();   /* what changed while another window had the keys */
            w->ctrl = (m & KMOD_LCTRL ? 1u : 0u) | (m & KMOD_RCTRL ? 2u : 0u);
            w->shift = (m & KMOD_LSHIFT ? 1u : 0u) | (m & KMOD_RSHIFT ? 2u : 0u);
        }
        /* Shift likewise: a Shift+drag's press and a release of Shift queued together */
        if ((ev.type == SDL_KEYDOWN || ev.type == SDL_KEYUP) &&
            (ev.key.keysym.sym == SDLK_LSHIFT || ev.key.keysym.sym == SDLK_RSHIFT)) {
            unsigned bit = ev.key.keysym.sym == SDLK_LSHIFT ? 1u : 2u;
            w->shift = ev.type == SDL_KEYDOWN ? w->shift | bit : w->shift & ~bit;
        }
        if (ev.type == SDL_QUIT) running = 0;
        else if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            keep_min_size(w, ev.window.data1, ev.window.data2);
        else if (ev.type == SDL_KEYDOWN) running = on_key(w, &ev.key) && running;
        else if (ev.type == SDL_MOUSEBUTTONDOWN && ev.button.button == SDL_BUTTON_LEFT) {
            int64_t t;
            w->ui.mx = w->ui.px = ev.button.x;
            w->ui.my = w->ui.py = ev.button.y;
            w->ui.down = w->ui.pressed = 1;
            SDL_Point pt = { ev.button.x, ev.button.y };
            if (SDL_PointInRect(&pt, &w->bar_rect)) continue;   /* the bar's */
            int i0, i1;
            if (w->map_shown && w->map && mappanel_cell_at(w->map, w->map_drawn.cells, pt.x, pt.y, &i0, &i1) == 0) {
                /* the live network to that point: a noise change like the keys' */
                const float se = (float)sweep_value(&w->map->spec.axis[0], i0);
                const float si = (float)sweep_value(&w->map->spec.axis[1], i1);
                if (w->replaying) say(w, 0, "a replay has no noise to change (it was simulated elsewhere)");
                else sim_set_noise(w->ctl, se, si);
                continue;
            }
            /* a drag of the neuron numbers pans the neuron axis */
            if (over_neuron_axis(w, pt.x, pt.y)) {
                w->rows_drag = 1;
                w->rows_drag_y0 = pt.y;
                w->rows_drag_from = w->rows;
                continue;
            }
            /* Shift+drag over raster rows chooses the stimulus's neurons */
            const int row = plot_neuron_at(w->plot, ev.button.x, ev.button.y);
            if (w->shift && row >= 0 && !w->replaying) {
                w->stim_pick = 1 + row;
                continue;
            }
            if (plot_time_at(w->plot, ev.button.x, &t) == 0 && over_strips(w, ev.button.y)) {
                w->dragging = 1;
                w->drag_moved = 0;
                w->drag_x0 = ev.button.x;
                w->drag_t0 = view_end_at(&w->view, scope_end(w->scope));
            }
        } else if (ev.type == SDL_MOUSEMOTION) {
            w->ui.mx = ev.motion.x;
            w->ui.my = ev.motion.y;
            if (w->dragging) drag_to(w, ev.motion.x);
            if (w->rows_drag) rows_drag_to(w, ev.motion.y);
        } else if (ev.type == SDL_MOUSEBUTTONUP && ev.button.button == SDL_BUTTON_LEFT) {
            w->ui.mx = ev.button.x;
            w->ui.my = ev.button.y;
            w->ui.down = 0;
            w->ui.released = 1;
            if (w->rows_drag) {
                rows_drag_to(w, ev.button.y);
                w->rows_drag = 0;
                continue;
            }
            if (w->stim_pick) {
                pick_stim(w, w->stim_pick - 1, ev.button.x, ev.button.y);
                w->stim_pick = 0;
                continue;
            }
            if (!w->dragging) continue;
            drag_to(w, ev.button.x);
            w->dragging = 0;
            if (!w->drag_moved) {                   /* a click on a raster row traces it */
                int neuron = plot_neuron_at(w->plot, ev.button.x, ev.button.y);
                if (neuron >= 0 && w->replaying)
                    say(w, 0, "a replay has only the trace --replay-trace gave (neuron %d)", neuron);
                else if (neuron >= 0) trace_add(w, neuron);
            }
        } else if (ev.type == SDL_MOUSEWHEEL && ev.wheel.y != 0) {
            int mx, my;                             /* where the pointer was when it turned */
#if SDL_VERSION_ATLEAST(2, 26, 0)
            mx = ev.wheel.mouseX;
            my = ev.wheel.mouseY;
#else
            SDL_GetMouseState(&mx, &my);
#endif
            mx = (int)(mx * w->px_x);
            my = (int)(my * w->px_y);
            int64_t at;
            int over = plot_time_at(w->plot, mx, &at) == 0;
            int steps = ev.wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -ev.wheel.y : ev.wheel.y;
            if (rows_wheel(w, mx, my, steps)) continue; /* Shift: the neuron axis */
            const ViewKept kept = view_kept(w);
            if (w->ctrl)                                /* zoom, around the pointer */
                view_zoom(&w->view, steps > 0 ? pow(0.8, steps) : pow(1.25, -steps), over ? at : -1, &kept);
            else                                        /* up: back in time */
                view_pan(&w->view, -(int64_t)steps * view_pan_step(&w->view), &kept);
        }
    }
    return running;
}

/* ---- drawing ------------------------------------------------------------- */

/* The control bar (bar.h): drawn from what the frame shows; what the
 * user asked of it is done here, as a key's command. */
static void draw_bar(Window *w, SDL_Rect bar, int height, const PlotStyle *style)
{
    const BarState state = { .frame = &w->frame, .panels = w->panels, .help = w->help, .map = w->map_shown,
                             .analysis = w->ana_shown,
                             .replaying = w->replaying,
                             .stopped = w->frame.paused || replay_at_end(w) };
    const BarAsk ask = bar_draw(&w->ui, w->ren, w->plot, bar, height, style, &state, w->bar_text, sizeof w->bar_text);
    switch (ask.kind) {
    case BAR_ASK_NONE: break;
    case BAR_ASK_NOISE: sim_set_noise(w->ctl, ask.sigma_e, ask.sigma_i); break;
    case BAR_ASK_SPEED: set_speed(w, ask.speed_exp); break;
    case BAR_ASK_COMMAND:
        /* Play at a replay's end plays it again (as R); Space keeps pausing */
        if (ask.command->action == KEY_PAUSE && !w->frame.paused && replay_at_end(w)) restart(w, 0);
        else run_command(w, ask.command);
        break;
    }
}

/* The raster's tip for a pointer over one neuron (neuron >= 0: a spike's,
 * or a row of one neuron), with that neuron's card once the pointer has
 * rested on it for the tooltips' delay; kept while it is that neuron. */
static void card_hover(Window *w, int neuron, const char *tip)
{
    const Uint32 now = SDL_GetTicks();
    if (neuron != w->card_neuron) {
        w->card_neuron = neuron;
        w->card_since = now;
        w->card_ns = 0;
        w->card_text[0] = 0;
    }
    if (neuron >= 0 && now - w->card_since >= CARD_DELAY_MS) {
        const int64_t t = now_ns();
        if (!w->card_ns || t - w->card_ns >= CARD_NS) {
            /* the parameters come from the drawn network's seed; a replay has none */
            neuroncard_make(&w->card, neuron, scope_ne(w->scope), !w->replaying, scope_seed(w->scope),
                            scope_hist(w->scope), w->frame.view_end - w->frame.view_span, w->frame.view_end);
            neuroncard_text(&w->card, w->card_text, sizeof w->card_text);
            w->card_ns = t;
        }
    }
    snprintf(w->hover_tip, sizeof w->hover_tip, "%s%s%s", tip, w->card_text[0] ? "\n" : "", w->card_text);
    ui_tip(&w->ui, w->hover_tip);
}

static void hover_readouts(Window *w);

/* Hover readouts: what is under the pointer in the raster and the
 * spectrum; a neuron's card ends when the pointer leaves its neuron. */
static void hover(Window *w)
{
    w->hover_tip[0] = 0;
    hover_readouts(w);
    if (!w->hover_tip[0]) {
        w->card_neuron = -1;
        w->card_text[0] = 0;
    }
}

static void hover_readouts(Window *w)
{
    Ui *u = &w->ui;
    w->map_hover[0] = 0;
    if (u->hot || w->dragging || w->rows_drag) return;
    char tip[256];
    int i0, i1;
    if (w->map_shown && w->map && mappanel_cell_at(w->map, w->map_drawn.cells, u->mx, u->my, &i0, &i1) == 0) {
        mappanel_cell_text(w->map, i0, i1, w->map_hover, sizeof w->map_hover);
        ui_tip(u, w->map_hover);
        return;
    }
    /* the spike under the pointer by name, else the rows the pixel covers
     * (a pixel row holds several neurons at N > its height), in the axis's
     * unit (issue 17) */
    int neuron = -1;
    if (plot_raster_tip(w->plot, scope_hist(w->scope), scope_ne(w->scope), u->mx, u->my, tip, sizeof tip, &neuron) ==
        0) {
        card_hover(w, neuron, tip);
        return;
    }
    /* the neuron numbers: what they show and how to move them */
    int from, to;
    if (over_neuron_axis(w, u->mx, u->my) && plot_neuron_range(w->plot, &from, &to) == 0) {
        snprintf(tip, sizeof tip, "neurons %d\xe2\x80\x93%d of %d: the wheel zooms, a drag pans (N, Shift+N, "
                 "PageUp, PageDown; Z: all)", from, to - 1, scope_n(w->scope));
        ui_tip(u, tip);
        return;
    }
    SDL_Rect S;
    if (plot_panel_rect(w->plot, PLOT_PANEL_SPECTRUM, &S) == 0 && u->mx >= S.x && u->mx < S.x + S.w &&
        u->my >= S.y && u->my < S.y + S.h && w->an.result.segments > 0 && w->an.result.floor > 0) {
        int m = (int)lround((double)(u->mx - S.x) * RHYTHM_FMAX / (S.w - 1));
        if (m < 1) m = 1;
        double db = w->an.density[m] > 0 ? 10 * log10(w->an.density[m] / w->an.result.floor) : -INFINITY;
        snprintf(tip, sizeof tip, "%d Hz: %.1f dB over independent firing (%.3g Hz\xc2\xb2/Hz)", m, db, w->an.density[m]);
        ui_tip(u, tip);
    }
}

/* The scale of text, lines and dots for the drawable's size and the
 * screen (uiscale.h). A new font size makes a new Plot (the old one stays
 * if that fails). */
static void rescale(Window *w, int width, int height)
{
    if (w->offscreen) return;           /* the offscreen Plot is made for its size (window_offscreen_draw) */
    int ww, wh;
    SDL_GetWindowSize(w->win, &ww, &wh);
    w->px_x = ww > 0 ? (double)width / ww : 1.0;
    w->px_y = wh > 0 ? (double)height / wh : 1.0;
    float ddpi = 0;
    int display = SDL_GetWindowDisplayIndex(w->win);
    if (display < 0 || SDL_GetDisplayDPI(display, &ddpi, NULL, NULL) != 0) ddpi = 0;
    const UiScale scale = uiscale_for(width, height, w->px_x, ddpi, w->cfg->ui_scale);
    const int px = scale.font_px;
    w->dot = scale.dot;
    if (px == w->font_px && w->plot) return;
    char err[512];
    Plot *np = plot_create(w->ren, w->font, px, err, sizeof err);
    if (!np) return;
    plot_destroy(w->plot);
    w->plot = np;
    w->font_px = px;
}

/* A window larger than the renderer's largest texture (16384 px with
 * OpenGL and the software renderer: a 20000 px wide window) cannot be drawn
 * whole (the texture fails, and OpenGL's viewport, limited alike, squeezes
 * what is drawn): draw in its top left part of that size, through a
 * viewport of that size (the rest is not drawn), and say so once (again
 * after a size that fits). */
static void cap_size(Window *w, int *width, int *height)
{
    SDL_RendererInfo info;
    const int most_w = SDL_GetRendererInfo(w->ren, &info) == 0 ? info.max_texture_width : 0;
    const int most_h = most_w ? info.max_texture_height : 0;
    const int cap_w = most_w > 0 && *width > most_w, cap_h = most_h > 0 && *height > most_h;
    if (!cap_w && !cap_h) {
        if (w->capped) SDL_RenderSetViewport(w->ren, NULL);
        w->capped = 0;
        return;
    }
    if (!w->capped)
        fprintf(stderr, "izhiscope: the window is %dx%d px, more than the renderer draws (%dx%d): the view fills its"
                        " top left %dx%d px\n", *width, *height, most_w, most_h, cap_w ? most_w : *width,
                cap_h ? most_h : *height);
    w->capped = 1;
    if (cap_w) *width = most_w;
    if (cap_h) *height = most_h;
    SDL_RenderSetViewport(w->ren, &(SDL_Rect){ 0, 0, *width, *height });
}

static int draw(Window *w)
{
    const PlotStyle *style = w->cfg->theme_paper ? &PLOT_STYLE_PAPER_WINDOW : &PLOT_STYLE_DARK;
    int width, height;
    if (SDL_GetRendererOutputSize(w->ren, &width, &height) != 0) return -1;
    rescale(w, width, height);
    if (SDL_SetRenderDrawColor(w->ren, style->bg.r, style->bg.g, style->bg.b, 255) != 0 ||
        SDL_RenderClear(w->ren) != 0)
        return -1;
    cap_size(w, &width, &height);
    if (width < WIN_MIN_W / 2 || height < WIN_MIN_H / 2) {
        /* a size the system forced, far below the minimum: blank, and a word if it fits */
        const char *msg = "too small";
        if (plot_text_width(w->plot, msg) + 8 <= width && plot_line_height(w->plot) + 8 <= height)
            plot_text(w->plot, 4, 4, msg, style->fg);
        w->bar_rect = (SDL_Rect){ 0, 0, 0, 0 };
        return 0;
    }
    int status_h = 2 * plot_line_height(w->plot) + 8;
    SDL_Rect bar_at[BAR_ITEMS_MAX];
    int bar_keys;
    int bar_h = w->bar_shown ? bar_layout(w->plot, width, height, w->replaying, bar_at, &bar_keys) : 0;
    SDL_Rect status = { 0, 0, width, status_h };
    SDL_Rect area = { 0, status_h, width, height - status_h - bar_h };
    w->bar_rect = (SDL_Rect){ 0, height - bar_h, w->bar_shown ? width : 0, bar_h };
    ui_begin(&w->ui, w->ren, w->plot, style);
    char title[64];
    const Analysis *an = &w->an;
    if (an->to - an->from >= (int64_t)an->seconds * 1000)
        snprintf(title, sizeof title, "last %d s, L", an->seconds);
    else
        /* (0 until the spectrum's first ms: it starts after the transient, past the first frames' end) */
        snprintf(title, sizeof title, "%.1f s so far, L: %d s", (double)(an->to > an->from ? an->to - an->from : 0) / 1000,
                 an->seconds);
    const PlotSpectrum spectrum = { an->density, &an->result, title, an->from, an->to };
    view_rows_clamp(&w->rows, scope_n(w->scope));     /* the neuron axis: "all" kept as {0, 0} */
    PlotView view = {
        .t_end = w->frame.view_end,
        .window_ms = w->frame.view_span,
        .n = scope_n(w->scope),
        .n_exc = scope_ne(w->scope),
        .trace_neuron = w->frame.trace_neuron,
        .highlight = !w->replaying || w->cfg->replay_trace,
        .dot = w->dot,
        .trace_label = w->trace_label,
        .n_traced = w->replaying ? 0 : w->frame.n_traced,
        .trace_what = w->trace_what,
        .panels = w->panels,
        .scope = w->scope,
        .spectrum = &spectrum,
        .stim_shown = !w->replaying,
        .stim_from = w->frame.knobs.stim_from,
        .stim_to = w->frame.knobs.stim_to,
        .stim_start = w->cfg->net.stim_on,
        .stim_now = w->frame.knobs.stim_on,
        .neuron_from = w->rows.from,
        .neuron_to = w->rows.to,
    };
    memcpy(view.traced, w->frame.traced, sizeof view.traced);
    /* In a window too small for every panel, the optional ones go first
     * (spectrum, spectrogram, rate strip); smaller than Fig. 3 needs, it
     * says so instead of drawing. */
    /* The map panel (A) takes a column on the right, the analysis panel
     * (D) one left of it; dropped after the spectrum and the spectrogram,
     * the analysis first. */
    static const unsigned drop[] = { PLOT_PANEL_SPECTRUM, PLOT_PANEL_SPECTROGRAM, ANA_PANEL_BIT, MAP_PANEL_BIT,
                                     PLOT_PANEL_RATE, PLOT_PANEL_MARKERS };
    const SDL_Rect whole = area;
    int map_on = w->map_shown && w->map, ana_on = w->ana_shown && w->ana;
    SDL_Rect map_at = { 0, 0, 0, 0 }, ana_at = { 0, 0, 0, 0 };
    int ana_w = 0, ana_h = 0;
    if (ana_on) anapanel_min_size(w->plot, &ana_w, &ana_h);
    for (size_t k = 0;; k++) {
        area = whole;
        if (map_on) map_on = side_column(w, whole, &area, whole.h * 3 / 4, MAPPANEL_MIN_W, 0, &map_at);
        if (ana_on) ana_on = side_column(w, whole, &area, whole.w, ana_w, ana_h, &ana_at);
        if (plot_fits(w->plot, area, &view) || k >= sizeof drop / sizeof drop[0]) break;
        if (drop[k] == MAP_PANEL_BIT) map_on = 0;
        else if (drop[k] == ANA_PANEL_BIT) ana_on = 0;
        else view.panels &= ~drop[k];
    }
    w->ana_at = ana_at;
    if (ana_on && analysis_panel_draw(w, ana_at, style) != 0) return -1;
    memset(&w->map_drawn, 0, sizeof w->map_drawn);
    if (map_on) {
        int se_n = 0;
        /* the trail: the starting noise, then every change the Scope kept */
        double se = w->cfg->net.sigma_e, si = w->cfg->net.sigma_i;
        const int ne = scope_event_count(w->scope);
        w->trail[0] = se;
        w->trail[1] = si;
        se_n = 1;
        for (int k = ne > MAP_TRAIL ? ne - MAP_TRAIL : 0; k < ne; k++) {
            const Event *e = scope_event_at(w->scope, k);
            if (e->kind == EVENT_NOISE_E) se = e->after;
            else if (e->kind == EVENT_NOISE_I) si = e->after;
            else continue;
            w->trail[2 * se_n] = se;
            w->trail[2 * se_n + 1] = si;
            se_n++;
        }
        const MapPanelView mv = { .sigma_e = w->frame.sigma_e, .sigma_i = w->frame.sigma_i, .trail = w->trail,
                                  .trail_n = se_n, .source = w->map_source };
        if (mappanel_draw(w->map, w->plot, w->ren, map_at, style, &mv, &w->map_drawn) != 0) return -1;
    }
    if (plot_fits(w->plot, area, &view)) {
        if (plot_draw(w->plot, area, scope_hist(w->scope), &view, style) != 0) return -1;
    } else {
        const char *msg = "window too small to draw the figure";
        plot_text(w->plot, 8, status_h + 8, msg, style->fg);
    }
    const char *base = w->replaying ? strrchr(w->cfg->replay_path, '/') : NULL;
    const StatusInfo info = {
        .replay_name = !w->replaying ? NULL : base ? base + 1 : w->cfg->replay_path,
        .replay_format = w->replaying ? replay_format_name(w->replay.format) : NULL,
        .euler = w->cfg->net.scheme == NET_SCHEME_EULER,
        .processes = xc_size(),
        .fps = w->offscreen ? w->offscreen_fps : framestats_fps(&w->frames),
        .message = !w->offscreen && w->message[0] && now_ns() - w->message_ns < MESSAGE_NS ? w->message : NULL,
        .message_bad = w->message_bad,
    };
    status_draw(w->plot, status, style, &w->frame, &info);
    if (w->bar_shown) draw_bar(w, w->bar_rect, height, style);
    if (!w->offscreen) hover(w);
    if (w->help)
        help_draw(w->plot, w->ren, (SDL_Rect){ 0, status_h, width, height - status_h }, style, &w->help_page,
                  &w->help_pages);
    ui_end(&w->ui);
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

/* Building a large network takes seconds (2-4 s at N = 100,000, K = 1000; ~40 s at 10^6)
 * before the first frame: say so in the window meanwhile. */
static void show_building(Window *w)
{
    const PlotStyle *style = w->cfg->theme_paper ? &PLOT_STYLE_PAPER_WINDOW : &PLOT_STYLE_DARK;
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

/* What the session measured, printed when the window closes. */
static void report(Window *w, int64_t end_ns)
{
    double wall = (double)(end_ns - w->start_ns) / 1e9;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
                 ru.ru_stime.tv_usec / 1e6;
    framestats_print(&w->frames, w->start_ns, end_ns, stdout);
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
    if (w->video) video_stop(w, NULL);
    map_destroy(w->map);
    anapanel_destroy(w->ana);
    resim_destroy(w->resim);
    free(w->sync);
    sim_destroy(w->sim);
    schedule_free(&w->sched);
    replay_free(&w->replay);
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
    app_signals_to_window();      /* SIGINT, SIGTERM: SDL's from here (app.h) */
    int sdl = SDL_Init(SDL_INIT_VIDEO);
    app_signals_window_ready();
    if (sdl != 0) {
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
    if (cfg->menu && app_menu_out_dir(cfg, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s\n", err);
        return NULL;
    }
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
    Replay replay;
    memset(&replay, 0, sizeof replay);
    if (cfg->replay_path) {
        int opened = app_open_replay(cfg, &replay);
        if (opened != APP_EXIT_OK) { *code = opened; return NULL; }
    }
    Schedule sched;
    memset(&sched, 0, sizeof sched);
    if (cfg->schedule_path) {
        int opened = app_open_schedule(cfg, &sched);
        if (opened != APP_EXIT_OK) { *code = opened; return NULL; }
    }
    Map *map = NULL;
    if (cfg->map_path && !(map = map_load(cfg->map_path, err, sizeof err))) {
        fprintf(stderr, "izhiscope: %s\n", err);
        replay_free(&replay);
        schedule_free(&sched);
        return NULL;
    }
    int prepared = app_prepare(cfg, 1, &font);
    if (prepared != APP_EXIT_OK || open_display() != 0) {
        if (prepared != APP_EXIT_OK) *code = prepared;
        map_destroy(map);
        replay_free(&replay);
        schedule_free(&sched);
        return NULL;
    }
    Window *w = calloc(1, sizeof *w);
    if (!w) {
        fprintf(stderr, "izhiscope: out of memory\n");
        map_destroy(map);
        replay_free(&replay);
        schedule_free(&sched);
        SDL_Quit();
        return NULL;
    }
    w->sched = sched;
    if (map) {
        const char *base = strrchr(cfg->map_path, '/');
        snprintf(w->map_source, sizeof w->map_source, "from %s", base ? base + 1 : cfg->map_path);
        w->map = map;
        w->map_shown = 1;
    }
    w->cfg = cfg;
    w->replay = replay;
    w->replaying = cfg->replay_path != NULL;
    w->start_ns = start_ns;
    w->panels = PLOT_PANELS_ALL;
    w->bar_shown = 1;
    w->view = (View){ .end = VIEW_LIVE, .span = cfg->window_ms };
    w->card_neuron = -1;
    w->an.seconds = SPECTRUM_S_DEFAULT;
    w->seed_asked = cfg->net.seed;
    if (TTF_Init() != 0) {
        fprintf(stderr, "izhiscope: cannot start SDL_ttf: %s\n", TTF_GetError());
        goto fail;
    }
    /* 1280 x 800, or what the screen has room for */
    int start_w = WIN_W, start_h = WIN_H;
    SDL_Rect usable;
    if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && usable.w > 0 && usable.h > 0) {
        if (start_w > usable.w * 9 / 10) start_w = usable.w * 9 / 10;
        if (start_h > usable.h * 9 / 10) start_h = usable.h * 9 / 10;
        if (start_w < WIN_MIN_W) start_w = WIN_MIN_W;
        if (start_h < WIN_MIN_H) start_h = WIN_MIN_H;
    }
    w->win = SDL_CreateWindow("izhiscope \xe2\x80\x94 Izhikevich (2003) network", SDL_WINDOWPOS_CENTERED,
                              SDL_WINDOWPOS_CENTERED, start_w, start_h, SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!w->win) {
        fprintf(stderr, "izhiscope: cannot open a window (%s); no display? Use --headless to run "
                        "without one\n", SDL_GetError());
        goto fail;
    }
    SDL_SetWindowMinimumSize(w->win, WIN_MIN_W, WIN_MIN_H);
    w->ren = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!w->ren) w->ren = SDL_CreateRenderer(w->win, -1, SDL_RENDERER_SOFTWARE);
    if (!w->ren) {
        fprintf(stderr, "izhiscope: cannot draw in the window: %s\n", SDL_GetError());
        goto fail;
    }
    w->font = font;
    w->plot = plot_create(w->ren, font, WIN_FONT_PX, err, sizeof err);
    if (!w->plot) {
        fprintf(stderr, "izhiscope: %s\n", err);
        goto fail;
    }
    w->font_px = WIN_FONT_PX;
    int out_w, out_h;
    if (SDL_GetRendererOutputSize(w->ren, &out_w, &out_h) == 0) rescale(w, out_w, out_h);
    const int n = cfg->net.n, ne = app_ne(cfg);
    w->scope = scope_create(n, ne, app_history_ms(cfg));
    w->spikes = malloc((size_t)n * sizeof *w->spikes);
    if (!w->scope || !w->spikes) {
        fprintf(stderr, "izhiscope: out of memory for the history\n");
        goto fail;
    }
    scope_restart(w->scope, cfg->net.seed, 0);
    run_runaway_reset(&w->runaway, cfg->net.scheme, n);
    /* the analysis panel's re-simulation keeps the live changes from the
     * start (its thread starts when the panel first asks); a replay or an
     * MPI run has no network here to re-run */
    if (!w->replaying && xc_size() == 1 && !(w->resim = resim_create(&cfg->net, ne))) {
        fprintf(stderr, "izhiscope: out of memory for the analysis panel\n");
        goto fail;
    }
    Recorder rec;
    static AppMeta csv_meta;
    app_csv_metadata(&csv_meta, cfg);
    RecorderSpec spec = { .spikes = cfg->spikes_path, .trace = cfg->trace_csv, .rate = cfg->rate_csv,
                          .events = cfg->events_csv, .n = n, .ne = ne, .trace_neuron_column = 1,
                          .force = cfg->force, .meta_keys = csv_meta.keys,
                          .meta_values = (const char *const *)csv_meta.values, .n_meta = csv_meta.n };
    if (recorder_open(&rec, &spec, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s\n", err);
        goto fail;
    }
    if (!w->replaying && (double)cfg->net.n * cfg->net.k >= 1e7) show_building(w);
    RunBuild built;
    w->sim = w->replaying ? sim_create_replay(&w->replay, n, ne, cfg->duration_ms, &rec, RING_WORDS)
                          : sim_create(&cfg->net, ne, cfg->trace_neuron, &rec, RING_WORDS, &built);
    if (!w->sim) {
        if (w->replaying) fprintf(stderr, "izhiscope: out of memory for the replay\n");
        else app_say_build_failure(&cfg->net, &built);
        recorder_abort(&rec);
        goto fail;
    }
    w->ctl = sim_controls(w->sim);
    w->st = sim_status(w->sim);
    atomic_store(&w->ctl->speed_exp, cfg->speed_exp);
    set_trace(w, cfg->trace_neuron);
    sim_set_schedule(w->sim, &w->sched);
    int rc = sim_start(w->sim);
    if (rc != 0) {
        /* the recordings would hold nothing of a run: dropped with the Sim */
        fprintf(stderr, "izhiscope: cannot start the simulation thread: %s\n", strerror(rc));
        goto fail;
    }
    w->started = 1;
    const int test_fps = testhook_fps();
    w->frame_ns = test_fps ? 1000000000LL / test_fps : FRAME_NS;
    w->deadline_ns = now_ns();
    *code = APP_EXIT_OK;
    return w;
fail:
    teardown(w);
    return NULL;
}

/* The test hook's lines of the neuron axis and the card (tests/README.md):
 * the raster's rect and the neurons shown, the tooltip drawn ('\n' as
 * " | "), and the card's numbers. */
static void rows_hook_lines(const Window *w, char *out, size_t len)
{
    SDL_Rect R = { 0, 0, 0, 0 };
    int from = 0, to = 0;
    plot_raster_rect(w->plot, &R);
    plot_neuron_range(w->plot, &from, &to);
    char tip[sizeof w->hover_tip];
    snprintf(tip, sizeof tip, "%s", w->hover_tip);
    char shown[2 * sizeof tip];
    size_t o = 0;
    for (const char *c = tip; *c && o + 4 < sizeof shown; c++) {
        if (*c == '\n') { memcpy(shown + o, " | ", 3); o += 3; }
        else shown[o++] = *c;
    }
    shown[o] = 0;
    const NeuronCard *c = &w->card;
    int at = snprintf(out, len, "raster %d %d %d %d\nneurons %d %d\ntip %s\n", R.x, R.y, R.w, R.h, from, to, shown);
    if (at < 0 || (size_t)at >= len) return;
    if (w->card_text[0])
        snprintf(out + at, len - (size_t)at,
                 "card %d exc=%d r=%.9g a=%.9g b=%.9g c=%.9g d=%.9g from=%lld to=%lld spikes=%d rate=%.9g cv=%.9g\n",
                 c->neuron, c->excitatory, (double)c->r, (double)c->a, (double)c->b, (double)c->c, (double)c->d,
                 (long long)c->from_ms, (long long)c->to_ms, c->spikes, c->rate_hz, c->cv);
    else
        snprintf(out + at, len - (size_t)at, "card none\n");
}

int window_frame(Window *w)
{
    int64_t frame_start = now_ns();
    testhook_frame_begin();
    if (!handle_events(w)) return 0;
    drain(w);
    frame_take(w, &w->frame);
    if (w->video) video_catch_up(w);
    /* a --schedule's trace change (the simulation thread's): the label follows */
    app_trace_label(w->cfg, w->frame.trace_neuron, w->trace_label, sizeof w->trace_label);
    /* a frame that will be saved shows the analysis of its own data, the
     * one its metadata reports */
    analysis_update(w, w->save_screen || w->save_figure);
    analysis_panel_update(w, w->save_screen || w->save_figure);
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
    framestats_done(&w->frames, frame_start, drawn, w->last_present_ns, t);
    w->last_present_ns = t;
    {
        char lines[4096], ids[64];
        traced_text(&w->frame, ids, sizeof ids, " ");
        int at = snprintf(lines, sizeof lines, "traced %s\ntrace_what %c\n", ids, "vuI"[w->trace_what]);
        if (at < 0 || at >= (int)sizeof lines) at = 0;
        if (w->map) {
            const MapPanelDrawn *d = &w->map_drawn;
            const int m = snprintf(lines + at, sizeof lines - (size_t)at,
                          "map_done %d %d\nmap_shown %d\nmap_cells %d %d %d %d\nmap_bar %d %d %d %d %.17g %.17g\n"
                          "map_hover %s\n",
                          map_count(w->map), w->map->ncells, w->map_shown, d->cells.x, d->cells.y, d->cells.w,
                          d->cells.h, d->bar.x, d->bar.y, d->bar.w, d->bar.h, d->lo_hz, d->hi_hz, w->map_hover);
            if (m > 0 && (size_t)(at + m) < sizeof lines) at += m;
        }
        if (w->ana && (size_t)at < sizeof lines) {
            analysis_panel_status(w, lines + at, sizeof lines - (size_t)at);
            at += (int)strlen(lines + at);
        }
        if ((size_t)at < sizeof lines) rows_hook_lines(w, lines + at, sizeof lines - (size_t)at);
        testhook_extra(lines);
    }
    testhook_frame_end(w->win, w->st, w->ctl);
    /* Pace to 60 fps: with working vsync, present has already waited
     * until about the deadline; without it (or with a driver that claims
     * vsync and does not wait), sleep the rest of the frame. */
    w->deadline_ns += w->frame_ns;
    if (w->deadline_ns < t - w->frame_ns) w->deadline_ns = t;
    if (w->deadline_ns > t) clock_sleep_until_ns(w->deadline_ns);
    return 1;
}

int window_close(Window *w, int status)
{
    char err[8192];
    int code = status < 0 ? APP_EXIT_FAIL : APP_EXIT_OK;
    int64_t end = now_ns();
    if (w->video) video_stop(w, "the window closed");
    sim_stop(w->sim);
    report(w, end);
    /* What was recorded until a failure is a whole recording of that time:
     * keep it, and say so. */
    Recorder *rec = sim_recorder(w->sim);
    int recorded = recorder_active(rec);
    const int rec_failed = atomic_load_explicit(&w->st->rec_failed, memory_order_acquire);
    if (recorder_commit(rec, app_print_wrote, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s\n", err);
        code = APP_EXIT_FAIL;
    }
    if (rec->dropped) {
        char shown[4 * 4096 + 8];
        escape_text(shown, sizeof shown, rec->dropped);
        fprintf(stderr, "izhiscope: %s was not written: a SONATA file cut short by a failed write cannot be "
                        "completed\n", shown);
    }
    if (rec_failed) {
        /* a recording that stopped is a failure of the run, as headless */
        fprintf(stderr, "izhiscope: the recordings stopped at t = %.3f s (%s): the files above hold the session "
                        "up to then\n", (double)w->st->rec_good_t / 1000.0, w->st->rec_error);
        code = APP_EXIT_FAIL;
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

/* ---- offscreen: the window's drawing on a surface (video.h) --------------
 * The one seam between the live window and its videos: draw() runs
 * unchanged with the Window's renderer and Plot swapped for a software
 * renderer on an SDL_Surface of the video's size, and the Frame for the
 * instant's; no pointer, no message, the status line's fps the video's.
 * Everything else (panels, bar, help, map, view span) is the Window's. */

struct WindowOffscreen {
    SDL_Surface *s;
    SDL_Renderer *r;
    Plot *plot;
    int dot, ttf;
};

WindowOffscreen *window_offscreen_create(const Config *cfg, const char *font, int width, int height, char *err,
                                         size_t errlen)
{
    WindowOffscreen *o = calloc(1, sizeof *o);
    if (!o) { snprintf(err, errlen, "out of memory"); return NULL; }
    if (TTF_Init() < 0) {
        snprintf(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
        free(o);
        return NULL;
    }
    o->ttf = 1;
    /* RGBA32: the bytes R, G, B, A on every host (pngio's and the encoder's input) */
    o->s = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32);
    o->r = o->s ? SDL_CreateSoftwareRenderer(o->s) : NULL;
    if (!o->r) {
        snprintf(err, errlen, "cannot draw offscreen at %dx%d: %s", width, height, SDL_GetError());
        window_offscreen_destroy(o);
        return NULL;
    }
    /* the scale a window of this size gets on a screen of unknown DPI */
    const UiScale scale = uiscale_for(width, height, 1.0, 0.0, cfg->ui_scale);
    o->dot = scale.dot;
    o->plot = plot_create(o->r, font, scale.font_px, err, errlen);
    if (!o->plot) {
        window_offscreen_destroy(o);
        return NULL;
    }
    return o;
}

void window_offscreen_destroy(WindowOffscreen *o)
{
    if (!o) return;
    plot_destroy(o->plot);
    if (o->r) SDL_DestroyRenderer(o->r);
    SDL_FreeSurface(o->s);
    if (o->ttf) TTF_Quit();
    free(o);
}

/* The Frame of instant t: the network's state then, as `at` says it; what
 * the live frame says of the machine (achieved speed, lag, drops, fps) is
 * the video's, so that a frame depends on the simulation alone. */
static void offscreen_frame(Window *w, const WindowInstant *at, Frame *f)
{
    memset(f, 0, sizeof *f);
    f->t_end = at->t_ms;
    f->seed = at->seed;
    f->sigma_e = at->knobs.sigma_e;
    f->sigma_i = at->knobs.sigma_i;
    f->knobs = at->knobs;
    f->trace_neuron = at->trace_neuron;
    f->n_traced = 1;                        /* a video draws the instant's first traced neuron */
    f->traced[0] = at->trace_neuron;
    f->speed_exp = SIM_SPEED_FASTEST;
    for (int e = SIM_SPEED_MIN_EXP; e <= SIM_SPEED_MAX_EXP; e++)
        if (ldexp(1.0, e) * 1000.0 == (double)at->speed_ms) f->speed_exp = e;
    f->factor = (float)(at->speed_ms / 1000.0);
    f->recording = at->recording;
    f->ended = at->ended;
    f->runaway = at->runaway;
    f->view_span = w->view.span;
    f->view_end = at->t_ms > f->view_span ? at->t_ms : f->view_span;
    f->rate_e = scope_rate(w->scope, 0, at->t_ms - RATE_MS, at->t_ms);
    f->rate_i = scope_rate(w->scope, 1, at->t_ms - RATE_MS, at->t_ms);
}

int window_offscreen_draw(Window *w, WindowOffscreen *o, const WindowInstant *at, const uint8_t **rgba, int *pitch)
{
    /* what is swapped, kept to be put back */
    SDL_Renderer *ren = w->ren;
    Plot *plot = w->plot;
    const int dot = w->dot;
    static Frame frame;
    static Analysis an;
    static Ui ui;
    static char label[sizeof w->trace_label];
    frame = w->frame;
    an = w->an;
    ui = w->ui;
    memcpy(label, w->trace_label, sizeof label);
    const SDL_Rect bar_rect = w->bar_rect, ana_at = w->ana_at;
    const MapPanelDrawn map_drawn = w->map_drawn;

    w->ren = o->r;
    w->plot = o->plot;
    w->dot = o->dot;
    w->offscreen = 1;
    w->offscreen_fps = at->fps;
    offscreen_frame(w, at, &w->frame);
    memset(&w->ui, 0, sizeof w->ui);
    w->ui.mx = w->ui.my = w->ui.px = w->ui.py = -100000;     /* no pointer: no hover, no tip */
    w->ui.hot = w->ui.active = w->ui.hover_id = 0;
    app_trace_label(w->cfg, at->trace_neuron, w->trace_label, sizeof w->trace_label);
    /* the analyses of the instant: what was known at t */
    scope_set_limit(w->scope, at->t_ms);
    analysis_update(w, 1);
    analysis_panel_update(w, 1);            /* (D) its span's measures, of the instant */
    int rc = draw(w);
    scope_set_limit(w->scope, INT64_MAX);
    if (rc == 0 && SDL_RenderFlush(o->r) != 0) rc = -1;

    w->ren = ren;
    w->plot = plot;
    w->dot = dot;
    w->offscreen = 0;
    w->frame = frame;
    w->an = an;
    w->ui = ui;
    memcpy(w->trace_label, label, sizeof label);
    w->bar_rect = bar_rect;
    w->map_drawn = map_drawn;
    w->ana_at = ana_at;
    w->ana_ns = 0;                          /* the live panel's measures again at the next frame */
    if (rc != 0) return -1;
    *rgba = o->s->pixels;
    *pitch = o->s->pitch;
    return 0;
}

/* A Window with no display and no simulation, drawing `scope` (the
 * caller's) as a fresh window would: every panel, the control bar, the
 * view --window ms wide. For --video (video.c). */
Window *window_bare_create(const Config *cfg, Scope *scope, int replay_format)
{
    Window *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->cfg = cfg;
    w->scope = scope;
    w->replaying = cfg->replay_path != NULL;
    w->panels = PLOT_PANELS_ALL;
    w->bar_shown = 1;
    w->view = (View){ .end = VIEW_LIVE, .span = cfg->window_ms };
    w->an.seconds = SPECTRUM_S_DEFAULT;
    w->replay.format = (ReplayFormat)replay_format;
    return w;
}

void window_bare_destroy(Window *w) { free(w); }

/* ---- O: the view recorded to a video (video.h) ----------------------------
 * Frame k shows simulated time t0 + floor(k x --video-speed / --video-fps),
 * t0 the newest step when O was pressed: drawn offscreen from the Scope's
 * history once the simulation has passed it, however many window frames
 * that took (a slow or dropped frame draws the instants it missed, in
 * order), with the noise, knobs and traced neuron in force then (the
 * starting ones and the Scope's events up to it). The simulation thread
 * never waits for it; a restart ends it. */

struct WindowVideo {
    Video *v;
    WindowOffscreen *o;
    int64_t t0, k;
    unsigned restarts;          /* restarts_seen when it began */
    char path[4096];
};

static void video_stop(Window *w, const char *why)
{
    struct WindowVideo *r = w->video;
    char err[8192];
    if (!r) return;
    w->video = NULL;
    if (video_finish(r->v, err, sizeof err) != 0) {
        say(w, 1, "the video %s could not be completed: %s; not written", r->path, err);
    } else if (outfile_commit(video_file(r->v), err, sizeof err) != 0) {
        say(w, 1, "cannot save the video: %s", err);
    } else {
        say(w, 0, "saved %s: %" PRId64 " frames, t = %.3f ... %.3f s, %s%s%s", r->path, video_frames(r->v),
            (double)r->t0 / 1000.0, (double)(r->t0 + video_instant(r->k - 1, w->cfg->video_speed_ms, w->cfg->video_fps)) / 1000.0,
            video_encoder(r->v), why && *why ? "; " : "", why && *why ? why : "");
    }
    video_close(r->v);
    window_offscreen_destroy(r->o);
    free(r);
}

static void video_toggle(Window *w)
{
    if (w->video) { video_stop(w, ""); return; }
    char err[8192];
    const Config *c = w->cfg;
    struct WindowVideo *r = calloc(1, sizeof *r);
    if (!r) { say(w, 1, "cannot record a video: out of memory"); return; }
    r->t0 = scope_end(w->scope);
    r->restarts = w->restarts_seen;
    static AppMeta meta;
    app_metadata(&meta, c, w->frame.seed, -1, w->frame.sigma_e, w->frame.sigma_i, w->frame.trace_neuron, w->view.span);
    if (!w->replaying) app_meta_knobs(&meta, &w->frame.knobs);
    app_meta_add(&meta, "theme", "%s", c->theme_paper ? "paper" : "dark");
    app_meta_add(&meta, "video_fps", "%d", c->video_fps);
    app_meta_add(&meta, "video_speed_ms", "%d", c->video_speed_ms);
    app_meta_add(&meta, "video_t0_ms", "%" PRId64, r->t0);
    app_meta_add(&meta, "frame_time", "frame k shows t = %" PRId64 " + floor(k * %d / %d) ms", r->t0,
                 c->video_speed_ms, c->video_fps);
    app_meta_add(&meta, "video_size", "%dx%d", c->video_w, c->video_h);
    OutFile f;
    static const char *const ending[] = { ".mp4", ".webm", ".mkv" };
    if (open_unique(w, &f, "izhiscope-video", ending[c->video_format], err, sizeof err) != 0) {
        say(w, 1, "cannot record a video: %s", err);
        free(r);
        return;
    }
    snprintf(r->path, sizeof r->path, "%s", f.path);
    if (!(r->o = window_offscreen_create(c, w->font, c->video_w, c->video_h, err, sizeof err)) ||
        !(r->v = video_open_file(&f, c->video_w, c->video_h, c->video_fps, meta.keys, meta.values, meta.n, err,
                                 sizeof err))) {
        outfile_abort(&f);
        window_offscreen_destroy(r->o);
        say(w, 1, "cannot record a video: %s", err);
        free(r);
        return;
    }
    w->video = r;
    say(w, 0, "recording the view to %s from t = %.3f s (O stops), %s", r->path, (double)r->t0 / 1000.0,
        video_encoder(r->v));
}

/* The noise, knobs and traced neuron in force at t: the starting ones (a
 * restart's are the command line's) and the Scope's events up to t. */
static void state_at(const Window *w, int64_t t, NetParams *k, int *trace)
{
    *k = w->cfg->net;
    *trace = w->cfg->trace_neuron;
    for (int i = 0; i < scope_event_count(w->scope); i++) {
        const Event *e = scope_event_at(w->scope, i);
        if (e->t_ms > t) break;
        const float x = (float)e->after;
        switch (e->kind) {
        case EVENT_NOISE_E: k->sigma_e = x; break;
        case EVENT_NOISE_I: k->sigma_i = x; break;
        case EVENT_WEIGHT_E: k->weight_e = x; break;
        case EVENT_WEIGHT_I: k->weight_i = x; break;
        case EVENT_CURRENT_E: k->current_e = x; break;
        case EVENT_CURRENT_I: k->current_i = x; break;
        case EVENT_STIM: k->stim_on = e->after != 0; break;
        case EVENT_STIM_FROM: k->stim_from = (int)e->after; break;
        case EVENT_STIM_TO: k->stim_to = (int)e->after; break;
        case EVENT_TRACE: *trace = (int)e->after; break;
        default: break;
        }
    }
}

static void video_catch_up(Window *w)
{
    struct WindowVideo *r = w->video;
    const Config *c = w->cfg;
    if (w->restarts_seen != r->restarts) { video_stop(w, "a restart ends it"); return; }
    char err[8192];
    for (;;) {
        const int64_t t = r->t0 + video_instant(r->k, c->video_speed_ms, c->video_fps);
        if (t > scope_end(w->scope)) return;
        WindowInstant at = { .t_ms = t, .seed = w->frame.seed, .speed_ms = c->video_speed_ms, .fps = -1,
                             .ended = w->replaying && t >= c->duration_ms };
        state_at(w, t, &at.knobs, &at.trace_neuron);
        const uint8_t *px;
        int pitch;
        if (window_offscreen_draw(w, r->o, &at, &px, &pitch) != 0) {
            snprintf(err, sizeof err, "drawing: %s", SDL_GetError());
            video_stop(w, err);
            return;
        }
        /* frames that share the instant (more frames than ms a second) are one picture */
        int64_t t_next;
        do {
            if (video_add(r->v, px, pitch, err, sizeof err) != 0) {
                /* a full disk: nothing of it is kept (outfile.h) */
                say(w, 1, "the video %s stopped: %s; not written", r->path, err);
                video_close(r->v);
                window_offscreen_destroy(r->o);
                free(r);
                w->video = NULL;
                return;
            }
            r->k++;
            t_next = r->t0 + video_instant(r->k, c->video_speed_ms, c->video_fps);
        } while (t_next == t);
    }
}
