/*
 * panels.c - the rhythm panels: rate strip, spectrogram, spectrum and
 * readouts, event markers (see panels.h).
 */
#include "panels.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "event.h"

#define MINUS "\xE2\x88\x92"
#define SG_LUT 256
#define MARKER_ROWS 4

struct Panels {
    Draw *d;                       /* the Plot's renderer or vector sink */
    Text *t;
    double *rate_e, *rate_i;       /* smoothed rates a ms, cap entries */
    double *col_e, *col_i;         /* a pixel column's, colcap entries */
    SDL_Point *pts;                /* polylines, colcap + 2 */
    size_t cap, colcap;
    SDL_Texture *sg;               /* spectrogram texture */
    int sg_w, sg_h;
    uint32_t lut[SG_LUT];          /* viridis, ARGB8888 */
};

/* Viridis (matplotlib's default map: perceptually uniform, ordered in
 * lightness, readable in grey and with any colour vision), sampled at 9
 * points and interpolated. */
static const uint8_t VIRIDIS[9][3] = {
    { 0x44, 0x01, 0x54 }, { 0x47, 0x2d, 0x7b }, { 0x3b, 0x52, 0x8b }, { 0x2c, 0x72, 0x8e }, { 0x21, 0x91, 0x8c },
    { 0x28, 0xae, 0x80 }, { 0x5e, 0xc9, 0x62 }, { 0xad, 0xdc, 0x30 }, { 0xfd, 0xe7, 0x25 },
};

Panels *panels_create(Draw *d, Text *t)
{
    Panels *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->d = d;
    p->t = t;
    for (int i = 0; i < SG_LUT; i++) {
        double x = i * 8.0 / (SG_LUT - 1);
        int k = x >= 8 ? 7 : (int)x;
        double f = x - k;
        uint32_t c = 0xFF000000u;
        for (int ch = 0; ch < 3; ch++) {
            int v = (int)lround(VIRIDIS[k][ch] + f * (VIRIDIS[k + 1][ch] - VIRIDIS[k][ch]));
            c |= (uint32_t)v << (16 - 8 * ch);
        }
        p->lut[i] = c;
    }
    return p;
}

void panels_destroy(Panels *p)
{
    if (!p) return;
    if (p->sg) SDL_DestroyTexture(p->sg);
    free(p->rate_e);
    free(p->rate_i);
    free(p->col_e);
    free(p->col_i);
    free(p->pts);
    free(p);
}

/* ---- helpers ------------------------------------------------------------ */

static int set_color(Draw *r, SDL_Color c) { return draw_color(r, c) < 0; }
static int fill(Draw *r, int x, int y, int w, int h) { return draw_fill(r, x, y, w, h) < 0; }

static int frame(Draw *r, SDL_Rect P, int lw)
{
    int bad = fill(r, P.x - lw, P.y - lw, P.w + 2 * lw, lw);
    bad |= fill(r, P.x - lw, P.y + P.h, P.w + 2 * lw, lw);
    bad |= fill(r, P.x - lw, P.y, lw, P.h);
    bad |= fill(r, P.x + P.w, P.y, lw, P.h);
    return bad;
}

/* A y-axis tick at row y with its label right-aligned to ax->lab_r. */
static int ytick(Panels *p, const PanelAxis *ax, int x_axis, int y, const char *label, SDL_Color c)
{
    int bad = set_color(p->d, c);
    bad |= fill(p->d, x_axis - ax->lw - ax->tick, y - ax->lw / 2, ax->tick, ax->lw);
    int top = y - text_ascent(p->t) + text_digit_height(p->t) / 2;
    if (*label) bad |= text_draw(p->t, ax->lab_r - text_width(p->t, label), top, label, c) < 0;
    return bad;
}

/* Whether y-axis labels at rows y and y_other keep clear of each other. */
static int label_clear(Panels *p, int y, int y_other)
{
    const int d = text_digit_height(p->t);
    return abs(y - y_other) >= d + d / 2;
}

/* Text on a label_bg box, top-left at (x, y), if it ends before x_end. */
static int boxed(Panels *p, int x, int y, const char *s, SDL_Color fg, const PlotStyle *st, int x_end)
{
    int pad = 3, w = text_width(p->t, s);
    if (x + w + pad > x_end) return 0;
    int bad = set_color(p->d, st->label_bg);
    bad |= fill(p->d, x - pad, y, w + 2 * pad, text_font_height(p->t));
    bad |= text_draw(p->t, x, y, s, fg) < 0;
    return bad;
}

static int grow(Panels *p, size_t need, size_t colneed)
{
    if (need > p->cap) {
        double *e = realloc(p->rate_e, need * sizeof *e);
        if (e) p->rate_e = e;
        double *i = realloc(p->rate_i, need * sizeof *i);
        if (i) p->rate_i = i;
        if (!e || !i) return SDL_OutOfMemory();
        p->cap = need;
    }
    if (colneed > p->colcap) {
        double *e = realloc(p->col_e, colneed * sizeof *e);
        if (e) p->col_e = e;
        double *i = realloc(p->col_i, colneed * sizeof *i);
        if (i) p->col_i = i;
        SDL_Point *q = realloc(p->pts, (colneed + 2) * sizeof *q);
        if (q) p->pts = q;
        if (!e || !i || !q) return SDL_OutOfMemory();
        p->colcap = colneed;
    }
    return 0;
}

/* The smallest of 10, 20, 50, 100, 200 ... at or above x. */
static double nice_ceiling(double x)
{
    for (double d = 10; d < 1e9; d *= 10) {
        if (x <= d) return d;
        if (x <= 2 * d) return 2 * d;
        if (x <= 5 * d) return 5 * d;
    }
    return 1e9;
}

/* ---- rate strip ----------------------------------------------------------- */

int panels_rate(Panels *p, SDL_Rect P, const PanelAxis *ax, Scope *s, int64_t t0, int W, const PlotStyle *st)
{
    enum { K = 3 * PANELS_RATE_SIGMA_MS };
    if (P.w < 4 || P.h < 8) return 0;
    if (grow(p, (size_t)W, (size_t)P.w) < 0) return -1;
    const int n = scope_n(s), ne = scope_ne(s), ni = n - ne;
    double g[2 * K + 1];
    for (int k = -K; k <= K; k++) g[k + K] = exp(-0.5 * k * k / (double)(PANELS_RATE_SIGMA_MS * PANELS_RATE_SIGMA_MS));
    /* smoothed rates a ms: the kernel over the ms that are there */
    for (int j = 0; j < W; j++) {
        int64_t t = t0 + j;
        double se = 0, si = 0, wsum = 0;
        int32_t ce, ci;
        if (!scope_counts(s, t, &ce, &ci)) { p->rate_e[j] = p->rate_i[j] = NAN; continue; }
        for (int k = -K; k <= K; k++) {
            if (!scope_counts(s, t + k, &ce, &ci)) continue;
            se += g[k + K] * ce;
            si += g[k + K] * ci;
            wsum += g[k + K];
        }
        p->rate_e[j] = ne ? se / wsum * 1000.0 / ne : 0.0;
        p->rate_i[j] = ni ? si / wsum * 1000.0 / ni : 0.0;
    }
    /* a pixel column: the mean over its ms */
    double top = 0;
    for (int x = 0; x < P.w; x++) {
        int a = (int)((int64_t)x * W / P.w), b = (int)((int64_t)(x + 1) * W / P.w);
        if (b <= a) b = a + 1;
        double se = 0, si = 0;
        int c = 0;
        for (int j = a; j < b && j < W; j++)
            if (!isnan(p->rate_e[j])) { se += p->rate_e[j]; si += p->rate_i[j]; c++; }
        p->col_e[x] = c ? se / c : NAN;
        p->col_i[x] = c ? si / c : NAN;
        if (c && p->col_e[x] > top) top = p->col_e[x];
        if (c && p->col_i[x] > top) top = p->col_i[x];
    }
    const double ymax = nice_ceiling(top);
    int bad = 0;
    /* a style that draws both classes alike (the paper figure): the
     * inhibitory rate a third of the way to the background, so it is told
     * apart and still reads (contrast 7.5 : 1 on white; half-way, 4 : 1,
     * read as light grey: issue 17) */
    SDL_Color ic = st->inh;
    if (!memcmp(&st->inh, &st->exc, sizeof ic)) {
        ic.r = (Uint8)((2 * ic.r + st->bg.r) / 3);
        ic.g = (Uint8)((2 * ic.g + st->bg.g) / 3);
        ic.b = (Uint8)((2 * ic.b + st->bg.b) / 3);
    }
    /* the curves under the title's row: it never hides their tops, and
     * the axis's top (ymax >= every column) is the row below it */
    const int head = text_font_height(p->t) + 3;
    const int y0 = P.y + (P.h - head >= 6 ? head : 0), hh = P.y + P.h - y0;
    /* told apart by width too where the colours are alike: E twice as thick */
    const int alike = ic.r != st->inh.r || ic.g != st->inh.g || ic.b != st->inh.b;
    const int wl[2] = { 1, alike ? 2 : 1 };           /* I, E */
    for (int pass = 0; pass < 2; pass++) {        /* inhibitory under excitatory */
        const double *v = pass == 0 ? p->col_i : p->col_e;
        bad |= set_color(p->d, pass == 0 ? ic : st->exc);
        int m = 0;
        for (int x = 0; x <= P.w; x++) {
            if (x == P.w || isnan(v[x])) {
                if (m > 1) bad |= draw_lines(p->d, p->pts, m, wl[pass]) < 0;
                m = 0;
                continue;
            }
            double y = v[x] > ymax ? ymax : v[x];
            p->pts[m++] = (SDL_Point){ P.x + x, y0 + hh - 1 - (int)lround(y * (hh - 1) / ymax) };
        }
    }
    char lab[32];
    snprintf(lab, sizeof lab, "%.0f", ymax);
    bad |= ytick(p, ax, P.x, y0, lab, st->fg);
    /* 0 at the bottom, unless a low strip would put it over the top's label
     * (a tester's 480x320 and --ui-scale 2: "50" over "0"): its tick alone */
    bad |= ytick(p, ax, P.x, P.y + P.h - 1, label_clear(p, P.y + P.h - 1, y0) ? "0" : "", st->fg);
    /* what is drawn, on the strip: unit, bins, smoothing, colours */
    char title[96];
    snprintf(title, sizeof title, "rate, Hz (1 ms bins, Gaussian \xcf\x83 %d ms):", PANELS_RATE_SIGMA_MS);
    int x = P.x + 6, y = P.y + 2;
    const int end = P.x + P.w;
    if (text_width(p->t, title) + 40 > P.w) snprintf(title, sizeof title, "rate, Hz:");
    bad |= boxed(p, x, y, title, st->fg, st, end);
    x += text_width(p->t, title) + 8;
    /* the legend: each letter and a sample of its line (colour and width) */
    for (int k = 0; k < 2; k++) {
        const char *letter = k ? "I" : "E";
        const SDL_Color c = k ? ic : st->exc;
        const int tw = text_width(p->t, letter), sw = 14, fh = text_font_height(p->t), lwk = wl[1 - k];
        if (x + tw + 4 + sw + 3 > end) break;
        bad |= set_color(p->d, st->label_bg);
        bad |= fill(p->d, x - 3, y, tw + 4 + sw + 6, fh);
        bad |= text_draw(p->t, x, y, letter, c) < 0;
        bad |= set_color(p->d, c);
        bad |= fill(p->d, x + tw + 4, y + fh / 2 - lwk / 2, sw, lwk);
        x += tw + 4 + sw + 10;
    }
    return bad ? -1 : 0;
}

/* ---- spectrogram ---------------------------------------------------------- */

static uint32_t sg_color(const Panels *p, float db)
{
    if (!(db > PANELS_SG_DB_LO)) return p->lut[0];
    double f = (db - PANELS_SG_DB_LO) / (PANELS_SG_DB_HI - PANELS_SG_DB_LO);
    int i = f >= 1 ? SG_LUT - 1 : (int)(f * (SG_LUT - 1));
    return p->lut[i];
}

int panels_spectrogram(Panels *p, SDL_Rect G, SDL_Rect bar, const PanelAxis *ax, Scope *s, int64_t t0, int W,
                       const PlotStyle *st)
{
    if (G.w < 4 || G.h < 8) return 0;
    if (!p->sg || p->sg_w != G.w || p->sg_h != G.h) {
        if (p->sg) SDL_DestroyTexture(p->sg);
        p->sg = SDL_CreateTexture(p->d->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, G.w, G.h);
        if (!p->sg) { p->sg_w = p->sg_h = 0; return -1; }
        p->sg_w = G.w;
        p->sg_h = G.h;
    }
    uint32_t bg = 0xFF000000u | (uint32_t)st->bg.r << 16 | (uint32_t)st->bg.g << 8 | st->bg.b;
    uint32_t hatch = 0xFF000000u | (uint32_t)st->divider.r << 16 | (uint32_t)st->divider.g << 8 | st->divider.b;
    void *pix;
    int pitch;
    if (draw_pixels_begin(p->d, p->sg, G.w, G.h, &pix, &pitch) < 0) return -1;
    /* columns not computable yet (the newest RHYTHM_SG_WIN / 2 ms: half
     * their window lies past the newest data: not yet, or after the end of
     * a finished run) are hatched; before the history, plain */
    const int64_t now = scope_end(s);
    int pend_x = G.w;                     /* the first hatched pixel column */
    for (int x = 0; x < G.w; x++) {
        /* the column whose centre is nearest the pixel's */
        double tc = (double)t0 + (x + 0.5) * W / G.w;
        int64_t c = (int64_t)floor(tc / SCOPE_SG_HOP + 0.5);
        const float *col = scope_spectrogram(s, c);
        const int pending = !col && c * SCOPE_SG_HOP - RHYTHM_SG_WIN / 2 + RHYTHM_SG_WIN > now;
        if (pending && x < pend_x) pend_x = x;
        for (int y = 0; y < G.h; y++) {
            uint32_t *dst = (uint32_t *)((uint8_t *)pix + (size_t)y * pitch) + x;
            if (!col) { *dst = pending && (x + y) % 8 < 2 ? hatch : bg; continue; }
            int m = (int)lround((double)(G.h - 1 - y) * RHYTHM_FMAX / (G.h - 1));
            *dst = sg_color(p, col[m]);
        }
    }
    int bad = draw_pixels_end(p->d, p->sg, G.w, G.h, G) < 0;
    if (pend_x < G.w) {
        /* say why, inside the hatching when it fits */
        char why[3][48];
        snprintf(why[0], sizeof why[0], "needs %d ms past the end", RHYTHM_SG_WIN / 2);
        snprintf(why[1], sizeof why[1], "%d ms past end", RHYTHM_SG_WIN / 2);
        snprintf(why[2], sizeof why[2], "%d ms", RHYTHM_SG_WIN / 2);
        const int ly = G.y + G.h - text_font_height(p->t) - 3;
        int i = 0;
        while (i < 3 && text_width(p->t, why[i]) + 8 > G.w - pend_x) i++;
        if (i < 3) {
            bad |= boxed(p, G.x + pend_x + (G.w - pend_x - text_width(p->t, why[i])) / 2, ly, why[i], st->fg, st,
                         G.x + G.w);
        } else {
            /* too narrow: beside it, pointing at it */
            snprintf(why[0], sizeof why[0], "needs %d ms past the end \xe2\x86\x92", RHYTHM_SG_WIN / 2);
            int tw = text_width(p->t, why[0]);
            if (pend_x - tw - 6 >= 0) bad |= boxed(p, G.x + pend_x - tw - 6, ly, why[0], st->fg, st, G.x + G.w);
        }
    }
    for (int f = 0, last = INT_MIN; f <= RHYTHM_FMAX; f += 50) {
        char lab[16];
        const int y = G.y + G.h - 1 - f * (G.h - 1) / RHYTHM_FMAX;
        snprintf(lab, sizeof lab, "%d", f);
        const int clear = last == INT_MIN || label_clear(p, y, last);
        if (clear) last = y;
        bad |= ytick(p, ax, G.x, y, clear ? lab : "", st->fg);
    }
    char title[96];
    snprintf(title, sizeof title, "spectrogram, Hz (%d ms windows)", RHYTHM_SG_WIN);
    bad |= boxed(p, G.x + 6, G.y + 2, title, st->fg, st, G.x + G.w);
    /* scale bar: the map from PANELS_SG_DB_LO to _HI, upright (low at the
     * bottom) or lying (low at the left, a title above) */
    if (bar.w > 2 && bar.h > 2) {
        const int upright = bar.h > bar.w, len = upright ? bar.h : bar.w;
        for (int k = 0; k < len; k++) {
            uint32_t c = p->lut[k * (SG_LUT - 1) / (len > 1 ? len - 1 : 1)];
            bad |= set_color(p->d, (SDL_Color){ (Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c, 255 });
            if (upright) bad |= fill(p->d, bar.x, bar.y + bar.h - 1 - k, bar.w, 1);
            else bad |= fill(p->d, bar.x + k, bar.y, 1, bar.h);
        }
        bad |= set_color(p->d, st->fg);
        bad |= frame(p->d, bar, 1);
        char hi[16], lo[16];
        snprintf(hi, sizeof hi, "%.0f dB", PANELS_SG_DB_HI);
        snprintf(lo, sizeof lo, "%s%.0f", PANELS_SG_DB_LO < 0 ? MINUS : "", fabs(PANELS_SG_DB_LO));
        int asc = text_ascent(p->t), dh = text_digit_height(p->t), fh = text_font_height(p->t);
        if (upright) {
            int lx = bar.x + bar.w + 4;
            bad |= text_draw(p->t, lx, bar.y - asc + dh, hi, st->fg) < 0;
            bad |= text_draw(p->t, lx, bar.y + bar.h - asc, lo, st->fg) < 0;
        } else {
            const char *t = "spectrogram, dB over independent firing";
            if (text_width(p->t, t) > bar.w) t = "spectrogram, dB";
            bad |= text_draw(p->t, bar.x, bar.y - fh - 2, t, st->fg) < 0;
            bad |= text_draw(p->t, bar.x, bar.y + bar.h + 3, lo, st->fg) < 0;
            bad |= text_draw(p->t, bar.x + bar.w - text_width(p->t, hi), bar.y + bar.h + 3, hi, st->fg) < 0;
            /* the hatching's key: a swatch and why */
            const int ky = bar.y + bar.h + 3 + fh + fh / 2, kw = 2 * fh;
            bad |= set_color(p->d, st->divider);
            for (int y = 0; y < bar.h; y++)
                for (int x = 0; x < kw; x++)
                    if ((x + y) % 8 < 2) bad |= fill(p->d, bar.x + x, ky + y, 1, 1);
            bad |= set_color(p->d, st->fg);
            bad |= frame(p->d, (SDL_Rect){ bar.x, ky, kw, bar.h }, 1);
            char key[96];
            snprintf(key, sizeof key, "no column: half its %d ms window is past the end", RHYTHM_SG_WIN);
            if (text_width(p->t, key) > bar.w - kw - 6) snprintf(key, sizeof key, "half its window past the end");
            if (text_width(p->t, key) > bar.w - kw - 6) snprintf(key, sizeof key, "past the end");
            bad |= text_draw(p->t, bar.x + kw + 6, ky + bar.h / 2 - asc + dh / 2, key, st->fg) < 0;
        }
    }
    return bad ? -1 : 0;
}

/* ---- spectrum ------------------------------------------------------------- */

int panels_spectrum(Panels *p, SDL_Rect S, SDL_Rect text, const PlotSpectrum *sp, Scope *s, const PlotStyle *st,
                    int lw)
{
    if (S.w < 40 || S.h < 30 || !sp) return 0;
    const RhythmResult *res = sp->result;
    const double F = res->floor;
    Draw *r = p->d;
    int bad = 0;
    const int lh = text_line_height(p->t), asc = text_ascent(p->t), dh = text_digit_height(p->t);
    /* the named bands, every other one shaded, their letters at the top */
    for (int b = 0; b < RHYTHM_NBANDS; b++) {
        int x0 = S.x + (int)lround(RHYTHM_BANDS[b].lo_hz * S.w / RHYTHM_FMAX);
        int x1 = S.x + (int)lround(RHYTHM_BANDS[b].hi_hz * S.w / RHYTHM_FMAX);
        if (b % 2) { bad |= set_color(r, st->band); bad |= fill(r, x0, S.y, x1 - x0, S.h); }
        int tw = text_width(p->t, RHYTHM_BANDS[b].symbol);
        if (tw + 2 <= x1 - x0) bad |= text_draw(p->t, (x0 + x1 - tw) / 2, S.y + 2, RHYTHM_BANDS[b].symbol, st->fg) < 0;
    }
    /* y: dB over the floor, -10 up to a multiple of 10 that leaves, above
     * the highest point of the curve, room for a peak's triangle and label
     * under the band letters (issue 17: a label sat on a letter) */
    const double bottom = -10;
    const int fh = text_font_height(p->t), tri = fh / 3;
    const int head = 2 + fh + 2 + fh + 4 + tri + 2;
    double top = 30, maxdb = bottom;
    if (F > 0 && res->segments > 0)
        for (int m = 1; m <= RHYTHM_FMAX; m++) {
            double db = sp->density[m] > 0 ? 10 * log10(sp->density[m] / F) : -100;
            if (db > maxdb) maxdb = db;
        }
    if (S.h - 1 > head) {
        /* (top - maxdb) / (top - bottom) * (S.h - 1) >= head */
        double need = (maxdb * (S.h - 1) - head * bottom) / (S.h - 1 - head);
        if (need > top) top = 10 * ceil(need / 10);
    }
#define YDB(db) (S.y + (int)lround((top - (db)) * (S.h - 1) / (top - bottom)))
    for (double d = bottom; d <= top; d += (top - bottom) > 60 ? 20 : 10) {
        char lab[16];
        snprintf(lab, sizeof lab, "%s%.0f", d < 0 ? MINUS : "", fabs(d));
        int y = YDB(d);
        bad |= set_color(r, st->fg);
        bad |= fill(r, S.x - lw - 4, y - lw / 2, 4, lw);
        bad |= text_draw(p->t, S.x - lw - 6 - text_width(p->t, lab), y - asc + dh / 2, lab, st->fg) < 0;
    }
    for (int f = 0; f <= RHYTHM_FMAX; f += 20) {
        char lab[16];
        snprintf(lab, sizeof lab, "%d", f);
        int x = S.x + f * (S.w - 1) / RHYTHM_FMAX;
        bad |= set_color(r, st->fg);
        bad |= fill(r, x - lw / 2, S.y + S.h + lw, lw, 4);
        bad |= text_draw(p->t, x - text_width(p->t, lab) / 2, S.y + S.h + lw + 5, lab, st->fg) < 0;
    }
    const char *xt = "frequency, Hz", *yt = "dB over independent firing";
    bad |= text_draw(p->t, S.x + (S.w - text_width(p->t, xt)) / 2, S.y + S.h + lw + 5 + lh, xt, st->fg) < 0;
    bad |= text_draw(p->t, S.x + (S.w - text_width(p->t, yt)) / 2, S.y - lh - lw - 2, yt, st->fg) < 0;
    if (F > 0 && res->segments > 0) {
        /* the floor: what independent firing gives */
        bad |= set_color(r, st->divider);
        for (int x = S.x; x < S.x + S.w; x += 8) bad |= fill(r, x, YDB(0) - lw / 2, 4, lw);
        /* the density */
        if (grow(p, 1, RHYTHM_FMAX + 1) < 0) return -1;
        int m = 0;
        for (int k = 1; k <= RHYTHM_FMAX; k++) {
            double db = sp->density[k] > 0 ? 10 * log10(sp->density[k] / F) : bottom;
            if (db < bottom) db = bottom;
            p->pts[m++] = (SDL_Point){ S.x + k * (S.w - 1) / RHYTHM_FMAX, YDB(db) };
        }
        bad |= set_color(r, st->trace);
        bad |= draw_lines(r, p->pts, m, lw) < 0;
        /* the peaks found; a label that would cover one placed before (two
         * bands' peaks a few Hz apart: a tester saw "8.6" under "17.5") is
         * lifted above it, or left out when that leaves the panel (the
         * readouts beside say every peak) */
        int box_x0[RHYTHM_NBANDS], box_x1[RHYTHM_NBANDS], box_y[RHYTHM_NBANDS], boxes = 0;
        for (int b = 0; b < RHYTHM_NBANDS; b++) {
            const RhythmPeak *pk = &res->band[b];
            if (!pk->found) continue;
            int x = S.x + (int)lround(pk->freq_hz * (S.w - 1) / RHYTHM_FMAX);
            int y = YDB(10 * log10(pk->over_floor));
            bad |= set_color(r, st->marker);
            for (int k = 0; k < tri; k++) bad |= fill(r, x - k, y - 2 - tri + k, 2 * k + 1, 1);
            char lab[16];
            snprintf(lab, sizeof lab, "%.1f", pk->freq_hz);
            /* on a box, so the curve never runs through the digits */
            int lx = x - text_width(p->t, lab) / 2;
            if (lx < S.x + 3) lx = S.x + 3;
            if (lx + text_width(p->t, lab) + 3 > S.x + S.w) lx = S.x + S.w - 3 - text_width(p->t, lab);
            const int x0 = lx - 3, x1 = lx + text_width(p->t, lab) + 3;
            int ly = y - 4 - tri - fh;
            for (int moved = 1; moved;) {
                moved = 0;
                for (int q = 0; q < boxes; q++)
                    if (x0 < box_x1[q] && box_x0[q] < x1 && ly < box_y[q] + fh && box_y[q] < ly + fh) {
                        ly = box_y[q] - fh - 1;
                        moved = 1;
                    }
            }
            if (ly < S.y) continue;
            box_x0[boxes] = x0;
            box_x1[boxes] = x1;
            box_y[boxes++] = ly;
            bad |= boxed(p, lx, ly, lab, st->marker, st, S.x + S.w);
        }
    } else {
        const char *msg = res->segments == 0 ? "needs 1 s after the first 200 ms" : "no spikes";
        if (text_width(p->t, msg) > S.w - 8) msg = res->segments == 0 ? "needs 1.2 s" : "no spikes";
        bad |= text_draw(p->t, S.x + (S.w - text_width(p->t, msg)) / 2, S.y + S.h / 2, msg, st->fg) < 0;
    }
#undef YDB
    bad |= set_color(r, st->fg);
    bad |= frame(r, S, lw);

    /* the readouts: the span, a live change within it, frequency first */
    if (text.w > 40 && text.h > lh) {
        const int end = text.y + text.h;
        int y = text.y;
        char line[192];
        const char *title = sp->title ? sp->title : "the run";
        if (sp->to_ms > sp->from_ms) {
            snprintf(line, sizeof line, "spectrum of %.1f\xe2\x80\x93%.1f s (%s)", sp->from_ms / 1000.0,
                     sp->to_ms / 1000.0, title);
            if (text_width(p->t, line) > text.w)
                snprintf(line, sizeof line, "%.1f\xe2\x80\x93%.1f s (%s)", sp->from_ms / 1000.0, sp->to_ms / 1000.0, title);
            if (text_width(p->t, line) > text.w)
                snprintf(line, sizeof line, "%.1f\xe2\x80\x93%.1f s", sp->from_ms / 1000.0, sp->to_ms / 1000.0);
        } else {
            snprintf(line, sizeof line, "Welch spectrum, %s", title);
            if (text_width(p->t, line) > text.w) snprintf(line, sizeof line, "%s", title);
        }
        bad |= text_draw(p->t, text.x, y, line, st->fg) < 0;
        y += lh;
        /* the noise changed within the span: the readouts mix before and
         * after; said as each noise's first value -> last value */
        int changes = 0;
        const Event *first[2] = { NULL, NULL }, *last[2] = { NULL, NULL };
        int64_t t_first = -1, t_last = 0;
        for (int k = 0; s && sp->to_ms > sp->from_ms && k < scope_event_count(s); k++) {
            const Event *e = scope_event_at(s, k);
            if ((e->kind == EVENT_NOISE_E || e->kind == EVENT_NOISE_I) && e->t_ms > sp->from_ms && e->t_ms < sp->to_ms) {
                int i = e->kind == EVENT_NOISE_I;
                if (!first[i]) first[i] = e;
                last[i] = e;
                if (t_first < 0) t_first = e->t_ms;
                t_last = e->t_ms;
                changes++;
            }
        }
        const SDL_Color vc = changes ? st->marker : st->fg;
        if (changes && y + lh <= end) {
            char ev[96] = "";
            size_t at = 0;
            for (int i = 0; i < 2; i++)
                if (first[i] && at < sizeof ev)
                    at += (size_t)snprintf(ev + at, sizeof ev - at, "%s\xcf\x83%s %g \xe2\x86\x92 %g", at ? ", " : "",
                                           i ? "I" : "E", first[i]->before, last[i]->after);
            char when[48];
            if (changes > 1 && t_last / 100 != t_first / 100)
                snprintf(when, sizeof when, "%.1f\xe2\x80\x93%.1f s", t_first / 1000.0, t_last / 1000.0);
            else
                snprintf(when, sizeof when, "%.1f s", t_last / 1000.0);
            snprintf(line, sizeof line, "mixes before and after %s at %s", ev, when);
            if (text_width(p->t, line) > text.w) snprintf(line, sizeof line, "mixes %s at %s", ev, when);
            if (text_width(p->t, line) > text.w) snprintf(line, sizeof line, "mixes %s", ev);
            bad |= text_draw(p->t, text.x, y, line, st->marker) < 0;
            y += lh;
        }
        y += lh / 4;
        int freqw = text_width(p->t, "100.0 Hz"), namew = 0, over = 0;
        for (int b = 0; b < RHYTHM_NBANDS; b++) {
            snprintf(line, sizeof line, "%s %s", RHYTHM_BANDS[b].symbol, RHYTHM_BANDS[b].name);
            int w = text_width(p->t, line);
            if (w > namew) namew = w;
            if (res->segments > 0 && res->band[b].found && res->band[b].strength > 1.0) over = 1;
        }
        for (int b = 0; b < RHYTHM_NBANDS && y + lh <= end; b++, y += lh) {
            const RhythmPeak *pk = &res->band[b];
            char freq[32], val[64];
            snprintf(line, sizeof line, "%s %s", RHYTHM_BANDS[b].symbol, RHYTHM_BANDS[b].name);
            if (res->segments == 0) {
                snprintf(freq, sizeof freq, "\xe2\x80\x94");
                snprintf(val, sizeof val, "too short");
            } else if (pk->found) {
                snprintf(freq, sizeof freq, "%.1f Hz", rhythm_shown_hz(pk->freq_hz));
                snprintf(val, sizeof val, "strength %.0f%%", 100.0 * pk->strength);
            } else {
                snprintf(freq, sizeof freq, "\xe2\x80\x94");
                if (pk->too_short) snprintf(val, sizeof val, "needs %d s", RHYTHM_LSEG / 1000);
                else app_peak_text(pk, val, sizeof val);
            }
            SDL_Color c = pk->found ? vc : st->divider;
            bad |= text_draw(p->t, text.x + freqw - text_width(p->t, freq), y, freq, c) < 0;
            bad |= text_draw(p->t, text.x + freqw + 10, y, line, c) < 0;
            bad |= text_draw(p->t, text.x + freqw + 10 + namew + 10, y, val, c) < 0;
        }
        if (over && y + lh / 4 + lh <= end) {
            /* docs/model.md, Strength: an amplitude, not a share */
            const char *why[] = { "strength > 100 %: the rate comes in volleys, not a sine wave",
                                  "> 100 %: volleys, not a sine", "> 100 %: volleys" };
            int i = 0;
            while (i < 2 && text_width(p->t, why[i]) > text.w) i++;
            bad |= text_draw(p->t, text.x, y + lh / 4, why[i], st->fg) < 0;
        }
    }
    return bad ? -1 : 0;
}

/* ---- markers -------------------------------------------------------------- */

/* A label of one marker or of a crowd of them merged: events first ...
 * last (indexes into the scope's list), its box [x0, x1) on a row. */
typedef struct MarkLabel {
    int first, last, row, x0, x1;
    char text[160];
} MarkLabel;

/* The text of events first ... last: one event's own label; a crowd of
 * one kind of change as one change with a count ("σE 5 → 10 (10
 * changes)"); mixed kinds as a count. */
static void mark_text(Scope *s, int first, int last, char *out, size_t len)
{
    const Event *a = scope_event_at(s, first), *b = scope_event_at(s, last);
    const int n = last - first + 1;
    if (n == 1) { event_label(a, out, len); return; }
    int same = a->kind != EVENT_RESTART && a->kind != EVENT_PAUSED;
    for (int k = first + 1; k <= last && same; k++) same = scope_event_at(s, k)->kind == a->kind;
    if (same) {
        Event e = *a;
        e.after = b->after;
        char one[96];
        event_label(&e, one, sizeof one);
        snprintf(out, len, "%s (%d changes)", one, n);
    } else {
        snprintf(out, len, "%d changes", n);
    }
}

/* Places l on the first of rows whose labels it does not touch, its box
 * right of x (left of it near the right edge, clamped into [lo, hi)).
 * 0 when no row has room. */
static int mark_place(Panels *p, MarkLabel *l, const MarkLabel *placed, int np, int x, int lo, int hi, int rows)
{
    const int pad = 3, gap = 4, tw = text_width(p->t, l->text);
    int x0 = x + 2;                                  /* the box starts right of its line */
    if (x0 + tw + 2 * pad > hi) x0 = x - 2 - tw - 2 * pad;
    if (x0 < lo) x0 = lo;
    if (x0 + tw + 2 * pad > hi) return 0;            /* wider than the strip */
    for (int row = 0; row < rows; row++) {
        int free_ = 1;
        for (int k = 0; k < np && free_; k++)
            if (placed[k].row == row && x0 < placed[k].x1 + gap && placed[k].x0 < x0 + tw + 2 * pad + gap) free_ = 0;
        if (free_) { l->row = row; l->x0 = x0; l->x1 = x0 + tw + 2 * pad; return 1; }
    }
    return 0;
}

int panels_markers(Panels *p, SDL_Rect R, int y_bottom, Scope *s, int64_t t0, int W, const PlotStyle *st, int lw)
{
    enum { MAX_LABELS = 64 };
    int bad = 0;
    const int fh = text_font_height(p->t);
    /* as many rows as a third of the raster holds, at least one */
    int rows = (R.h / 3) / (fh + 2);
    rows = rows < 1 ? 1 : rows > MARKER_ROWS ? MARKER_ROWS : rows;
    int first = -1, last = -1;
    for (int k = 0; k < scope_event_count(s); k++) {
        const Event *e = scope_event_at(s, k);
        if (e->t_ms < t0 || e->t_ms > t0 + W) continue;
        if (first < 0) first = k;
        last = k;
    }
    if (first < 0) return 0;
#define MARK_X(e) (R.x + (int)(((e)->t_ms - t0) * R.w / W) >= R.x + R.w ? R.x + R.w - 1 \
                                                                         : R.x + (int)(((e)->t_ms - t0) * R.w / W))
    /* every line first: the labels go over them, none crosses a label */
    bad |= set_color(p->d, st->marker);
    for (int k = first; k <= last; k++) {
        const Event *e = scope_event_at(s, k);
        if (e->t_ms < t0 || e->t_ms > t0 + W) continue;
        bad |= fill(p->d, MARK_X(e) - lw / 2, R.y, lw, y_bottom - R.y);
    }
    /* labels left to right, stacked in rows; one that finds no room joins
     * the label before it (which then names the crowd with a count), and
     * past MAX_LABELS the rest join the last */
    MarkLabel lab[MAX_LABELS];
    int np = 0;
    for (int k = first; k <= last; k++) {
        const Event *e = scope_event_at(s, k);
        if (e->t_ms < t0 || e->t_ms > t0 + W) continue;
        MarkLabel l = { .first = k, .last = k };
        mark_text(s, k, k, l.text, sizeof l.text);
        if (np < MAX_LABELS && mark_place(p, &l, lab, np, MARK_X(e), R.x, R.x + R.w, rows)) {
            lab[np++] = l;
            continue;
        }
        if (np == 0) continue;                      /* not even one fits: the lines alone */
        /* merge into the previous label: re-placed with its new text, else
         * the count alone ("+n"), else it keeps its text */
        MarkLabel m = lab[np - 1];
        m.last = k;
        mark_text(s, m.first, m.last, m.text, sizeof m.text);
        const int x = MARK_X(scope_event_at(s, m.first));
        if (!mark_place(p, &m, lab, np - 1, x, R.x, R.x + R.w, rows)) {
            snprintf(m.text, sizeof m.text, "%d changes", m.last - m.first + 1);
            if (!mark_place(p, &m, lab, np - 1, x, R.x, R.x + R.w, rows)) {
                lab[np - 1].last = k;               /* its text stays; the count is lost only here */
                continue;
            }
        }
        lab[np - 1] = m;
    }
#undef MARK_X
    for (int k = 0; k < np; k++) {
        const int y = R.y + 2 + lab[k].row * (fh + 2);
        bad |= set_color(p->d, st->label_bg);
        bad |= fill(p->d, lab[k].x0, y, lab[k].x1 - lab[k].x0, fh);
        bad |= text_draw(p->t, lab[k].x0 + 3, y, lab[k].text, st->marker) < 0;
    }
    return bad ? -1 : 0;
}
