/*
 * test_stats.c - rates and Welch peaks on signals whose answers are known
 * by construction: the number of excitatory spikes at ms t follows
 * 10 + 10 cos(2 pi t / 125 ms) (8 Hz), the inhibitory one
 * 5 + 5 cos(2 pi t / 33.3 ms) (30 Hz). Smooth cosines, not volleys: a volley
 * train has harmonics as strong as its fundamental (8 Hz volleys put power
 * at 32 Hz), a cosine has none.
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
        stats_add(s, sp, c);
        if (t >= 200) { want_e += ce; want_i += ci; }
    }
    StatsResult r;
    stats_result(s, &r);
    /* rates: the spikes counted above over 800 (200) neurons and 10 s */
    assert_float_equal(r.seconds, 10.0, 1e-12);
    assert_float_equal(r.rate_e, want_e / (800 * 10.0), 1e-12);
    assert_float_equal(r.rate_i, want_i / (200 * 10.0), 1e-12);
    assert_int_equal(r.segments, 19);   /* 1 + (10000 - 1000) / 500 */
    assert_int_equal(r.alpha_hz, 8);
    assert_int_equal(r.gamma_hz, 30);
    assert_true(r.alpha_prom > 10.0);
    assert_true(r.gamma_prom > 10.0);
    stats_destroy(s);
}

static void test_constant_and_short(void **state)
{
    (void)state;
    Stats *s = stats_create(10, 8, 0);
    int32_t sp[1] = { 9 };
    for (int t = 0; t < 999; t++) stats_add(s, sp, 1);
    StatsResult r;
    stats_result(s, &r);
    assert_int_equal(r.segments, 0);        /* 999 ms: not one segment yet */
    assert_int_equal(r.alpha_hz, -1);
    assert_float_equal(r.rate_i, 999 / (2 * 0.999), 1e-9);
    assert_float_equal(r.rate_e, 0.0, 0);
    stats_add(s, sp, 1);
    stats_result(s, &r);
    assert_int_equal(r.segments, 1);
    /* a constant signal minus its mean is zero: no power in any bin */
    for (int m = 0; m < STATS_BINS; m++) assert_true(stats_power(s, m) < 1e-18);
    stats_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_rhythms),
        cmocka_unit_test(test_constant_and_short),
    };
    return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
