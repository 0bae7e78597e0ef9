/*
 * test_hist.c - the spike/trace history: window, wrap-around, gaps.
 * Expected values follow from what was pushed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "hist.h"

static void test_window_and_wrap(void **state)
{
    (void)state;
    Hist *h = hist_create(130, 10);
    assert_non_null(h);
    assert_int_equal(hist_end(h), 0);
    assert_null(hist_bits(h, 0));
    for (int t = 0; t < 15; t++) {
        int32_t sp[3] = { t, 64 + t, 129 };
        hist_push(h, t, sp, t == 7 ? 0 : 3, (float)-t);
    }
    assert_int_equal(hist_end(h), 15);
    /* the window is [5, 15) */
    assert_null(hist_bits(h, 4));
    assert_null(hist_bits(h, 15));
    assert_true(isnan(hist_trace(h, 4)));
    for (int t = 5; t < 15; t++) {
        assert_float_equal(hist_trace(h, t), (float)-t, 0);
        int want = t == 7 ? 0 : 3;
        assert_int_equal(hist_count(h, t, 0, 130), want);
        assert_int_equal(hist_spiked(h, t, t), t != 7);
        assert_int_equal(hist_spiked(h, t, 64 + t), t != 7);
        assert_int_equal(hist_spiked(h, t, t + 1), 0);
        assert_int_equal(hist_count(h, t, 64, 130), want == 0 ? 0 : 2);
    }
    hist_add_spike(h, 100);
    assert_int_equal(hist_spiked(h, 14, 100), 1);
    hist_destroy(h);
}

static void test_gap_and_clear(void **state)
{
    (void)state;
    Hist *h = hist_create(10, 5);
    int32_t all[10] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, bad[2] = { -1, 10 };
    for (int t = 0; t < 5; t++) hist_push(h, t, all, 10, 1.0f);
    hist_push(h, 7, bad, 2, 2.0f);              /* 5, 6 skipped; bad indices ignored */
    assert_int_equal(hist_count(h, 3, 0, 10), 10);
    assert_int_equal(hist_count(h, 4, 0, 10), 10);
    assert_int_equal(hist_count(h, 5, 0, 10), 0);
    assert_true(isnan(hist_trace(h, 6)));
    assert_int_equal(hist_count(h, 7, 0, 10), 0);
    assert_float_equal(hist_trace(h, 7), 2.0f, 0);
    hist_push(h, 100, all, 1, 3.0f);            /* a gap longer than the window */
    for (int t = 96; t < 100; t++) assert_int_equal(hist_count(h, t, 0, 10), 0);
    assert_int_equal(hist_count(h, 100, 0, 10), 1);
    hist_push(h, 50, all, 10, 0.0f);            /* going back in time is ignored */
    assert_int_equal(hist_end(h), 101);
    hist_clear(h);
    assert_int_equal(hist_end(h), 0);
    assert_null(hist_bits(h, 100));
    hist_destroy(h);
    hist_destroy(NULL);
    assert_null(hist_create(0, 5));
    assert_null(hist_create(5, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_window_and_wrap),
        cmocka_unit_test(test_gap_and_clear),
    };
    return cmocka_run_group_tests_name("hist", tests, NULL, NULL);
}
