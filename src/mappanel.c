/*
 * mappanel.c - the window's map panel (mappanel.h).
 */
#include "mappanel.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sweepfig.h"

#define SIGMA "\xcf\x83"

static SDL_Color mix(SDL_Color c, SDL_Color bg, double a)
{
    SDL_Color o = { (Uint8)lround(bg.r + a * (c.r - bg.r)), (Uint8)lround(bg.g + a * (c.g - bg.g)),
                    (Uint8)lround(bg.b + a * (c.b - bg.b)), 255 };
    return o;
}

/* A value of axis a as a continuous pixel offset in a span of len (cell
 * centres at (i + 1/2) len / n). */
static double axis_px(const SweepAxis *a, int len, double v)
{
    return ((v - a->from) / a->step + 0.5) * len / a->count;
}

void mappanel_cell_text(const Map *m, int i0, int i1, char *out, size_t len)
{
    char e[32], i[32];
    sweep_value_text(&m->spec.axis[0], i0, e, sizeof e);
    sweep_value_text(&m->spec.axis[1], i1, i, sizeof i);
    const int c = i0 * m->n1 + i1;
    if (!m->seen[c]) { snprintf(out, len, SIGMA "E %s, " SIGMA "I %s: not computed yet", e, i); return; }
    SweepCell cell;
    map_cell(m, i0, i1, &cell);
    int at = snprintf(out, len, SIGMA "E %s, " SIGMA "I %s: E %.2f Hz, I %.2f Hz; ", e, i, cell.rate_e, cell.rate_i);
    if (at < 0 || (size_t)at >= len) return;
    if (cell.band >= 0)
        at += snprintf(out + at, len - (size_t)at, "%s %.1f Hz, strength %.0f%%", RHYTHM_BANDS[cell.band].name,
                       rhythm_shown_hz(cell.hz), 100.0 * cell.strength);
    else
        at += snprintf(out + at, len - (size_t)at, "no clear rhythm");
    if (cell.runaway && at > 0 && (size_t)at < len) snprintf(out + at, len - (size_t)at, "; ran away");
}

int mappanel_cell_at(const Map *m, SDL_Rect cells, int x, int y, int *i0, int *i1)
{
    if (cells.w <= 0 || cells.h <= 0) return -1;
    int a = map_cell_at(cells.w, m->n0, x - cells.x), b = map_cell_at(cells.h, m->n1, y - cells.y);
    if (a < 0 || b < 0) return -1;
    *i0 = a;
    *i1 = m->n1 - 1 - b;        /* rows from the bottom */
    return 0;
}

int mappanel_draw(Map *m, Plot *p, SDL_Renderer *ren, SDL_Rect P, const PlotStyle *st, const MapPanelView *v,
                  MapPanelDrawn *out)
{
    memset(out, 0, sizeof *out);
    const int lh = plot_line_height(p), em = plot_text_width(p, "m");
    const int done = map_refresh(m);
    char line[160];
    plot_text(p, P.x, P.y, "rhythm map, " SIGMA "E \xc3\x97 " SIGMA "I (A)", st->fg);
    if (done < m->ncells) snprintf(line, sizeof line, "computing: %d of %d points", done, m->ncells);
    else snprintf(line, sizeof line, "%d points, %s", m->ncells, v->source);
    plot_text(p, P.x, P.y + lh, line, st->fg);
    /* the y labels' width: the widest of the noise-i values */
    const SweepAxis *ax = &m->spec.axis[0], *ay = &m->spec.axis[1];
    int ylw = 0;
    for (int i = 0; i < ay->count; i++) {
        char t[32];
        sweep_value_text(ay, i, t, sizeof t);
        if (plot_text_width(p, t) > ylw) ylw = plot_text_width(p, t);
    }
    const int legend_h = 4 * lh;
    const int gx = P.x + plot_text_width(p, SIGMA "I") + ylw + em, gy = P.y + 2 * lh + lh / 2;
    int side = P.w - (gx - P.x) - em;
    if (side > P.h - (gy - P.y) - 2 * lh - legend_h - lh / 2) side = P.h - (gy - P.y) - 2 * lh - legend_h - lh / 2;
    if (side < 2 * m->n0 || side < 2 * m->n1) return 0;   /* no room: the title only */
    const SDL_Rect G = { gx, gy, side, side };
    out->cells = G;
    /* what each cell shows, and the colour range over the computed cells */
    int *shown = malloc((size_t)m->ncells * sizeof *shown);
    SweepCell *cell = malloc((size_t)m->ncells * sizeof *cell);
    if (!shown || !cell) { free(shown); free(cell); return -1; }
    map_nearest(m->n0, m->n1, m->seen, shown);
    double lo = INFINITY, hi = -INFINITY, smax = 0;
    for (int c = 0; c < m->ncells; c++) {
        if (!m->seen[c]) continue;
        map_cell(m, c / m->n1, c % m->n1, &cell[c]);
        double hz = sweepfig_rhythm_hz(&cell[c]);
        if (isnan(hz)) continue;
        if (hz < lo) lo = hz;
        if (hz > hi) hi = hz;
        if (cell[c].strength > smax) smax = cell[c].strength;
    }
    if (!(hi > lo)) hi = lo + 1;
    for (int i0 = 0; i0 < m->n0; i0++)
        for (int i1 = 0; i1 < m->n1; i1++) {
            const int c = i0 * m->n1 + i1, s = shown[c];
            const int x0 = G.x + map_cell_start(G.w, m->n0, i0), x1 = G.x + map_cell_start(G.w, m->n0, i0 + 1);
            const int y0 = G.y + map_cell_start(G.h, m->n1, m->n1 - 1 - i1);
            const int y1 = G.y + map_cell_start(G.h, m->n1, m->n1 - i1);
            SDL_Color col = st->bg;
            if (s >= 0) {
                const double hz = sweepfig_rhythm_hz(&cell[s]);
                col = sweepfig_color(hz, lo, hi);
                if (!isnan(hz) && smax > 0) col = mix(col, st->bg, 0.35 + 0.65 * cell[s].strength / smax);
            }
            SDL_SetRenderDrawColor(ren, col.r, col.g, col.b, 255);
            SDL_RenderFillRect(ren, &(SDL_Rect){ x0, y0, x1 - x0, y1 - y0 });
            /* the band's letter, on computed cells big enough (else the bar's) */
            if (s == c && cell[c].band >= 0 && x1 - x0 >= lh && y1 - y0 >= lh) {
                const char *letter = RHYTHM_BANDS[cell[c].band].symbol;
                const int lum = col.r * 3 + col.g * 6 + col.b;
                SDL_Color tc = lum > 1300 ? (SDL_Color){ 0, 0, 0, 255 } : (SDL_Color){ 255, 255, 255, 255 };
                plot_text(p, (x0 + x1 - plot_text_width(p, letter)) / 2, (y0 + y1 - lh) / 2, letter, tc);
            }
        }
    free(shown);
    free(cell);
    SDL_SetRenderDrawColor(ren, st->fg.r, st->fg.g, st->fg.b, 255);
    SDL_RenderDrawRect(ren, &(SDL_Rect){ G.x - 1, G.y - 1, G.w + 2, G.h + 2 });
    /* tick labels: every k-th value, k keeping them apart */
    char t[32];
    sweep_value_text(ax, ax->count - 1, t, sizeof t);
    int kx = (int)ceil(2.0 * plot_text_width(p, t) * ax->count / G.w);
    int ky = (int)ceil(2.0 * lh * ay->count / G.h);
    while (kx < ax->count && (ax->count - 1) % kx) kx++;
    while (ky < ay->count && (ay->count - 1) % ky) ky++;
    for (int i = 0; i < ax->count; i += kx < 1 ? 1 : kx) {
        sweep_value_text(ax, i, t, sizeof t);
        const int cx = G.x + (int)axis_px(ax, G.w, sweep_value(ax, i));
        plot_text(p, cx - plot_text_width(p, t) / 2, G.y + G.h + 2, t, st->fg);
    }
    for (int i = 0; i < ay->count; i += ky < 1 ? 1 : ky) {
        sweep_value_text(ay, i, t, sizeof t);
        const int cy = G.y + G.h - (int)axis_px(ay, G.h, sweep_value(ay, i));
        plot_text(p, G.x - em / 2 - plot_text_width(p, t), cy - lh / 2, t, st->fg);
    }
    plot_text(p, G.x + G.w / 2 - plot_text_width(p, SIGMA "E") / 2, G.y + G.h + 2 + lh, SIGMA "E", st->fg);
    plot_text(p, P.x, G.y + G.h / 2 - lh / 2, SIGMA "I", st->fg);
    /* the trail of the session's noise changes, then the live point */
    SDL_SetRenderDrawColor(ren, st->marker.r, st->marker.g, st->marker.b, 255);
    for (int k = 1; k < v->trail_n; k++) {
        const int xa = G.x + (int)axis_px(ax, G.w, v->trail[2 * k - 2]);
        const int ya = G.y + G.h - (int)axis_px(ay, G.h, v->trail[2 * k - 1]);
        const int xb = G.x + (int)axis_px(ax, G.w, v->trail[2 * k]);
        const int yb = G.y + G.h - (int)axis_px(ay, G.h, v->trail[2 * k + 1]);
        SDL_RenderDrawLine(ren, xa, ya, xb, yb);
        SDL_RenderFillRect(ren, &(SDL_Rect){ xa - 1, ya - 1, 3, 3 });
    }
    const int lx = G.x + (int)axis_px(ax, G.w, v->sigma_e), ly = G.y + G.h - (int)axis_px(ay, G.h, v->sigma_i);
    SDL_RenderSetClipRect(ren, &G);
    SDL_RenderDrawLine(ren, G.x, ly, G.x + G.w, ly);
    SDL_RenderDrawLine(ren, lx, G.y, lx, G.y + G.h);
    SDL_SetRenderDrawColor(ren, st->fg.r, st->fg.g, st->fg.b, 255);
    SDL_RenderDrawRect(ren, &(SDL_Rect){ lx - 4, ly - 4, 9, 9 });
    SDL_RenderSetClipRect(ren, NULL);
    /* the key: a colour bar over the computed cells' range, each band's
     * edge ticked and its letter under its part (at 1280x800 a cell is
     * too small for its letter: the bar says which colours are which band) */
    int ly0 = G.y + G.h + 2 + 2 * lh;
    if (lo < hi && isfinite(lo) && isfinite(hi)) {
        char a[16], b[16];
        snprintf(a, sizeof a, "%.0f", lo);
        snprintf(b, sizeof b, "%.0f Hz", hi);
        const int bx = P.x + plot_text_width(p, a) + em / 2, bh = lh * 2 / 3;
        const int bw = G.x + G.w - plot_text_width(p, b) - em / 2 - bx;
        if (bw >= 16) {
            const int by = ly0 + (lh - bh) / 2;
            for (int k = 0; k < bw; k++) {      /* column k: lo + (hi - lo) k / (bw - 1) */
                const SDL_Color c = sweepfig_color(lo + (hi - lo) * k / (bw - 1), lo, hi);
                SDL_SetRenderDrawColor(ren, c.r, c.g, c.b, 255);
                SDL_RenderDrawLine(ren, bx + k, by, bx + k, by + bh - 1);
            }
            out->bar = (SDL_Rect){ bx, by, bw, bh };
            out->lo_hz = lo;
            out->hi_hz = hi;
            plot_text(p, P.x, ly0, a, st->fg);
            plot_text(p, bx + bw + em / 2, ly0, b, st->fg);
            SDL_SetRenderDrawColor(ren, st->fg.r, st->fg.g, st->fg.b, 255);
            for (int k = 0; k < RHYTHM_NBANDS; k++) {
                const double b0 = RHYTHM_BANDS[k].lo_hz > lo ? RHYTHM_BANDS[k].lo_hz : lo;
                const double b1 = RHYTHM_BANDS[k].hi_hz < hi ? RHYTHM_BANDS[k].hi_hz : hi;
                if (!(b1 > b0)) continue;
                const int x0 = bx + (int)lround((bw - 1) * (b0 - lo) / (hi - lo));
                const int x1 = bx + (int)lround((bw - 1) * (b1 - lo) / (hi - lo));
                if (b0 > lo) SDL_RenderDrawLine(ren, x0, by - 2, x0, by + bh + 2);
                const char *g = RHYTHM_BANDS[k].symbol;
                if (plot_text_width(p, g) + 2 <= x1 - x0) plot_text(p, (x0 + x1 - plot_text_width(p, g)) / 2, ly0 + lh, g, st->fg);
            }
        }
    } else {
        plot_text(p, P.x, ly0, "colour: its rhythm, Hz", st->fg);
    }
    plot_text(p, P.x, ly0 + 2 * lh, "colour: rhythm; dim: weak; grey: none", st->fg);
    plot_text(p, P.x, ly0 + 3 * lh, "square: live; line: its trail", st->fg);
    return 0;
}
