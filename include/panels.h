/*
 * panels.h - the rhythm panels plot.c lays out around the Fig. 3 raster:
 * the population rate strip, the spectrogram strip with its scale bar,
 * the Welch spectrum with its readouts, and the event markers. Each draws
 * inside the rect it is given (plot.c draws the frames and time ticks);
 * the time strips share the raster's time axis: time t is column
 * x = R.x + floor((t - t0) * R.w / W), W = window_ms.
 *
 * Definitions drawn (the measures themselves are rhythm.h's):
 *   - rate strip: spikes per neuron per second of the excitatory and the
 *     inhibitory neurons, 1 ms bins smoothed by a Gaussian of sigma
 *     PANELS_RATE_SIGMA_MS (stated on the strip); where a pixel spans
 *     several ms, their mean; the curves fill the strip under its title
 *     row: rate r at row y0 + hh - 1 - round(r (hh - 1) / ymax), y0 =
 *     P.y + font height + 3, hh = P.y + P.h - y0, ymax the smallest of
 *     10, 20, 50, 100 ... at or above every column (its tick at y0);
 *   - spectrogram: one column every SCOPE_SG_HOP ms, each the density of
 *     the RHYTHM_SG_WIN ms centred on it, 0 ... 100 Hz upwards, colour =
 *     dB over the floor of independent firing (PANELS_SG_DB_LO ... _HI,
 *     viridis: ordered in lightness, readable with any colour vision);
 *     the newest RHYTHM_SG_WIN / 2 ms, whose windows are not complete yet,
 *     hatched in the divider's colour, said in the strip and keyed under the
 *     scale bar (docs/model.md, Rhythm measures);
 *   - spectrum: 10 log10(P / F) over 1 ... 100 Hz, the named bands shaded,
 *     the found peaks marked; below it the readouts: the span (s), the
 *     noise changes within it (marker colour), one row a band, frequency
 *     first, and a note beside a strength above 100 %.
 * Main (render) thread only.
 */
#ifndef IZHI_PANELS_H
#define IZHI_PANELS_H

#include <stdint.h>

#include <SDL.h>

#include "draw.h"
#include "plot.h"
#include "rhythm.h"
#include "scope.h"
#include "text.h"

#define PANELS_RATE_SIGMA_MS 2
#define PANELS_SG_DB_LO (-5.0)
#define PANELS_SG_DB_HI 25.0

typedef struct Panels Panels;

/* NULL when out of memory. Destroy before the renderer. */
Panels *panels_create(Draw *d, Text *t);
void panels_destroy(Panels *p);

/* Where the y-axis tick labels of a strip go: right-aligned to lab_r. */
typedef struct PanelAxis {
    int lab_r, tick, lw;
} PanelAxis;

/* The population rate strip P for the span [t0, t0 + W). */
int panels_rate(Panels *p, SDL_Rect P, const PanelAxis *ax, Scope *s, int64_t t0, int W,
                const PlotStyle *st);
/* The spectrogram strip G and its scale bar in the rect bar (may be w = 0). */
int panels_spectrogram(Panels *p, SDL_Rect G, SDL_Rect bar, const PanelAxis *ax, Scope *s, int64_t t0,
                       int W, const PlotStyle *st);
/* The spectrum in S (its axis labels around it, inside `outer`) and the
 * readouts in the rect `text`: the span they describe, the live changes of
 * the noise within it (from s's events; s may be NULL), frequency first, and
 * what a strength above 100 % means. */
int panels_spectrum(Panels *p, SDL_Rect S, SDL_Rect text, const PlotSpectrum *sp, Scope *s, const PlotStyle *st,
                    int lw);
/* Event markers over the strips from R.y to y_bottom, labels at the top of
 * R, for the span [t0, t0 + W). */
int panels_markers(Panels *p, SDL_Rect R, int y_bottom, Scope *s, int64_t t0, int W, const PlotStyle *st,
                   int lw);

#endif
