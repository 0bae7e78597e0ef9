/*
 * figure.c - Fig. 3 to PNG through an SDL software renderer on a surface,
 * or to SVG / PDF through cairo (vector.c) with the same layout.
 */
#include "figure.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include "analysis.h"
#include "anapanel.h"
#include "cli.h"
#include "draw.h"
#include "pngio.h"
#include "vector.h"

int figure_font_px(int width, int height)
{
    /* Scale with the smaller of height and a 4:3 width, like a fixed-size
     * matplotlib figure saved at a higher dpi. */
    int s = width * 3 / 4 < height ? width * 3 / 4 : height;
    int px = s / 40;
    return px < 8 ? 8 : px;
}

int figure_margin(int width, int height)
{
    int s = width * 3 / 4 < height ? width * 3 / 4 : height;
    return s / 40;
}

static void sdl_err(char *err, size_t errlen, const char *what)
{
    if (err && errlen) snprintf(err, errlen, "%s: %s", what, SDL_GetError());
}

/* What a figure draws in its area (Fig. 3 or the analysis). */
typedef int (*FigureDrawFn)(Plot *p, SDL_Rect area, const PlotStyle *st, const void *arg);

/* The figure drawn by fn into a PNG, SVG or PDF (figure_export's contract). */
static int export_with(FILE *fp, int format, int width, int height, const char *font_path,
                       const char *const *keys, const char *const *values, int n_text, char *err, size_t errlen,
                       FigureDrawFn fn, const void *arg)
{
    SDL_Surface *s = NULL;
    SDL_Renderer *r = NULL;
    Plot *p = NULL;
    Vector *vec = NULL;
    int ttf = 0, locked = 0, rc = -1;
    const PlotStyle *st = &PLOT_STYLE_PAPER;
    const int vector = format == FIGURE_FORMAT_SVG || format == FIGURE_FORMAT_PDF;

    if (!fp || !arg || !font_path || width < FIGURE_MIN_W || height < FIGURE_MIN_H ||
        width > 16384 || height > 16384) {
        if (err && errlen) snprintf(err, errlen, "figure_export: invalid argument");
        return -1;
    }
    if (TTF_Init() < 0) {
        if (err && errlen) snprintf(err, errlen, "TTF_Init: %s", TTF_GetError());
        goto done;
    }
    ttf = 1;
    /* RGBA32 is the byte order R, G, B, A on every host, as pngio wants.
     * A vector figure draws into cairo instead: the renderer (1 x 1) only
     * holds the font the layout measures text with. */
    s = SDL_CreateRGBSurfaceWithFormat(0, vector ? 1 : width, vector ? 1 : height, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s) { sdl_err(err, errlen, "creating the figure surface"); goto done; }
    r = SDL_CreateSoftwareRenderer(s);
    if (!r) { sdl_err(err, errlen, "creating the software renderer"); goto done; }
    const int font_px = figure_font_px(width, height);
    p = plot_create(r, font_path, font_px, err, errlen);
    if (!p) goto done;
    if (vector) {
        vec = vector_create(fp, format == FIGURE_FORMAT_SVG ? VECTOR_SVG : VECTOR_PDF, width, height, font_path,
                            font_px, keys, values, n_text, err, errlen);
        if (!vec) goto done;
        plot_set_sink(p, vector_sink(vec));
    }

    const int m = figure_margin(width, height);
    SDL_Rect area = {m, m, width - 2 * m, height - 2 * m};
    Draw clear = { .r = r, .sink = vec ? vector_sink(vec) : NULL };
    if (draw_color(&clear, st->bg) < 0 || draw_fill(&clear, 0, 0, width, height) < 0) {
        sdl_err(err, errlen, "clearing the figure");
        goto done;
    }
    if (fn(p, area, st, arg) < 0) { sdl_err(err, errlen, "drawing the figure"); goto done; }
    if (vec) {
        Vector *v = vec;
        vec = NULL;
        rc = vector_finish(v, err, errlen);
        goto done;
    }
    /* The renderer batches; make sure every command reached the surface. */
    if (SDL_RenderFlush(r) < 0) { sdl_err(err, errlen, "flushing the renderer"); goto done; }
    SDL_RenderPresent(r);
    if (SDL_MUSTLOCK(s)) {
        if (SDL_LockSurface(s) < 0) { sdl_err(err, errlen, "locking the figure surface"); goto done; }
        locked = 1;
    }
    rc = pngio_write(fp, s->pixels, s->w, s->h, s->pitch, keys, values, n_text, err, errlen);

done:
    vector_abort(vec);
    if (locked) SDL_UnlockSurface(s);
    plot_destroy(p);
    if (r) SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    if (ttf) TTF_Quit();
    return rc;
}

typedef struct Fig3 {
    const Hist *h;
    const PlotView *view;
} Fig3;

static int draw_fig3(Plot *p, SDL_Rect area, const PlotStyle *st, const void *arg)
{
    const Fig3 *f = arg;
    return plot_draw(p, area, f->h, f->view, st);
}

int figure_export(FILE *fp, int format, const Hist *h, const PlotView *view, int width, int height,
                  const char *font_path, const char *const *keys,
                  const char *const *values, int n_text, char *err, size_t errlen)
{
    const Fig3 f = { h, view };
    return export_with(fp, format, width, height, font_path, keys, values, n_text, err, errlen, draw_fig3,
                       view ? &f : NULL);
}

typedef struct FigAnalysis {
    const AnalysisResult *r;
    int64_t from, to;
} FigAnalysis;

static int draw_analysis(Plot *p, SDL_Rect area, const PlotStyle *st, const void *arg)
{
    const FigAnalysis *f = arg;
    const AnaPanelInfo info = { .from = f->from, .to = f->to, .shown_ms = f->to - f->from, .window = 0 };
    /* E and I told apart by colour (the window's paper theme), on the
     * figure's white */
    (void)st;
    return anapanel_draw(p, area, &PLOT_STYLE_PAPER_WINDOW, f->r, &info);
}

int figure_export_analysis(FILE *fp, int format, const AnalysisResult *r, int64_t from_ms, int64_t to_ms, int width,
                           int height, const char *font_path, const char *const *keys, const char *const *values,
                           int n_text, char *err, size_t errlen)
{
    const FigAnalysis f = { r, from_ms, to_ms };
    return export_with(fp, format, width, height, font_path, keys, values, n_text, err, errlen, draw_analysis,
                       r ? &f : NULL);
}
