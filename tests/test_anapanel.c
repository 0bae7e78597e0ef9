/*
 * test_anapanel.c - the analysis panel's data (anapanel.h): the measures
 * of a span of a hand-built Scope. A small case computed by hand from the
 * definitions (ISIs, CV, rates); the span clipped to the Hist and to
 * ANAPANEL_MAX_MS; a random raster whose panel result is bit for bit
 * analysis.c's fed the same steps directly (the panel rebuilds the steps
 * from bitsets: a dropped, doubled or shifted spike changes it); analysis_reset
 * giving what a fresh Analysis gives.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "analysis.h"
#include "anapanel.h"
#include "draw.h"
#include "plot.h"
#include "scope.h"

static void near(double got, double want)
{
    if (!(fabs(got - want) <= 1e-12 * (fabs(want) > 1 ? fabs(want) : 1)))
        fail_msg("got %.17g, want %.17g", got, want);
}

/* Feeds steps 0 ... T - 1 of a raster given as spike lists per ms. */
static void feed(Scope *s, int64_t T, int n, const int *when, const int *who, int count)
{
    int32_t sp[64];
    for (int64_t t = 0; t < T; t++) {
        int c = 0;
        for (int k = 0; k < count; k++)
            if (when[k] == t) sp[c++] = who[k];
        /* ascending, as a step's spikes are (step.h) */
        for (int i = 1; i < c; i++)
            for (int j = i; j > 0 && sp[j - 1] > sp[j]; j--) { int32_t x = sp[j]; sp[j] = sp[j - 1]; sp[j - 1] = x; }
        (void)n;
        const Step st = step_of(t, sp, c, scope_ne(s), -1, NAN);
        scope_step(s, &st);
    }
}

/* n = 4, ne = 2. Neuron 0 (E) at 10, 30, 60 ms: ISIs 20, 30, CV 5/25 =
 * 0.2 (population sd); neuron 1 (E) at 15, 25: ISI 10, too few for a CV;
 * neuron 2 (I) at 40, 45, 55, 70: ISIs 5, 10, 15, mean 10, sd
 * sqrt(50/3), CV sqrt(50/3)/10; neuron 3 silent. Over [0, 100): E ISIs
 * 10, 20, 30 (mean 20); rates 30, 20 Hz (E), 40, 0 Hz (I). */
static const int WHEN[] = { 10, 30, 60, 15, 25, 40, 45, 55, 70 };
static const int WHO[] = { 0, 0, 0, 1, 1, 2, 2, 2, 2 };

static void test_by_hand(void **state)
{
    (void)state;
    Scope *s = scope_create(4, 2, 1000);
    AnaPanel *p = anapanel_create(4, 2);
    assert_non_null(s);
    assert_non_null(p);
    scope_restart(s, 1, 0);
    feed(s, 100, 4, WHEN, WHO, 9);
    assert_int_equal(anapanel_compute(p, s, 0, 100), 0);
    int64_t from, to;
    const AnalysisResult *r = anapanel_result(p, &from, &to);
    assert_int_equal(from, 0);
    assert_int_equal(to, 100);
    assert_int_equal(r->steps, 100);
    assert_int_equal(r->isi_count[0], 3);
    near(r->isi_mean_ms[0], 20.0);
    near(r->isi_hist[0][10], 1.0 / 3);
    near(r->isi_hist[0][20], 1.0 / 3);
    near(r->isi_hist[0][30], 1.0 / 3);
    assert_int_equal(r->cv_neurons[0], 1);
    near(r->cv_mean[0], 0.2);
    assert_int_equal(r->isi_count[1], 3);
    near(r->isi_mean_ms[1], 10.0);
    assert_int_equal(r->cv_neurons[1], 1);
    near(r->cv_mean[1], sqrt(50.0 / 3.0) / 10.0);
    near(r->rate_hist[0][30], 0.5);
    near(r->rate_hist[0][20], 0.5);
    near(r->rate_hist[1][40], 0.5);
    near(r->rate_hist[1][0], 0.5);
    assert_true(isnan(r->chi[ANALYSIS_ALL]));       /* no v on the render side */
    assert_int_equal(r->has_lfp, 0);
    /* [50, 100): neuron 0's spike at 60 alone, neuron 2's 55 and 70: one I ISI, 15 ms */
    assert_int_equal(anapanel_compute(p, s, 50, 100), 0);
    r = anapanel_result(p, &from, &to);
    assert_int_equal(from, 50);
    assert_int_equal(r->isi_count[0], 0);
    assert_true(isnan(r->isi_mean_ms[0]));
    assert_int_equal(r->isi_count[1], 1);
    near(r->isi_mean_ms[1], 15.0);
    near(r->rate_hist[1][40], 0.5);                 /* 2 spikes in 50 ms */
    anapanel_destroy(p);
    scope_destroy(s);
}

/* The span is clipped to what the Hist keeps (its window) and to the
 * newest ANAPANEL_MAX_MS; a span not yet simulated is cut at the end. */
static void test_clipped(void **state)
{
    (void)state;
    Scope *s = scope_create(4, 2, 64);
    AnaPanel *p = anapanel_create(4, 2);
    scope_restart(s, 1, 0);
    feed(s, 100, 4, WHEN, WHO, 9);
    int64_t from, to;
    assert_int_equal(anapanel_compute(p, s, 0, 150), 0);
    anapanel_result(p, &from, &to);
    assert_int_equal(from, 36);
    assert_int_equal(to, 100);
    scope_destroy(s);
    s = scope_create(4, 2, ANAPANEL_MAX_MS + 5000);
    scope_restart(s, 1, 0);
    feed(s, ANAPANEL_MAX_MS + 3000, 4, WHEN, WHO, 9);
    assert_int_equal(anapanel_compute(p, s, 0, ANAPANEL_MAX_MS + 3000), 0);
    const AnalysisResult *r = anapanel_result(p, &from, &to);
    assert_int_equal(from, 3000);
    assert_int_equal(to, ANAPANEL_MAX_MS + 3000);
    assert_int_equal(r->steps, ANAPANEL_MAX_MS);
    assert_int_equal(r->isi_count[0] + r->isi_count[1], 0);   /* every spike before 3000 ms */
    /* another network size: refused */
    AnaPanel *q = anapanel_create(5, 2);
    assert_int_equal(anapanel_compute(q, s, 0, 10), -1);
    anapanel_destroy(q);
    anapanel_destroy(p);
    scope_destroy(s);
}

static uint64_t lcg = 99;
static double uniform(void)
{
    lcg = lcg * 6364136223846793005ull + 1442695040888963407ull;
    return ((double)(lcg >> 11) + 0.5) / 9007199254740992.0;
}

static void same(const AnalysisResult *a, const AnalysisResult *b)
{
    /* bit for bit, NANs where NANs */
    assert_memory_equal(a, b, sizeof *a);
}

/* A random raster of 300 neurons (240 E) over 3 s, rates of 5 ... 40 Hz
 * with a 40 Hz modulation: the panel's result over [700, 2900) is
 * analysis.c's fed the same steps from t = 700 on (skip_ms 0, its first
 * step 700), field for field; with analysis_reset reused, and fresh. */
static void test_same_as_analysis(void **state)
{
    (void)state;
    enum { N = 300, NE = 240, T = 3000, FROM = 700, TO = 2900 };
    Scope *s = scope_create(N, NE, 4000);
    AnaPanel *p = anapanel_create(N, NE);
    Analysis *a = analysis_create(N, NE, 0);
    static int32_t sp[T][N];
    static int cnt[T];
    scope_restart(s, 1, 0);
    for (int t = 0; t < T; t++) {
        cnt[t] = 0;
        double mod = 1.0 + 0.8 * sin(2 * 3.14159265358979 * 40.0 * t / 1000.0);
        for (int i = 0; i < N; i++)
            if (uniform() < (i < NE ? 0.008 : 0.02) * mod) sp[t][cnt[t]++] = i;
        const Step st = step_of(t, sp[t], cnt[t], NE, -1, NAN);
        scope_step(s, &st);
    }
    for (int round = 0; round < 2; round++) {
        if (round) analysis_reset(a, 0);
        for (int t = FROM; t < TO; t++) {
            const Step st = step_of(t, sp[t], cnt[t], NE, -1, NAN);
            assert_int_equal(analysis_add(a, &st, NULL, NAN), 0);
        }
        static AnalysisResult want;
        assert_int_equal(analysis_result(a, &want), 0);
        assert_int_equal(anapanel_compute(p, s, FROM, TO), 0);
        int64_t from, to;
        const AnalysisResult *got = anapanel_result(p, &from, &to);
        assert_int_equal(from, FROM);
        assert_int_equal(to, TO);
        assert_true(want.isi_count[0] > 1000 && want.isi_count[1] > 1000);
        same(got, &want);
    }
    /* the status lines say the same numbers */
    char text[1024];
    anapanel_status(p, text, sizeof text);
    assert_non_null(strstr(text, "ana_span 700 2900\n"));
    analysis_destroy(a);
    anapanel_destroy(p);
    scope_destroy(s);
}

/* Found by a tester (session 10): neurons at 200 Hz or more (the rate
 * histogram's last bin, [200, inf)) left the rate plot empty, and a PLV of
 * n/a read "I n/a at n/a". A result by hand: every E neuron in that bin, I
 * silent (its PLV NAN). Drawn through a recording sink: the x axis ends
 * "\u2265 200 Hz", E's steps rise from 0 to the top (their y range is most
 * of the plot's height), and the PLV lines give no phase to an n/a. */
static struct { int n; char s[200][160]; } rec_t;
static int e_lo = 1 << 30, e_hi = -(1 << 30);
static SDL_Color e_col;
static void r_rect(void *ctx, SDL_Color c, double x, double y, double w, double h)
{ (void)ctx; (void)c; (void)x; (void)y; (void)w; (void)h; }
static void r_lines(void *ctx, SDL_Color c, const SDL_Point *pts, int n, int lw)
{
    (void)ctx; (void)lw;
    if (c.r != e_col.r || c.g != e_col.g || c.b != e_col.b || n < 3) return;
    for (int i = 0; i < n; i++) {
        if (pts[i].y < e_lo) e_lo = pts[i].y;
        if (pts[i].y > e_hi) e_hi = pts[i].y;
    }
}
static void r_text(void *ctx, SDL_Color c, double x, double y, int up, const char *utf8, const int *pen, int n)
{
    (void)ctx; (void)c; (void)x; (void)y; (void)up; (void)pen; (void)n;
    if (rec_t.n < 200) snprintf(rec_t.s[rec_t.n++], sizeof rec_t.s[0], "%s", utf8);
}
static void r_image(void *ctx, const uint32_t *argb, int w, int h, int stride_px, SDL_Rect dst)
{ (void)ctx; (void)argb; (void)w; (void)h; (void)stride_px; (void)dst; }

static int said(const char *needle)
{
    for (int i = 0; i < rec_t.n; i++) if (strstr(rec_t.s[i], needle)) return 1;
    return 0;
}

static void test_fast_neurons_drawn(void **state)
{
    (void)state;
    const char *env = getenv("IZHISCOPE_ASSETS");
    char font[4096];
    snprintf(font, sizeof font, "%s/DejaVuSans.ttf", env && *env ? env : "assets");
    static AnalysisResult r;
    memset(&r, 0, sizeof r);
    r.steps = 1000;
    r.rate_hist[0][ANALYSIS_RATE_BINS] = 1.0;
    r.isi_mean_ms[1] = r.cv_mean[1] = r.peak_ei = NAN;
    r.fano[0] = r.fano[1] = 1;
    r.has_lfp = 1;
    for (int b = 0; b < 2; b++) {
        r.plv[b][0] = 0.25;
        r.phase_deg[b][0] = 10;
        r.plv[b][1] = r.phase_deg[b][1] = NAN;
    }
    for (int p = 0; p < 3; p++) r.chi[p] = 0.5;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 1, 1, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(s);
    SDL_Renderer *ren = SDL_CreateSoftwareRenderer(s);
    assert_non_null(ren);
    assert_int_equal(TTF_Init(), 0);
    char err[256];
    Plot *p = plot_create(ren, font, 20, err, sizeof err);
    if (!p) fail_msg("plot_create: %s", err);
    const DrawSink sink = { NULL, r_rect, r_lines, r_text, r_image };
    plot_set_sink(p, &sink);
    e_col = PLOT_STYLE_PAPER.exc;
    const AnaPanelInfo info = { .from = 200, .to = 1200, .shown_ms = 1000 };
    assert_int_equal(anapanel_draw(p, (SDL_Rect){ 0, 0, 1600, 1200 }, &PLOT_STYLE_PAPER, &r, &info), 0);
    assert_true(said("\xe2\x89\xa5 200 Hz"));
    assert_true(e_hi - e_lo > 100);           /* E's steps: 0, then 100 % in the last bar */
    assert_true(said("alpha PLV: E 0.250 at +10\xc2\xb0, I n/a"));
    assert_false(said("n/a at"));
    plot_destroy(p);
    TTF_Quit();
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_hand),
        cmocka_unit_test(test_clipped),
        cmocka_unit_test(test_same_as_analysis),
        cmocka_unit_test(test_fast_neurons_drawn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
