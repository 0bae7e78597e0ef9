/*
 * bar.c - the window's control bar (see bar.h).
 */
#include "bar.h"

#include <stdio.h>

#include "event.h"
#include "sim.h"

typedef enum { BAR_BUTTON, BAR_SIGMA_E, BAR_SIGMA_I, BAR_SPEED } BarKind;
typedef struct BarItem {
    BarKind kind;
    KeyAction a;
    int arg;
    const char *label;
} BarItem;

static const BarItem BAR_ITEMS[] = {
    { BAR_BUTTON, KEY_PAUSE, 0, "Pause" }, { BAR_BUTTON, KEY_STEP, 0, "Step" },
    { BAR_BUTTON, KEY_RESTART, 0, "Restart" }, { BAR_BUTTON, KEY_SAVE_SCREEN, 0, "Save" },
    { BAR_BUTTON, KEY_SAVE_FIGURE, 0, "Figure" }, { BAR_BUTTON, KEY_LIVE, 0, "Live" },
    { BAR_SIGMA_E, KEY_NOISE_E, 1, NULL }, { BAR_SIGMA_I, KEY_NOISE_I, 1, NULL },
    { BAR_SPEED, KEY_SPEED, 1, NULL },
    { BAR_BUTTON, KEY_PANEL, PLOT_PANEL_RATE, "Rate" },
    { BAR_BUTTON, KEY_PANEL, PLOT_PANEL_SPECTROGRAM, "Spectrogram" },
    { BAR_BUTTON, KEY_PANEL, PLOT_PANEL_SPECTRUM, "Spectrum" },
    { BAR_BUTTON, KEY_PANEL, PLOT_PANEL_MARKERS, "Markers" },
    { BAR_BUTTON, KEY_MAP, 0, "Map" },
    { BAR_BUTTON, KEY_ANALYSIS, 0, "Analysis" },
    { BAR_BUTTON, KEY_HELP, 0, "Help" }, { BAR_BUTTON, KEY_BAR, 0, "Hide" },
};
#define BAR_N ((int)(sizeof BAR_ITEMS / sizeof BAR_ITEMS[0]))
_Static_assert(BAR_N <= BAR_ITEMS_MAX, "bar.h's BAR_ITEMS_MAX holds every item");

/* A button's label: its name ("Play" for Pause while paused), and its
 * key when with_keys. */
static void bar_label(const BarItem *b, int paused, int with_keys, char *out, size_t len)
{
    const KeyCommand *c = keys_command(b->a, b->arg);
    const char *name = b->a == KEY_PAUSE && paused ? "Play" : b->label;   /* paused: also a replay at its end */
    if (with_keys && c) snprintf(out, len, "%s %s", name, c->keys);
    else snprintf(out, len, "%s", name);
}

/* Lays the bar out for a width: each item's rect relative to the bar's
 * top left (w = 0: not shown), in rows. Returns the height. */
static int bar_place(Plot *p, int width, int with_keys, int replaying, SDL_Rect *at, int *rows_out)
{
    const int pad = plot_text_width(p, " "), em = plot_text_width(p, "m");
    const int h = plot_line_height(p) + em, slider_w = 9 * em;
    int x = pad, y = pad / 2, rows = 1;
    for (int i = 0; i < BAR_N; i++) {
        const BarItem *b = &BAR_ITEMS[i];
        at[i] = (SDL_Rect){ 0, 0, 0, 0 };
        if (replaying && (b->kind == BAR_SIGMA_E || b->kind == BAR_SIGMA_I)) continue;
        int iw = b->kind == BAR_BUTTON ? 0 : slider_w;
        /* a button as wide as the wider of its labels ("Pause" and "Play") */
        for (int paused = 0; paused < 2 && b->kind == BAR_BUTTON; paused++) {
            char label[64];
            bar_label(b, paused, with_keys, label, sizeof label);
            int lw = plot_text_width(p, label) + 2 * em;
            if (lw > iw) iw = lw;
        }
        if (x + iw + pad > width && x > pad) { x = pad; y += h + pad / 2; rows++; }
        at[i] = (SDL_Rect){ x, y, iw, h };
        x += iw + pad;
    }
    *rows_out = rows;
    return y + h + pad / 2;
}

/* The bar's layout: with the keys in the labels (they teach the keys)
 * unless that needs more than one row more, or more than a fifth of the
 * window's height (issue 17: one row more dropped them at 1280 x 800 in a
 * replay and at 1920 x 1080). */
int bar_layout(Plot *p, int width, int height, int replaying, SDL_Rect *at, int *with_keys)
{
    int rows_plain, rows_keys;
    bar_place(p, width, 0, replaying, at, &rows_plain);
    int h = bar_place(p, width, 1, replaying, at, &rows_keys);
    *with_keys = rows_keys <= rows_plain + 1 && h <= height / 5;
    return *with_keys ? h : bar_place(p, width, 0, replaying, at, &rows_plain);
}

BarAsk bar_draw(Ui *u, SDL_Renderer *ren, Plot *p, SDL_Rect bar, int height, const PlotStyle *style,
               const BarState *s, char *text, size_t text_len)
{
    BarAsk ask = { .kind = BAR_ASK_NONE };
    const Frame *f = s->frame;
    SDL_Rect at[BAR_N];
    int with_keys;
    size_t said = 0;
    if (text_len) text[0] = '\0';
    bar_layout(p, bar.w, height, s->replaying, at, &with_keys);
    SDL_SetRenderDrawColor(ren, style->label_bg.r, style->label_bg.g, style->label_bg.b, 255);
    SDL_RenderFillRect(ren, &bar);
    char label[64], tip[256];
    for (int i = 0; i < BAR_N; i++) {
        const BarItem *b = &BAR_ITEMS[i];
        if (at[i].w == 0) continue;
        SDL_Rect r = { bar.x + at[i].x, bar.y + at[i].y, at[i].w, at[i].h };
        const KeyCommand *c = keys_command(b->a, b->arg);
        if (b->kind == BAR_SIGMA_E || b->kind == BAR_SIGMA_I) {
            const int inh = b->kind == BAR_SIGMA_I;
            const KeyCommand *down = keys_command(b->a, -1);
            double v = inh ? f->sigma_i : f->sigma_e, top = inh ? 10 : 20;
            snprintf(label, sizeof label, "\xcf\x83%s %.1f", inh ? "I" : "E", v);
            snprintf(tip, sizeof tip, "noise of the %s neurons: drag, 0 ... %g here (keys %s and %s, by 0.5)",
                     inh ? "inhibitory" : "excitatory", top, c->keys, down ? down->keys : "");
            if (ui_slider(u, r, label, &v, 0, top, 0.5, tip))
                ask = (BarAsk){ .kind = BAR_ASK_NOISE, .sigma_e = inh ? f->sigma_e : (float)v,
                                .sigma_i = inh ? (float)v : f->sigma_i };
        } else if (b->kind == BAR_SPEED) {
            double v = f->speed_exp;
            char speed[16];
            event_speed_text((int)v, speed, sizeof speed);
            snprintf(label, sizeof label, "speed %s", speed);
            snprintf(tip, sizeof tip, "simulated ms per wall ms: drag, 1/16 ... 64, then max (keys + and \xe2\x88\x92, 1: real time)");
            if (ui_slider(u, r, label, &v, SIM_SPEED_MIN_EXP, SIM_SPEED_FASTEST, 1, tip))
                ask = (BarAsk){ .kind = BAR_ASK_SPEED, .speed_exp = (int)v };
        } else {
            /* a replay at its end is stopped: Play (plays it again), not Pause */
            const int stopped = s->stopped;
            bar_label(b, stopped, with_keys, label, sizeof label);
            if (said < text_len)
                said += (size_t)snprintf(text + said, text_len - said, "%s%s", said ? "|" : "", label);
            snprintf(tip, sizeof tip, "%s (key %s)", c ? c->help : b->label, c ? c->keys : "");
            int on = (b->a == KEY_PANEL && (s->panels & (unsigned)b->arg)) || (b->a == KEY_PAUSE && stopped) ||
                     (b->a == KEY_HELP && s->help) || (b->a == KEY_MAP && s->map) ||
                     (b->a == KEY_ANALYSIS && s->analysis) || (b->a == KEY_LIVE && f->behind == 0);
            if (ui_button(u, r, label, on, tip) && c) ask = (BarAsk){ .kind = BAR_ASK_COMMAND, .command = c };
        }
    }
    return ask;
}
