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
#include "net.h"

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

/* ---- the seam for videos (video.h): the window's drawing, offscreen ---- */

typedef struct WindowOffscreen WindowOffscreen;
/* An SDL_Surface of width x height with a software renderer and the font
 * at the scale a window of that size gets. NULL with a message. */
WindowOffscreen *window_offscreen_create(const Config *cfg, const char *font, int width, int height, char *err,
                                         size_t errlen);
void window_offscreen_destroy(WindowOffscreen *o);

/* An instant to draw: the network's state at simulated time t_ms (the
 * Scope holds the steps before it, and maybe later ones, not shown). */
typedef struct WindowInstant {
    int64_t t_ms;
    uint64_t seed;
    NetParams knobs;            /* the noise and knobs in force then */
    int trace_neuron;
    int speed_ms;               /* the video's simulated ms per second (the status line's speed) */
    double fps;                 /* the status line's fps; < 0: none (a frame of a video is no
                                 * measure of the machine, and one PNG has no rate) */
    int recording, ended, runaway;
} WindowInstant;
/* Draws w's layout at the instant onto o with draw(), the window's own
 * code; w is left as it was. *rgba: o's pixels (R, G, B, A bytes), valid
 * until the next call. 0, or -1 (SDL_GetError()). */
int window_offscreen_draw(Window *w, WindowOffscreen *o, const WindowInstant *at, const uint8_t **rgba, int *pitch);

/* A Window with no display and no simulation, drawing `scope` (the
 * caller's, not freed) as a fresh window would; replay_format: a
 * ReplayFormat when cfg replays. NULL when out of memory. */
struct Scope;
Window *window_bare_create(const Config *cfg, struct Scope *scope, int replay_format);
void window_bare_destroy(Window *w);

#endif
