/*
 * sweepfig.c - the map's figure (sweepfig.h): four heat maps of a sweep's
 * cells (sweep_cell: the means over a point's seeds), drawn through draw.h
 * and text.h into an SDL software renderer (PNG) or a cairo sink (SVG,
 * PDF), as figure.c draws Fig. 3. The colours are viridis (perceptually
 * uniform, readable in grey and with every colour-vision deficiency); a
 * cell with no clear rhythm is grey, and the frequency map names each
 * cell's band by its letter.
 */
#include "sweepfig.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "cli.h"
#include "draw.h"
#include "figure.h"
#include "pngio.h"
#include "text.h"
#include "vector.h"

static const SDL_Color FG = { 0, 0, 0, 255 }, BG = { 255, 255, 255, 255 }, NONE = { 0xc8, 0xc8, 0xc8, 255 };

/* viridis at 0, 1/4, 1/2, 3/4, 1 (matplotlib's), linearly between */
SDL_Color sweepfig_viridis(double t)
{
    static const unsigned char stop[5][3] = {
        { 0x44, 0x01, 0x54 }, { 0x3b, 0x52, 0x8b }, { 0x21, 0x91, 0x8c }, { 0x5e, 0xc9, 0x62 }, { 0xfd, 0xe7, 0x25 },
    };
    if (!(t > 0)) t = 0;
    if (t > 1) t = 1;
    int k = t >= 1 ? 3 : (int)(t * 4);
    double f = t * 4 - k;
    SDL_Color c = { 0, 0, 0, 255 };
    c.r = (Uint8)lround(stop[k][0] + f * (stop[k + 1][0] - stop[k][0]));
    c.g = (Uint8)lround(stop[k][1] + f * (stop[k + 1][1] - stop[k][1]));
    c.b = (Uint8)lround(stop[k][2] + f * (stop[k + 1][2] - stop[k][2]));
    return c;
}

SDL_Color sweepfig_color(double v, double lo, double hi)
{
    return isnan(v) ? NONE : sweepfig_viridis(hi > lo ? (v - lo) / (hi - lo) : 0);
}

double sweepfig_rhythm_hz(const SweepCell *c) { return c->band >= 0 ? c->hz : NAN; }

enum { MAP_RATE_E, MAP_RATE_I, MAP_FREQ, MAP_STRENGTH, N_MAPS };

typedef struct Fig {
    Draw d;
    Text *text, *small, *tiny;     /* titles, labels, the cells' letters */
    int px[3];                     /* their sizes (a vector figure sets each) */
    Vector *vec;
    const SweepSpec *spec;
    const SweepCell *cells;     /* [i0 * n1 + i1] */
    int n0, n1;
} Fig;

/* A cell's value in map m, or NAN when it has none (no clear rhythm). */
static double cell_value(const SweepCell *c, int m)
{
    switch (m) {
    case MAP_RATE_E: return c->rate_e;
    case MAP_RATE_I: return c->rate_i;
    case MAP_FREQ: return sweepfig_rhythm_hz(c);
    default: return c->band >= 0 ? 100.0 * c->strength : NAN;
    }
}

static int fill(Fig *f, SDL_Color c, int x, int y, int w, int h)
{
    if (w <= 0 || h <= 0) return 0;
    return draw_color(&f->d, c) < 0 || draw_fill(&f->d, x, y, w, h) < 0 ? -1 : 0;
}

static int text_at(Fig *f, Text *t, int x, int y, const char *s, SDL_Color c)
{
    if (f->vec) vector_font_px(f->vec, t == f->text ? f->px[0] : t == f->small ? f->px[1] : f->px[2]);
    return text_draw(t, x, y, s, c) < 0 ? -1 : 0;
}

/* Labels along an axis of n cells of size px: every k-th, k such that they
 * do not crowd (a label's width and a half apart). */
static int label_every(Fig *f, const SweepAxis *a, int px)
{
    int widest = 1;
    for (int i = 0; i < a->count; i++) {
        char v[32];
        sweep_value_text(a, i, v, sizeof v);
        int w = text_width(f->small, v);
        if (w > widest) widest = w;
    }
    int k = (int)ceil(1.5 * widest / (px > 0 ? px : 1));
    return k < 1 ? 1 : k;
}

/* Map m in rect {x, y, w, h}: title, cells, axes, colour bar. */
static int draw_map(Fig *f, int m, int x, int y, int w, int h)
{
    static const char *const title[N_MAPS] = {
        "excitatory rate, Hz", "inhibitory rate, Hz", "dominant rhythm, Hz (letter: its band)",
        "its strength, % of the mean rate",
    };
    const int lh = text_line_height(f->text), sh = text_line_height(f->small);
    const SweepAxis *ax = &f->spec->axis[0], *ay = f->spec->naxes > 1 ? &f->spec->axis[1] : NULL;
    if (text_at(f, f->text, x, y, title[m], FG) < 0) return -1;
    /* the y labels' width */
    int ylw = 0;
    for (int i = 0; ay && i < ay->count; i++) {
        char v[32];
        sweep_value_text(ay, i, v, sizeof v);
        int tw = text_width(f->small, v);
        if (tw > ylw) ylw = tw;
    }
    const int bar_w = sh, bar_gap = sh, bar_lw = text_width(f->small, "000.0") + sh / 2;
    const int mx = x + ylw + sh / 2, my = y + lh + (ay ? sh + sh / 2 : sh / 2);
    const int mw = w - (mx - x) - bar_gap - bar_w - bar_lw, mh = h - (my - y) - 2 * sh - sh / 2;
    if (mw < f->n0 || mh < f->n1) { SDL_SetError("the figure is too small for the map"); return -1; }
    /* value range over the cells that have one */
    double lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < f->n0 * f->n1; i++) {
        double v = cell_value(&f->cells[i], m);
        if (isnan(v)) continue;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
    }
    if (m != MAP_FREQ && lo > 0) lo = 0;        /* rates and strengths from 0 */
    if (!(hi > lo)) hi = lo + 1;
    if (isinf(lo)) { lo = 0; hi = 1; }
    /* cells: column i0 from the left, row i1 from the bottom */
    for (int i0 = 0; i0 < f->n0; i0++)
        for (int i1 = 0; i1 < f->n1; i1++) {
            const SweepCell *c = &f->cells[i0 * f->n1 + i1];
            int x0 = mx + (int)((int64_t)mw * i0 / f->n0), x1 = mx + (int)((int64_t)mw * (i0 + 1) / f->n0);
            int y1 = my + mh - (int)((int64_t)mh * i1 / f->n1), y0 = my + mh - (int)((int64_t)mh * (i1 + 1) / f->n1);
            double v = cell_value(c, m);
            double t = isnan(v) ? 0 : (v - lo) / (hi - lo);
            /* one pixel over the next cell (drawn after it covers it): a
             * vector renderer's anti-aliasing leaves no seam between them */
            const int over_x = i0 + 1 < f->n0, over_y = i1 > 0;
            if (fill(f, sweepfig_color(v, lo, hi), x0, y0, x1 - x0 + over_x, y1 - y0 + over_y) < 0) return -1;
            if (m == MAP_FREQ && c->band >= 0) {
                char letter[2] = { RHYTHM_BANDS[c->band].name[0], 0 };
                /* the largest of the three sizes the cell holds */
                Text *const sizes[3] = { f->text, f->small, f->tiny };
                for (int k = 0; k < 3; k++) {
                    int tw = text_width(sizes[k], letter), th = text_line_height(sizes[k]);
                    if (tw + 2 > x1 - x0 || th > y1 - y0 + 2) continue;
                    if (text_at(f, sizes[k], (x0 + x1 - tw) / 2, (y0 + y1 - th) / 2, letter, t < 0.55 ? BG : FG) < 0)
                        return -1;
                    break;
                }
            }
        }
    /* x axis: labels under the cells' centres, its name at the right end */
    const int kx = label_every(f, ax, mw / f->n0);
    for (int i = 0; i < ax->count; i += kx) {
        char v[32];
        sweep_value_text(ax, i, v, sizeof v);
        int cx = mx + (int)((int64_t)mw * (2 * i + 1) / (2 * f->n0));
        if (fill(f, FG, cx, my + mh, 1, sh / 3) < 0 ||
            text_at(f, f->small, cx - text_width(f->small, v) / 2, my + mh + sh / 3, v, FG) < 0)
            return -1;
    }
    char name[64];
    snprintf(name, sizeof name, "%s \xe2\x86\x92", ax->knob->name);
    if (text_at(f, f->small, mx + mw - text_width(f->small, name), my + mh + sh + sh / 3, name, FG) < 0) return -1;
    if (ay) {
        const double ch = mh / (double)f->n1;
        const int ky = ch >= 1.2 * sh ? 1 : (int)ceil(1.2 * sh / ch);
        for (int i = 0; i < ay->count; i += ky) {
            char v[32];
            sweep_value_text(ay, i, v, sizeof v);
            int cy = my + mh - (int)((int64_t)mh * (2 * i + 1) / (2 * f->n1));
            if (text_at(f, f->small, mx - sh / 4 - text_width(f->small, v), cy - sh / 2, v, FG) < 0) return -1;
        }
        snprintf(name, sizeof name, "\xe2\x86\x91 %s", ay->knob->name);
        if (text_at(f, f->small, x, my - sh - sh / 4, name, FG) < 0) return -1;
    }
    /* the colour bar with its ends' values */
    const int bx = mx + mw + bar_gap;
    for (int k = 0; k < mh; k += 4)
        if (fill(f, sweepfig_viridis(1.0 - (k + 2.0) / mh), bx, my + k, bar_w, k + 5 < mh ? 5 : mh - k) < 0) return -1;
    char v[32];
    snprintf(v, sizeof v, "%.3g", hi);
    if (text_at(f, f->small, bx + bar_w + sh / 4, my, v, FG) < 0) return -1;
    snprintf(v, sizeof v, "%.3g", lo);
    if (text_at(f, f->small, bx + bar_w + sh / 4, my + mh - sh, v, FG) < 0) return -1;
    return 0;
}

static int draw_all(Fig *f, int width, int height, const char *title, int seeds)
{
    const int m = figure_margin(width, height), lh = text_line_height(f->text), sh = text_line_height(f->small);
    if (fill(f, BG, 0, 0, width, height) < 0) return -1;
    char head[600];
    snprintf(head, sizeof head, "izhiscope map: %s (%d seed%s a point%s)", title, seeds, seeds == 1 ? "" : "s",
             seeds > 1 ? ", means" : "");
    if (text_at(f, f->text, m, m, head, FG) < 0) return -1;
    /* the bands' letters, under it */
    char legend[400];
    size_t at = (size_t)snprintf(legend, sizeof legend, "bands:");
    for (int b = 0; b < RHYTHM_NBANDS && at < sizeof legend; b++)
        at += (size_t)snprintf(legend + at, sizeof legend - at, "  %c %s %g\xe2\x80\x93%g Hz", RHYTHM_BANDS[b].name[0],
                               RHYTHM_BANDS[b].name, RHYTHM_BANDS[b].lo_hz, RHYTHM_BANDS[b].hi_hz);
    if (at < sizeof legend) snprintf(legend + at, sizeof legend - at, ";  grey: no clear rhythm");
    if (text_at(f, f->small, m, m + lh, legend, FG) < 0) return -1;
    const int top = m + lh + sh + sh / 2, gap = 2 * sh;
    const int pw = (width - 2 * m - gap) / 2, ph = (height - top - m - gap) / 2;
    for (int k = 0; k < N_MAPS; k++)
        if (draw_map(f, k, m + (k % 2) * (pw + gap), top + (k / 2) * (ph + gap), pw, ph) < 0) return -1;
    return 0;
}

int sweepfig_export(FILE *fp, int format, const SweepSpec *spec, int seeds, const SweepRow *rows, const char *title,
                    int width, int height, const char *font_path, const char *const *keys,
                    const char *const *values, int n_text, char *err, size_t errlen)
{
    SDL_Surface *s = NULL;
    SDL_Renderer *r = NULL;
    Vector *vec = NULL;
    Fig f;
    memset(&f, 0, sizeof f);
    int ttf = 0, locked = 0, rc = -1;
    const int vector = format == FIGURE_FORMAT_SVG || format == FIGURE_FORMAT_PDF;
    if (!fp || !spec || spec->naxes < 1 || !rows || !font_path || width < FIGURE_MIN_W || height < FIGURE_MIN_H ||
        width > 16384 || height > 16384) {
        snprintf(err, errlen, "sweepfig_export: invalid argument");
        return -1;
    }
    f.spec = spec;
    f.n0 = spec->axis[0].count;
    f.n1 = spec->naxes > 1 ? spec->axis[1].count : 1;
    SweepCell *cells = calloc((size_t)f.n0 * (size_t)f.n1, sizeof *cells);
    if (!cells) { snprintf(err, errlen, "out of memory for the map's cells"); return -1; }
    for (int i0 = 0; i0 < f.n0; i0++)
        for (int i1 = 0; i1 < f.n1; i1++) sweep_cell(spec, seeds, rows, i0, i1, &cells[i0 * f.n1 + i1]);
    f.cells = cells;
    if (TTF_Init() < 0) { snprintf(err, errlen, "TTF_Init: %s", TTF_GetError()); goto done; }
    ttf = 1;
    s = SDL_CreateRGBSurfaceWithFormat(0, vector ? 1 : width, vector ? 1 : height, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s || !(r = SDL_CreateSoftwareRenderer(s))) {
        snprintf(err, errlen, "creating the figure's renderer: %s", SDL_GetError());
        goto done;
    }
    const int font_px = figure_font_px(width, height);
    f.px[0] = font_px;
    f.px[1] = font_px * 2 / 3;
    f.px[2] = font_px / 2;
    if (!(f.text = text_create(r, font_path, f.px[0], err, errlen)) ||
        !(f.small = text_create(r, font_path, f.px[1], err, errlen)) ||
        !(f.tiny = text_create(r, font_path, f.px[2], err, errlen)))
        goto done;
    f.d.r = r;
    if (vector) {
        vec = vector_create(fp, format == FIGURE_FORMAT_SVG ? VECTOR_SVG : VECTOR_PDF, width, height, font_path,
                            font_px, keys, values, n_text, err, errlen);
        if (!vec) goto done;
        f.d.sink = vector_sink(vec);
        f.vec = vec;
        text_set_sink(f.text, f.d.sink);
        text_set_sink(f.small, f.d.sink);
        text_set_sink(f.tiny, f.d.sink);
    }
    if (draw_all(&f, width, height, title, seeds) < 0) {
        snprintf(err, errlen, "drawing the map: %s", SDL_GetError());
        goto done;
    }
    if (vec) {
        Vector *v = vec;
        vec = f.vec = NULL;
        rc = vector_finish(v, err, errlen);
        goto done;
    }
    if (SDL_RenderFlush(r) < 0) { snprintf(err, errlen, "flushing the renderer: %s", SDL_GetError()); goto done; }
    SDL_RenderPresent(r);
    if (SDL_MUSTLOCK(s)) {
        if (SDL_LockSurface(s) < 0) { snprintf(err, errlen, "locking the surface: %s", SDL_GetError()); goto done; }
        locked = 1;
    }
    rc = pngio_write(fp, s->pixels, s->w, s->h, s->pitch, keys, values, n_text, err, errlen);
done:
    vector_abort(vec);
    if (locked) SDL_UnlockSurface(s);
    text_destroy(f.tiny);
    text_destroy(f.small);
    text_destroy(f.text);
    draw_free(&f.d);
    if (r) SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    if (ttf) TTF_Quit();
    free(cells);
    return rc;
}
