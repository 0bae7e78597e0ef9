/*
 * uiscale.c - the scale of the window's text, lines and dots (see uiscale.h).
 */
#include "uiscale.h"

#include <math.h>

UiScale uiscale_for(int width, int height, double px_x, double ddpi, double ui_scale)
{
    double screen = ddpi > 0 ? ddpi / UISCALE_DPI : 1.0;
    if (px_x > screen) screen = px_x;
    screen = screen < 1.0 ? 1.0 : screen > 4.0 ? 4.0 : screen;
    double win = fmin((double)width / UISCALE_W, (double)height / UISCALE_H);
    double small = win < 0.75 ? 0.75 : win > 1.0 ? 1.0 : win;
    double sc = fmax(screen * small, win) * ui_scale;
    int px = (int)lround(UISCALE_FONT_PX * sc);
    UiScale s = { .font_px = px < 9 ? 9 : px > 160 ? 160 : px, .dot = sc < 1.5 ? 1 : (int)lround(sc) };
    return s;
}
