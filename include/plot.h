/*
 * plot.h - draws the two-panel figure of Izhikevich (2003) Fig. 3 (a spike
 * raster over a v(t) trace, heights 3:1, shared time axis) with an
 * SDL_Renderer, plus the small text API the live window uses.
 *
 * One Plot serves one renderer: the headless export draws it once into a
 * software renderer, the live window draws it every frame. After the first
 * plot_draw() at a given size, drawing allocates nothing: the raster texture
 * and count buffer are rebuilt only when the raster panel size changes, the
 * row table when n changes, the trace buffer when the window grows. Cost per
 * frame: one pass over the window's bitsets (set bits only), one texture
 * upload of the panel, a few dozen glyph copies. Main (render) thread only.
 *
 * Geometry, as last drawn (see plot_raster_rect / plot_trace_rect). With R the
 * raster rect, T the trace rect, t0 = t_end - window_ms, W = window_ms:
 *   - time t (ms) is pixel column  x(t) = R.x + floor((t - t0) * R.w / W);
 *     the trace panel shares R.x and R.w.
 *   - neuron i is pixel row        y(i) = R.y + R.h - 1 - floor((2i + 1) * R.h / (2n))
 *     (the row holding the neuron's centre, neuron 0 at the bottom).
 *   - a spike (t, i) always paints (x(t), y(i)). When there is at least one
 *     pixel per ms the mark is a horizontal dash max(2, ceil(R.w / W)) pixels
 *     wide starting at x(t); when there are at least 3 rows per neuron it is
 *     max(1, (R.h / n) / 3) rows thick, centred on y(i).
 *   - lines are lw = max(1, (min(area.w, area.h) + 300) / 600) pixels thick
 *     (2 at the 1600 x 1200 export). The frame lies outside R and T. A line
 *     at neuron value v (ticks, the divider at v = n_exc) covers the rows
 *     [Y - lw/2, Y - lw/2 + lw) with Y = R.y + R.h - floor(v * R.h / n), so
 *     always row Y; time ticks likewise the columns around x(t).
 *   - the trace maps v (mV, clipped to [PLOT_V_MIN, PLOT_V_MAX] and to
 *     NET_V_PEAK at the top) to row T.y + round((PLOT_V_MAX - v) * (T.h - 1)
 *     / (PLOT_V_MAX - PLOT_V_MIN)), and time t to column
 *     R.x + floor((2 (t - t0) + 1) * R.w / (2 W)) (the centre of the ms).
 * Raster pixels aggregate: a pixel covered by c marks is painted with the
 * row's class colour (that of the neuron at the row's centre) at strength
 * s = min(1, c / cap) over bg, cap = max(1, (n / R.h) * (W / R.w) / PLOT_FULL_SHARE),
 * s quantized down to 1/255; so small networks show every spike at full
 * strength and huge ones still show the population rhythm as intensity.
 *
 * Axes: ticks at multiples of a 1, 2 or 5 x 10^k step (at most 12 intervals,
 * labels never closer than their width): every 100 ms and every 100 neurons
 * for the 1000 ms, N = 1000 figure. Time labels are absolute ms, or seconds
 * beyond PLOT_SECONDS_AFTER_MS; negative values (a window reaching before
 * 0) are drawn with a minus sign.
 */
#ifndef IZHI_PLOT_H
#define IZHI_PLOT_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "hist.h"
#include "plot_panels.h"
#include "rhythm.h"

/* Trace panel range, mV (the trace itself is clipped at NET_V_PEAK = +30). */
#define PLOT_V_MIN (-90.0f)
#define PLOT_V_MAX 40.0f
/* A raster pixel is at full strength when 1 in PLOT_FULL_SHARE of the
 * (neuron, ms) cells it covers spiked: at N = 1000 every spike is a full
 * mark; at N = 20,000 ... 100,000 the population bursts stand out from the
 * ~0.7% background without saturating. */
#define PLOT_FULL_SHARE 32.0
/* Time labels are in ms while the axis ends at or before this, else in
 * seconds ("607.6", "time, s"): long runs stay readable. */
#define PLOT_SECONDS_AFTER_MS 10000
/* A vector figure (plot_set_sink) draws the raster as one rectangle per
 * spike, where the PNG paints it, while every mark is at full strength
 * (cap = 1 below: at most PLOT_FULL_SHARE (neuron, ms) cells a pixel) and
 * the window holds at most this many spikes; otherwise it embeds the
 * PNG's raster as an image. Fig. 3 (N = 1000, 1 s) has ~8,000 spikes. */
#define PLOT_VECTOR_MAX_MARKS 100000

/* Optional panels of the live window and the "rhythm" figure: PLOT_PANEL_*
 * bits (plot_panels.h). */

typedef struct PlotStyle {
    SDL_Color bg;        /* panel and figure background */
    SDL_Color fg;        /* axes, ticks, text */
    SDL_Color exc;       /* marks of excitatory rows */
    SDL_Color inh;       /* marks of inhibitory rows */
    SDL_Color divider;   /* line between excitatory and inhibitory rows */
    SDL_Color trace;     /* the v(t) polyline (the first traced neuron's) */
    SDL_Color trace_more[3];   /* the second ... fourth traced neurons' (the window) */
    SDL_Color label_bg;  /* box behind "excitatory" / "inhibitory" */
    SDL_Color marker;    /* event markers */
    SDL_Color band;      /* shading of every other named band */
} PlotStyle;

/* White background, everything black: the Fig. 3 export. */
extern const PlotStyle PLOT_STYLE_PAPER;
/* The window's paper theme: PAPER with the classes told apart by colour,
 * Okabe & Ito's blue (E) and vermillion (I), a pair that stays apart in
 * every colour-vision deficiency (test_plot checks it). */
extern const PlotStyle PLOT_STYLE_PAPER_WINDOW;
/* Dark background, light text, cyan/orange marks, green trace: the live window. */
extern const PlotStyle PLOT_STYLE_DARK;

/* The spectrum panel's data. */
typedef struct PlotSpectrum {
    const double *density;        /* P[0 ... RHYTHM_FMAX + RHYTHM_SMOOTH], Hz^2/Hz */
    const RhythmResult *result;   /* its measures (rhythm.h) */
    const char *title;            /* what it covers, e.g. "the last 4 s (L)" */
    int64_t from_ms, to_ms;       /* the span it covers (to_ms <= from_ms: unknown) */
} PlotSpectrum;

typedef struct PlotView {
    int64_t t_end;            /* ms; the panels show [t_end - window_ms, t_end) */
    int window_ms;            /* >= 1 */
    int n;                    /* neurons on the axis (rows 0..n-1), >= 1 */
    int n_exc;                /* rows [0, n_exc) excitatory, the rest inhibitory */
    int trace_neuron;         /* the traced neuron (its row marked when highlight is set) */
    int highlight;            /* mark the traced neuron's raster row (the live window) */
    int dot;                  /* raster pixels and the least line width, in screen pixels
                                 (>= 1; 0 means 1): the window's scale on large or
                                 high-DPI screens. The raster is built at R / dot and
                                 stretched, so a mark is dot x dot pixels or more. */
    const char *trace_label;  /* UTF-8; NULL means "v(t) of neuron <trace_neuron>" */
    /* The live window's traced neurons (n_traced 0: trace_neuron alone, as
     * the figures draw it): traced[0 ... n_traced - 1], the first one
     * trace_neuron, each drawn in its colour (plot_trace_color) from the
     * Hist's traced slots, and its row marked when highlight is set; what
     * the strip shows: HIST_V, HIST_U or HIST_I (hist.h). */
    int n_traced;
    int traced[STEP_TRACE_MAX];
    int trace_what;
    unsigned panels;          /* PLOT_PANEL_* drawn; 0: the Fig. 3 layout */
    struct Scope *scope;      /* the rate, spectrogram and markers' data (its caches fill) */
    const PlotSpectrum *spectrum;   /* the spectrum panel's data, or NULL */
    /* The stimulus (docs/model.md "Knobs"), the live window only: its rows
     * stim_from ... stim_to (stim_to < stim_from: none drawn), whether it
     * was on at the start of the network (the scope's "stim" events say
     * when it was switched since) and whether it is on now. Its rows are
     * marked beside the raster, and the spans it was on are drawn along the
     * raster's top and over its rows' edges. stim_shown 0: nothing drawn. */
    int stim_shown;
    int stim_from, stim_to;
    int stim_start, stim_now;
    /* its rows at the start of the network (the scope's "stim_from",
     * "stim_to" events say when they were moved): each span it was on is
     * drawn over the rows it was given to */
    int stim_start_from, stim_start_to;
    /* The neuron axis's zoom: neurons [neuron_from, neuron_to) fill the
     * raster (neuron_to <= neuron_from, or a range not inside [0, n): all
     * n). Every neuron-axis formula above then reads i - neuron_from for i
     * and neuron_to - neuron_from for n; the ticks and the tip name the
     * neurons' own numbers. */
    int neuron_from, neuron_to;
} PlotView;

typedef struct Plot Plot;

/* Traced neuron j's colour (0 ... STEP_TRACE_MAX - 1) in style st. */
SDL_Color plot_trace_color(const PlotStyle *st, int j);

/* Loads the TTF font at font_px (the caller has called TTF_Init) and builds a
 * glyph atlas texture on r for ASCII 32..126 and a few symbols (₀..₉ σ × ÷ −
 * µ · ± ≤ ≥ ° … – — arrows). NULL with a message in err on failure. The Plot
 * must be destroyed before r. */
Plot *plot_create(SDL_Renderer *r, const char *font_path, int font_px,
                  char *err, size_t errlen);
/* Sends everything plot_draw draws to sink (draw.h: a vector figure)
 * instead of the renderer, in the same coordinates; NULL goes back to the
 * renderer. The sink must outlive its use. */
struct DrawSink;
void plot_set_sink(Plot *p, const struct DrawSink *sink);
/* Where the Plot draws (its renderer, or the sink set above): for a panel
 * drawn beside the figure in the same way (anapanel.c). */
struct Draw;
struct Draw *plot_draw_seam(Plot *p);
/* Frees the Plot, its font and textures; NULL is a no-op. */
void plot_destroy(Plot *p);

/* Draws the whole figure (background, axes, ticks, labels, raster, divider,
 * class words, trace) filling `area` of the current render target. h may be
 * NULL (empty axes). Spikes of neurons >= view->n are ignored. Returns 0, or
 * -1 on an SDL error (SDL_GetError() says which) or an area too small to
 * hold the figure (then nothing is drawn and SDL_SetError explains). */
int plot_draw(Plot *p, SDL_Rect area, const Hist *h, const PlotView *view,
              const PlotStyle *style);

/* Whether the figure of view fits in area (plot_draw would not fail for
 * want of room). */
int plot_fits(const Plot *p, SDL_Rect area, const PlotView *view);

/* The time (ms) at column x of the time axis as last drawn, in *t; 0 if x
 * is over the strips, -1 if not (then *t is still the time x maps to) or
 * nothing was drawn yet. */
int plot_time_at(const Plot *p, int x, int64_t *t);
/* The time axis's tick step (ms) as last drawn; 0, or -1 if nothing was. */
int plot_time_step(const Plot *p, int64_t *step);
/* A tick label as the axis draws it: t in ms ("9500") while the axis ends
 * (t_end) within PLOT_SECONDS_AFTER_MS, else in seconds with the decimals
 * the step needs: 0 from 1 s, 1 from 100 ms, 2 from 10 ms, else 3
 * ("607.6" for t = 607600 at step 100). Negative with U+2212. */
void plot_time_label(char *buf, size_t len, int64_t t, int64_t t_end, int64_t step);
/* The neuron row of the raster under pixel (x, y) as last drawn, or -1 if
 * the point is outside the raster panel or nothing was drawn yet. */
int plot_neuron_at(const Plot *p, int x, int y);
/* The neuron axis as last drawn: the neurons [*from, *to) shown; 0, or -1
 * if nothing was drawn yet. */
int plot_neuron_range(const Plot *p, int *from, int *to);
/* The neuron-axis value (fractional neurons, neuron_from at the raster's
 * bottom edge) at pixel row y as last drawn, rows outside the raster
 * included; -1 if nothing was drawn yet. */
double plot_neuron_value_at(const Plot *p, int y);
/* The raster's hover text at pixel (x, y) as last drawn, from h: a spike
 * whose mark covers the pixel named ("neuron 123 (excitatory): a spike at
 * 2.345 s"), else the neurons the pixel row covers ("neurons 120–123
 * (excitatory), 2.345 s"); when the row is one neuron's, when it spiked:
 * the spike nearest the pointer's time in the span shown and their number
 * ("neuron 123 (excitatory), 2.345 s: nearest spike 2.301 s, 4 in the
 * span shown", or "no spike in the span shown"); times in the axis's unit
 * (ms, or s beyond PLOT_SECONDS_AFTER_MS). 0, or -1 outside the raster or
 * before the first draw. *neuron (may be NULL): the one neuron named, or
 * -1 when the text names several. */
int plot_raster_tip(const Plot *p, const Hist *h, int n_exc, int x, int y, char *out, size_t len, int *neuron);
/* The raster / trace panel rects (inside the axis frame) as last drawn;
 * 0, or -1 if nothing was drawn yet. */
int plot_raster_rect(const Plot *p, SDL_Rect *out);
int plot_trace_rect(const Plot *p, SDL_Rect *out);
/* The rect of a PLOT_PANEL_RATE, _SPECTROGRAM or _SPECTRUM panel as last
 * drawn; 0, or -1 if it was not drawn. */
int plot_panel_rect(const Plot *p, unsigned panel, SDL_Rect *out);

/* Draws UTF-8 text with its top-left corner at (x, y); unknown characters
 * are drawn as '?'. Returns the width drawn in pixels, or -1 on SDL error. */
int plot_text(Plot *p, int x, int y, const char *utf8, SDL_Color c);
/* Width in pixels plot_text would draw. */
int plot_text_width(const Plot *p, const char *utf8);
/* Distance in pixels between two lines of text. */
int plot_line_height(const Plot *p);

#endif
