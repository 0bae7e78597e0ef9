/*
 * window.c - the live window: izhiscope without --headless.
 *
 * window_open, then window_frame until the user quits (events -> drain the
 * ring into the Scope -> one Frame value -> draw -> saves -> present, paced
 * to ~60 fps), then window_close. This file is that loop, the opening and
 * the closing; the jobs of a frame are carved into window_input.c (events),
 * window_draw.c (the picture), window_save.c (S, F) and window_video.c
 * (offscreen, O), over the state in window_state.h. The main thread owns the window,
 * renderer, fonts, the Scope and the files saved with S and F; the
 * simulation thread (sim.c) owns the network and the recordings. They
 * share only SimControls (written here), SimStatus (read here) and the
 * ring (consumed here, decoded by sim_read).
 */
#define _POSIX_C_SOURCE 200809L
#include "window_state.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "anapanel.h"
#include "anasync.h"
#include "app.h"
#include "bar.h"
#include "clock.h"
#include "escape.h"
#include "exchange.h"
#include "frame.h"
#include "framestats.h"
#include "map.h"
#include "plot.h"
#include "record.h"
#include "replay.h"
#include "schedule.h"
#include "scope.h"
#include "sim.h"
#include "stats.h"
#include "testhook.h"
#include "view.h"


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
            anasync_restart(&w->sync, rec.seed);
            w->ana_ns = 0;             /* the panel's measures of the new run at the next frame */
            run_runaway_reset(&w->runaway, w->cfg->net.scheme, scope_n(w->scope));
        } else {
            scope_event(w->scope, &rec.event);
            if (anasync_event(&w->sync, &rec.event) != 0) win_say(w, 1, "analysis panel: out of memory for the live changes");
        }
    }
}

/* ---- the view: which span of the kept history is shown ------------------ */


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
        win_say(w, 1, "recording stopped: %s; the files keep the session up to t = %.3f s", w->st->rec_error,
            (double)w->st->rec_good_t / 1000.0);
    }
    f->dropped = ring_dropped(sim_ring(w->sim));
    const ViewKept kept = win_view_kept(w);
    view_clamp(&w->view, &kept);
    f->view_span = w->view.span;
    f->view_end = view_end_at(&w->view, f->t_end);
    f->behind = w->view.end == VIEW_LIVE ? 0 : f->t_end - f->view_end;
    f->rate_e = scope_rate(w->scope, 0, f->t_end - RATE_MS, f->t_end);
    f->rate_i = scope_rate(w->scope, 1, f->t_end - RATE_MS, f->t_end);
    f->runaway = w->runaway.now;
}

/* ---- drawing ------------------------------------------------------------- */


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
    if (w->video) win_video_stop(w, NULL);
    map_destroy(w->map);
    anapanel_destroy(w->ana);
    anasync_close(&w->sync);
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
    if (SDL_GetRendererOutputSize(w->ren, &out_w, &out_h) == 0) win_rescale(w, out_w, out_h);
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
    const int rerun = !w->replaying && xc_size() == 1;
    if (anasync_open(&w->sync, rerun ? &cfg->net : NULL, ne, w->replaying ? "a replay" : "MPI") != 0) {
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
    win_set_trace(w, cfg->trace_neuron);
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
    w->deadline_ns = clock_now_ns();
    *code = APP_EXIT_OK;
    return w;
fail:
    teardown(w);
    return NULL;
}

/* The test hook's lines (testhook.h): shown, where, and its numbers. */
static void analysis_panel_status(const Window *w, char *out, size_t len)
{
    int at = snprintf(out, len, "ana_shown %d\nana_at %d %d %d %d\n", w->ana_shown, w->ana_at.x, w->ana_at.y,
                      w->ana_at.w, w->ana_at.h);
    if (at >= 0 && (size_t)at < len) anapanel_status(w->ana, out + at, len - (size_t)at);
    at = (int)strlen(out);
    if ((size_t)at < len) anasync_status(&w->sync, out + at, len - (size_t)at);
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
    int64_t frame_start = clock_now_ns();
    testhook_frame_begin();
    if (!win_handle_events(w)) return 0;
    drain(w);
    frame_take(w, &w->frame);
    if (w->video) win_video_catch_up(w);
    /* a --schedule's trace change (the simulation thread's): the label follows */
    app_trace_label(w->cfg, w->frame.trace_neuron, w->trace_label, sizeof w->trace_label);
    /* a frame that will be saved shows the analysis of its own data, the
     * one its metadata reports */
    win_analysis_update(w, w->save_screen || w->save_figure);
    win_analysis_panel_update(w, w->save_screen || w->save_figure);
    if (win_draw(w) != 0) {
        fprintf(stderr, "izhiscope: drawing failed: %s\n", SDL_GetError());
        return -1;
    }
    win_bar_act(w);
    /* presses within one frame would save the same picture: one save, said */
    if (w->save_screen) { win_save_screen(w, w->save_screen); w->save_screen = 0; }
    if (w->save_figure) { win_save_figure(w, w->save_figure); w->save_figure = 0; }
    int64_t drawn = clock_now_ns();
    SDL_RenderPresent(w->ren);
    int64_t t = clock_now_ns();
    framestats_done(&w->frames, frame_start, drawn, w->last_present_ns, t);
    w->last_present_ns = t;
    {
        char lines[4096], ids[64];
        win_traced_text(&w->frame, ids, sizeof ids, " ");
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
    int64_t end = clock_now_ns();
    if (w->video) win_video_stop(w, "the window closed");
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

