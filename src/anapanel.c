/*
 * anapanel.c - the analysis panel and figure (anapanel.h): the span's
 * steps rebuilt from the Hist's bitsets and fed to analysis.c, then drawn
 * as three small plots and a few readouts.
 */
#include "anapanel.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "draw.h"
#include "hist.h"
#include "step.h"

#define MINUS "\xe2\x88\x92"
#define DASH "\xe2\x80\x93"

struct AnaPanel {
    int n, ne;
    Analysis *an;
    int32_t *spikes;                   /* one ms's spikes, n words */
    AnalysisResult res, next;          /* the last result; the one being computed */
    int64_t from, to;                  /* the span of res */
};

AnaPanel *anapanel_create(int n, int ne)
{
    AnaPanel *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->n = n;
    p->ne = ne;
    p->an = analysis_create(n, ne, 0);
    p->spikes = malloc((size_t)n * sizeof *p->spikes);
    if (!p->an || !p->spikes) { anapanel_destroy(p); return NULL; }
    return p;
}

void anapanel_destroy(AnaPanel *p)
{
    if (!p) return;
    analysis_destroy(p->an);
    free(p->spikes);
    free(p);
}

int anapanel_compute(AnaPanel *p, const Scope *s, int64_t from, int64_t to)
{
    const Hist *h = scope_hist(s);
    if (hist_n(h) != p->n) return -1;
    int64_t oldest = hist_end(h) - hist_window(h);
    if (from < oldest) from = oldest;
    if (from < 0) from = 0;
    if (to > hist_end(h)) to = hist_end(h);
    if (to - from > ANAPANEL_MAX_MS) from = to - ANAPANEL_MAX_MS;
    if (to < from) to = from;
    analysis_reset(p->an, 0);
    const int words = (p->n + 63) / 64;
    for (int64_t t = from; t < to; t++) {
        const uint64_t *bits = hist_bits(h, t);
        int count = 0;
        for (int wd = 0; bits && wd < words; wd++)
            for (uint64_t x = bits[wd]; x; x &= x - 1) {
                int i = wd * 64 + __builtin_ctzll(x);
                if (i < p->n) p->spikes[count++] = i;
            }
        const Step st = step_of(t, p->spikes, count, p->ne, -1, NAN);
        if (analysis_add(p->an, &st, NULL, NAN) != 0) return -1;
    }
    if (analysis_result(p->an, &p->next) != 0) return -1;
    p->res = p->next;
    p->from = from;
    p->to = to;
    return 0;
}

const AnalysisResult *anapanel_result(const AnaPanel *p, int64_t *from, int64_t *to)
{
    *from = p->from;
    *to = p->to;
    return &p->res;
}

void anapanel_status(const AnaPanel *p, char *out, size_t len)
{
    const AnalysisResult *r = &p->res;
    snprintf(out, len,
             "ana_span %" PRId64 " %" PRId64 "\nana_cv %.17g %.17g\nana_cv_neurons %d %d\nana_isi_mean %.17g %.17g\n"
             "ana_isi_count %" PRId64 " %" PRId64 "\nana_fano %.17g %.17g\nana_lag_ei %d\nana_peak_ei %.17g\n",
             p->from, p->to, r->cv_mean[0], r->cv_mean[1], r->cv_neurons[0], r->cv_neurons[1], r->isi_mean_ms[0],
             r->isi_mean_ms[1], r->isi_count[0], r->isi_count[1], r->fano[0], r->fano[1], r->lag_ei_ms, r->peak_ei);
}

/* ---- drawing ------------------------------------------------------------ */

typedef struct Pen {
    Plot *p;
    Draw *d;
    const PlotStyle *st;
    int lh, em, lw;
} Pen;

static int fill(Pen *g, SDL_Color c, int x, int y, int w, int h)
{
    if (w <= 0 || h <= 0) return 0;
    return draw_color(g->d, c) < 0 || draw_fill(g->d, x, y, w, h) < 0 ? -1 : 0;
}

/* The frame around the box B, outside it. */
static int frame(Pen *g, SDL_Rect B)
{
    const int l = g->lw;
    return fill(g, g->st->fg, B.x - l, B.y - l, B.w + 2 * l, l) | fill(g, g->st->fg, B.x - l, B.y + B.h, B.w + 2 * l, l) |
           fill(g, g->st->fg, B.x - l, B.y, l, B.h) | fill(g, g->st->fg, B.x + B.w, B.y, l, B.h);
}

/* A step curve of n bins of values y[k] (k = 0 ... n - 1) over the box B,
 * 0 ... ymax upwards, each bin B.w / n wide. */
static int steps(Pen *g, SDL_Rect B, const double *y, int n, double ymax, SDL_Color c)
{
    SDL_Point pts[2 * 256 + 2];
    if (n > 256 || ymax <= 0) return 0;
    int k = 0;
    for (int b = 0; b < n; b++) {
        double v = y[b] / ymax;
        if (!(v >= 0)) v = 0;
        if (v > 1) v = 1;
        const int yy = B.y + B.h - 1 - (int)lround(v * (B.h - 1));
        pts[k++] = (SDL_Point){ B.x + (int)((int64_t)b * B.w / n), yy };
        pts[k++] = (SDL_Point){ B.x + (int)((int64_t)(b + 1) * B.w / n) - 1, yy };
    }
    if (draw_color(g->d, c) < 0) return -1;
    return draw_lines(g->d, pts, k, g->lw);
}

/* A curve through (x_k, y_k) k = 0 ... n - 1 of values in [lo, hi] over B. */
static int curve(Pen *g, SDL_Rect B, const double *y, int n, double lo, double hi, SDL_Color c)
{
    SDL_Point pts[2 * ANALYSIS_LAG + 1];
    int k = 0;
    for (int b = 0; b < n && k < (int)(sizeof pts / sizeof pts[0]); b++) {
        if (isnan(y[b])) continue;
        double v = (y[b] - lo) / (hi - lo);
        if (v < 0) v = 0;
        if (v > 1) v = 1;
        pts[k++] = (SDL_Point){ B.x + (int)lround((double)b * (B.w - 1) / (n - 1)),
                                B.y + B.h - 1 - (int)lround(v * (B.h - 1)) };
    }
    if (k < 2) return 0;
    if (draw_color(g->d, c) < 0) return -1;
    return draw_lines(g->d, pts, k, g->lw);
}

/* Text at (x, y) top left; returns the x after it. */
static int say(Pen *g, int x, int y, const char *s, SDL_Color c)
{
    int w = plot_text(g->p, x, y, s, c);
    return w < 0 ? -1 : x + w;
}

/* The x-axis labels under B: lo at the left edge, hi at the right, mid
 * (may be NULL) at the middle, unit after hi. */
static int xlabels(Pen *g, SDL_Rect B, const char *lo, const char *mid, const char *hi)
{
    const int y = B.y + B.h + g->lw + 1;
    if (say(g, B.x, y, lo, g->st->fg) < 0) return -1;
    if (mid && say(g, B.x + (B.w - plot_text_width(g->p, mid)) / 2, y, mid, g->st->fg) < 0) return -1;
    return say(g, B.x + B.w - plot_text_width(g->p, hi), y, hi, g->st->fg) < 0 ? -1 : 0;
}

/* The y scale's top label left of B. */
static int ylabel(Pen *g, SDL_Rect B, const char *top, const char *bottom)
{
    if (say(g, B.x - g->em / 2 - plot_text_width(g->p, top), B.y, top, g->st->fg) < 0) return -1;
    return say(g, B.x - g->em / 2 - plot_text_width(g->p, bottom), B.y + B.h - g->lh, bottom, g->st->fg) < 0 ? -1 : 0;
}

/* A percentage as the y label says it: "12%", "0.5%". */
static void pct(double f, char *out, size_t len)
{
    if (f >= 0.095) snprintf(out, len, "%.0f%%", 100 * f);
    else snprintf(out, len, "%.1f%%", 100 * f);
}

static double nice_up(double x)
{
    static const double steps_[] = { 10, 20, 50, 100, 200 };
    for (int k = 0; k < 5; k++)
        if (x <= steps_[k]) return steps_[k];
    return 200;
}

/* The ISI histogram: E and I, fractions of the ISIs in ANAPANEL_ISI_BAR_MS bars. */
static int draw_isi(Pen *g, SDL_Rect B, const AnalysisResult *r)
{
    enum { BARS = ANAPANEL_ISI_MAX_MS / ANAPANEL_ISI_BAR_MS };
    double y[2][BARS], ymax = 0;
    for (int p = 0; p < 2; p++)
        for (int b = 0; b < BARS; b++) {
            y[p][b] = 0;
            for (int k = 0; k < ANAPANEL_ISI_BAR_MS; k++) y[p][b] += r->isi_hist[p][b * ANAPANEL_ISI_BAR_MS + k];
            if (y[p][b] > ymax) ymax = y[p][b];
        }
    char top[16];
    pct(ymax, top, sizeof top);
    if (frame(g, B) < 0 || ylabel(g, B, ymax > 0 ? top : "", "0") < 0) return -1;
    if (steps(g, B, y[0], BARS, ymax, g->st->exc) < 0 || steps(g, B, y[1], BARS, ymax, g->st->inh) < 0) return -1;
    char hi[16];
    snprintf(hi, sizeof hi, "%d ms", ANAPANEL_ISI_MAX_MS);
    return xlabels(g, B, "0", NULL, hi);
}

/* The rate histogram: fractions of the E and of the I neurons in 1 Hz bars. */
static int draw_rates(Pen *g, SDL_Rect B, const AnalysisResult *r)
{
    int top_bin = 0;
    double ymax = 0;
    for (int p = 0; p < 2; p++)
        for (int b = 0; b < ANALYSIS_RATE_BINS; b++)
            if (r->rate_hist[p][b] > 0) {
                if (b + 1 > top_bin) top_bin = b + 1;
                if (r->rate_hist[p][b] > ymax) ymax = r->rate_hist[p][b];
            }
    /* neurons at 200 Hz or more (the last bin, [200, inf)): drawn as one
     * more bar at the axis's end, said "\u2265 200" (a tester's 1-neuron
     * network at 300 Hz had an empty plot) */
    const double over = fmax(r->rate_hist[0][ANALYSIS_RATE_BINS], r->rate_hist[1][ANALYSIS_RATE_BINS]);
    if (over > ymax) ymax = over;
    const int bins = over > 0 ? ANALYSIS_RATE_BINS + 1 : (int)nice_up(top_bin);
    char top[16], hi[16];
    pct(ymax, top, sizeof top);
    if (frame(g, B) < 0 || ylabel(g, B, ymax > 0 ? top : "", "0") < 0) return -1;
    if (steps(g, B, r->rate_hist[0], bins, ymax, g->st->exc) < 0 ||
        steps(g, B, r->rate_hist[1], bins, ymax, g->st->inh) < 0)
        return -1;
    if (over > 0) snprintf(hi, sizeof hi, "\xe2\x89\xa5 %d Hz", ANALYSIS_RATE_BINS);
    else snprintf(hi, sizeof hi, "%d Hz", bins);
    return xlabels(g, B, "0", NULL, hi);
}

/* The correlograms over -50 ... 50 ms, the E-I peak marked. The scale
 * leaves out the auto-correlograms' 1 at lag 0 (clipped). */
static int draw_xcorr(Pen *g, SDL_Rect B, const AnalysisResult *r)
{
    double lo = 0, hi = 0;
    for (int p = 0; p < 3; p++)
        for (int k = 0; k <= 2 * ANALYSIS_LAG; k++) {
            double v = r->xcorr[p][k];
            if (isnan(v) || (p != ANALYSIS_EI && k == ANALYSIS_LAG)) continue;
            if (v < lo) lo = v;
            if (v > hi) hi = v;
        }
    if (hi - lo < 0.01) hi = lo + 0.01;
    if (frame(g, B) < 0) return -1;
    /* zero, and the E-I peak */
    const int y0 = B.y + B.h - 1 - (int)lround((0 - lo) / (hi - lo) * (B.h - 1));
    if (fill(g, g->st->divider, B.x, y0, B.w, 1) < 0 || fill(g, g->st->divider, B.x + B.w / 2, B.y, 1, B.h) < 0)
        return -1;
    if (!isnan(r->peak_ei)) {
        const int x = B.x + (int)lround((double)(r->lag_ei_ms + ANALYSIS_LAG) * (B.w - 1) / (2 * ANALYSIS_LAG));
        if (fill(g, g->st->marker, x - g->lw / 2, B.y, g->lw, B.h) < 0) return -1;
    }
    if (curve(g, B, r->xcorr[ANALYSIS_EE], 2 * ANALYSIS_LAG + 1, lo, hi, g->st->exc) < 0 ||
        curve(g, B, r->xcorr[ANALYSIS_II], 2 * ANALYSIS_LAG + 1, lo, hi, g->st->inh) < 0 ||
        curve(g, B, r->xcorr[ANALYSIS_EI], 2 * ANALYSIS_LAG + 1, lo, hi, g->st->fg) < 0)
        return -1;
    char top[16], bottom[16];
    snprintf(top, sizeof top, "%.2f", hi);
    if (lo < 0) snprintf(bottom, sizeof bottom, MINUS "%.2f", -lo);
    else snprintf(bottom, sizeof bottom, "%.2f", lo);
    if (ylabel(g, B, top, bottom) < 0) return -1;
    return xlabels(g, B, MINUS "50", "0", "50 ms");
}

/* A plot's title row: a text, then coloured words. */
static int title(Pen *g, int x, int y, const char *s, const char *e, const char *i, const char *more)
{
    x = say(g, x, y, s, g->st->fg);
    if (x >= 0 && e) x = say(g, x, y, e, g->st->exc);
    if (x >= 0 && i) x = say(g, x, y, i, g->st->inh);
    if (x >= 0 && more) x = say(g, x, y, more, g->st->fg);
    return x < 0 ? -1 : 0;
}

static void fmt(double v, const char *f, char *out, size_t len)
{
    if (isnan(v)) {
        snprintf(out, len, "n/a");
        return;
    }
    snprintf(out, len, f, v);
    /* a leading minus as the axes write it, U+2212 (a tester saw "-46°"
     * beside axes' "−0.19"): two bytes more, the rest moved along */
    const size_t n = strlen(out);
    if (out[0] == '-' && n + 3 <= len) {
        memmove(out + 3, out + 1, n);
        memcpy(out, MINUS, 3);
    }
}

/* The readouts' rows under the plots, the live panel's and the figure's. */
static int readout_rows(int window) { return window ? 6 : 5; }

void anapanel_min_size(const Plot *p, int *w, int *h)
{
    const int lh = plot_line_height(p);
    int a = plot_text_width(p, "Fano: 00.00 (10 ms bins), 00.00 (100 ms)");
    int b = plot_text_width(p, "gamma PLV: E 0.000 " MINUS "000\xc2\xb0, I 0.000 " MINUS "000\xc2\xb0");
    *w = (a > b ? a : b) + plot_text_width(p, "m");
    /* the title, three plots of a title, a box of 2 lines and labels, the readouts */
    *h = lh + 3 * (4 * lh + lh / 2 + 2) + readout_rows(1) * lh;
}

int anapanel_draw(Plot *p, SDL_Rect P, const PlotStyle *st, const AnalysisResult *r, const AnaPanelInfo *info)
{
    Pen g = { p, plot_draw_seam(p), st, plot_line_height(p), plot_text_width(p, "m"), 1 };
    g.lw = (P.w < P.h ? P.w : P.h) >= 900 ? 2 : 1;
    char line[256], a[32], b[32], c[48], d[48];
    int y = P.y;
    /* the span */
    const int64_t len = info->to - info->from;
    if (info->shown_ms > len && len == ANAPANEL_MAX_MS)
        /* the span itself: the view may reach past what was simulated (a
         * tester zoomed out to 64 s of a 16 s session: "of 64.0 s shown") */
        snprintf(line, sizeof line, "analysis: newest %d s, %.3f" DASH "%.3f s", ANAPANEL_MAX_MS / 1000,
                 (double)info->from / 1000, (double)info->to / 1000);
    else
        snprintf(line, sizeof line, "analysis of %.3f" DASH "%.3f s%s", (double)info->from / 1000,
                 (double)info->to / 1000, info->window ? " (D)" : "");
    if (say(&g, P.x, y, line, st->fg) < 0) return -1;
    y += g.lh;
    if (len <= 0) return say(&g, P.x, y, "no spikes kept for this span yet", st->fg) < 0 ? -1 : 0;
    /* the readouts' rows under the plots */
    const int readouts = readout_rows(info->window);
    const int xl = P.x + plot_text_width(p, MINUS "0.00") + g.em;
    const int each = (P.y + P.h - y - readouts * g.lh) / 3;
    const int bh = each - 2 * g.lh - g.lh / 2;
    if (bh < 2 * g.lh) return say(&g, P.x, y, "too small for the analysis", st->fg) < 0 ? -1 : 0;
    const SDL_Rect B0 = { xl, 0, P.x + P.w - g.em / 2 - xl, bh };
    /* ISI */
    fmt(r->cv_mean[0], "%.2f", a, sizeof a);
    fmt(r->cv_mean[1], "%.2f", b, sizeof b);
    snprintf(c, sizeof c, "E CV %s  ", a);
    snprintf(d, sizeof d, "I CV %s", b);
    if (title(&g, P.x, y, "ISIs, 5 ms bars:  ", c, d, NULL) < 0) return -1;
    SDL_Rect B = B0;
    B.y = y + g.lh + g.lw;
    if (draw_isi(&g, B, r) < 0) return -1;
    y += each;
    /* rates */
    snprintf(c, sizeof c, "E  ");
    snprintf(d, sizeof d, "I");
    if (title(&g, P.x, y, "neurons' rates, 1 Hz bars:  ", c, d, NULL) < 0) return -1;
    B.y = y + g.lh + g.lw;
    if (draw_rates(&g, B, r) < 0) return -1;
    y += each;
    /* correlograms */
    if (isnan(r->peak_ei)) snprintf(line, sizeof line, "  E" DASH "I peak: n/a");
    else snprintf(line, sizeof line, "  E" DASH "I peak %+d ms", r->lag_ei_ms);
    if (title(&g, P.x, y, "correlograms ", "EE ", "II ", NULL) < 0) return -1;
    if (say(&g, P.x + plot_text_width(p, "correlograms EE II "), y, "EI", st->fg) < 0) return -1;
    if (say(&g, P.x + plot_text_width(p, "correlograms EE II EI"), y, line, st->marker) < 0) return -1;
    B.y = y + g.lh + g.lw;
    if (draw_xcorr(&g, B, r) < 0) return -1;
    y += each;
    /* readouts */
    fmt(r->isi_mean_ms[0], "%.1f", a, sizeof a);
    fmt(r->isi_mean_ms[1], "%.1f", b, sizeof b);
    /* "n/a", not "n/a ms" */
    snprintf(line, sizeof line, "mean ISI: E %s%s, I %s%s", a, isnan(r->isi_mean_ms[0]) ? "" : " ms", b,
             isnan(r->isi_mean_ms[1]) ? "" : " ms");
    if (say(&g, P.x, y, line, st->fg) < 0) return -1;
    y += g.lh;
    fmt(r->fano[0], "%.2f", a, sizeof a);
    fmt(r->fano[1], "%.2f", b, sizeof b);
    snprintf(line, sizeof line, "Fano: %s (%d ms bins), %s (%d ms)", a, ANALYSIS_FANO_MS[0], b, ANALYSIS_FANO_MS[1]);
    if (say(&g, P.x, y, line, st->fg) < 0) return -1;
    y += g.lh;
    if (info->window) {
        /* re-simulated (resim.h): the values, or what stands in their place */
        if (!info->sync) {
            /* the note, a line at each newline */
            const char *n = info->sync_note ? info->sync_note : "";
            while (*n) {
                const char *e = strchr(n, '\n');
                const size_t k = e ? (size_t)(e - n) : strlen(n);
                snprintf(line, sizeof line, "%.*s", (int)(k < sizeof line ? k : sizeof line - 1), n);
                if (say(&g, P.x, y, line, st->fg) < 0) return -1;
                y += g.lh;
                n += k + (e != NULL);
            }
            return 0;
        }
        r = info->sync;
        /* whose they are: this span's, or (while it is computed) an earlier one's */
        if (info->sync_from == info->from && info->sync_to == info->to)
            snprintf(line, sizeof line, "chi, PLV re-simulated for this span");
        else
            snprintf(line, sizeof line, "chi, PLV of %.3f" DASH "%.3f s; updating\xe2\x80\xa6",
                     (double)info->sync_from / 1000, (double)info->sync_to / 1000);
        if (say(&g, P.x, y, line, info->sync_from == info->from && info->sync_to == info->to ? st->fg : st->marker) < 0)
            return -1;
        y += g.lh;
    }
    fmt(r->chi[ANALYSIS_E], "%.3f", a, sizeof a);
    fmt(r->chi[ANALYSIS_I], "%.3f", b, sizeof b);
    fmt(r->chi[ANALYSIS_ALL], "%.3f", c, sizeof c);
    snprintf(line, sizeof line, "synchrony chi: E %s, I %s, all %s", a, b, c);
    if (say(&g, P.x, y, line, st->fg) < 0) return -1;
    y += g.lh;
    static const char *const band[2] = { "alpha", "gamma" };
    for (int k = 0; k < 2; k++) {
        if (!r->has_lfp) {
            snprintf(line, sizeof line, "%s locking: n/a (no LFP stand-in)", band[k]);
        } else {
            fmt(r->plv[k][0], "%.3f", a, sizeof a);
            fmt(r->phase_deg[k][0], "%+.0f\xc2\xb0", b, sizeof b);
            fmt(r->plv[k][1], "%.3f", c, sizeof c);
            fmt(r->phase_deg[k][1], "%+.0f\xc2\xb0", d, sizeof d);
            /* the live panel's column is narrower than the figure's: no "at";
             * a PLV of n/a has no phase ("I n/a at n/a" before) */
            const char *at = info->window ? " " : " at ";
            snprintf(line, sizeof line, "%s PLV: E %s%s%s, I %s%s%s", band[k], a, isnan(r->plv[k][0]) ? "" : at,
                     isnan(r->plv[k][0]) ? "" : b, c, isnan(r->plv[k][1]) ? "" : at, isnan(r->plv[k][1]) ? "" : d);
        }
        if (say(&g, P.x, y, line, st->fg) < 0) return -1;
        y += g.lh;
    }
    return 0;
}
