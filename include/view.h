/*
 * view.h - the time-travel view: which span of the kept history the
 * window shows. Pure arithmetic on times in ms (no SDL, no Scope): the
 * window hands in what is kept (ViewKept) and draws what comes out.
 *
 * A View is [end - span, end); end == VIEW_LIVE follows the newest step.
 */
#ifndef IZHI_VIEW_H
#define IZHI_VIEW_H

#include <stdint.h>

#define VIEW_LIVE (-1)
#define VIEW_MIN_MS 50                  /* the shortest span a zoom shows */

typedef struct View {
    int64_t end;                        /* right edge, ms; VIEW_LIVE: the newest step */
    int span;                           /* ms shown */
} View;

/* What the history holds when the view is moved. */
typedef struct ViewKept {
    int64_t newest;                     /* one past the newest step kept, ms */
    int64_t oldest;                     /* the oldest time kept, ms (>= 0) */
    int64_t most;                       /* the longest span it may show, ms */
} ViewKept;

/* Keeps the view inside what is kept: a span from VIEW_MIN_MS to k->most,
 * an end not before oldest + span; an end at or past the newest step is
 * live. */
void view_clamp(View *v, const ViewKept *k);
/* The right edge shown, ms: the newest step when live, never below the
 * span (a view starts at t >= 0). */
int64_t view_end_at(const View *v, int64_t newest);
/* Pans by dt ms (negative: back in time). */
void view_pan(View *v, int64_t dt, const ViewKept *k);
/* Zooms by factor (> 1 wider) around time at (the right edge when at is
 * outside the view); the time at stays under the same column. Zooming at
 * the live edge stays live. */
void view_zoom(View *v, double factor, int64_t at, const ViewKept *k);
/* A tenth of the span (at least 1 ms): one step of a pan. */
int64_t view_pan_step(const View *v);

/* The neuron axis's zoom: the rows [from, to) of the n neurons fill the
 * raster (neuron from at the bottom). to <= from means all, [0, n): a
 * zeroed ViewRows shows every neuron, and so does one whose n changed. */
#define VIEW_MIN_ROWS 10                /* the fewest rows a zoom shows (all, when n is fewer) */

typedef struct ViewRows {
    int from, to;                       /* neurons shown: [from, to); to <= from: all */
} ViewRows;

/* Keeps the rows inside [0, n): at least min(VIEW_MIN_ROWS, n) of them, a
 * range of n or more (or none) becoming "all" (from = to = 0). */
void view_rows_clamp(ViewRows *r, int n);
/* The range shown as [*from, *to) of n neurons, "all" made explicit. */
void view_rows_range(const ViewRows *r, int n, int *from, int *to);
/* Zooms the rows by factor (< 1: fewer rows, larger) around the neuron
 * axis value at (neurons, fractional: the pointer's height; outside the
 * range shown: its middle), which stays at the same height. The count is
 * round(count * factor), at least one row different. */
void view_rows_zoom(ViewRows *r, double factor, double at, int n);
/* Pans the rows by d neurons (> 0: toward higher numbers, up the axis),
 * stopping at 0 and n. */
void view_rows_pan(ViewRows *r, int d, int n);

#endif
