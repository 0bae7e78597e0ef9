/*
 * sweepfig.h - the map's figure (issue 19): heat maps of a sweep (sweep.h)
 * over its one or two parameters: the excitatory and inhibitory rates, the
 * dominant rhythm's frequency with each cell's band as a letter, and its
 * strength. PNG through an SDL software renderer, SVG / PDF through cairo
 * (vector.c), as figure.h. Nothing printed. izhiscope-gfx only (the lean
 * binary hands --export to it; gfx_none.c answers otherwise).
 */
#ifndef IZHI_SWEEPFIG_H
#define IZHI_SWEEPFIG_H

#include <stddef.h>
#include <stdio.h>

#include "sweep.h"

/* Draws the map of rows (sweep.h's order, seeds runs a point) as a width x
 * height figure with the font at font_path and writes it to fp in format
 * (FIGURE_FORMAT_*, cli.h) with the text chunks / metadata keys = values.
 * 0, or -1 with a message in err. fp is not closed. */
int sweepfig_export(FILE *fp, int format, const SweepSpec *spec, int seeds, const SweepRow *rows, const char *title,
                    int width, int height, const char *font_path, const char *const *keys,
                    const char *const *values, int n_text, char *err, size_t errlen);

/* The one colouring of a map cell, the figure's and the window's map
 * panel's: viridis of (v - lo) / (hi - lo), grey where v is NAN (no clear
 * rhythm). */
#include <SDL.h>
SDL_Color sweepfig_viridis(double t);
SDL_Color sweepfig_color(double v, double lo, double hi);
/* The dominant rhythm's frequency as the frequency map shows it (NAN: none). */
double sweepfig_rhythm_hz(const SweepCell *c);

#endif
