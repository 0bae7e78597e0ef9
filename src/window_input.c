/*
 * window_input.c - what the user asks of the live window (window_state.h):
 * keys through the key table (keys.h), the mouse (drag to pan, the wheel
 * to zoom, Shift+drag to choose the stimulus's rows, the neuron axis's
 * zoom and pan, the map's cells), the control bar's asks, and the commands
 * they run: the live changes sent to the simulation (SimControls), the
 * view, the panels, restarts, the traced neurons, saves (counted, done
 * after the frame is drawn: window_save.c) and O (window_video.c).
 */
#define _POSIX_C_SOURCE 200809L
#include "window_state.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "keys.h"
#include "keys_sdl.h"
#include "rng.h"
#include "stats.h"
#include "testhook.h"

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
    win_say(w, 0, "stimulus %s: %g into neurons %d-%d%s", k.stim_on ? "on" : "off", (double)k.stim_amp, k.stim_from,
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
    win_say(w, 0, "stimulus neurons %d-%d%s", k.stim_from, k.stim_to, k.stim_on ? "" : " (K switches it on)");
}

static void set_speed(Window *w, int exp)
{
    if (exp < SIM_SPEED_MIN_EXP) exp = SIM_SPEED_MIN_EXP;
    if (exp > SIM_SPEED_FASTEST) exp = SIM_SPEED_FASTEST;
    atomic_store(&w->ctl->speed_exp, exp);
}

void win_set_trace(Window *w, int neuron)
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
            win_say(w, 0, "neuron %d is traced already (X: only the newest traced)", neuron);
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
    win_traced_text(&f, list, sizeof list, ", ");
    win_say(w, 0, "traced: neuron%s %s%s (X: the newest alone)", k > 1 ? "s" : "", list, dropped);
}

/* X: back to one traced neuron, the newest. */
static void trace_clear(Window *w)
{
    int ids[STEP_TRACE_MAX];
    const int k = sim_get_traces(w->ctl, ids);
    sim_set_traces(w->ctl, &ids[k - 1], 1);
    win_say(w, 0, "traced: neuron %d alone (a click on a row adds one)", ids[k - 1]);
}

/* U: the trace strip shows v(t), u(t), I(t) in turn. */
static void trace_cycle(Window *w)
{
    static const char *const what[3] = { "v(t), mV", "u(t), mV", "I(t), the input of the v update, mV/ms" };
    if (w->replaying) { win_say(w, 0, "a replay has only v (no u, no I)"); return; }
    w->trace_what = (w->trace_what + 1) % 3;
    win_say(w, 0, "trace strip: %s (U: next)", what[w->trace_what]);
}

/* A restart reproduces the run it restarts: the seed, and the noise of the
 * command line (the live noise goes back to it, as with 0). */
static void restart(Window *w, int new_seed)
{
    if (w->replaying) {
        atomic_fetch_add(&w->ctl->restart_requests, 1);
        win_say(w, 0, "the replay starts again");
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
    win_say(w, 0, "restarted with %sseed %" PRIu64 " and the starting noise (\xcf\x83" "E %g, \xcf\x83" "I %g)%s",
        new_seed ? "a new " : "", w->seed_asked, (double)w->cfg->net.sigma_e, (double)w->cfg->net.sigma_i,
        recording ? "; the recordings end here (the files keep the run before the restart)" : "");
}

/* ---- the analysis panel (anapanel.h) ------------------------------------ */

/* D: shown / hidden; its data made the first time. */
static void analysis_toggle(Window *w)
{
    if (!w->ana && !(w->ana = anapanel_create(scope_n(w->scope), scope_ne(w->scope)))) {
        win_say(w, 1, "cannot show the analysis panel: out of memory");
        return;
    }
    w->ana_shown = !w->ana_shown;
    w->ana_ns = 0;
}


/* The map panel's map, computed (the first time it is shown) for the
 * starting network: its options and seed, each point its own network on
 * the workers (map.h). */
static void map_begin(Window *w)
{
    w->map = map_create(&w->cfg->net, app_ne(w->cfg));
    int rc = w->map ? map_start(w->map) : ENOMEM;
    if (rc != 0) {
        win_say(w, 1, "cannot compute the map: %s", strerror(rc));
        map_destroy(w->map);
        w->map = NULL;
        w->map_shown = 0;
        return;
    }
    snprintf(w->map_source, sizeof w->map_source, "seed %" PRIu64 ", %d s each", w->cfg->net.seed,
             (MAP_DURATION_MS - STATS_SKIP_MS) / 1000);
}

/* ---- the neuron axis: zoom and pan (view.h's ViewRows) -------------------- */

/* The wheel over the raster with Shift, or over its neuron numbers:
 * zooms the neuron axis around the pointer's row (up: fewer, larger
 * rows). Returns 0 when the wheel is not the neuron axis's. */
static int rows_wheel(Window *w, int x, int y, int steps)
{
    SDL_Rect R;
    if (w->ctrl || plot_raster_rect(w->plot, &R) != 0) return 0;
    const int over_raster = x >= R.x && x < R.x + R.w && y >= R.y && y < R.y + R.h;
    if (!(over_raster && w->shift) && !win_over_neuron_axis(w, x, y)) return 0;
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

/* Does what the key table says; returns 0 to quit. */
/* Does what a command of the key table says (from a key or a button);
 * returns 0 to quit. */
static int run_command(Window *w, const KeyCommand *c)
{
    const ViewKept kept = win_view_kept(w);
    switch (c->action) {
    case KEY_QUIT: return 0;
    case KEY_PAUSE: atomic_store(&w->ctl->paused, !atomic_load(&w->ctl->paused)); break;
    case KEY_STEP:
        if (atomic_load(&w->ctl->paused)) atomic_fetch_add(&w->ctl->step_requests, 1);
        break;
    case KEY_NOISE_E:
    case KEY_NOISE_I:
    case KEY_NOISE_RESET:
        if (w->replaying) { win_say(w, 0, "a replay has no noise to change (it was simulated elsewhere)"); break; }
        if (c->action == KEY_NOISE_RESET) {
            const NetParams *k = &w->cfg->net;
            sim_set_noise(w->ctl, k->sigma_e, k->sigma_i);
            sim_set_knobs(w->ctl, k);
            /* said, so that no earlier message (a stimulus "on") stands */
            win_say(w, 0, "back to the start: \xcf\x83" "E %g, \xcf\x83" "I %g, gE %g, gI %g, JE %g, JI %g, "
                    "stimulus %s into neurons %d-%d", (double)k->sigma_e, (double)k->sigma_i, (double)k->weight_e,
                    (double)k->weight_i, (double)k->current_e, (double)k->current_i, k->stim_on ? "on" : "off",
                    k->stim_from, k->stim_to);
        } else {
            nudge_noise(w, c->action == KEY_NOISE_I, (float)c->arg * KEYS_NOISE_STEP);
        }
        break;
    case KEY_WEIGHT_E:
    case KEY_WEIGHT_I:
    case KEY_CURRENT_E:
    case KEY_CURRENT_I:
    case KEY_STIM:
        if (w->replaying) { win_say(w, 0, "a replay has no network to change (it was simulated elsewhere)"); break; }
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
        if (w->replaying) win_say(w, 0, "a replay has only the trace --replay-trace gave");
        else trace_clear(w);
        break;
    case KEY_TRACE_WHAT: trace_cycle(w); break;
    case KEY_MAP:
        if (w->replaying && !w->map) { win_say(w, 0, "a replay has no noise to map (it was simulated elsewhere)"); break; }
        w->map_shown = !w->map_shown;
        if (w->map_shown && !w->map) map_begin(w);
        break;
    case KEY_ROWS_ZOOM:
    case KEY_ROWS_PAN:
    case KEY_ROWS_ALL: rows_command(w, c->action, c->arg); break;
    case KEY_ANALYSIS: analysis_toggle(w); break;
    case KEY_VIDEO: win_video_toggle(w); break;
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
        const ViewKept kept = win_view_kept(w);
        w->view.end = w->drag_t0 - (t1 - t0);
        view_clamp(&w->view, &kept);
    }
}

/* Ctrl and Shift followed event by event: a Ctrl, a wheel step and Ctrl's
 * release queued in one frame are a zoom, as they were pressed; a
 * Shift+drag's press and a release of Shift queued together, likewise. */
static void follow_modifiers(Window *w, const SDL_Event *ev)
{
    if (ev->type == SDL_WINDOWEVENT && ev->window.event == SDL_WINDOWEVENT_FOCUS_GAINED) {
        SDL_Keymod m = SDL_GetModState();   /* what changed while another window had the keys */
        w->ctrl = (m & KMOD_LCTRL ? 1u : 0u) | (m & KMOD_RCTRL ? 2u : 0u);
        w->shift = (m & KMOD_LSHIFT ? 1u : 0u) | (m & KMOD_RSHIFT ? 2u : 0u);
        return;
    }
    if (ev->type != SDL_KEYDOWN && ev->type != SDL_KEYUP) return;
    const SDL_Keycode k = ev->key.keysym.sym;
    const int down = ev->type == SDL_KEYDOWN;
    if (k == SDLK_LCTRL || k == SDLK_RCTRL) {
        unsigned bit = k == SDLK_LCTRL ? 1u : 2u;
        w->ctrl = down ? w->ctrl | bit : w->ctrl & ~bit;
    } else if (k == SDLK_LSHIFT || k == SDLK_RSHIFT) {
        unsigned bit = k == SDLK_LSHIFT ? 1u : 2u;
        w->shift = down ? w->shift | bit : w->shift & ~bit;
    }
}

/* The left button pressed at b (drawable pixels): the bar's, a map cell, the
 * neuron axis, a Shift+drag's first row, or a drag of the time axis. */
static void on_press(Window *w, const SDL_MouseButtonEvent *b)
{
    int64_t t;
    w->ui.mx = w->ui.px = b->x;
    w->ui.my = w->ui.py = b->y;
    w->ui.down = w->ui.pressed = 1;
    SDL_Point pt = { b->x, b->y };
    if (SDL_PointInRect(&pt, &w->bar_rect)) return;   /* the bar's */
    int i0, i1;
    if (w->map_shown && w->map && mappanel_cell_at(w->map, w->map_drawn.cells, pt.x, pt.y, &i0, &i1) == 0) {
        /* the live network to that point: a noise change like the keys' */
        const float se = (float)sweep_value(&w->map->spec.axis[0], i0);
        const float si = (float)sweep_value(&w->map->spec.axis[1], i1);
        if (w->replaying) win_say(w, 0, "a replay has no noise to change (it was simulated elsewhere)");
        else sim_set_noise(w->ctl, se, si);
        return;
    }
    /* a drag of the neuron numbers pans the neuron axis */
    if (win_over_neuron_axis(w, pt.x, pt.y)) {
        w->rows_drag = 1;
        w->rows_drag_y0 = pt.y;
        w->rows_drag_from = w->rows;
        return;
    }
    /* Shift+drag over raster rows chooses the stimulus's neurons */
    const int row = plot_neuron_at(w->plot, b->x, b->y);
    if (w->shift && row >= 0 && !w->replaying) {
        w->stim_pick = 1 + row;
        return;
    }
    if (plot_time_at(w->plot, b->x, &t) == 0 && over_strips(w, b->y)) {
        w->dragging = 1;
        w->drag_moved = 0;
        w->drag_x0 = b->x;
        w->drag_t0 = view_end_at(&w->view, scope_end(w->scope));
    }
}

/* The left button released at b: the end of what its press began; a
 * click (no drag) on a raster row traces that neuron. */
static void on_release(Window *w, const SDL_MouseButtonEvent *b)
{
    w->ui.mx = b->x;
    w->ui.my = b->y;
    w->ui.down = 0;
    w->ui.released = 1;
    if (w->rows_drag) {
        rows_drag_to(w, b->y);
        w->rows_drag = 0;
        return;
    }
    if (w->stim_pick) {
        pick_stim(w, w->stim_pick - 1, b->x, b->y);
        w->stim_pick = 0;
        return;
    }
    if (!w->dragging) return;
    drag_to(w, b->x);
    w->dragging = 0;
    if (!w->drag_moved) {
        int neuron = plot_neuron_at(w->plot, b->x, b->y);
        if (neuron >= 0 && w->replaying)
            win_say(w, 0, "a replay has only the trace --replay-trace gave (neuron %d)", neuron);
        else if (neuron >= 0) trace_add(w, neuron);
    }
}

/* A wheel turn: Shift over the raster moves the neuron axis, Ctrl zooms
 * around the pointer, else up goes back in time. */
static void on_wheel(Window *w, const SDL_MouseWheelEvent *e)
{
    int mx, my;                             /* where the pointer was when it turned */
#if SDL_VERSION_ATLEAST(2, 26, 0)
    mx = e->mouseX;
    my = e->mouseY;
#else
    SDL_GetMouseState(&mx, &my);
#endif
    mx = (int)(mx * w->px_x);
    my = (int)(my * w->px_y);
    int64_t at;
    int over = plot_time_at(w->plot, mx, &at) == 0;
    int steps = e->direction == SDL_MOUSEWHEEL_FLIPPED ? -e->y : e->y;
    if (rows_wheel(w, mx, my, steps)) return;
    const ViewKept kept = win_view_kept(w);
    if (w->ctrl)
        view_zoom(&w->view, steps > 0 ? pow(0.8, steps) : pow(1.25, -steps), over ? at : -1, &kept);
    else
        view_pan(&w->view, -(int64_t)steps * view_pan_step(&w->view), &kept);
}

/* Handles the events waiting; returns 0 when the user quit. */
int win_handle_events(Window *w)
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
        follow_modifiers(w, &ev);
        if (ev.type == SDL_QUIT) running = 0;
        else if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            keep_min_size(w, ev.window.data1, ev.window.data2);
        else if (ev.type == SDL_KEYDOWN) running = on_key(w, &ev.key) && running;
        else if (ev.type == SDL_MOUSEBUTTONDOWN && ev.button.button == SDL_BUTTON_LEFT) on_press(w, &ev.button);
        else if (ev.type == SDL_MOUSEBUTTONUP && ev.button.button == SDL_BUTTON_LEFT) on_release(w, &ev.button);
        else if (ev.type == SDL_MOUSEWHEEL && ev.wheel.y != 0) on_wheel(w, &ev.wheel);
        else if (ev.type == SDL_MOUSEMOTION) {
            w->ui.mx = ev.motion.x;
            w->ui.my = ev.motion.y;
            if (w->dragging) drag_to(w, ev.motion.x);
            if (w->rows_drag) rows_drag_to(w, ev.motion.y);
        }
    }
    return running;
}

/* What the control bar was asked while drawn (draw_bar), done as a key's
 * command once the frame is drawn. */
void win_bar_act(Window *w)
{
    const BarAsk ask = w->bar_ask;
    w->bar_ask.kind = BAR_ASK_NONE;
    switch (ask.kind) {
    case BAR_ASK_NONE: break;
    case BAR_ASK_NOISE: sim_set_noise(w->ctl, ask.sigma_e, ask.sigma_i); break;
    case BAR_ASK_SPEED: set_speed(w, ask.speed_exp); break;
    case BAR_ASK_COMMAND:
        /* Play at a replay's end plays it again (as R); Space keeps pausing */
        if (ask.command->action == KEY_PAUSE && !w->frame.paused && win_replay_at_end(w)) restart(w, 0);
        else run_command(w, ask.command);
        break;
    }
}
