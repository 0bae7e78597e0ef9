/*
 * plot.c - Fig. 3 drawing: a pixel-aggregated raster painted into a
 * streaming texture, axes, the v(t) polyline (text: text.c).
 */
#include "plot.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "event.h"
#include "net.h"
#include "panels.h"
#include "scope.h"
#include "text.h"

const PlotStyle PLOT_STYLE_PAPER = {
    .bg = {255, 255, 255, 255},
    .fg = {0, 0, 0, 255},
    .exc = {0, 0, 0, 255},
    .inh = {0, 0, 0, 255},
    .divider = {0, 0, 0, 255},
    .trace = {0, 0, 0, 255},
    /* more traced neurons (a window's F): Okabe & Ito's bluish green and
     * reddish purple, and a dark ochre; each >= 3:1 against white */
    .trace_more = { {0x00, 0x85, 0x60, 255}, {0xb0, 0x4a, 0x8a, 255}, {0x8c, 0x6d, 0x00, 255} },
    .label_bg = {255, 255, 255, 255},
    .marker = {0xb0, 0x00, 0x60, 255},
    .band = {0xee, 0xee, 0xee, 255},
};

const PlotStyle PLOT_STYLE_PAPER_WINDOW = {
    .bg = {255, 255, 255, 255},
    .fg = {0, 0, 0, 255},
    .exc = {0x00, 0x72, 0xb2, 255},       /* Okabe & Ito's blue */
    .inh = {0xd5, 0x5e, 0x00, 255},       /* and vermillion */
    .divider = {0, 0, 0, 255},
    .trace = {0, 0, 0, 255},
    .trace_more = { {0x00, 0x85, 0x60, 255}, {0xb0, 0x4a, 0x8a, 255}, {0x8c, 0x6d, 0x00, 255} },
    .label_bg = {255, 255, 255, 255},
    .marker = {0xb0, 0x00, 0x60, 255},
    .band = {0xee, 0xee, 0xee, 255},
};

const PlotStyle PLOT_STYLE_DARK = {
    .bg = {0x10, 0x14, 0x18, 255},
    .fg = {0xd0, 0xd6, 0xdc, 255},
    .exc = {0x5c, 0xc8, 0xff, 255},
    .inh = {0xff, 0x8c, 0x42, 255},
    .divider = {0xa0, 0xa8, 0xb0, 255},
    .trace = {0x7c, 0xe0, 0x6e, 255},
    /* pink, lilac, near white: apart from the green, the cyan and orange
     * marks and the yellow markers, each >= 4.5:1 against the background */
    .trace_more = { {0xff, 0x7e, 0xc8, 255}, {0xb8, 0xa4, 0xff, 255}, {0xf2, 0xf2, 0xf2, 255} },
    .label_bg = {0x24, 0x2c, 0x35, 255},
    .marker = {0xff, 0xd7, 0x4a, 255},
    .band = {0x1a, 0x20, 0x27, 255},
};

#define MINUS "\xE2\x88\x92"                     /* U+2212, as matplotlib writes it */
static const char *const AXIS_TITLE[2] = { "neuron number", "mV" };   /* drawn reading upwards */

struct Plot {
    SDL_Renderer *r;
    Draw d;                    /* r, or the vector sink (plot_set_sink) */
    Text *text;
    Panels *panels;            /* the rhythm strips' textures and buffers */
    SDL_Texture *ytitle;       /* "neuron number", drawn rotated */
    int ytitle_w, ytitle_h;
    SDL_Texture *vtitle;       /* "mV", the trace's unit, likewise */
    int vtitle_w, vtitle_h;
    int font_h, ascent, digit_h;

    /* Raster buffers, sized for the last raster panel. */
    SDL_Texture *tex;
    int tex_w, tex_h;
    uint32_t *counts;          /* marks per pixel, column-major: [x * tex_h + y] */
    uint8_t *row_inh;          /* tex_h: the row shows inhibitory neurons */
    int32_t *row_of;           /* neuron -> texture row for row_of_n neurons,
                                  padded with row 0 to a multiple of 64 */
    int32_t *rows;             /* the rows of one ms's spikes, row_of_cap + 4 */
    int row_of_n, row_of_cap;
    int row_of_from, row_of_m; /* row_of holds the rows of neurons [from, from + m) */
    uint32_t lut[2][256];      /* ARGB8888 by strength, exc / inh */

    SDL_Point *pts;            /* trace polyline */
    size_t pts_cap;

    /* Geometry as last drawn (rp, rg, rs: rate strip, spectrogram,
     * spectrum; w = 0 when not drawn). */
    SDL_Rect rp, rg, rs;
    int64_t t0;                /* the time axis as last drawn: [t0, t0 + span) */
    int span;
    int64_t tstep;             /* and its ticks' step, ms */
    int seconds;               /* its labels in s (else ms) */
    int markw, markh;          /* a raster mark in texels, as last drawn */
    int drawn, n;
    int from, m;               /* the neuron axis as last drawn: neurons [from, from + m) */
    SDL_Rect rr, tr;
};

static void set_err(char *err, size_t errlen, const char *what, const char *why)
{
    if (err && errlen) snprintf(err, errlen, "%s: %s", what, why);
}

/* ---- text ------------------------------------------------------------- */

int plot_text_width(const Plot *p, const char *utf8) { return text_width(p->text, utf8); }
int plot_line_height(const Plot *p) { return text_line_height(p->text); }
int plot_text(Plot *p, int x, int y, const char *utf8, SDL_Color c) { return text_draw(p->text, x, y, utf8, c); }

/* ---- create / destroy ------------------------------------------------- */

Plot *plot_create(SDL_Renderer *r, const char *font_path, int font_px,
                  char *err, size_t errlen)
{
    if (!r || !font_path || font_px < 4 || font_px > 400) {
        set_err(err, errlen, "plot_create", "invalid argument");
        return NULL;
    }
    Plot *p = calloc(1, sizeof *p);
    if (!p) { set_err(err, errlen, "plot_create", "out of memory"); return NULL; }
    p->r = r;
    p->d.r = r;
    p->text = text_create(r, font_path, font_px, err, errlen);
    if (!p->text) goto fail;
    p->font_h = text_font_height(p->text);
    p->ascent = text_ascent(p->text);
    p->digit_h = text_digit_height(p->text);
    /* (the turned textures are th wide and tw high; kept as the text's tw, th) */
    p->ytitle = text_texture_up(p->text, AXIS_TITLE[0], &p->ytitle_h, &p->ytitle_w);
    if (!p->ytitle) { set_err(err, errlen, "the axis title", SDL_GetError()); goto fail; }
    p->vtitle = text_texture_up(p->text, AXIS_TITLE[1], &p->vtitle_h, &p->vtitle_w);
    if (!p->vtitle) { set_err(err, errlen, "the axis title", SDL_GetError()); goto fail; }
    p->panels = panels_create(&p->d, p->text);
    if (!p->panels) { set_err(err, errlen, "plot_create", "out of memory"); goto fail; }
    return p;
fail:
    plot_destroy(p);
    return NULL;
}

void plot_set_sink(Plot *p, const DrawSink *sink)
{
    p->d.sink = sink;
    text_set_sink(p->text, sink);
}

Draw *plot_draw_seam(Plot *p) { return &p->d; }

void plot_destroy(Plot *p)
{
    if (!p) return;
    if (p->tex) SDL_DestroyTexture(p->tex);
    if (p->ytitle) SDL_DestroyTexture(p->ytitle);
    if (p->vtitle) SDL_DestroyTexture(p->vtitle);
    panels_destroy(p->panels);
    text_destroy(p->text);
    free(p->counts);
    free(p->row_inh);
    free(p->row_of);
    draw_free(&p->d);
    free(p->rows);
    free(p->pts);
    free(p);
}

/* ---- geometry --------------------------------------------------------- */

int plot_raster_rect(const Plot *p, SDL_Rect *out)
{
    if (!p->drawn) return -1;
    *out = p->rr;
    return 0;
}

int plot_trace_rect(const Plot *p, SDL_Rect *out)
{
    if (!p->drawn) return -1;
    *out = p->tr;
    return 0;
}

int plot_panel_rect(const Plot *p, unsigned panel, SDL_Rect *out)
{
    const SDL_Rect *r = panel == PLOT_PANEL_RATE ? &p->rp : panel == PLOT_PANEL_SPECTROGRAM ? &p->rg
                      : panel == PLOT_PANEL_SPECTRUM ? &p->rs : NULL;
    if (!p->drawn || !r || r->w == 0) return -1;
    *out = *r;
    return 0;
}


int plot_time_step(const Plot *p, int64_t *step)
{
    if (!p->drawn) return -1;
    *step = p->tstep;
    return 0;
}

/* The neuron axis of view: neurons [*from, *from + *m) (plot.h, PlotView's
 * neuron_from / neuron_to). */
static void axis_range(const PlotView *v, int *from, int *m)
{
    const int ok = v->neuron_to > v->neuron_from && v->neuron_from >= 0 && v->neuron_to <= v->n;
    *from = ok ? v->neuron_from : 0;
    *m = ok ? v->neuron_to - v->neuron_from : v->n;
}

int plot_neuron_at(const Plot *p, int x, int y)
{
    const SDL_Rect *R = &p->rr;
    if (!p->drawn || x < R->x || x >= R->x + R->w || y < R->y || y >= R->y + R->h) return -1;
    /* The neuron whose value range holds the centre of the pixel row. */
    int64_t b = R->y + R->h - 1 - y;
    int64_t i = (2 * b + 1) * p->m / (2 * (int64_t)R->h);
    return p->from + (int)(i < p->m ? i : p->m - 1);
}

int plot_neuron_range(const Plot *p, int *from, int *to)
{
    if (!p->drawn) return -1;
    *from = p->from;
    *to = p->from + p->m;
    return 0;
}

double plot_neuron_value_at(const Plot *p, int y)
{
    const SDL_Rect *R = &p->rr;
    if (!p->drawn) return -1;
    return p->from + (double)(R->y + R->h - y) * p->m / R->h;
}

/* A time as the axis reads: "607 ms", or "607.600 s" when the axis is in s. */
static void tip_time(const Plot *p, int64_t t, char *out, size_t len)
{
    if (p->seconds) snprintf(out, len, "%s%.3f s", t < 0 ? "\xe2\x88\x92" : "", fabs((double)t / 1000.0));
    else snprintf(out, len, "%s%lld ms", t < 0 ? "\xe2\x88\x92" : "", t < 0 ? -(long long)t : (long long)t);
}

int plot_raster_tip(const Plot *p, const Hist *h, int n_exc, int x, int y, char *out, size_t len, int *neuron)
{
    const SDL_Rect *R = &p->rr;
    if (neuron) *neuron = -1;
    if (!p->drawn || x < R->x || x >= R->x + R->w || y < R->y || y >= R->y + R->h) return -1;
    if (!p->row_of || p->row_of_n != p->n || p->row_of_from != p->from || p->row_of_m != p->m || p->tex_w < 1 ||
        p->tex_h < 1)
        return -1;
    const int w = p->tex_w, hh = p->tex_h, n0 = p->from, n1 = p->from + p->m, W = p->span;
    /* the texel under the pointer (the raster is built at R / dot) */
    const int c = (int)((int64_t)(x - R->x) * w / R->w), r = (int)((int64_t)(y - R->y) * hh / R->h);
    /* the neurons whose centre is on that texel row (several when neurons
     * outnumber rows), else the one whose band holds it */
    int lo = -1, hi = -1;
    for (int i = n0; i < n1; i++)
        if (p->row_of[i] == r) { if (lo < 0) lo = i; hi = i; }
    if (lo < 0) {
        int64_t b = hh - 1 - r;
        lo = hi = n0 + (int)((2 * b + 1) * p->m / (2 * (int64_t)hh));
        if (lo >= n1) lo = hi = n1 - 1;
    }
    /* a spike painted there: its mark covers columns col(t) ... + markw - 1
     * and rows row_of[i] - markh / 2 ... + markh - 1 */
    int best_i = -1, best_d = 1 << 30;
    int64_t best_t = 0;
    if (h) {
        const int64_t ta = p->t0 + (int64_t)(c - p->markw) * W / w - 1, tb = p->t0 + (int64_t)(c + 1) * W / w + 1;
        for (int i = n0; i < n1; i++) {
            const int y0 = p->row_of[i] - p->markh / 2;
            if (r < y0 || r >= y0 + p->markh) continue;
            for (int64_t t = ta; t <= tb; t++) {
                if (t < p->t0 || t >= p->t0 + W) continue;
                const int col = (int)((t - p->t0) * w / W);
                if (c < col || c >= col + p->markw || !hist_spiked(h, t, i)) continue;
                int d = abs(p->row_of[i] - r) * 4 + (c - col);
                if (d < best_d) { best_d = d; best_i = i; best_t = t; }
            }
        }
    }
    char when[48];
    if (best_i >= 0) {
        tip_time(p, best_t, when, sizeof when);
        snprintf(out, len, "neuron %d (%s): a spike at %s", best_i, best_i < n_exc ? "excitatory" : "inhibitory", when);
        if (neuron) *neuron = best_i;
        return 0;
    }
    int64_t t = 0;
    plot_time_at(p, x, &t);
    tip_time(p, t, when, sizeof when);
    const char *cls = hi < n_exc ? "excitatory" : lo >= n_exc ? "inhibitory" : "excitatory and inhibitory";
    if (hi > lo) {
        snprintf(out, len, "neurons %d\xe2\x80\x93%d (%s), %s", lo, hi, cls, when);
        return 0;
    }
    /* one neuron's row (the neuron axis zoomed in): when it spiked */
    if (neuron) *neuron = lo;
    int64_t near = 0, count = 0;
    for (int64_t s = p->t0; h && s < p->t0 + W; s++)
        if (hist_spiked(h, s, lo)) {
            if (count == 0 || llabs(s - t) < llabs(near - t)) near = s;
            count++;
        }
    if (count == 0) {
        snprintf(out, len, "neuron %d (%s), %s: no spike in the span shown", lo, cls, when);
        return 0;
    }
    char at[48];
    tip_time(p, near, at, sizeof at);
    snprintf(out, len, "neuron %d (%s), %s: nearest spike %s, %lld in the span shown", lo, cls, when, at,
             (long long)count);
    return 0;
}

/* The smallest step 1, 2, 5 x 10^k that is >= min_step and splits span into
 * at most max_ticks intervals. */
static int64_t nice_step(int64_t span, int64_t max_ticks, int64_t min_step)
{
    static const int m[] = {1, 2, 5};
    for (int64_t dec = 1; dec < INT64_MAX / 10; dec *= 10)
        for (int k = 0; k < 3; k++) {
            int64_t s = m[k] * dec;
            if (s >= min_step && span / s <= max_ticks) return s;
        }
    return span;
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int plot_time_at(const Plot *p, int x, int64_t *t)
{
    const SDL_Rect *R = &p->rr;
    if (!p->drawn || R->w < 1) return -1;
    *t = p->t0 + floor_div((int64_t)(x - R->x) * p->span, R->w);
    return x >= R->x && x < R->x + R->w ? 0 : -1;
}

/* The traced neurons of v, slot 0 first: v->traced, or trace_neuron alone. */
static int traced_of(const PlotView *v, int ids[STEP_TRACE_MAX])
{
    if (v->n_traced <= 0) { ids[0] = v->trace_neuron; return 1; }
    const int k = v->n_traced < STEP_TRACE_MAX ? v->n_traced : STEP_TRACE_MAX;
    for (int j = 0; j < k; j++) ids[j] = v->traced[j];
    return k;
}

static void fmt_int(char *buf, size_t len, long long v)
{
    if (v < 0) snprintf(buf, len, MINUS "%llu", 0ull - (unsigned long long)v);
    else snprintf(buf, len, "%lld", v);
}

/* A time label: ms while the axis ends within PLOT_SECONDS_AFTER_MS, else
 * seconds with as many decimals as the tick step needs (step 0: three). */
static void fmt_time(char *buf, size_t len, int64_t t, int seconds, int64_t step);

void plot_time_label(char *buf, size_t len, int64_t t, int64_t t_end, int64_t step)
{
    fmt_time(buf, len, t, t_end > PLOT_SECONDS_AFTER_MS, step);
}

static void fmt_time(char *buf, size_t len, int64_t t, int seconds, int64_t step)
{
    if (!seconds) { fmt_int(buf, len, t); return; }
    int dec = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
    if (step == 0) dec = 3;
    double s = (double)t / 1000.0;
    if (t < 0) snprintf(buf, len, MINUS "%.*f", dec, -s);
    else snprintf(buf, len, "%.*f", dec, s);
}

/* ---- raster ----------------------------------------------------------- */

static uint32_t argb(SDL_Color c) { return 0xFF000000u | (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b; }

static SDL_Color mix(SDL_Color bg, SDL_Color fg, int s /* 0..255 */)
{
    SDL_Color o;
    o.r = (Uint8)(bg.r + ((int)fg.r - bg.r) * s / 255);
    o.g = (Uint8)(bg.g + ((int)fg.g - bg.g) * s / 255);
    o.b = (Uint8)(bg.b + ((int)fg.b - bg.b) * s / 255);
    o.a = 255;
    return o;
}

/* (Re)builds the texture and buffers for a w x h panel of n neurons of
 * which [from, from + m) are shown; does nothing when they already fit, so
 * the frame loop does not allocate. */
static int raster_prepare(Plot *p, int w, int h, int n, int from, int m)
{
    if (!p->tex || w != p->tex_w || h != p->tex_h) {
        if (p->tex) SDL_DestroyTexture(p->tex);
        free(p->counts);
        free(p->row_inh);
        p->tex = NULL;
        p->counts = NULL;
        p->row_inh = NULL;
        p->tex_w = p->tex_h = 0;
        p->row_of_n = 0;
        p->tex = SDL_CreateTexture(p->r, SDL_PIXELFORMAT_ARGB8888,
                                   SDL_TEXTUREACCESS_STREAMING, w, h);
        if (!p->tex || SDL_SetTextureBlendMode(p->tex, SDL_BLENDMODE_NONE) < 0) return -1;
        p->counts = malloc((size_t)w * (size_t)h * sizeof *p->counts);
        p->row_inh = malloc((size_t)h);
        if (!p->counts || !p->row_inh) return SDL_OutOfMemory();
        p->tex_w = w;
        p->tex_h = h;
    }
    if (n != p->row_of_n || from != p->row_of_from || m != p->row_of_m) {
        const int padded = (n + 63) / 64 * 64;
        if (padded > p->row_of_cap) {
            free(p->row_of);
            free(p->rows);
            p->row_of = malloc((size_t)padded * sizeof *p->row_of);
            p->rows = malloc(((size_t)padded + 4) * sizeof *p->rows);
            p->row_of_cap = p->row_of && p->rows ? padded : 0;
            if (!p->row_of_cap) return SDL_OutOfMemory();
        }
        /* the neurons not shown are masked out of the bitsets (Span) */
        for (int i = 0; i < padded; i++)
            p->row_of[i] = i >= from && i < from + m ? h - 1 - (int)((2 * (int64_t)(i - from) + 1) * h / (2 * (int64_t)m))
                                                     : 0;
        p->row_of_n = n;
        p->row_of_from = from;
        p->row_of_m = m;
    }
    return 0;
}

/* The rows of the set bits of one ms's bitset, into out (room for the
 * count + 4). At a few Hz a word holds 0 or 1 spike (0.45 on average at
 * 7 Hz), so a loop per set bit mispredicts on about every other word and
 * that dominated the frame at N = 100,000. Instead two extractions run
 * unconditionally (a spent word reads row_of[wi * 64 + 63], which exists
 * thanks to the padding, and does not advance m) and only the ~1% of
 * denser words loop. */
static int bits_to_rows(const uint64_t *bits, int words, uint64_t first_mask, uint64_t last_mask,
                        const int32_t *row_of, int32_t *out)
{
    const uint64_t hi = 1ull << 63;   /* keeps ctz defined on a zero word */
    int m = 0;
    for (int wi = 0; wi < words; wi++) {
        uint64_t b = wi == words - 1 ? bits[wi] & last_mask : bits[wi];
        if (wi == 0) b &= first_mask;
        const int32_t *ro = row_of + (size_t)wi * 64;
        for (int k = 0; k < 2; k++) {
            out[m] = ro[__builtin_ctzll(b | hi)];
            m += b != 0;
            b &= b - 1;
        }
        while (b) {
            out[m++] = ro[__builtin_ctzll(b)];
            b &= b - 1;
        }
    }
    return m;
}

/* The ms of the view that hs holds, [lo, hi), and the shape of their
 * bitsets for the neurons shown: words first ... first + words - 1, the
 * first and last masked to the neurons [from, to). */
typedef struct Span {
    int64_t lo, hi;
    int first, words;
    uint64_t first_mask, last_mask;
} Span;

static Span raster_span(const Hist *hs, const PlotView *v)
{
    int from, m;
    axis_range(v, &from, &m);
    const int nn = from + m < hist_n(hs) ? from + m : hist_n(hs);
    const int first = from / 64;
    Span sp = { hist_end(hs) - hist_window(hs), hist_end(hs), first, nn > from ? (nn + 63) / 64 - first : 0,
                ~0ull << (from & 63), (nn & 63) ? (1ull << (nn & 63)) - 1 : ~0ull };
    if (sp.lo < v->t_end - v->window_ms) sp.lo = v->t_end - v->window_ms;
    if (sp.hi > v->t_end) sp.hi = v->t_end;
    return sp;
}

/* The raster as rectangles for a vector figure: one per spike, where the
 * PNG paints it (the w x h texture stretched onto R), in its row's class
 * colour, the excitatory rows' first. */
static void raster_marks(Plot *p, SDL_Rect R, const Hist *hs, const PlotView *v, const PlotStyle *st,
                         int w, int h, int markw, int markh)
{
    if (!hs) return;
    const double sx = (double)R.w / w, sy = (double)R.h / h;
    const int W = v->window_ms;
    const int64_t t0 = v->t_end - W;
    const Span sp = raster_span(hs, v);
    for (int inh = 0; inh < 2; inh++) {
        SDL_Color c = inh ? st->inh : st->exc;
        for (int64_t t = sp.lo; t < sp.hi; t++) {
            const uint64_t *bits = hist_bits(hs, t);
            if (!bits) continue;
            const int m = bits_to_rows(bits + sp.first, sp.words, sp.first_mask, sp.last_mask,
                                         p->row_of + (size_t)sp.first * 64, p->rows);
            const int col = (int)((t - t0) * w / W);
            const int cw = col + markw <= w ? markw : w - col;
            for (int k = 0; k < m; k++) {
                const int row = p->rows[k];
                if (p->row_inh[row] != inh) continue;
                int y0 = row - markh / 2, y1 = y0 + markh;
                if (y0 < 0) y0 = 0;
                if (y1 > h) y1 = h;
                p->d.sink->rect(p->d.sink->ctx, c, R.x + col * sx, R.y + y0 * sy, cw * sx, (y1 - y0) * sy);
            }
        }
    }
}

static int raster_draw(Plot *p, SDL_Rect R, const Hist *hs, const PlotView *v,
                       const PlotStyle *st)
{
    /* built at R / dot, stretched to R: marks dot pixels or more */
    const int dot = v->dot > 1 ? v->dot : 1;
    const int w = R.w / dot > 1 ? R.w / dot : 1, h = R.h / dot > 1 ? R.h / dot : 1, W = v->window_ms;
    int from, n;                        /* the neurons shown: [from, from + n) */
    axis_range(v, &from, &n);
    if (raster_prepare(p, w, h, v->n, from, n) < 0) return -1;
    memset(p->counts, 0, (size_t)w * (size_t)h * sizeof *p->counts);

    /* Dashes like the paper's: one ms wide, at least 2 px, when there is
     * room; a third of a neuron's band thick when bands are tall. */
    const int markw = w >= W ? ((w + W - 1) / W > 2 ? (w + W - 1) / W : 2) : 1;
    const int band = h / n;
    const int markh = band >= 3 ? band / 3 : 1;
    const int64_t t0 = v->t_end - W;
    p->markw = markw;
    p->markh = markh;

    int64_t marks = 0;
    if (hs) {
        const Span sp = raster_span(hs, v);
        for (int64_t t = sp.lo; t < sp.hi; t++) {
            const uint64_t *bits = hist_bits(hs, t);
            if (!bits) continue;
            const int m = bits_to_rows(bits + sp.first, sp.words, sp.first_mask, sp.last_mask,
                                         p->row_of + (size_t)sp.first * 64, p->rows);
            marks += m;
            const int col = (int)((t - t0) * w / W);
            /* Column-major counts: the spikes of one ms land in one or two
             * contiguous columns, not scattered over the whole buffer. */
            uint32_t *cnt = p->counts + (size_t)col * h;
            if (markw == 1 && markh == 1) {
                for (int k = 0; k < m; k++) cnt[p->rows[k]]++;
                continue;
            }
            for (int dx = 0; dx < markw && col + dx < w; dx++, cnt += h)
                for (int k = 0; k < m; k++)
                    for (int dy = 0; dy < markh; dy++) {
                        int y = p->rows[k] - markh / 2 + dy;
                        if (y >= 0 && y < h) cnt[y]++;
                    }
        }
    }

    const double cells = ((double)n / h) * ((double)W / w);
    const double cap = cells / PLOT_FULL_SHARE > 1 ? cells / PLOT_FULL_SHARE : 1;
    const double k = 255.0 / cap;
    for (int s = 0; s < 256; s++) {
        p->lut[0][s] = argb(mix(st->bg, st->exc, s));
        p->lut[1][s] = argb(mix(st->bg, st->inh, s));
    }
    for (int y = 0; y < h; y++) {
        int64_t b = h - 1 - y;
        int64_t i = from + (2 * b + 1) * n / (2 * (int64_t)h);
        p->row_inh[y] = i >= v->n_exc;
    }
    /* A vector figure gets every mark as a rectangle while every mark is
     * at full strength and there are not too many of them. */
    if (p->d.sink && cap == 1 && marks <= PLOT_VECTOR_MAX_MARKS) {
        raster_marks(p, R, hs, v, st, w, h, markw, markh);
        return 0;
    }

    void *pix;
    int pitch;
    if (draw_pixels_begin(&p->d, p->tex, w, h, &pix, &pitch) < 0) return -1;
    /* Transposing in strips of columns keeps both the reads (one stream per
     * column) and the texture writes sequential. */
    enum { STRIP = 32 };
    for (int x0 = 0; x0 < w; x0 += STRIP) {
        const int x1 = x0 + STRIP < w ? x0 + STRIP : w;
        for (int y = 0; y < h; y++) {
            uint32_t *dst = (uint32_t *)((uint8_t *)pix + (size_t)y * pitch);
            const uint32_t *lut = p->lut[p->row_inh[y]];
            for (int x = x0; x < x1; x++) {
                uint32_t c = p->counts[(size_t)x * h + y];
                dst[x] = c == 0 ? lut[0] : lut[c >= cap ? 255 : (int)(c * k)];
            }
        }
    }
    /* The traced neurons' rows: their empty pixels tinted with each one's
     * trace colour, dashed (4 on, 4 off) so the spikes on them stay as they
     * are and a row does not read as a line of the figure. */
    if (v->highlight) {
        int ids[STEP_TRACE_MAX];
        const int nt = traced_of(v, ids);
        for (int j = 0; j < nt; j++) {
            if (ids[j] < from || ids[j] >= from + n) continue;
            const uint32_t tint = argb(mix(st->bg, plot_trace_color(st, j), 110));
            const int yc = h - 1 - (int)((2 * (int64_t)(ids[j] - from) + 1) * h / (2 * (int64_t)n));
            for (int y = yc - markh / 2; y < yc - markh / 2 + markh; y++) {
                if (y < 0 || y >= h) continue;
                uint32_t *dst = (uint32_t *)((uint8_t *)pix + (size_t)y * pitch);
                for (int x = 0; x < w; x++)
                    if (p->counts[(size_t)x * h + y] == 0 && ((x / 4) & 1) == 0) dst[x] = tint;
            }
        }
    }
    return draw_pixels_end(&p->d, p->tex, w, h, R);
}

/* ---- trace ------------------------------------------------------------ */

SDL_Color plot_trace_color(const PlotStyle *st, int j)
{
    return j <= 0 || j >= STEP_TRACE_MAX ? st->trace : st->trace_more[j - 1];
}

static int trace_y(SDL_Rect T, float v)
{
    const float top = PLOT_V_MAX < NET_V_PEAK ? PLOT_V_MAX : NET_V_PEAK;
    if (v > top) v = top;
    if (v < PLOT_V_MIN) v = PLOT_V_MIN;
    return T.y + (int)lround((PLOT_V_MAX - v) * (T.h - 1) / (double)(PLOT_V_MAX - PLOT_V_MIN));
}

static int polyline(Plot *p, int npts, int lw) { return draw_lines(&p->d, p->pts, npts, lw); }

/* Neuron `neuron`'s v, u or I at time t: from whichever traced slot held
 * it then (a slot's neuron changes as neurons are added and dropped: the
 * colour stays with the neuron); NAN if none did. */
static float traced_value(const Hist *hs, int64_t t, int neuron, int what)
{
    for (int s = 0; s < STEP_TRACE_MAX; s++) {
        int id;
        const float x = hist_trace_of(hs, t, s, what, &id);
        if (id == neuron) return x;
    }
    return NAN;
}

/* u or I on the strip's scale [lo, hi] (traces_strip). */
static int range_y(SDL_Rect T, float x, float lo, float hi)
{
    if (x > hi) x = hi;
    if (x < lo) x = lo;
    return T.y + (int)lround((double)(hi - x) * (T.h - 1) / (double)(hi - lo));
}

/* neuron < 0: the Hist's one trace (the figures); else that traced
 * neuron's `what`, u and I on the scale [vlo, vhi]. */
static int trace_draw(Plot *p, SDL_Rect T, const Hist *hs, const PlotView *v,
                      SDL_Color c, int lw, int neuron, int what, float vlo, float vhi)
{
    const int w = T.w, W = v->window_ms;
    const int64_t t0 = v->t_end - W;
    /* Long windows are drawn as per-column first/min/max/last so the cost
     * follows the panel width, not the window. */
    const int decimate = W > 2 * w;
    const size_t need = decimate ? 4 * (size_t)w + 4 : (size_t)W + 1;
    if (need > p->pts_cap) {
        SDL_Point *q = realloc(p->pts, need * sizeof *q);
        if (!q) return SDL_OutOfMemory();
        p->pts = q;
        p->pts_cap = need;
    }
    if (!hs) return 0;
    if (draw_color(&p->d, c) < 0) return -1;

    int64_t lo = hist_end(hs) - hist_window(hs), hi = hist_end(hs);
    if (lo < t0) lo = t0;
    if (hi > v->t_end) hi = v->t_end;
    int bad = 0, npts = 0;
    int ccol = -1, yfirst = 0, ymin = 0, ymax = 0, ylast = 0;
    for (int64_t t = lo; t <= hi; t++) {
        const float val = t >= hi ? NAN : neuron < 0 ? hist_trace(hs, t) : traced_value(hs, t, neuron, what);
        const int x = T.x + (int)((2 * (t - t0) + 1) * w / (2 * (int64_t)W));
        if (decimate && ccol >= 0 && (isnan(val) || x != ccol)) {
            p->pts[npts++] = (SDL_Point){ccol, yfirst};
            p->pts[npts++] = (SDL_Point){ccol, ymin};
            p->pts[npts++] = (SDL_Point){ccol, ymax};
            p->pts[npts++] = (SDL_Point){ccol, ylast};
            ccol = -1;
        }
        if (isnan(val)) {
            bad |= polyline(p, npts, lw) < 0;
            npts = 0;
            continue;
        }
        const int y = neuron < 0 || what == HIST_V ? trace_y(T, val) : range_y(T, val, vlo, vhi);
        if (!decimate) { p->pts[npts++] = (SDL_Point){x, y}; continue; }
        if (ccol < 0) { ccol = x; yfirst = ymin = ymax = y; }
        if (y < ymin) ymin = y;
        if (y > ymax) ymax = y;
        ylast = y;
    }
    return bad ? -1 : 0;
}

/* ---- the figure ------------------------------------------------------- */

typedef struct Layout {
    SDL_Rect R, T;          /* raster and trace panels, inside the frames */
    SDL_Rect P, G;          /* rate strip and spectrogram (h = 0 when not shown) */
    SDL_Rect S;             /* spectrum panel beside the raster (w = 0: none) */
    SDL_Rect X;             /* readouts under the spectrum panel */
    SDL_Rect bar;           /* the spectrogram's scale bar (w = 0: none) */
    int lw, tick, pad;
    int64_t tstep, nstep;
    int seconds;            /* time labels in s (else ms) */
} Layout;

/* Text vertically centred on row y the way tick labels are: digits'
 * visual centre on the tick. */
static int label_top(const Plot *p, int y) { return y - p->ascent + p->digit_h / 2; }

/* Whether a y-axis label at row y keeps clear of the last one drawn at
 * *last (INT_MIN: none yet; set when it does): in a low strip (a small
 * window, a large --ui-scale) "30" was drawn over "0". Its tick is drawn
 * either way. */
static int label_clear(const Plot *p, int y, int *last)
{
    if (*last != INT_MIN && abs(y - *last) < p->digit_h + p->digit_h / 2) return 0;
    *last = y;
    return 1;
}

/* Heights of the stacked time strips, in tenths: the Fig. 3 layout is
 * raster 3 : trace 1, as in the seed; the rhythm strips come between. */
enum { WEIGHT_R = 30, WEIGHT_P = 8, WEIGHT_G = 10, WEIGHT_T = 10 };

static int layout_compute(const Plot *p, SDL_Rect a, const PlotView *v, Layout *L)
{
    const int F = p->font_h;
    const unsigned panels = v->scope ? v->panels : 0;
    const int show_p = panels & PLOT_PANEL_RATE, show_g = panels & PLOT_PANEL_SPECTROGRAM;
    const int show_s = (panels & PLOT_PANEL_SPECTRUM) && v->spectrum;
    char buf[48];
    memset(L, 0, sizeof *L);
    L->lw = ((a.w < a.h ? a.w : a.h) + 300) / 600;
    if (L->lw < 1) L->lw = 1;
    if (L->lw < v->dot) L->lw = v->dot;
    L->tick = F / 4 > 3 ? F / 4 : 3;
    L->pad = F / 3 > 2 ? F / 3 : 2;
    const int lw = L->lw, tick = L->tick, pad = L->pad;

    /* Vertical: labels above the top, a gap between the strips, tick labels
     * and the title below; the rest split by the strips' weights. */
    const int strips = 2 + (show_p != 0) + (show_g != 0);
    const int top = pad + p->digit_h / 2 + lw + (show_s ? F + pad : 0);
    const int gap = lw + tick + F / 2 + lw;
    const int bottom = lw + tick + pad / 3 + F + pad / 3 + F;
    const int avail = a.h - top - (strips - 1) * gap - bottom;
    const int wsum = WEIGHT_R + WEIGHT_T + (show_p ? WEIGHT_P : 0) + (show_g ? WEIGHT_G : 0);
    const int hR = avail * WEIGHT_R / wsum;
    const int hP = show_p ? avail * WEIGHT_P / wsum : 0;
    const int hG = show_g ? avail * WEIGHT_G / wsum : 0;
    const int hT = avail - hR - hP - hG;
    if (hR < 24 || hT < 8 || (show_p && hP < F + 8) || (show_g && hG < 2 * F)) {
        SDL_SetError("plot area %dx%d too small", a.w, a.h);
        return -1;
    }

    /* Neuron ticks at least 1.3 lines apart, at most 12 intervals, over
     * the neurons shown. */
    int nfrom, nm;
    axis_range(v, &nfrom, &nm);
    int64_t min_n = ((int64_t)F * 13 * nm + (int64_t)hR * 10 - 1) / ((int64_t)hR * 10);
    L->nstep = nice_step(nm, 12, min_n > 1 ? min_n : 1);

    int labw = 0;
    fmt_int(buf, sizeof buf, ((nfrom + nm) / L->nstep) * L->nstep);
    labw = plot_text_width(p, buf);
    int vw = plot_text_width(p, MINUS "80");
    if (vw > labw) labw = vw;
    if (show_p || show_g) {                /* rate and frequency labels */
        int rw = plot_text_width(p, "1000");
        if (rw > labw) labw = rw;
    }
    const int left = pad + F + pad + labw + pad / 2 + tick + lw;

    const int64_t t0 = v->t_end - v->window_ms;
    L->seconds = v->t_end > PLOT_SECONDS_AFTER_MS;
    /* the widest label at most: three decimals when in seconds */
    fmt_time(buf, sizeof buf, t0, L->seconds, 0);
    int tw = plot_text_width(p, buf);
    fmt_time(buf, sizeof buf, v->t_end, L->seconds, 0);
    int tw2 = plot_text_width(p, buf);
    if (tw2 > tw) tw = tw2;
    int right = (tw / 2 + 2 > pad ? tw / 2 + 2 : pad) + lw;
    /* The right column: the spectrum (with its dB labels) over its
     * readouts, or only the spectrogram's scale bar. */
    int col = 0;
    if (show_s) {
        col = a.w * 24 / 100;
        if (col < 16 * F) col = 16 * F;
        if (col > 30 * F) col = 30 * F;
    } else if (show_g) {
        col = 2 * F + plot_text_width(p, "25 dB") + pad;
    }
    const int w = a.w - left - right - col;
    /* the rhythm panels want room to be read; Fig. 3 draws down to 24 px */
    if (w < 24 || (panels && w < 12 * F)) { SDL_SetError("plot area %dx%d too small", a.w, a.h); return -1; }

    /* Time ticks at least a label and two pads apart; in seconds a label's
     * decimals follow the step, so each step is tried with its own labels. */
    int64_t min_t = 1;
    for (;;) {
        L->tstep = nice_step(v->window_ms, 12, min_t);
        int lw_t = 0;
        for (int k = 0; k < 2; k++) {
            fmt_time(buf, sizeof buf, k ? v->t_end : t0, L->seconds, L->tstep);
            int x = plot_text_width(p, buf);
            if (x > lw_t) lw_t = x;
        }
        if (L->tstep * w >= (int64_t)(lw_t + 2 * pad) * v->window_ms || L->tstep >= v->window_ms) break;
        min_t = L->tstep + 1;
    }

    int y = a.y + top;
    L->R = (SDL_Rect){a.x + left, y, w, hR};
    y += hR + gap;
    if (show_p) { L->P = (SDL_Rect){a.x + left, y, w, hP}; y += hP + gap; }
    if (show_g) { L->G = (SDL_Rect){a.x + left, y, w, hG}; y += hG + gap; }
    L->T = (SDL_Rect){a.x + left, y, w, hT};
    const int cx = a.x + left + w + right;        /* the right column starts here */
    if (show_s) {
        /* the spectrum beside the raster; its readouts beside the rhythm
         * strips; the spectrogram's scale bar, lying, beside the trace */
        const int dbw = plot_text_width(p, MINUS "10") + 6 + lw + pad;
        const int below = lw + 5 + 2 * p->font_h;
        const int half = plot_text_width(p, "100") / 2 + pad;
        L->S = (SDL_Rect){cx + dbw, L->R.y, col - dbw - half, hR - below};
        const int xt = L->R.y + hR + gap;
        L->X = (SDL_Rect){cx + pad, xt, col - 2 * pad, L->T.y - xt - gap};
        if (L->S.w < 6 * F || L->S.h < 5 * F) {
            SDL_SetError("plot area %dx%d too small for the spectrum", a.w, a.h);
            return -1;
        }
        if (show_g) L->bar = (SDL_Rect){cx + pad + F / 2, L->T.y + F + pad, col - 2 * pad - F, F * 2 / 3};
    } else if (show_g) {
        L->bar = (SDL_Rect){cx + pad, L->G.y, F * 2 / 3, L->G.h};
    }
    return 0;
}

static int fill(Draw *r, int x, int y, int w, int h) { return draw_fill(r, x, y, w, h) < 0; }
static int set_color(Draw *r, SDL_Color c) { return draw_color(r, c) < 0; }

static int frame_draw(Draw *r, SDL_Rect P, int lw)
{
    int bad = fill(r, P.x - lw, P.y - lw, P.w + 2 * lw, lw);
    bad |= fill(r, P.x - lw, P.y + P.h, P.w + 2 * lw, lw);
    bad |= fill(r, P.x - lw, P.y, lw, P.h);
    bad |= fill(r, P.x + P.w, P.y, lw, P.h);
    return bad;
}

/* A word centred at (cx, cy) on a label_bg box. */
static int word_draw(Plot *p, int cx, int cy, const char *s, const PlotStyle *st, int pad)
{
    int tw = plot_text_width(p, s);
    int bad = set_color(&p->d, st->label_bg);
    bad |= fill(&p->d, cx - tw / 2 - pad / 2, cy - p->font_h / 2 - pad / 4,
                tw + pad, p->font_h + pad / 2);
    bad |= plot_text(p, cx - tw / 2, cy - p->font_h / 2, s, st->fg) < 0;
    return bad;
}

int plot_fits(const Plot *p, SDL_Rect area, const PlotView *v)
{
    Layout L;
    return v && v->window_ms >= 1 && v->n >= 1 && layout_compute(p, area, v, &L) == 0;
}

/* The live window's trace strip with its traced neurons (v->n_traced >= 1):
 * v on the figure's fixed scale, or u or I on one scale fitted to the shown
 * span of them all (ticks at its ends and 0 when inside); each neuron's
 * line and its number in the label in its colour, the first drawn last
 * (on top). */
static int traces_strip(Plot *p, SDL_Rect T, const Hist *hs, const PlotView *v, const PlotStyle *st, int lw,
                        int tick, int pad, int lab_r)
{
    int ids[STEP_TRACE_MAX];
    const int k = traced_of(v, ids), what = v->trace_what;
    int bad = 0;
    float lo = INFINITY, hi = -INFINITY;
    if (what != HIST_V && hs) {
        int64_t a = hist_end(hs) - hist_window(hs), b = hist_end(hs);
        if (a < v->t_end - v->window_ms) a = v->t_end - v->window_ms;
        if (b > v->t_end) b = v->t_end;
        for (int64_t t = a; t < b; t++)
            for (int s = 0; s < STEP_TRACE_MAX; s++) {
                int id;
                const float x = hist_trace_of(hs, t, s, what, &id);
                int shown = 0;
                for (int j = 0; j < k; j++) shown |= id >= 0 && id == ids[j];
                if (shown && isfinite(x)) { if (x < lo) lo = x; if (x > hi) hi = x; }
            }
        if (!(lo <= hi)) { lo = -1.0f; hi = 1.0f; }
        const float m = (hi - lo) * 0.05f + (hi - lo < 1e-3f ? 1.0f : 0.0f);
        lo -= m;
        hi += m;
    }
    /* ticks: v's as the figure's; u's and I's at the scale's ends and 0 */
    char buf[32];
    static const int vticks[] = {-80, -40, 0, 30};
    const int nt = what == HIST_V ? 4 : (lo < 0.0f && hi > 0.0f ? 3 : 2);
    int last = INT_MIN;
    for (int m = 0; m < nt; m++) {
        float val = what == HIST_V ? (float)vticks[m] : m == 0 ? lo : m == 1 ? hi : 0.0f;
        if (what != HIST_V && m < 2) val = m == 0 ? ceilf(lo * 10.0f) / 10.0f : floorf(hi * 10.0f) / 10.0f;
        const int y = what == HIST_V ? trace_y(T, val) : range_y(T, val, lo, hi);
        /* 0 beside an end's tick: its label would run into the end's */
        if (what != HIST_V && m == 2 && (abs(y - T.y) < p->font_h || abs(T.y + T.h - 1 - y) < p->font_h)) continue;
        bad |= set_color(&p->d, st->fg);
        bad |= fill(&p->d, T.x - lw - tick, y - lw / 2, tick, lw);
        if (what == HIST_V) fmt_int(buf, sizeof buf, vticks[m]);
        else snprintf(buf, sizeof buf, "%.1f", (double)val);
        if (label_clear(p, y, &last)) bad |= plot_text(p, lab_r - plot_text_width(p, buf), label_top(p, y), buf, st->fg) < 0;
    }
    for (int j = k - 1; j >= 0; j--)
        bad |= trace_draw(p, T, hs, v, plot_trace_color(st, j), lw, ids[j], what, lo, hi) < 0;
    /* "v(t) of neuron 3", "u(t) of neurons 3, 17, 512 (mV)", on a box */
    static const char *const head[3] = { "v(t)", "u(t)", "I(t)" };
    static const char *const unit[3] = { "", " (mV)", " (mV/ms)" };
    char first[48];
    snprintf(first, sizeof first, "%s of neuron%s ", head[what], k > 1 ? "s" : "");
    char num[STEP_TRACE_MAX][16];
    int wsum = plot_text_width(p, first) + plot_text_width(p, unit[what]);
    for (int j = 0; j < k; j++) {
        snprintf(num[j], sizeof num[j], j + 1 < k ? "%d," : "%d", ids[j]);
        wsum += plot_text_width(p, num[j]) + (j + 1 < k ? plot_text_width(p, " ") : 0);
    }
    const int tx = T.x + (int)((int64_t)25 * T.w / 1000);
    const int ty = (what == HIST_V ? trace_y(T, 0.0f) : T.y + T.h / 2) - p->ascent;
    bad |= set_color(&p->d, st->label_bg);
    bad |= fill(&p->d, tx - pad / 2, ty - pad / 4, wsum + pad, p->font_h + pad / 2);
    int x = tx;
    bad |= plot_text(p, x, ty, first, st->fg) < 0;
    x += plot_text_width(p, first);
    for (int j = 0; j < k; j++) {
        bad |= plot_text(p, x, ty, num[j], plot_trace_color(st, j)) < 0;
        x += plot_text_width(p, num[j]) + (j + 1 < k ? plot_text_width(p, " ") : 0);
    }
    bad |= plot_text(p, x, ty, unit[what], st->fg) < 0;
    return bad ? -1 : 0;
}

/* The stimulus's rows [sf, st] in the raster R showing neurons [from,
 * from + n), cut to those shown: *y_lo below its first row, *y_hi above
 * its last (at least lw apart). 0 when none of them is shown. */
static int stim_rows_y(SDL_Rect R, int from, int n, int sf, int st, int lw, int *y_lo, int *y_hi)
{
    if (st < sf || sf >= from + n || st < from) return 0;
    const int a = (sf > from ? sf : from) - from;
    const int b = (st < from + n ? st : from + n - 1) - from;
    *y_lo = R.y + R.h - (int)((int64_t)a * R.h / n);
    *y_hi = R.y + R.h - (int)(((int64_t)b + 1) * R.h / n);
    if (*y_lo - *y_hi < lw) *y_hi = *y_lo - lw;
    return 1;
}

int plot_draw(Plot *p, SDL_Rect area, const Hist *hs, const PlotView *v,
              const PlotStyle *st)
{
    char buf[48];
    Layout L;
    if (!p || !v || !st || v->window_ms < 1 || v->n < 1)
        return SDL_InvalidParamError("plot_draw");
    if (layout_compute(p, area, v, &L) < 0) return -1;
    const SDL_Rect R = L.R, T = L.T;
    const int lw = L.lw, tick = L.tick, pad = L.pad, W = v->window_ms;
    /* the neuron axis: neurons [from, from + n) fill the raster; below,
     * neuron i is row i - from of n (plot.h) */
    int from, n;
    axis_range(v, &from, &n);
    const int n_exc = v->n_exc < from ? 0 : v->n_exc > from + n ? n : v->n_exc - from;
    const int64_t t0 = v->t_end - W;
    Draw *r = &p->d;
    int bad = 0;

    p->drawn = 1;
    p->n = v->n;
    p->from = from;
    p->m = n;
    p->rr = R;
    p->tr = T;
    p->rp = L.P;
    p->rg = L.G;
    p->rs = L.S;
    p->t0 = t0;
    p->span = W;
    p->tstep = L.tstep;
    p->seconds = L.seconds;

    bad |= set_color(r, st->bg);
    bad |= fill(r, area.x, area.y, area.w, area.h);
    bad |= raster_draw(p, R, hs, v, st) < 0;

    /* The traced neurons' rows (tinted in the raster): marks outside the
     * frame on both sides, each in its trace's colour. */
    if (v->highlight) {
        int ids[STEP_TRACE_MAX];
        const int k = traced_of(v, ids);
        for (int j = 0; j < k; j++) {
            if (ids[j] < from || ids[j] >= from + n) continue;
            int y = R.y + R.h - 1 - (int)((2 * (int64_t)(ids[j] - from) + 1) * R.h / (2 * (int64_t)n));
            int bh = R.h / n > 2 * lw ? R.h / n : 2 * lw;
            bad |= set_color(r, plot_trace_color(st, j));
            bad |= fill(r, R.x - 2 * lw - tick, y - bh / 2 - lw, tick, bh + 2 * lw);
            bad |= fill(r, R.x + R.w + 2 * lw, y - bh / 2 - lw, tick, bh + 2 * lw);
        }
    }

    /* The stimulus: a bar beside its rows now (solid while on, a frame
     * while off), and each span it was on, from the scope's events (a
     * restart starts again from how it started), along the raster's top and
     * over the edges of the rows it was given to then. */
    if (v->stim_shown && v->scope) {
        const int bx = R.x + R.w + 3 * lw + tick, bw = tick > 3 * lw ? tick : 3 * lw;
        int y_lo, y_hi;
        bad |= set_color(r, st->marker);
        if (stim_rows_y(R, from, n, v->stim_from, v->stim_to, lw, &y_lo, &y_hi)) {
            const int hgt = y_lo - y_hi;
            if (v->stim_now) bad |= fill(r, bx, y_hi, bw, hgt);
            else {
                bad |= fill(r, bx, y_hi, bw, lw);
                bad |= fill(r, bx, y_hi + hgt - lw, bw, lw);
                bad |= fill(r, bx, y_hi, lw, hgt);
                bad |= fill(r, bx + bw - lw, y_hi, lw, hgt);
            }
        }
        int on = v->stim_start, rf = v->stim_start_from, rt = v->stim_start_to;
        int64_t since = 0;
        const int ne_ = scope_event_count(v->scope);
        for (int k = 0; k <= ne_; k++) {
            const Event *e = k < ne_ ? scope_event_at(v->scope, k) : NULL;
            if (e && e->kind != EVENT_STIM && e->kind != EVENT_STIM_FROM && e->kind != EVENT_STIM_TO &&
                e->kind != EVENT_RESTART)
                continue;
            const int64_t until = e ? e->t_ms : v->t_end;
            /* (a move of the rows is two events at one step: no span between) */
            if (on && until > since && until > t0 && since < t0 + W) {
                int64_t a = since > t0 ? since : t0, b = until < t0 + W ? until : t0 + W;
                int xa = R.x + (int)((a - t0) * R.w / W), xb = R.x + (int)((b - t0) * R.w / W);
                if (xb <= xa) xb = xa + lw;
                bad |= fill(r, xa, R.y, xb - xa, 3 * lw);
                if (stim_rows_y(R, from, n, rf, rt, lw, &y_lo, &y_hi)) {
                    bad |= fill(r, xa, y_lo - lw, xb - xa, lw);
                    bad |= fill(r, xa, y_hi, xb - xa, lw);
                }
            }
            if (!e) break;
            switch (e->kind) {
            case EVENT_STIM: on = e->after != 0; break;
            case EVENT_STIM_FROM: rf = (int)e->after; break;
            case EVENT_STIM_TO: rt = (int)e->after; break;
            default: on = v->stim_start; rf = v->stim_start_from; rt = v->stim_start_to; break;
            }
            since = e->t_ms;
        }
    }

    /* Divider between the last excitatory and the first inhibitory row. */
    if (n_exc > 0 && n_exc < n) {
        int y = R.y + R.h - (int)((int64_t)n_exc * R.h / n);
        bad |= set_color(r, st->divider);
        bad |= fill(r, R.x, y - lw / 2, R.w, lw);
    }

    /* The rhythm strips and the spectrum, when asked for. */
    const int lab_r = R.x - lw - tick - pad / 2;
    const PanelAxis ax = { lab_r, tick, lw };
    if (L.P.h) bad |= panels_rate(p->panels, L.P, &ax, v->scope, t0, W, st) < 0;
    if (L.G.h) bad |= panels_spectrogram(p->panels, L.G, L.bar, &ax, v->scope, t0, W, st) < 0;
    if (L.S.w) bad |= panels_spectrum(p->panels, L.S, L.X, v->spectrum, v->scope, st, lw) < 0;

    bad |= set_color(r, st->fg);
    bad |= frame_draw(r, R, lw);
    if (L.P.h) bad |= frame_draw(r, L.P, lw);
    if (L.G.h) bad |= frame_draw(r, L.G, lw);
    bad |= frame_draw(r, T, lw);

    /* Time ticks under every strip (shared axis), labels under the trace. */
    const int lab_y = T.y + T.h + lw + tick + pad / 3;
    for (int64_t tv = floor_div(t0 + L.tstep - 1, L.tstep) * L.tstep; tv <= v->t_end; tv += L.tstep) {
        int x = R.x + (int)((tv - t0) * R.w / W);
        bad |= set_color(r, st->fg);
        bad |= fill(r, x - lw / 2, R.y + R.h + lw, lw, tick);
        if (L.P.h) bad |= fill(r, x - lw / 2, L.P.y + L.P.h + lw, lw, tick);
        if (L.G.h) bad |= fill(r, x - lw / 2, L.G.y + L.G.h + lw, lw, tick);
        bad |= fill(r, x - lw / 2, T.y + T.h + lw, lw, tick);
        fmt_time(buf, sizeof buf, tv, L.seconds, L.tstep);
        bad |= plot_text(p, x - plot_text_width(p, buf) / 2, lab_y, buf, st->fg) < 0;
    }
    const char *xt = L.seconds ? "time, s" : "time, ms";
    bad |= plot_text(p, R.x + R.w / 2 - plot_text_width(p, xt) / 2,
                     lab_y + p->font_h + pad / 3, xt, st->fg) < 0;

    /* Neuron ticks, labels right-aligned to the ticks: the neurons' own
     * numbers, multiples of the step. */
    for (int64_t nv = (from + L.nstep - 1) / L.nstep * L.nstep; nv <= from + n; nv += L.nstep) {
        int y = R.y + R.h - (int)((nv - from) * R.h / n);
        bad |= set_color(r, st->fg);
        bad |= fill(r, R.x - lw - tick, y - lw / 2, tick, lw);
        fmt_int(buf, sizeof buf, nv);
        bad |= plot_text(p, lab_r - plot_text_width(p, buf), label_top(p, y), buf, st->fg) < 0;
    }
    /* "neuron number" and the trace's unit, reading upwards, centred on
     * their panels. */
    {
        SDL_Texture *tex[2] = { p->ytitle, p->vtitle };
        const int tw[2] = { p->ytitle_w, p->vtitle_w }, th[2] = { p->ytitle_h, p->vtitle_h };
        const int cy[2] = { R.y + R.h / 2, T.y + T.h / 2 };
        /* I(t) is in mV/ms: its label says so, "mV" would not be true */
        const int titles = v->trace_what == HIST_I && v->n_traced > 0 ? 1 : 2;
        for (int k = 0; k < titles; k++) {
            int cx = area.x + pad + th[k] / 2;
            SDL_Rect dst = {cx - th[k] / 2, cy[k] - tw[k] / 2, th[k], tw[k]};
            if (r->sink) {   /* the turned box's left edge is the text's top */
                r->sink->text(r->sink->ctx, st->fg, cx - th[k] / 2 + p->ascent, cy[k] + tw[k] / 2, 1,
                              AXIS_TITLE[k], NULL, 0);
                continue;
            }
            bad |= SDL_SetTextureColorMod(tex[k], st->fg.r, st->fg.g, st->fg.b) < 0;
            bad |= SDL_SetTextureAlphaMod(tex[k], st->fg.a) < 0;
            bad |= SDL_RenderCopy(p->r, tex[k], NULL, &dst) < 0;
        }
    }

    /* Trace panel: v ticks, the trace, its label; the window's several
     * traced neurons, or their u or I, in traces_strip. */
    if (v->n_traced > 1 || (v->n_traced == 1 && v->trace_what != HIST_V)) {
        bad |= traces_strip(p, T, hs, v, st, lw, tick, pad, lab_r) < 0;
        goto traced;
    }
    static const int vticks[] = {-80, -40, 0, 30};
    int last_y = INT_MIN;
    for (size_t k = 0; k < sizeof vticks / sizeof vticks[0]; k++) {
        int y = trace_y(T, (float)vticks[k]);
        bad |= set_color(r, st->fg);
        bad |= fill(r, T.x - lw - tick, y - lw / 2, tick, lw);
        fmt_int(buf, sizeof buf, vticks[k]);
        if (label_clear(p, y, &last_y))
            bad |= plot_text(p, lab_r - plot_text_width(p, buf), label_top(p, y), buf, st->fg) < 0;
    }
    bad |= trace_draw(p, T, hs, v, st->trace, lw, -1, HIST_V, 0.0f, 0.0f) < 0;
    /* Where the seed writes it: 25 ms into the window, baseline at 0 mV. */
    /* On a box drawn over the trace: its spikes and, at high noise, its
     * dense wiggle never run through the words (issue 17). */
    {
        char deflabel[48];
        snprintf(deflabel, sizeof deflabel, "v(t) of neuron %d", v->trace_neuron);
        const char *tl = v->trace_label ? v->trace_label : deflabel;
        const int tx = T.x + (int)((int64_t)25 * T.w / 1000), ty = trace_y(T, 0.0f) - p->ascent;
        bad |= set_color(r, st->label_bg);
        bad |= fill(r, tx - pad / 2, ty - pad / 4, plot_text_width(p, tl) + pad, p->font_h + pad / 2);
        bad |= plot_text(p, tx, ty, tl, st->fg) < 0;
    }
traced:

    /* Class words centred in their halves, on boxes, as in the seed. */
    if (n_exc > 0)
        bad |= word_draw(p, R.x + R.w / 2, R.y + R.h - (int)((int64_t)n_exc * R.h / (2 * n)),
                         "excitatory", st, pad);
    if (n_exc < n)
        bad |= word_draw(p, R.x + R.w / 2,
                         R.y + R.h - (int)(((int64_t)n_exc + n) * R.h / (2 * n)),
                         "inhibitory", st, pad);
    /* Live changes, over the time strips above the trace (and over the
     * class words: they are what just happened). */
    if (v->scope && (v->panels & PLOT_PANEL_MARKERS)) {
        int bottom = L.G.h ? L.G.y + L.G.h : L.P.h ? L.P.y + L.P.h : R.y + R.h;
        bad |= panels_markers(p->panels, R, bottom, v->scope, t0, W, st, lw) < 0;
    }

    return bad ? -1 : 0;
}
