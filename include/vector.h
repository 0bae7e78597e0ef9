/*
 * vector.h - SVG and PDF figures through cairo: a DrawSink (draw.h) that
 * turns the figure's primitives into a cairo surface streaming to a FILE.
 *
 * Units: the figure is drawn in the PNG's pixel coordinates. The SVG's
 * user unit is that pixel (width="1600px" for the default figure); the PDF
 * page is 72 / VECTOR_PDF_DPI inch per pixel, so the 1600 x 1200 figure is
 * a 10 x 7.5 inch page (720 x 540 pt) and its 30 px text 13.5 pt.
 *
 * Text is set in the PNG's font (FreeType, the same file and em size) at
 * the PNG's pen positions. In the PDF it is text: the font is embedded as
 * a subset with its Unicode map, so the words can be searched and copied
 * (pdftotext reads them). cairo's SVG writer has no text element: it
 * defines each glyph's outline once and places it, so the SVG's text is
 * exact vector shapes, not editable characters.
 *
 * The run's parameters travel as the PNG's text chunks do: in the PDF's
 * Subject ("key: value; ..."), in the SVG as a comment after the XML
 * declaration ("key: value" lines).
 */
#ifndef IZHI_VECTOR_H
#define IZHI_VECTOR_H

#include <stddef.h>
#include <stdio.h>

#include "draw.h"

#define VECTOR_PDF_DPI 160

typedef enum { VECTOR_SVG, VECTOR_PDF } VectorFormat;

typedef struct Vector Vector;

/* A width x height (pixels) figure of format writing to fp (not closed),
 * text in font_path at font_px. NULL with a message in err on failure. */
Vector *vector_create(FILE *fp, VectorFormat format, int width, int height, const char *font_path,
                      int font_px, const char *const *keys, const char *const *values, int n_text,
                      char *err, size_t errlen);
/* The sink to hand to plot_set_sink. */
const DrawSink *vector_sink(Vector *v);
/* Completes the file and frees v: 0, or -1 with a message in err (a cairo
 * error or a failed write). */
int vector_finish(Vector *v, char *err, size_t errlen);
/* Frees v without completing the file (after an error elsewhere). */
void vector_abort(Vector *v);
/* The text that follows is set at px (a figure with text of several
 * sizes, each measured by its own Text: the map's, sweepfig.c). */
void vector_font_px(Vector *v, int px);

#endif
