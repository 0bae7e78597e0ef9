/*
 * bar.h - the window's control bar: buttons for the commands of the key
 * table, sliders for the noise and the speed, toggles for the panels; each
 * labelled, each with a tooltip naming its key (the labels carry the keys
 * too when that takes no more rows). Laid out in as many rows as the width
 * needs. It draws from what the frame shows and returns what the user
 * asked of it: the window does that as it does a key's command.
 */
#ifndef IZHI_BAR_H
#define IZHI_BAR_H

#include <stddef.h>

#include <SDL.h>

#include "frame.h"
#include "keys.h"
#include "plot.h"
#include "ui.h"

#define BAR_ITEMS_MAX 32                /* rects bar_layout may fill */

/* What the bar shows beside the Frame. */
typedef struct BarState {
    const Frame *frame;
    unsigned panels;                    /* PLOT_PANEL_* shown */
    int help;                           /* the help overlay is shown */
    int map;                            /* the map panel is shown */
    int analysis;                       /* the analysis panel is shown */
    int replaying;                      /* a replay: no noise sliders */
    int stopped;                        /* paused, or a replay at its end: Play, not Pause */
} BarState;

/* What the user asked of the bar this frame. */
typedef struct BarAsk {
    enum { BAR_ASK_NONE, BAR_ASK_COMMAND, BAR_ASK_NOISE, BAR_ASK_SPEED } kind;
    const KeyCommand *command;          /* BAR_ASK_COMMAND: a button's */
    float sigma_e, sigma_i;             /* BAR_ASK_NOISE: both, one of them moved */
    int speed_exp;                      /* BAR_ASK_SPEED */
} BarAsk;

/* The bar's layout for a width x height window: each item's rect relative
 * to the bar's top left in at[BAR_ITEMS_MAX] (w = 0: not shown), and
 * whether the labels carry the keys (unless that needs more than one row
 * more, or more than a fifth of the height). Returns the bar's height. */
int bar_layout(Plot *p, int width, int height, int replaying, SDL_Rect *at, int *with_keys);
/* Draws the bar in the rect bar of a window height px high; its buttons'
 * labels as drawn go to text ('|' between, S's metadata). */
BarAsk bar_draw(Ui *u, SDL_Renderer *ren, Plot *p, SDL_Rect bar, int height, const PlotStyle *style,
                const BarState *s, char *text, size_t text_len);

#endif
