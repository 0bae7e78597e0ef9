/*
 * figure.h - the headless Fig. 3 export: draws the plot module's figure
 * with PLOT_STYLE_PAPER into an offscreen software renderer and writes it as
 * a PNG. Needs no window, no display and no SDL_Init (works with
 * SDL_VIDEODRIVER=dummy). Nothing is printed.
 */
#ifndef IZHI_FIGURE_H
#define IZHI_FIGURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"      /* FIGURE_FORMAT_* */
#include "hist.h"
#include "plot.h"

/* Size of the exported figure, pixels. */
#define FIGURE_DEFAULT_W 1600
#define FIGURE_DEFAULT_H 1200
#define FIGURE_MIN_W 320
#define FIGURE_MIN_H 240

/* Font size, pixels, used for a width x height figure (30 at the default). */
int figure_font_px(int width, int height);
/* The margin around the plot area, pixels (30 at the default): the plot
 * fills {m, m, width - 2m, height - 2m}. */
int figure_margin(int width, int height);

/* Draws the window of h given by view (see plot.h; h may be NULL for empty
 * axes) as a width x height figure with the TrueType font at font_path and
 * writes it to fp in format (FIGURE_FORMAT_PNG, _SVG or _PDF, cli.h): a
 * PNG with the given text chunks (see pngio.h), or the same drawing as
 * SVG / PDF with the text as its metadata (see vector.h). Calls
 * TTF_Init/TTF_Quit itself (they nest). Returns 0, or -1 with a message in
 * err. fp is not closed. */
int figure_export(FILE *fp, int format, const Hist *h, const PlotView *view, int width, int height,
                  const char *font_path, const char *const *keys,
                  const char *const *values, int n_text, char *err, size_t errlen);

/* The analysis figure (--figure analysis, anapanel.h): the histograms,
 * correlograms and readouts of r, the measures of [from_ms, to_ms), drawn
 * and written as figure_export does. */
struct AnalysisResult;
int figure_export_analysis(FILE *fp, int format, const struct AnalysisResult *r, int64_t from_ms, int64_t to_ms,
                           int width, int height, const char *font_path, const char *const *keys,
                           const char *const *values, int n_text, char *err, size_t errlen);

#endif
