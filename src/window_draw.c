/*
 * window_draw.c - the live window's picture (window_state.h): the Frame
 * and the Scope drawn (plot.c's panels, the map and analysis panels in a
 * side column, the control bar, the help, the status line and message),
 * with the hover readouts and the text's scale; the same code on screen
 * and offscreen (window_video.c). What the user asks of the control bar
 * is kept for window.c to do after the drawing: drawing changes nothing
 * of the run.
 */
#define _POSIX_C_SOURCE 200809L
#include "window_state.h"

#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clock.h"
#include "exchange.h"
#include "help.h"
#include "status.h"


/* Shows a message in the window for a while and prints it (stderr when bad). */
void win_say(Window *w, int bad, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->message, sizeof w->message, fmt, ap);
    va_end(ap);
    w->message_bad = bad;
    w->message_ns = clock_now_ns();
    FILE *to = bad ? stderr : stdout;
    fprintf(to, bad ? "izhiscope: %s\n" : "%s\n", w->message);
    fflush(to);
}

/* The spectrum of the last an.seconds, redrawn a few times a second (or
 * at once when `now` is set: a save reports the frame's own data). */
void win_analysis_update(Window *w, int now)
{
    Analysis *a = &w->an;
    int64_t t = clock_now_ns();
    if (!now && t - a->done_ns < ANALYSIS_NS) return;
    if (a->to == w->frame.t_end && a->done_ns && !now) return;
    scope_spectrum(w->scope, (int64_t)a->seconds * 1000, &a->result, a->density, &a->from);
    a->to = w->frame.t_end;
    a->done_ns = t;
}

/* The traced neurons as "3 17 512", sep between. */
void win_traced_text(const Frame *f, char *out, size_t len, const char *sep)
{
    size_t at = 0;
    out[0] = 0;
    for (int j = 0; j < f->n_traced && at < len; j++) {
        const int m = snprintf(out + at, len - at, "%s%d", j ? sep : "", f->traced[j]);
        at += m > 0 ? (size_t)m : 0;
    }
}

/* A replay shown to its end: stopped there (the thread's flag alone can
 * be up while the ring still holds the last steps to show). */
int win_replay_at_end(const Window *w)
{
    return w->replaying && w->frame.ended && w->frame.t_end >= w->cfg->duration_ms;
}

/* The measures of the span shown, a few times a second (ANALYSIS_NS) on
 * this (the render) thread from the Scope's history, or now (a save). */
void win_analysis_panel_update(Window *w, int now)
{
    if (!w->ana || !w->ana_shown) return;
    const int64_t t = clock_now_ns();
    if (!now && w->ana_ns && t - w->ana_ns < ANALYSIS_NS) return;
    const int64_t to = w->frame.view_end;
    if (anapanel_compute(w->ana, w->scope, to - w->frame.view_span, to) != 0) win_say(w, 1, "analysis panel: out of memory");
    w->ana_ns = t;
    int64_t from, end;
    (void)anapanel_result(w->ana, &from, &end);
    anasync_update(&w->sync, from, end, t);
}

/* Draws the panel's last result in P. */
static int analysis_panel_draw(Window *w, SDL_Rect P, const PlotStyle *style)
{
    AnaPanelInfo info = { .shown_ms = w->frame.view_span, .window = 1 };
    const struct AnalysisResult *r = anapanel_result(w->ana, &info.from, &info.to);
    /* the re-simulated values, said when of another span than the spikes' */
    info.sync = anasync_result(&w->sync, &info.sync_from, &info.sync_to);
    info.sync_note = w->sync.note;
    return anapanel_draw(w->plot, P, style, r, &info);
}

/* The panels asked for (keys, buttons) that the window has no room for
 * (`shown` has the rest), said when one is newly left out: a tester pressed
 * D at --ui-scale 2 and saw its button lit and nothing else. */
static void say_left_out(Window *w, int width, int height, unsigned shown)
{
    static const struct { unsigned bit; const char *name; } names[] = {
        { ANA_PANEL_BIT, "the analysis panel" }, { MAP_PANEL_BIT, "the map" },
        { PLOT_PANEL_SPECTRUM, "the spectrum" }, { PLOT_PANEL_SPECTROGRAM, "the spectrogram" },
        { PLOT_PANEL_RATE, "the rate strip" }, { PLOT_PANEL_MARKERS, "the markers" } };
    const unsigned asked = w->panels | (w->map_shown && w->map ? MAP_PANEL_BIT : 0) |
                           (w->ana_shown && w->ana ? ANA_PANEL_BIT : 0);
    const unsigned out = asked & ~shown, fresh = out & ~w->left_out;
    w->left_out = out;
    if (!fresh) return;
    char list[160] = "";
    size_t at = 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        if (!(out & names[k].bit)) continue;
        const int m = snprintf(list + at, sizeof list - at, "%s%s", at ? ", " : "", names[k].name);
        if (m > 0 && (size_t)m < sizeof list - at) at += (size_t)m;
    }
    win_say(w, 0, "no room in %dx%d px for %s (a larger window or a smaller --ui-scale shows %s)", width, height,
            list, (out & (out - 1)) ? "them" : "it");
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

/* Whether (x, y) is over the raster's neuron numbers: left of the raster,
 * at its height. */
int win_over_neuron_axis(const Window *w, int x, int y)
{
    SDL_Rect R;
    return plot_raster_rect(w->plot, &R) == 0 && x < R.x && y >= R.y && y < R.y + R.h;
}

/* The control bar (bar.h): drawn from what the frame shows; what the
 * user asked of it is kept in bar_ask and done after the drawing, as a
 * key's command (window_input.c: win_bar_act). Offscreen there is no pointer to ask. */
static void draw_bar(Window *w, SDL_Rect bar, int height, const PlotStyle *style)
{
    const BarState state = { .frame = &w->frame, .panels = w->panels, .help = w->help, .map = w->map_shown,
                             .analysis = w->ana_shown,
                             .replaying = w->replaying,
                             .stopped = w->frame.paused || win_replay_at_end(w) };
    const BarAsk ask = bar_draw(&w->ui, w->ren, w->plot, bar, height, style, &state, w->bar_text, sizeof w->bar_text);
    if (!w->offscreen) w->bar_ask = ask;
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
        w->card_text[0] = 0;
    }
    if (neuron >= 0 && now - w->card_since >= CARD_DELAY_MS) {
        /* every frame, as the tip above it: a card refreshed 4 times a
         * second beside a tip of every frame said 43 spikes under "46 in
         * the span shown" (a tester's); it costs what the tip's count does.
         * The parameters come from the drawn network's seed; a replay has
         * none. */
        neuroncard_make(&w->card, neuron, scope_ne(w->scope), !w->replaying, scope_seed(w->scope),
                        scope_hist(w->scope), w->frame.view_end - w->frame.view_span, w->frame.view_end);
        neuroncard_text(&w->card, w->card_text, sizeof w->card_text);
    }
    snprintf(w->hover_tip, sizeof w->hover_tip, "%s%s%s", tip, w->card_text[0] ? "\n" : "", w->card_text);
    ui_tip(&w->ui, w->hover_tip);
}

/* Hover readouts: what is under the pointer in the raster and the
 * spectrum; a neuron's card ends when the pointer leaves its neuron. */
static void hover_readouts(Window *w);

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
    if (win_over_neuron_axis(w, u->mx, u->my) && plot_neuron_range(w->plot, &from, &to) == 0) {
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
void win_rescale(Window *w, int width, int height)
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

int win_draw(Window *w)
{
    const PlotStyle *style = w->cfg->theme_paper ? &PLOT_STYLE_PAPER_WINDOW : &PLOT_STYLE_DARK;
    int width, height;
    if (SDL_GetRendererOutputSize(w->ren, &width, &height) != 0) return -1;
    win_rescale(w, width, height);
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
        .stim_start_from = w->cfg->net.stim_from,
        .stim_start_to = w->cfg->net.stim_to,
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
    if (!w->offscreen) say_left_out(w, width, height, view.panels | (map_on ? MAP_PANEL_BIT : 0) | (ana_on ? ANA_PANEL_BIT : 0));
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
        .message = !w->offscreen && w->message[0] && clock_now_ns() - w->message_ns < MESSAGE_NS ? w->message : NULL,
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

/* What the history holds, for the view's arithmetic (view.h). */
ViewKept win_view_kept(const Window *w)
{
    const Hist *h = scope_hist(w->scope);
    int64_t oldest = hist_end(h) - hist_window(h), most = hist_window(h);
    /* a replay has nothing past its length: zooming out stops there */
    if (w->replaying && w->cfg->duration_ms < most) most = w->cfg->duration_ms > VIEW_MIN_MS ? w->cfg->duration_ms : VIEW_MIN_MS;
    return (ViewKept){ .newest = scope_end(w->scope), .oldest = oldest > 0 ? oldest : 0, .most = most };
}
