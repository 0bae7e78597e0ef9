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
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "anapanel.h"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_by_hand),
        cmocka_unit_test(test_clipped),
        cmocka_unit_test(test_same_as_analysis),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
