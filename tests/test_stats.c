/*
 * test_stats.c - rates and Welch peaks on signals whose answers are known
 * by construction: the number of excitatory spikes at ms t follows
 * 10 + 10 cos(2 pi t / 125 ms) (8 Hz), the inhibitory one
 * 5 + 5 cos(2 pi t / 33.3 ms) (30 Hz). Smooth cosines, not volleys: a volley
 * train has harmonics as strong as its fundamental (8 Hz volleys put power
 * at 32 Hz), a cosine has none. The population rate is then
 * (15 + 10 cos 8 Hz + 5 cos 30 Hz) spikes a ms over 1000 neurons: mean
 * 15 Hz, amplitudes 10 and 5 Hz, so the strengths are 10/15 and 5/15 (up to
 * the rounding of the counts).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "stats.h"

static void test_known_rhythms(void **state)
{
    (void)state;
    Stats *s = stats_create(1000, 800, 200);
    assert_non_null(s);
    int32_t sp[40];
    long want_e = 0, want_i = 0;
    const double two_pi = 6.283185307179586;
    for (int t = 0; t < 10200; t++) {
        int ce = (int)lround(10.0 + 10.0 * cos(two_pi * t / 125.0));
        int ci = (int)lround(5.0 + 5.0 * cos(two_pi * t * 30.0 / 1000.0));
        int c = 0;
        for (int i = 0; i < ce; i++) sp[c++] = i * 16;
        for (int i = 0; i < ci; i++) sp[c++] = 800 + i * 20;
        stats_add(s, &(Step){ .spikes = sp, .count = c, .count_e = ce });
        if (t >= 200) { want_e += ce; want_i += ci; }
    }
    StatsResult r;
    stats_result(s, &r);
    /* rates: the spikes counted above over 800 (200) neurons and 10 s */
    assert_float_equal(r.seconds, 10.0, 1e-12);
    assert_float_equal(r.rate_e, want_e / (800 * 10.0), 1e-12);
    assert_float_equal(r.rate_i, want_i / (200 * 10.0), 1e-12);
    assert_int_equal(r.rhythm.segments, 19);   /* 1 + (10000 - 1000) / 500 */
    const RhythmPeak *a = &r.rhythm.band[rhythm_band_of(8)], *g = &r.rhythm.band[rhythm_band_of(30)];
    assert_true(a->found && g->found);
    assert_float_equal(a->freq_hz, 8.0, 0.05);
    assert_float_equal(g->freq_hz, 30.0, 0.05);
    assert_float_equal(a->strength, 10.0 / 15.0, 0.02);
    assert_float_equal(g->strength, 5.0 / 15.0, 0.02);
    for (int b = 0; b < RHYTHM_NBANDS; b++)
        if (&r.rhythm.band[b] != a && &r.rhythm.band[b] != g) assert_false(r.rhythm.band[b].found);
    stats_destroy(s);
}

/* --stats and the window's readouts use one implementation: a Stats that
 * skips the first 200 ms gives the same bits as a Welch given the counts
 * from 200 ms on (what the window analyses). */
static void test_same_as_welch(void **state)
{
    (void)state;
    Stats *s = stats_create(100, 80, 200);
    Welch *w = welch_create(100);
    int32_t sp[100], counts[3700];
    uint32_t g = 5;
    for (int t = 0; t < 3900; t++) {
        g = g * 1664525u + 1013904223u;
        int c = (int)(g >> 27);                 /* 0 ... 31 */
        for (int i = 0; i < c; i++) sp[i] = i * 3;
        Step st = step_of(t, sp, c, 80, 0, -65.0f);
        stats_add(s, &st);
        if (t >= 200) counts[t - 200] = c;
    }
    welch_add(w, counts, 3700);
    StatsResult r;
    RhythmResult wr;
    stats_result(s, &r);
    welch_result(w, &wr);
    assert_int_equal(r.rhythm.segments, 6);
    assert_memory_equal(&r.rhythm, &wr, sizeof wr);
    for (int m = 0; m <= RHYTHM_SEG / 2; m++) assert_true(stats_power(s, m) == welch_density(w)[m]);
    welch_destroy(w);
    stats_destroy(s);
}

static void test_constant_and_short(void **state)
{
    (void)state;
    Stats *s = stats_create(10, 8, 0);
    int32_t sp[1] = { 9 };
    const Step one = step_of(0, sp, 1, 8, 0, -65.0f);   /* neuron 9: inhibitory */
    for (int t = 0; t < 999; t++) stats_add(s, &one);
    StatsResult r;
    stats_result(s, &r);
    assert_int_equal(r.rhythm.segments, 0);        /* 999 ms: not one segment yet */
    for (int b = 0; b < RHYTHM_NBANDS; b++) assert_false(r.rhythm.band[b].found);
    assert_float_equal(r.rate_i, 999 / (2 * 0.999), 1e-9);
    assert_float_equal(r.rate_e, 0.0, 0);
    stats_add(s, &one);
    stats_result(s, &r);
    assert_int_equal(r.rhythm.segments, 1);
    /* a constant signal minus its mean is zero: no power in any bin */
    for (int m = 0; m <= RHYTHM_SEG / 2; m++) assert_true(stats_power(s, m) < 1e-18);
    for (int b = 0; b < RHYTHM_NBANDS; b++) assert_false(r.rhythm.band[b].found);
    stats_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_rhythms),
        cmocka_unit_test(test_constant_and_short),
        cmocka_unit_test(test_same_as_welch),
    };
    return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
