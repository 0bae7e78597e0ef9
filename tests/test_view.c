/*
 * test_view.c - the time-travel view's arithmetic (view.h): clamp, pan,
 * zoom and following the live edge, on numbers worked out by hand. Until
 * this file the view was tested only end to end (e2e_window.sh's Left,
 * wheel and Home checks).
 *
 * Most cases use one history: steps up to t = 10000 ms, spikes kept from
 * t = 2000 ms, spans of at most 8000 ms.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "view.h"

static const ViewKept K = { .newest = 10000, .oldest = 2000, .most = 8000 };

static View clamped(int64_t end, int span, const ViewKept *k)
{
    View v = { end, span };
    view_clamp(&v, k);
    return v;
}

static void test_clamp(void **state)
{
    (void)state;
    View v;
    /* the span: 50 ms to all that is kept */
    v = clamped(VIEW_LIVE, 20000, &K);
    assert_int_equal(v.span, 8000);
    assert_int_equal(v.end, VIEW_LIVE);
    v = clamped(VIEW_LIVE, 10, &K);
    assert_int_equal(v.span, 50);
    /* the start not before the oldest kept: 2500 - 1000 < 2000, so the
     * end moves to 2000 + 1000 = 3000; 3000 itself already fits */
    v = clamped(2500, 1000, &K);
    assert_int_equal(v.end, 3000);
    v = clamped(3000, 1000, &K);
    assert_int_equal(v.end, 3000);
    /* at or past the newest step: live; one ms before it: not */
    v = clamped(10000, 1000, &K);
    assert_int_equal(v.end, VIEW_LIVE);
    v = clamped(12000, 1000, &K);
    assert_int_equal(v.end, VIEW_LIVE);
    v = clamped(9999, 1000, &K);
    assert_int_equal(v.end, 9999);
    /* pushed forward by the oldest onto the newest: live (a history of
     * 1000 ms shown whole) */
    const ViewKept young = { .newest = 1000, .oldest = 0, .most = 8000 };
    v = clamped(500, 1000, &young);
    assert_int_equal(v.end, VIEW_LIVE);
}

static void test_end_at(void **state)
{
    (void)state;
    View live = { VIEW_LIVE, 1000 }, past = { 4000, 1000 };
    assert_int_equal(view_end_at(&live, 10000), 10000);
    assert_int_equal(view_end_at(&live, 300), 1000);     /* a view starts at t >= 0 */
    assert_int_equal(view_end_at(&past, 10000), 4000);
}

static void test_pan(void **state)
{
    (void)state;
    View v = { VIEW_LIVE, 1000 };
    assert_int_equal(view_pan_step(&v), 100);            /* a tenth of 1000 ms */
    view_pan(&v, -100, &K);                              /* from the live edge 10000 */
    assert_int_equal(v.end, 9900);
    view_pan(&v, +100, &K);                              /* back onto the newest: live again */
    assert_int_equal(v.end, VIEW_LIVE);
    view_pan(&v, -100000, &K);                           /* far back: stops at 2000 + 1000 */
    assert_int_equal(v.end, 3000);
    assert_int_equal(v.span, 1000);
    /* the step: never below 1 ms */
    assert_int_equal(view_pan_step(&(View){ 0, 5 }), 1);
    assert_int_equal(view_pan_step(&(View){ 0, 10 }), 1);
    assert_int_equal(view_pan_step(&(View){ 0, 20 }), 2);
}

static void test_zoom(void **state)
{
    (void)state;
    /* at the live edge: stays live, half the span */
    View v = { VIEW_LIVE, 1000 };
    view_zoom(&v, 0.5, -1, &K);
    assert_int_equal(v.end, VIEW_LIVE);
    assert_int_equal(v.span, 500);
    /* around the pointer: [5000, 6000) with the pointer at 5250 (a quarter
     * in), twice as wide: 2000 ms with 5250 still a quarter in, so
     * [4750, 6750) */
    v = (View){ 6000, 1000 };
    view_zoom(&v, 2.0, 5250, &K);
    assert_int_equal(v.span, 2000);
    assert_int_equal(v.end, 6750);
    /* the wheel's 0.8 at the middle of [5000, 6000): 800 ms around 5500,
     * [5100, 5900) */
    v = (View){ 6000, 1000 };
    view_zoom(&v, 0.8, 5500, &K);
    assert_int_equal(v.span, 800);
    assert_int_equal(v.end, 5900);
    /* a pointer outside the view zooms at the right edge */
    v = (View){ 6000, 1000 };
    view_zoom(&v, 0.5, 9000, &K);
    assert_int_equal(v.span, 500);
    assert_int_equal(v.end, 6000);
    /* zooming in on live, with the pointer halfway: leaves the live edge,
     * [9250, 9750) */
    v = (View){ VIEW_LIVE, 1000 };
    view_zoom(&v, 0.5, 9500, &K);
    assert_int_equal(v.span, 500);
    assert_int_equal(v.end, 9750);
    /* wider than all that is kept: 8000 */
    v = (View){ VIEW_LIVE, 6000 };
    view_zoom(&v, 2.0, -1, &K);
    assert_int_equal(v.span, 8000);
    /* at the oldest time: [2000, 3000) at 2000, twice as wide, would start
     * at 2000 - 0 = 2000 and end at 4000 */
    v = (View){ 3000, 1000 };
    view_zoom(&v, 2.0, 2000, &K);
    assert_int_equal(v.span, 2000);
    assert_int_equal(v.end, 4000);
    /* a factor too small to change a span of 50 ms by rounding
     * (50 x 1.005 = 50.25 -> 50) still moves it by 1 ms */
    v = (View){ VIEW_LIVE, 50 };
    view_zoom(&v, 1.005, -1, &K);
    assert_int_equal(v.span, 51);
    /* and never below 50 ms */
    view_zoom(&v, 0.5, -1, &K);
    assert_int_equal(v.span, 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clamp),
        cmocka_unit_test(test_end_at),
        cmocka_unit_test(test_pan),
        cmocka_unit_test(test_zoom),
    };
    return cmocka_run_group_tests_name("view", tests, NULL, NULL);
}
