/*
 * gfx_none.c - the graphics entry points of the lean `izhiscope` binary,
 * which links no SDL, SDL_ttf or libpng: loading them was most of a short
 * headless run's start-up (issue 11). main.c hands every run that draws (the
 * window, --export) to `izhiscope-gfx` by exec before it gets here
 * (app_exec_graphics), so these only answer if that hand-over was skipped.
 */
#include "app.h"
#include "figure.h"

#include <stdio.h>

int app_have_graphics(void) { return 0; }

int app_run_window(Config *cfg, int64_t start_ns)
{
    (void)cfg; (void)start_ns;
    fprintf(stderr, "izhiscope: this binary has no graphics; izhiscope-gfx opens the window\n");
    return APP_EXIT_FAIL;
}

int figure_export(FILE *fp, const Hist *h, const PlotView *view, int width, int height, const char *font,
                  const char *const *keys, const char *const *values, int n_meta, char *err, size_t errlen)
{
    (void)fp; (void)h; (void)view; (void)width; (void)height; (void)font; (void)keys; (void)values;
    (void)n_meta;
    snprintf(err, errlen, "this binary has no graphics; izhiscope-gfx draws figures");
    return -1;
}
