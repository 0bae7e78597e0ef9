/*
 * uiscale.h - the scale of the window's text, lines and dots: the larger
 * of the screen's (its DPI over UISCALE_DPI, or the drawable's pixels per
 * window point) and the window's (its size over UISCALE_W x UISCALE_H), so
 * a big window keeps the proportions of the 1280 x 800 one and a high-DPI
 * screen keeps text at a readable size; windows smaller than 1280 x 800
 * shrink it down to 3/4. Times --ui-scale. Pure arithmetic, no SDL.
 */
#ifndef IZHI_UISCALE_H
#define IZHI_UISCALE_H

#define UISCALE_W 1280                  /* the window of scale 1 */
#define UISCALE_H 800
#define UISCALE_FONT_PX 15              /* the text at scale 1 */
#define UISCALE_DPI 96.0                /* the screen of scale 1 */

typedef struct UiScale {
    int font_px;                        /* 9 ... 160 */
    int dot;                            /* a raster dot's side, px */
} UiScale;

/* The scale for a width x height px drawable with px_x drawable pixels a
 * window point, on a screen of ddpi dots an inch (0: unknown), times
 * ui_scale. The screen's part is kept within 1 ... 4. */
UiScale uiscale_for(int width, int height, double px_x, double ddpi, double ui_scale);

#endif
