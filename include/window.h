/*
 * window.h - the live window, in the shape of a raylib program:
 * window_open (initialization), window_frame (one turn of the main loop:
 * events, update, draw, present), window_close (de-initialization).
 * Main thread only. app_run_window() (app.h) is open + frames + close.
 */
#ifndef IZHI_WINDOW_H
#define IZHI_WINDOW_H

#include <stdint.h>

#include "cli.h"

typedef struct Window Window;

/* Opens the window, builds the network, starts the simulation thread.
 * NULL after printing what failed, with the exit code in *code; nothing is
 * left behind (no recording is written). start_ns: CLOCK_MONOTONIC at
 * program start. */
Window *window_open(Config *cfg, int64_t start_ns, int *code);
/* One frame. Returns 1 to go on, 0 when the user quit, -1 when drawing
 * failed (the message is printed). */
int window_frame(Window *w);
/* Stops the simulation, prints what was measured, moves the recordings
 * into place and frees everything. status: the last window_frame()'s.
 * Returns the exit code: 0 after a quit, 1 after a failure (the recordings
 * made until then are kept and said so). */
int window_close(Window *w, int status);

#endif
