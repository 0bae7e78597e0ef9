/*
 * videorun.h - headless --video (headless.c): the frames of a run drawn at
 * their instants (video_instant) by the window's code and encoded
 * (video.h). izhiscope-gfx only; the lean izhiscope's stubs: gfx_none.c.
 */
#ifndef IZHI_VIDEORUN_H
#define IZHI_VIDEORUN_H

#include <stddef.h>
#include <stdint.h>

#include "cli.h"
#include "net.h"
#include "outfile.h"

struct Scope;
typedef struct VideoRun VideoRun;
/* The video of a headless run into cfg->video_path: the Scope is the
 * run's (fed by the caller), font the window's. NULL with a message. */
VideoRun *videorun_open(const Config *cfg, struct Scope *scope, const char *font, int replay_format, char *err,
                        size_t errlen);
/* The next instant to draw, ms; INT64_MAX when none is left. */
int64_t videorun_next(const VideoRun *r);
/* Draws the instant scope_end() (= videorun_next()) with the network's
 * state then (live: its noise and knobs), as many frames as share it. */
int videorun_frame(VideoRun *r, uint64_t seed, const NetParams *live, int trace_neuron, int runaway, char *err,
                   size_t errlen);
int videorun_finish(VideoRun *r, char *err, size_t errlen);
OutFile *videorun_file(VideoRun *r);
/* One line on stdout: frames, rate, speed, encoder. */
void videorun_say(const VideoRun *r);
void videorun_close(VideoRun *r);

#endif
