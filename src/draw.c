/*
 * draw.c - the renderer or the vector sink (see draw.h).
 */
#include "draw.h"

#include <stdlib.h>

int draw_color(Draw *d, SDL_Color c)
{
    d->c = c;
    if (d->sink) return 0;
    return SDL_SetRenderDrawColor(d->r, c.r, c.g, c.b, c.a) < 0 ? -1 : 0;
}

int draw_fill(Draw *d, int x, int y, int w, int h)
{
    if (d->sink) {
        if (w > 0 && h > 0) d->sink->rect(d->sink->ctx, d->c, x, y, w, h);
        return 0;
    }
    SDL_Rect q = {x, y, w, h};
    return SDL_RenderFillRect(d->r, &q) < 0 ? -1 : 0;
}

int draw_lines(Draw *d, SDL_Point *pts, int n, int lw)
{
    if (n <= 0) return 0;
    if (lw < 1) lw = 1;
    if (d->sink) {
        d->sink->lines(d->sink->ctx, d->c, pts, n, lw);
        return 0;
    }
    /* Thick lines as copies shifted right and down: the software renderer
     * has no wide lines and this keeps every pixel of the 1 px line. */
    int bad = 0;
    for (int k = 0; k < 2 * lw - 1; k++) {
        int dx = k < lw ? k : 0, dy = k < lw ? 0 : k - lw + 1;
        for (int i = 0; i < n; i++) { pts[i].x += dx; pts[i].y += dy; }
        if (n == 1) bad |= SDL_RenderDrawPoint(d->r, pts[0].x, pts[0].y) < 0;
        else bad |= SDL_RenderDrawLines(d->r, pts, n) < 0;
        for (int i = 0; i < n; i++) { pts[i].x -= dx; pts[i].y -= dy; }
    }
    return bad ? -1 : 0;
}

int draw_pixels_begin(Draw *d, SDL_Texture *tex, int w, int h, void **pix, int *pitch)
{
    if (!d->sink) return SDL_LockTexture(tex, NULL, pix, pitch) < 0 ? -1 : 0;
    size_t need = (size_t)w * (size_t)h;
    if (need > d->pix_cap) {
        uint32_t *q = realloc(d->pix, need * sizeof *q);
        if (!q) return SDL_OutOfMemory();
        d->pix = q;
        d->pix_cap = need;
    }
    *pix = d->pix;
    *pitch = w * 4;
    return 0;
}

int draw_pixels_end(Draw *d, SDL_Texture *tex, int w, int h, SDL_Rect dst)
{
    if (d->sink) {
        d->sink->image(d->sink->ctx, d->pix, w, h, w, dst);
        return 0;
    }
    SDL_UnlockTexture(tex);
    return SDL_RenderCopy(d->r, tex, NULL, &dst) < 0 ? -1 : 0;
}

void draw_free(Draw *d)
{
    free(d->pix);
    d->pix = NULL;
    d->pix_cap = 0;
}
