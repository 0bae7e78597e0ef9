/*
 * frame.h - what one frame of the window shows, taken once per frame
 * (window.c) and handed to the status line (status.h), the saves and the
 * panels alike, so that they all say the same of it.
 */
#ifndef IZHI_FRAME_H
#define IZHI_FRAME_H

#include <stdint.h>

#include "net.h"

typedef struct Frame {
    int64_t t_end;              /* one past the last step drawn */
    uint64_t seed;              /* the drawn network's (from the ring's restart record) */
    float sigma_e, sigma_i;     /* as set */
    NetParams knobs;            /* the command line's network with the knobs as set (docs/model.md "Knobs") */
    int speed_exp, paused, trace_neuron;
    int traced[STEP_TRACE_MAX], n_traced;   /* every traced neuron, slot 0 (trace_neuron) first */
    float factor;               /* achieved simulated ms per wall ms */
    int lagging, failed, recording, rec_failed, ended;
    int runaway;                /* the Euler scheme has run away (net.h) */
    uint64_t dropped;
    double rate_e, rate_i;      /* Hz, over the last second drawn */
    int64_t view_end;           /* the view shown: [view_end - view_span, view_end) */
    int view_span;
    int64_t behind;             /* ms the view is behind the newest step (0: live) */
} Frame;

#endif
