/*
 * status.h - the window's status line: the Frame's time, state flags,
 * noise, speed, rates ... as labelled fields on the first line (in a narrow
 * window the least important go first), a message or "H: help" on the
 * second.
 */
#ifndef IZHI_STATUS_H
#define IZHI_STATUS_H

#include <SDL.h>

#include "frame.h"
#include "plot.h"

/* What the status line says beside the Frame. */
typedef struct StatusInfo {
    const char *replay_name;    /* the replayed file's name (no folder); NULL: a simulation */
    const char *replay_format;  /* its format's name */
    int euler;                  /* the Euler scheme (else the paper's) */
    int processes;              /* MPI processes (1: one) */
    double fps;
    const char *message;        /* the second line; NULL or "": "H: help" */
    int message_bad;            /* drawn in red */
} StatusInfo;

void status_draw(Plot *p, SDL_Rect area, const PlotStyle *style, const Frame *f, const StatusInfo *in);

#endif
