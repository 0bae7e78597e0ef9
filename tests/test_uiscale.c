/*
 * test_uiscale.c - the window's scale of text and dots (uiscale.h, carved
 * out of window.c, where it was tested only end to end), on sizes and
 * screens worked out by hand: font px = round(15 x scale), scale = the
 * larger of screen x small and window, small = window within 3/4 ... 1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "uiscale.h"

static void expect(int width, int height, double px_x, double ddpi, double ui, int font_px, int dot)
{
    UiScale s = uiscale_for(width, height, px_x, ddpi, ui);
    if (s.font_px != font_px || s.dot != dot)
        fail_msg("%dx%d, %g px a point, %g dpi, --ui-scale %g: font %d px, dot %d; wanted %d, %d", width, height,
                 px_x, ddpi, ui, s.font_px, s.dot, font_px, dot);
}

static void test_scale(void **state)
{
    (void)state;
    expect(1280, 800, 1, 96, 1, 15, 1);         /* scale 1 */
    expect(1280, 800, 1, 0, 1, 15, 1);          /* DPI unknown: the screen counts as 96 */
    expect(2560, 1600, 2, 0, 1, 30, 2);         /* high DPI, 2 px a point: screen 2, window 2 */
    expect(1280, 800, 1, 192, 1, 30, 2);        /* 192 dpi: screen 2 x small 1 */
    expect(1920, 1080, 1, 96, 1, 20, 1);        /* window min(1.5, 1.35) = 1.35: 20.25 -> 20 px */
    expect(960, 600, 1, 96, 1, 11, 1);          /* window 0.75: 11.25 -> 11 px */
    expect(640, 400, 1, 96, 1, 11, 1);          /* window 0.5, small floored at 3/4: 0.75, 11 px */
    expect(640, 400, 1, 192, 1, 23, 2);         /* screen 2 x small 0.75 = 1.5: 22.5 -> 23 px, dot round(1.5) = 2 */
    expect(1280, 800, 1, 1000, 1, 60, 4);       /* screen 10.4 kept at 4 */
    expect(1280, 800, 1, 96, 20, 160, 20);      /* --ui-scale 20: 300 px kept at 160 */
    expect(1280, 800, 1, 96, 0.25, 9, 1);       /* 3.75 px kept at 9 */
    expect(1280, 800, 1, 96, 1.4, 21, 1);       /* 1.4 < 1.5: dots of 1 px */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scale),
    };
    return cmocka_run_group_tests_name("uiscale", tests, NULL, NULL);
}
