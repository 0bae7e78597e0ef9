/*
 * test_analysis.c - the measures of docs/model.md "Analysis measures" on
 * hand-made spike trains, voltages and LFPs whose answers are computed by
 * hand from the definitions (each case says how): regular and alternating
 * trains (CV 0 and 0.5), a Poisson-like train (CV about 1), two trains 3 ms
 * apart (E-I peak at +3), a 40 Hz cosine LFP with spikes at two known
 * phases (PLV cos 36 deg, mean phase 36 deg), identical and independent
 * cells (chi 1 and about 1/sqrt N), bursts every other 10 ms (Fano 10 and
 * 0).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>

#include "analysis.h"
#include "net.h"

#define PI 3.14159265358979323846

static uint64_t lcg = 12345;
static double uniform(void)       /* (0, 1): a plain LCG, not the model's generator */
{
    lcg = lcg * 6364136223846793005ull + 1442695040888963407ull;
    return ((double)(lcg >> 11) + 0.5) / 9007199254740992.0;
}

static void rel(double got, double want, double tol)
{
    double d = fabs(got - want), scale = fabs(want) > 1 ? fabs(want) : 1;
    if (!(d <= tol * scale)) fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

static AnalysisResult res;

/* Neuron 0 (E) every 10 ms; neuron 1 (E) ISIs 5, 15, 5, 15 ...; neuron 2
 * (I) exponential ISIs (mean 20 ms); neuron 3 (I) silent. T = 1000, no
 * skip. */
static void test_isi_cv_rates(void **state)
{
    (void)state;
    Analysis *a = analysis_create(4, 2, 0);
    assert_non_null(a);
    int64_t next1 = 0, next2 = 0;
    int alt = 0;
    double t2 = 0;
    /* a long exponential train for CV about 1: 200 s */
    const int T = 200000;
    int spikes1 = 0, spikes0 = 0;
    for (int t = 0; t < T; t++) {
        int32_t sp[3];
        int c = 0, ce = 0;
        if (t % 10 == 0 && t < 1000) { sp[c++] = 0; spikes0++; }
        if (t == next1 && t < 1000) { sp[c++] = 1; next1 += alt ? 15 : 5; alt = !alt; spikes1++; }
        ce = c;
        if (t == next2) {
            sp[c++] = 2;
            do { t2 += -20.0 * log(uniform()); } while ((int64_t)t2 <= t);
            next2 = (int64_t)t2;
        }
        assert_int_equal(analysis_add(a, &(Step){ .spikes = sp, .count = c, .count_e = ce }, NULL, NAN), 0);
    }
    assert_int_equal(analysis_result(a, &res), 0);
    /* E: neuron 0's 99 ISIs of 10 ms, neuron 1's 50 of 5 and 49 of 15
     * (100 spikes at 0, 5, 20, 25, ... 980, 985); CV 0 and the mean of
     * (CV 0, CV of 50 fives and 49 fifteens) */
    assert_int_equal(spikes0, 100);
    assert_int_equal(spikes1, 100);
    assert_int_equal(res.isi_count[0], 99 + 99);
    rel(res.isi_hist[0][10], 99.0 / 198, 1e-12);
    rel(res.isi_hist[0][5], 50.0 / 198, 1e-12);
    rel(res.isi_hist[0][15], 49.0 / 198, 1e-12);
    double m = (50 * 5.0 + 49 * 15.0) / 99, var = (50 * 25.0 + 49 * 225.0) / 99 - m * m;
    assert_int_equal(res.cv_neurons[0], 2);
    rel(res.cv_mean[0], (0.0 + sqrt(var) / m) / 2, 1e-12);
    rel(res.cv_hist[0][0], 0.5, 1e-12);
    /* I: the exponential train's CV is about 1 (2 % over 10000 ISIs); neuron 3 has none */
    assert_int_equal(res.cv_neurons[1], 1);
    assert_true(fabs(res.cv_mean[1] - 1.0) < 0.05);
    /* rates over 200 s: neurons 0 and 1, 100 spikes each -> 0.5 Hz, bin 0 */
    rel(res.rate_hist[0][0], 1.0, 1e-12);
    /* neuron 2 about 50 Hz (45 ... 55 Hz), neuron 3 silent in bin 0 */
    rel(res.rate_hist[1][0], 0.5, 1e-12);
    double near50 = 0;
    for (int b = 45; b < 55; b++) near50 += res.rate_hist[1][b];
    rel(near50, 0.5, 1e-12);
    /* without v and without LFP: NAN, said so */
    assert_true(isnan(res.chi[ANALYSIS_E]) && isnan(res.chi[ANALYSIS_ALL]));
    assert_false(res.has_lfp);
    assert_true(isnan(res.plv[ANALYSIS_BAND_GAMMA][0]));
    analysis_destroy(a);
}

/* A neuron firing every 10 ms counted over 1000 ms: 100 Hz; the first 200
 * ms skipped are not counted. */
static void test_rate_and_skip(void **state)
{
    (void)state;
    Analysis *a = analysis_create(2, 1, 200);
    assert_non_null(a);
    for (int t = 0; t < 1200; t++) {
        int32_t sp[1] = { 0 };
        int c = t % 10 == 3;
        analysis_add(a, &(Step){ .spikes = sp, .count = c, .count_e = c }, NULL, NAN);
    }
    analysis_result(a, &res);
    assert_int_equal(res.steps, 1000);
    rel(res.rate_hist[0][100], 1.0, 1e-12);
    rel(res.rate_hist[1][0], 1.0, 1e-12);
    assert_int_equal(res.isi_count[0], 99);
    rel(res.cv_mean[0], 0.0, 0);
    analysis_destroy(a);
}

/* E neuron 0 fires at random steps (probability 0.2); I neuron 1 fires 3 ms
 * after each: the E-I correlogram peaks at +3 with value about 1 (and at
 * -3 when I fires 3 ms before); E-E's and I-I's at 0 with exactly 1. */
static void test_correlogram_lag(void **state)
{
    (void)state;
    const int T = 5000;
    char *fire = calloc(T + 3, 1);
    for (int t = 0; t < T; t++) fire[t] = uniform() < 0.2;
    for (int shift = 3; shift >= -3; shift -= 6) {
        Analysis *a = analysis_create(2, 1, 0);
        for (int t = 0; t < T; t++) {
            int32_t sp[2];
            int c = 0, ce;
            if (fire[t]) sp[c++] = 0;
            ce = c;
            int src = t - shift;
            if (src >= 0 && src < T && fire[src]) sp[c++] = 1;
            analysis_add(a, &(Step){ .spikes = sp, .count = c, .count_e = ce }, NULL, NAN);
        }
        analysis_result(a, &res);
        assert_int_equal(res.lag_ei_ms, shift);
        /* about 1, not exactly: the sum has T - 3 terms, the means and sds are over T */
        assert_true(fabs(res.peak_ei - 1.0) < 0.01);
        rel(res.xcorr[ANALYSIS_EE][ANALYSIS_LAG], 1.0, 1e-12);
        rel(res.xcorr[ANALYSIS_II][ANALYSIS_LAG], 1.0, 1e-12);
        /* C_EE is even */
        for (int k = 1; k <= ANALYSIS_LAG; k++)
            rel(res.xcorr[ANALYSIS_EE][ANALYSIS_LAG + k], res.xcorr[ANALYSIS_EE][ANALYSIS_LAG - k], 1e-12);
        analysis_destroy(a);
    }
    free(fire);
}

/* A hand-made correlogram value: x = 1 at t = 0, 2 (T = 4: 1 0 1 0), y = x
 * shifted by one (0 1 0 1). Means 1/2, sds 1/2; at tau = +1 the products
 * (x_t - 1/2)(y_{t+1} - 1/2) over t = 0, 1, 2 are 1/4 each: C = (3/4)/3 /
 * (1/4) = 1; at tau = 0 every product is -1/4: C = -1. */
static void test_correlogram_by_hand(void **state)
{
    (void)state;
    Analysis *a = analysis_create(2, 1, 0);
    for (int t = 0; t < 4; t++) {
        int32_t sp[1] = { t % 2 == 0 ? 0 : 1 };
        analysis_add(a, &(Step){ .spikes = sp, .count = 1, .count_e = t % 2 == 0 }, NULL, NAN);
    }
    analysis_result(a, &res);
    rel(res.xcorr[ANALYSIS_EI][ANALYSIS_LAG + 1], 1.0, 1e-15);
    rel(res.xcorr[ANALYSIS_EI][ANALYSIS_LAG], -1.0, 1e-15);
    rel(res.xcorr[ANALYSIS_EI][ANALYSIS_LAG - 1], 1.0, 1e-15);
    assert_true(isnan(res.xcorr[ANALYSIS_EI][ANALYSIS_LAG + 4]));
    /* tau = -3 (the product (x_3 - 1/2)(y_0 - 1/2) = 1/4 alone), -1, 1
     * and 3 all give 1: the smallest tau of the tied maxima */
    rel(res.xcorr[ANALYSIS_EI][ANALYSIS_LAG - 3], 1.0, 1e-15);
    assert_int_equal(res.lag_ei_ms, -3);
    analysis_destroy(a);
}

/* LFP cos(2 pi 40 t / 1000), T = 10000 (400 whole cycles): the gamma
 * band's analytic signal is e^{i 2 pi 40 t / 1000}, phase 0 at t = 0 mod 25
 * and 72 deg at t = 5 mod 25. E spikes there, two at 0 and one at 72
 * deg (each spike counts): PLV = |2 + e^{i 72 deg}| / 3 = sqrt(5 + 4 cos 72
 * deg) / 3, mean phase atan2(sin 72 deg, 2 + cos 72 deg). I fires every step: all
 * phases, PLV 0. Spectrum (Hann): P at
 * 40 Hz = 2 (T/4)^2 / (1000 * 3T/8) = T/3000, at 40.1 Hz = T/12000, so the 1
 * Hz bin [40, 41) (ten components) = (T/3000 + T/12000) / 10 = T/24000. */
static void test_lfp_locking(void **state)
{
    (void)state;
    const int T = 10000;
    Analysis *a = analysis_create(3, 2, 0);
    for (int t = 0; t < T; t++) {
        int32_t sp[3];
        int c = 0, ce;
        if (t % 25 == 0 || t % 25 == 5) sp[c++] = 0;
        if (t % 25 == 0) sp[c++] = 1;
        ce = c;
        sp[c++] = 2;
        double l = 7.0 + cos(2.0 * PI * 40.0 * t / 1000.0);
        analysis_add(a, &(Step){ .spikes = sp, .count = c, .count_e = ce }, NULL, l);
    }
    assert_int_equal(analysis_result(a, &res), 0);
    assert_true(res.has_lfp);
    rel(res.lfp_mean, 7.0, 1e-12);
    rel(res.lfp_peak_hz, 40.0, 1e-12);
    rel(res.lfp_psd[40], T / 24000.0, 1e-9);
    rel(res.lfp_psd[39], T / 12000.0 / 10, 1e-9);
    assert_true(res.lfp_psd[30] < 1e-20);
    const double th = 72.0 * PI / 180.0;
    rel(res.plv[ANALYSIS_BAND_GAMMA][0], sqrt(5.0 + 4.0 * cos(th)) / 3.0, 1e-9);
    rel(res.phase_deg[ANALYSIS_BAND_GAMMA][0], atan2(sin(th), 2.0 + cos(th)) * 180.0 / PI, 1e-9);
    assert_true(res.plv[ANALYSIS_BAND_GAMMA][1] < 1e-9);
    analysis_destroy(a);
}

/* Spikes at phase 180 deg of a 10 Hz LFP (t = 50 mod 100): alpha PLV 1 at
 * +-180 deg. */
static void test_lfp_trough(void **state)
{
    (void)state;
    Analysis *a = analysis_create(1, 1, 0);
    for (int t = 0; t < 4000; t++) {
        int32_t sp[1] = { 0 };
        int c = t % 100 == 50;
        analysis_add(a, &(Step){ .spikes = sp, .count = c, .count_e = c }, NULL, sin(2.0 * PI * 10.0 * t / 1000.0 + PI / 2));
    }
    analysis_result(a, &res);
    rel(res.plv[ANALYSIS_BAND_ALPHA][0], 1.0, 1e-9);
    rel(fabs(res.phase_deg[ANALYSIS_BAND_ALPHA][0]), 180.0, 1e-9);
    analysis_destroy(a);
}

/* chi where the populations fill the sums' eight lanes and leave tails (21
 * cells, 13 E: 8 + 5, then 8), against the definition computed here the
 * plain way, two passes over stored v(t) (docs/model.md "Synchrony chi"). */
static void test_chi_lanes(void **state)
{
    (void)state;
    enum { N = 21, NE = 13, T = 3000 };
    static float vs[T][N];
    Analysis *a = analysis_create(N, NE, 0);
    for (int t = 0; t < T; t++) {
        const double common = 8.0 * sin(2.0 * PI * t / 23.0);
        for (int i = 0; i < N; i++)
            vs[t][i] = (float)(-62.0 + (i % 5) + common * (0.2 + 0.04 * i) + 6.0 * (uniform() - 0.5));
        vs[t][3] = t % 11 ? vs[t][3] : 45.0f;                /* counts as +30 */
        const Step none = { 0 };
        analysis_add(a, &none, vs[t], NAN);
    }
    analysis_result(a, &res);
    const int from[3] = { 0, NE, 0 }, to[3] = { NE, N, N }, which[3] = { ANALYSIS_E, ANALYSIS_I, ANALYSIS_ALL };
    for (int p = 0; p < 3; p++) {
        double mean_pop = 0, var_pop = 0, var_cells = 0;
        for (int t = 0; t < T; t++) {
            double m = 0;
            for (int i = from[p]; i < to[p]; i++) m += vs[t][i] >= 30.0f ? 30.0 : vs[t][i];
            mean_pop += m / (to[p] - from[p]);
        }
        mean_pop /= T;
        for (int t = 0; t < T; t++) {
            double m = 0;
            for (int i = from[p]; i < to[p]; i++) m += vs[t][i] >= 30.0f ? 30.0 : vs[t][i];
            m = m / (to[p] - from[p]) - mean_pop;
            var_pop += m * m / T;
        }
        for (int i = from[p]; i < to[p]; i++) {
            double mi = 0, vi = 0;
            for (int t = 0; t < T; t++) mi += (vs[t][i] >= 30.0f ? 30.0 : vs[t][i]) / T;
            for (int t = 0; t < T; t++) {
                double d = (vs[t][i] >= 30.0f ? 30.0 : vs[t][i]) - mi;
                vi += d * d / T;
            }
            var_cells += vi / (to[p] - from[p]);
        }
        rel(res.chi[which[p]], sqrt(var_pop / var_cells), 1e-9);
    }
    analysis_destroy(a);
}

/* chi: identical cells -> 1; E cells +s(t), I cells -s(t) (two each) ->
 * chi_E = chi_I = 1, chi_all = 0 (the mean of all is constant); one cell
 * s(t), one constant -> sqrt((var/4) / (var/2)) = 1/sqrt 2; independent
 * cells -> about 1/sqrt N. Values at or above +30 count as +30. */
static void test_chi(void **state)
{
    (void)state;
    float v[400];
    Analysis *a = analysis_create(4, 2, 0), *b = analysis_create(2, 1, 0), *c = analysis_create(400, 200, 0);
    Analysis *clip = analysis_create(2, 2, 0);
    for (int t = 0; t < 2000; t++) {
        const Step none = { 0 };
        float s = (float)(-60.0 + 10.0 * sin(2.0 * PI * t / 37.0));
        v[0] = v[1] = s;
        v[2] = v[3] = (float)(-120.0) - s;
        analysis_add(a, &none, v, NAN);
        v[0] = s;
        v[1] = -70.0f;
        analysis_add(b, &none, v, NAN);
        for (int i = 0; i < 400; i++) v[i] = (float)(-65.0 + 10.0 * (uniform() - 0.5));
        analysis_add(c, &none, v, NAN);
        /* a spike's v (here 30 ... 80) counts as 30: both cells then equal */
        v[0] = t % 7 ? s : 30.0f;
        v[1] = t % 7 ? s : (float)(30 + t % 50);
        analysis_add(clip, &none, v, NAN);
    }
    analysis_result(a, &res);
    rel(res.chi[ANALYSIS_E], 1.0, 1e-9);
    rel(res.chi[ANALYSIS_I], 1.0, 1e-9);
    assert_true(res.chi[ANALYSIS_ALL] < 1e-6);
    analysis_result(b, &res);
    rel(res.chi[ANALYSIS_E], 1.0, 1e-9);
    assert_true(isnan(res.chi[ANALYSIS_I]));   /* one constant cell: no variance */
    rel(res.chi[ANALYSIS_ALL], 1.0 / sqrt(2.0), 1e-9);
    analysis_result(c, &res);
    assert_true(fabs(res.chi[ANALYSIS_E] - 1.0 / sqrt(200.0)) < 0.02);
    assert_true(fabs(res.chi[ANALYSIS_ALL] - 1.0 / sqrt(400.0)) < 0.015);
    analysis_result(clip, &res);
    rel(res.chi[ANALYSIS_E], 1.0, 1e-9);
    analysis_destroy(a);
    analysis_destroy(b);
    analysis_destroy(c);
    analysis_destroy(clip);
}

/* Two spikes every ms of every other 10 ms bin (T = 1000): 10 ms bins hold
 * 0, 20, 0, 20 ... (mean 10, variance 100: F = 10); 100 ms bins all 100
 * (F = 0). A span shorter than two bins: NAN. */
static void test_fano(void **state)
{
    (void)state;
    Analysis *a = analysis_create(2, 1, 0);
    for (int t = 0; t < 1005; t++) {
        int32_t sp[2] = { 0, 1 };
        int c = (t / 10) % 2 ? 2 : 0;
        analysis_add(a, &(Step){ .spikes = sp, .count = c, .count_e = c / 2 }, NULL, NAN);
    }
    analysis_result(a, &res);
    rel(res.fano[0], 10.0, 1e-12);
    rel(res.fano[1], 0.0, 1e-12);
    analysis_destroy(a);
    a = analysis_create(2, 1, 0);
    for (int t = 0; t < 150; t++) analysis_add(a, &(Step){ 0 }, NULL, NAN);
    analysis_result(a, &res);
    assert_true(isnan(res.fano[1]));
    assert_true(isnan(res.fano[0]));   /* no spikes: mean 0 */
    analysis_destroy(a);
}

/* The LFP stand-in's weights of a small dense and a sparse network (each
 * against net_weight one synapse at a time): each sender's
 * weights onto the excitatory cells summed and taken absolute (an
 * inhibitory sender's sum is negative: its w is minus it); and a step's
 * value by hand: w = {1, 2, 3}, spikes 0 and 2, Ne = 2, f_E = 2, f_I = 0.5
 * -> 1 * 2 + 3 * 0.5 = 3.5. */
static void test_lfp_weights(void **state)
{
    (void)state;
    for (int sparse = 0; sparse < 2; sparse++) {   /* dense N = K = 20; sparse N = 60, K = 10 */
        NetParams p;
        net_params_default(&p);
        p.n = sparse ? 60 : 20;
        p.k = sparse ? 10 : 20;
        p.seed = 7;
        Net *net = net_create(&p);
        assert_non_null(net);
        double w[60];
        analysis_lfp_weights(net, w);
        const int ne = net_ne(net);
        for (int j = 0; j < p.n; j++) {
            double s = 0;
            for (int i = 0; i < ne; i++) s += net_weight(net, i, j);
            if (j < ne) assert_true(s >= 0);
            else assert_true(s <= 0);
            rel(w[j], j < ne ? s : -s, 1e-12);
        }
        net_destroy(net);
    }
    const double w3[3] = { 1, 2, 3 };
    const int32_t sp[2] = { 0, 2 };
    rel(analysis_lfp(w3, &(Step){ .spikes = sp, .count = 2, .count_e = 1 }, 2, 2.0, 0.5), 3.5, 1e-15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_isi_cv_rates), cmocka_unit_test(test_rate_and_skip),
        cmocka_unit_test(test_correlogram_lag), cmocka_unit_test(test_correlogram_by_hand),
        cmocka_unit_test(test_lfp_locking), cmocka_unit_test(test_lfp_trough),
        cmocka_unit_test(test_chi), cmocka_unit_test(test_chi_lanes), cmocka_unit_test(test_fano), cmocka_unit_test(test_lfp_weights),
    };
    return cmocka_run_group_tests_name("analysis", tests, NULL, NULL);
}
