/*
 * ui.c - buttons, sliders and tooltips, immediate mode (see ui.h).
 */
#include "ui.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define TIP_DELAY_MS UI_TIP_DELAY_MS

static int inside(SDL_Rect r, int x, int y) { return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h; }

static void fill(SDL_Renderer *r, SDL_Rect q, SDL_Color c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &q);
}

static SDL_Color blend(SDL_Color a, SDL_Color b, int s /* 0 ... 255 */)
{
    SDL_Color o = { (Uint8)(a.r + (b.r - a.r) * s / 255), (Uint8)(a.g + (b.g - a.g) * s / 255),
                    (Uint8)(a.b + (b.b - a.b) * s / 255), 255 };
    return o;
}

void ui_begin(Ui *u, SDL_Renderer *r, Plot *plot, const PlotStyle *st)
{
    u->r = r;
    u->plot = plot;
    u->st = st;
    u->next_id = 1;
    u->hot = 0;
    u->tip[0] = '\0';
    u->consumed = 0;
    /* the widgets' small sizes follow the text's (the window's scale) */
    u->unit = (plot_line_height(plot) + 9) / 18;
    if (u->unit < 1) u->unit = 1;
}

/* The common part of a widget: its id, hot and active state, the tooltip
 * once the pointer has rested on it. */
static int widget(Ui *u, SDL_Rect at, const char *tip)
{
    int id = u->next_id++;
    if (u->pressed && !u->active && inside(at, u->px, u->py)) { u->active = id; u->consumed = 1; }
    if (inside(at, u->mx, u->my)) {
        u->hot = id;
        if (u->hover_id != id) { u->hover_id = id; u->hover_since = SDL_GetTicks(); }
        else if (tip && SDL_GetTicks() - u->hover_since >= TIP_DELAY_MS && !u->down) ui_tip(u, tip);
    }
    return id;
}

int ui_button(Ui *u, SDL_Rect at, const char *label, int on, const char *tip)
{
    int id = widget(u, at, tip);
    int clicked = u->active == id && u->released && u->hot == id;
    SDL_Color face = on ? blend(u->st->bg, u->st->fg, 90) : blend(u->st->bg, u->st->fg, 30);
    if (u->hot == id) face = blend(face, u->st->fg, 40);
    if (u->active == id && u->down) face = blend(face, u->st->fg, 80);
    fill(u->r, at, face);
    SDL_SetRenderDrawColor(u->r, u->st->fg.r, u->st->fg.g, u->st->fg.b, 120);
    SDL_RenderDrawRect(u->r, &at);
    int tw = plot_text_width(u->plot, label), lh = plot_line_height(u->plot);
    plot_text(u->plot, at.x + (at.w - tw) / 2, at.y + (at.h - lh) / 2, label, u->st->fg);
    return clicked;
}

int ui_slider(Ui *u, SDL_Rect at, const char *label, double *value, double lo, double hi, double step,
              const char *tip)
{
    int id = widget(u, at, tip);
    double old = *value;
    const int k = u->unit, pad = 6 * k;
    SDL_Rect track = { at.x + pad, at.y + at.h - 7 * k, at.w - 2 * pad, 3 * k };
    if (u->active == id && (u->down || u->released) && track.w > 0) {
        double f = (double)(u->mx - track.x) / track.w;
        if (f < 0) f = 0;
        if (f > 1) f = 1;
        double v = lo + f * (hi - lo);
        if (step > 0) v = lo + step * floor((v - lo) / step + 0.5);
        *value = v;
    }
    fill(u->r, at, u->hot == id ? blend(u->st->bg, u->st->fg, 45) : blend(u->st->bg, u->st->fg, 25));
    fill(u->r, track, blend(u->st->bg, u->st->fg, 120));
    double f = hi > lo ? (*value - lo) / (hi - lo) : 0;
    if (f < 0) f = 0;
    if (f > 1) f = 1;
    SDL_Rect knob = { track.x + (int)lround(f * track.w) - 3 * k, track.y - 4 * k, 7 * k, 11 * k };
    fill(u->r, knob, u->st->marker);
    plot_text(u->plot, at.x + pad, at.y + k, label, u->st->fg);
    return *value != old;
}

void ui_tip(Ui *u, const char *text)
{
    snprintf(u->tip, sizeof u->tip, "%s", text);
    u->tip_x = u->mx + 14 * u->unit;
    u->tip_y = u->my + 18 * u->unit;
}

void ui_end(Ui *u)
{
    if (u->tip[0]) {
        int out_w, out_h;
        SDL_GetRendererOutputSize(u->r, &out_w, &out_h);
        const int k = u->unit, lh = plot_line_height(u->plot);
        /* its lines: the widest sets the box */
        int tw = 0, lines = 0;
        char line[sizeof u->tip];
        for (const char *at = u->tip; at; lines++) {
            const char *nl = strchr(at, '\n');
            snprintf(line, sizeof line, "%.*s", nl ? (int)(nl - at) : (int)strlen(at), at);
            const int lw = plot_text_width(u->plot, line);
            if (lw > tw) tw = lw;
            at = nl ? nl + 1 : NULL;
        }
        tw += 12 * k;
        int th = lines * lh + 6 * k;
        int x = u->tip_x, y = u->tip_y;
        if (x + tw > out_w) x = out_w - tw;
        if (x < 0) x = 0;
        if (y + th > out_h) y = u->my - th - 6 * k;
        if (y < 0) y = 0;
        SDL_Rect box = { x, y, tw, th };
        fill(u->r, box, u->st->label_bg);
        SDL_SetRenderDrawColor(u->r, u->st->fg.r, u->st->fg.g, u->st->fg.b, 255);
        SDL_RenderDrawRect(u->r, &box);
        int ly = y + 3 * k;
        for (const char *at = u->tip; at; ly += lh) {
            const char *nl = strchr(at, '\n');
            snprintf(line, sizeof line, "%.*s", nl ? (int)(nl - at) : (int)strlen(at), at);
            plot_text(u->plot, x + 6 * k, ly, line, u->st->fg);
            at = nl ? nl + 1 : NULL;
        }
    }
    if (!u->hot) u->hover_id = 0;
    if (u->released || !u->down) u->active = 0;
    u->pressed = u->released = 0;
}

int ui_owns_press(const Ui *u) { return u->consumed; }
