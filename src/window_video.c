/*
 * window_video.c - the live window drawn offscreen (window.h's seam for
 * videos: --video's frames and O's) and O's recording of the view.
 */
#define _POSIX_C_SOURCE 200809L
#include "window_state.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "app.h"
#include "event.h"
#include "outfile.h"
#include "video.h"

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
    win_analysis_update(w, 1);
    win_analysis_panel_update(w, 1);            /* (D) its span's measures, of the instant */
    int rc = win_draw(w);
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

void win_video_stop(Window *w, const char *why)
{
    struct WindowVideo *r = w->video;
    char err[8192];
    if (!r) return;
    w->video = NULL;
    if (video_finish(r->v, err, sizeof err) != 0) {
        win_say(w, 1, "the video %s could not be completed: %s; not written", r->path, err);
    } else if (outfile_commit(video_file(r->v), err, sizeof err) != 0) {
        win_say(w, 1, "cannot save the video: %s", err);
    } else {
        win_say(w, 0, "saved %s: %" PRId64 " frames, t = %.3f ... %.3f s, %s%s%s", r->path, video_frames(r->v),
            (double)r->t0 / 1000.0, (double)(r->t0 + video_instant(r->k - 1, w->cfg->video_speed_ms, w->cfg->video_fps)) / 1000.0,
            video_encoder(r->v), why && *why ? "; " : "", why && *why ? why : "");
    }
    video_close(r->v);
    window_offscreen_destroy(r->o);
    free(r);
}

void win_video_toggle(Window *w)
{
    if (w->video) { win_video_stop(w, ""); return; }
    char err[8192];
    const Config *c = w->cfg;
    struct WindowVideo *r = calloc(1, sizeof *r);
    if (!r) { win_say(w, 1, "cannot record a video: out of memory"); return; }
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
    if (win_open_unique(w, &f, "izhiscope-video", w->frame.t_end, ending[c->video_format], err, sizeof err) != 0) {
        win_say(w, 1, "cannot record a video: %s", err);
        free(r);
        return;
    }
    snprintf(r->path, sizeof r->path, "%s", f.path);
    if (!(r->o = window_offscreen_create(c, w->font, c->video_w, c->video_h, err, sizeof err)) ||
        !(r->v = video_open_file(&f, c->video_w, c->video_h, c->video_fps, meta.keys, meta.values, meta.n, err,
                                 sizeof err))) {
        outfile_abort(&f);
        window_offscreen_destroy(r->o);
        win_say(w, 1, "cannot record a video: %s", err);
        free(r);
        return;
    }
    w->video = r;
    win_say(w, 0, "recording the view to %s from t = %.3f s (O stops), %s", r->path, (double)r->t0 / 1000.0,
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

void win_video_catch_up(Window *w)
{
    struct WindowVideo *r = w->video;
    const Config *c = w->cfg;
    if (w->restarts_seen != r->restarts) { win_video_stop(w, "a restart ends it"); return; }
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
            win_video_stop(w, err);
            return;
        }
        /* frames that share the instant (more frames than ms a second) are one picture */
        int64_t t_next;
        do {
            if (video_add(r->v, px, pitch, err, sizeof err) != 0) {
                /* a full disk: nothing of it is kept (outfile.h) */
                win_say(w, 1, "the video %s stopped: %s; not written", r->path, err);
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
