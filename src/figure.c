/*
 * figure.c - Fig. 3 to PNG through an SDL software renderer on a surface.
 */
#include "figure.h"

#include <SDL.h>
#include <SDL_ttf.h>

#include "pngio.h"

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

int figure_export(FILE *fp, const Hist *h, const PlotView *view, int width, int height,
                  const char *font_path, const char *const *keys,
                  const char *const *values, int n_text, char *err, size_t errlen)
{
    SDL_Surface *s = NULL;
    SDL_Renderer *r = NULL;
    Plot *p = NULL;
    int ttf = 0, locked = 0, rc = -1;
    const PlotStyle *st = &PLOT_STYLE_PAPER;

    if (!fp || !view || !font_path || width < FIGURE_MIN_W || height < FIGURE_MIN_H ||
        width > 16384 || height > 16384) {
        if (err && errlen) snprintf(err, errlen, "figure_export: invalid argument");
        return -1;
    }
    if (TTF_Init() < 0) {
        if (err && errlen) snprintf(err, errlen, "TTF_Init: %s", TTF_GetError());
        goto done;
    }
    ttf = 1;
    /* RGBA32 is the byte order R, G, B, A on every host, as pngio wants. */
    s = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s) { sdl_err(err, errlen, "creating the figure surface"); goto done; }
    r = SDL_CreateSoftwareRenderer(s);
    if (!r) { sdl_err(err, errlen, "creating the software renderer"); goto done; }
    p = plot_create(r, font_path, figure_font_px(width, height), err, errlen);
    if (!p) goto done;

    const int m = figure_margin(width, height);
    SDL_Rect area = {m, m, width - 2 * m, height - 2 * m};
    if (SDL_SetRenderDrawColor(r, st->bg.r, st->bg.g, st->bg.b, 255) < 0 ||
        SDL_RenderClear(r) < 0) {
        sdl_err(err, errlen, "clearing the figure");
        goto done;
    }
    if (plot_draw(p, area, h, view, st) < 0) { sdl_err(err, errlen, "drawing the figure"); goto done; }
    /* The renderer batches; make sure every command reached the surface. */
    if (SDL_RenderFlush(r) < 0) { sdl_err(err, errlen, "flushing the renderer"); goto done; }
    SDL_RenderPresent(r);
    if (SDL_MUSTLOCK(s)) {
        if (SDL_LockSurface(s) < 0) { sdl_err(err, errlen, "locking the figure surface"); goto done; }
        locked = 1;
    }
    rc = pngio_write(fp, s->pixels, s->w, s->h, s->pitch, keys, values, n_text, err, errlen);

done:
    if (locked) SDL_UnlockSurface(s);
    plot_destroy(p);
    if (r) SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    if (ttf) TTF_Quit();
    return rc;
}
