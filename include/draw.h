/*
 * draw.h - where plot.c, panels.c and text.c send what they draw: an
 * SDL_Renderer (the window, the PNG export), or a DrawSink that turns each
 * primitive into vector output (vector.c: SVG and PDF through cairo).
 *
 * The figure code draws once, through these calls, in the same pixel
 * coordinates either way, so a vector figure has exactly the PNG's layout.
 * A sink receives whole primitives, not pixels:
 *   - rect:  a filled axis-aligned rectangle (frames, ticks, boxes, marks);
 *   - lines: a polyline of 1 px wide segments between pixel centres, drawn
 *            lw times shifted right (then down) in SDL: as a vector, the
 *            stroke of width lw through (x + lw / 2, y + lw / 2);
 *   - text:  UTF-8 with its baseline starting at (x, y), each character's
 *            pen position given (the glyph advances of the PNG's font), or
 *            turned a quarter anticlockwise about (x, y) (reading upwards);
 *   - image: w x h opaque ARGB8888 pixels stretched onto dst (the
 *            spectrogram, and the raster above PLOT_VECTOR_MAX_MARKS).
 * Render (main) thread only, like the renderer.
 */
#ifndef IZHI_DRAW_H
#define IZHI_DRAW_H

#include <stdint.h>

#include <SDL.h>

typedef struct DrawSink {
    void *ctx;
    void (*rect)(void *ctx, SDL_Color c, double x, double y, double w, double h);
    void (*lines)(void *ctx, SDL_Color c, const SDL_Point *pts, int n, int lw);
    void (*text)(void *ctx, SDL_Color c, double x, double y, int up, const char *utf8,
                 const int *pen, int n);
    void (*image)(void *ctx, const uint32_t *argb, int w, int h, int stride_px, SDL_Rect dst);
} DrawSink;

/* A renderer and, when set, the sink that replaces it. */
typedef struct Draw {
    SDL_Renderer *r;
    const DrawSink *sink;
    SDL_Color c;              /* the colour of the next rect / lines */
    uint32_t *pix;            /* pixels handed to the sink (draw_pixels_*) */
    size_t pix_cap;
} Draw;

/* Each returns 0, or -1 on an SDL error (the sink cannot fail: a vector
 * surface reports its own errors when it is finished). */
int draw_color(Draw *d, SDL_Color c);
int draw_fill(Draw *d, int x, int y, int w, int h);
/* A 1 px polyline of n >= 1 points, lw times shifted (see above). */
int draw_lines(Draw *d, SDL_Point *pts, int n, int lw);

/* Pixels for a streaming texture (ARGB8888) of w x h: the texture's own,
 * locked, or with a sink a buffer of the Draw; then draw_pixels_end shows
 * them stretched onto dst. */
int draw_pixels_begin(Draw *d, SDL_Texture *tex, int w, int h, void **pix, int *pitch);
int draw_pixels_end(Draw *d, SDL_Texture *tex, int w, int h, SDL_Rect dst);

void draw_free(Draw *d);

#endif
