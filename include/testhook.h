/*
 * testhook.h - test-only: the window reports its state in a file, so the
 * end-to-end tests wait on conditions instead of sleeping.
 *
 * With IZHISCOPE_TEST_STATUS=FILE in the environment, every frame rewrites
 * FILE (a temporary file renamed over it, so a reader sees a whole one)
 * with "key value" lines: frames drawn, keys (presses of non-modifier keys
 * handled), clicks (mouse button releases and wheel steps handled), moves
 * (pointer motions handled), mods (SDL's modifier state), sim_ms, paused,
 * recording, window W H. Without it both calls cost a branch (and
 * IZHISCOPE_TEST_FPS is not read). Documented in
 * tests/README.md, not in --help: it is no interface for users.
 */
#ifndef IZHISCOPE_TESTHOOK_H
#define IZHISCOPE_TESTHOOK_H

#include "sim.h"

struct SDL_Window;

/* Before a frame handles its events: notes what was queued until now. */
void testhook_frame_begin(void);
/* After a frame is shown: writes the status file. */
void testhook_frame_end(struct SDL_Window *win, const SimStatus *st, const SimControls *ctl);

/* IZHISCOPE_TEST_FPS=N (1 ... 60), with the status file: the frames a
 * second the window paces to instead of 60; else 0. make test's sanitizer
 * lanes set 20: their frames cost 5-20 times a plain frame, and what they
 * look for (a race, a leak, an overflow) does not depend on the frame rate. */
int testhook_fps(void);

/* Lines the window adds to the status file ("map_done 12 441\n" ...);
 * copied, main thread. */
void testhook_extra(const char *lines);

#endif
