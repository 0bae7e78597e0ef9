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

/* The neuron axis (view_rows_*), N = 1000, each case worked by hand:
 * a zoom keeps the value under the pointer at the same fraction of the
 * axis, f' = at - frac * count'. */
static void rows_is(const ViewRows *r, int n, int from, int to)
{
    int a, b;
    view_rows_range(r, n, &a, &b);
    assert_int_equal(a, from);
    assert_int_equal(b, to);
}

static void test_rows(void **state)
{
    (void)state;
    ViewRows r = { 0, 0 };
    rows_is(&r, 1000, 0, 1000);                          /* zeroed: all */
    view_rows_zoom(&r, 0.5, 400, 1000);                  /* 400 at 0.4: 400 - 0.4 * 500 = 200 */
    rows_is(&r, 1000, 200, 700);
    view_rows_zoom(&r, 0.5, 300, 1000);                  /* 300 at 0.2: 300 - 0.2 * 250 = 250 */
    rows_is(&r, 1000, 250, 500);
    view_rows_zoom(&r, 0.5, -1, 1000);                   /* outside: the middle 375, 375 - 62.5 -> 313 */
    rows_is(&r, 1000, 313, 438);
    view_rows_zoom(&r, 0.01, -1, 1000);                  /* at least 10 rows, around 375.5: 370.5 -> 371 */
    rows_is(&r, 1000, 371, 381);
    view_rows_zoom(&r, 0.5, -1, 1000);                   /* already the fewest: stays */
    rows_is(&r, 1000, 371, 381);
    r = (ViewRows){ 0, 100 };
    view_rows_zoom(&r, 2.0, 0, 1000);                    /* the bottom stays at the bottom */
    rows_is(&r, 1000, 0, 200);
    r = (ViewRows){ 900, 1000 };
    view_rows_zoom(&r, 2.0, 1000, 1000);                 /* the top stays at the top */
    rows_is(&r, 1000, 800, 1000);
    r = (ViewRows){ 200, 700 };
    view_rows_zoom(&r, 1.25, 450, 1000);                 /* 625 rows around the middle: 450 - 312.5 -> 138 */
    rows_is(&r, 1000, 138, 763);
    view_rows_zoom(&r, 2.0, 450, 1000);                  /* 1250 >= 1000: all again */
    assert_int_equal(r.from, 0);
    assert_int_equal(r.to, 0);
    r = (ViewRows){ 200, 201 };
    view_rows_zoom(&r, 1.1, -1, 1000);                   /* round(1.1) = 1: one row more, then 10 at least */
    rows_is(&r, 1000, 196, 206);

    /* pan: stops at 0 and n; all rows have nowhere to go */
    r = (ViewRows){ 200, 700 };
    view_rows_pan(&r, 400, 1000);
    rows_is(&r, 1000, 500, 1000);
    view_rows_pan(&r, -1000, 1000);
    rows_is(&r, 1000, 0, 500);
    r = (ViewRows){ 0, 0 };
    view_rows_pan(&r, 100, 1000);
    rows_is(&r, 1000, 0, 1000);

    /* clamp */
    r = (ViewRows){ 995, 1005 };
    view_rows_clamp(&r, 1000);
    rows_is(&r, 1000, 990, 1000);
    r = (ViewRows){ 5, 7 };
    view_rows_clamp(&r, 1000);
    rows_is(&r, 1000, 5, 15);
    r = (ViewRows){ 0, 1000 };
    view_rows_clamp(&r, 1000);
    assert_int_equal(r.to, 0);                           /* every row: "all" */
    r = (ViewRows){ 1, 3 };
    view_rows_clamp(&r, 5);                              /* fewer than 10 neurons: all of them */
    rows_is(&r, 5, 0, 5);
    /* a range past a smaller network reads as all */
    r = (ViewRows){ 200, 1200 };
    rows_is(&r, 1000, 0, 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clamp),
        cmocka_unit_test(test_end_at),
        cmocka_unit_test(test_pan),
        cmocka_unit_test(test_zoom),
        cmocka_unit_test(test_rows),
    };
    return cmocka_run_group_tests_name("view", tests, NULL, NULL);
}
