/*
 * framestats.h - the window's frame statistics: the times between
 * presents, spent drawing and spent presenting, kept for the status line's
 * fps and the percentiles printed when the window closes. No SDL: times
 * are the caller's monotonic nanoseconds.
 */
#ifndef IZHI_FRAMESTATS_H
#define IZHI_FRAMESTATS_H

#include <stdint.h>
#include <stdio.h>

#define FRAME_LOG 8192                  /* frame times kept for the percentiles */

typedef struct Frames {
    float ms[FRAME_LOG];                /* ring of intervals between presents */
    float draw_ms[FRAME_LOG];           /* ring of time spent drawing a frame */
    float present_ms[FRAME_LOG];        /* ring of time SDL_RenderPresent took */
    int64_t count;
    int64_t first_ns;                   /* time of the first present */
} Frames;

/* A frame begun at t_start, drawn by t_drawn, presented by t_now; the
 * previous one was presented at t_prev. */
void framestats_done(Frames *f, int64_t t_start, int64_t t_drawn, int64_t t_prev, int64_t t_now);
/* Frames per second over the last 60 intervals (0 before the second). */
double framestats_fps(const Frames *f);
/* Prints the "window: N frames in ..." line: the frame rate from the first
 * present to end_ns, the percentiles, the first frame after start_ns. */
void framestats_print(const Frames *f, int64_t start_ns, int64_t end_ns, FILE *to);

#endif
