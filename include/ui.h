/*
 * ui.h - the window's mouse controls, immediate mode: every frame the
 * window lays its bar out again and asks each widget whether it was used;
 * the widgets draw themselves with the plot's text and SDL fills. A
 * button or slider is active from the press inside it until the release
 * (a drag keeps it), hot while the pointer is over it; after a moment of
 * hover its tooltip (which names its key) is drawn last, over everything.
 * Main (render) thread only.
 */
#ifndef IZHI_UI_H
#define IZHI_UI_H

#include <SDL.h>

#include "plot.h"

#define UI_TIP_DELAY_MS 450             /* a widget's tooltip after the pointer rests this long */

typedef struct Ui {
    /* the pointer, fed by the window's events (pixels) */
    int mx, my;
    int down;                   /* the left button is down */
    int pressed, released;      /* it went down / up this frame */
    int px, py;                 /* where it went down (the events of a frame may hold a
                                   press, moves and the release: the press decides which
                                   widget is active, the last position its value) */
    int consumed;               /* a widget took this frame's press */
    /* state across frames */
    int hot, active;            /* widget ids (0: none) */
    int hover_id;
    Uint32 hover_since;         /* SDL ticks the pointer has rested on hover_id */
    char tip[1024];             /* the tooltip to draw at the end: lines, '\n' between */
    int tip_x, tip_y;
    int next_id;
    int unit;                   /* pixels per unit of the widgets' small sizes (the scale) */
    SDL_Renderer *r;
    Plot *plot;
    const PlotStyle *st;
} Ui;

/* Starts a frame's widgets (after the events were fed). */
void ui_begin(Ui *u, SDL_Renderer *r, Plot *plot, const PlotStyle *st);
/* A button showing label, on when `on` (a toggle's state); returns 1 when
 * clicked (pressed and released inside). */
int ui_button(Ui *u, SDL_Rect at, const char *label, int on, const char *tip);
/* A horizontal slider over [lo, hi] showing label and the value; while it
 * is dragged *value follows the pointer (rounded to step); returns 1 when
 * *value changed. */
int ui_slider(Ui *u, SDL_Rect at, const char *label, double *value, double lo, double hi, double step,
              const char *tip);
/* Shows a tooltip at the pointer (hover readouts; '\n' starts another
 * line: a neuron's card), drawn by ui_end. */
void ui_tip(Ui *u, const char *text);
/* Draws the tooltip, ends the frame's input. */
void ui_end(Ui *u);
/* Whether the point is over a widget drawn this frame (a press there is not
 * the plot's). */
int ui_owns_press(const Ui *u);

#endif
