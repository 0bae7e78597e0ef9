/*
 * schedule.h - --schedule FILE: a session's changes read back from the
 * --events file format (docs/model.md "File formats"): '# key: value'
 * metadata lines, the header t_ms,event,value, then one change a line,
 * times ascending, applied at their step, headless or in the window.
 *
 * Table-driven on event.h's table: an event is named by event_name(), and
 * its value is read as the command-line option of the same name would be
 * (noise_e as --noise-e, trace_neuron as --trace-neuron: cli_value(), its
 * kind and range); SCHEDULE_VALUE_AS in schedule.c names the exceptions
 * (paused: 0 or 1; restart: a --seed). A new event kind with an option of
 * its name is read with no addition here; schedule_post() maps a change to
 * the live controls (run.h), one case a kind. Applied: headless through
 * run_controls_apply() (the MPI followers' own path, run.c), in the window
 * through sim.c's schedule_step() (which also shows it in SimControls:
 * one line a kind the window shows).
 *
 * Meaning: a change at t_ms acts from step t_ms on, as a live one (it is
 * sent with step t_ms - 1 and applied after it, as event.h says); a model
 * change at 0 ms is refused (the command line's option says the start).
 * paused and speed pace the window and change no spike headless. A
 * restart ends the run's recordings there, as it ends a window session's:
 * headless stops at it; no line may follow it.
 *
 * Pure C, no printing: errors come back as "FILE:LINE: what is wrong".
 */
#ifndef IZHI_SCHEDULE_H
#define IZHI_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "event.h"
#include "run.h"

#define SCHEDULE_MAX_META 64

typedef struct ScheduleChange {
    int64_t t_ms;
    EventKind kind;
    double value;       /* as its option's value: sigma, the trace neuron, speed 2^exp's exp, 0/1 */
    uint64_t seed;      /* restart: the new seed */
    int line;           /* in the file, from 1 */
} ScheduleChange;

typedef struct Schedule {
    const char *path;
    ScheduleChange *at;     /* ascending t_ms (owned) */
    int n;
    int64_t restart_ms;     /* the restart's time, or -1 */
    int nmeta;              /* the '# key: value' lines before the header */
    char meta_key[SCHEDULE_MAX_META][32];
    char meta_value[SCHEDULE_MAX_META][96];
    int meta_line[SCHEDULE_MAX_META];
    int next;               /* the first change not yet handed out */
} Schedule;

/* Reads a schedule from fp (named path in messages) for the run cfg
 * describes (its network's N bounds trace_neuron): 0, or -1 with
 * "PATH:LINE: what is wrong" in err and nothing kept. */
int schedule_read(Schedule *s, FILE *fp, const char *path, const Config *cfg, char *err, size_t errlen);
/* The metadata against the command line: each '# key: value' line whose
 * key names (_ for -) an option that describes the network (cli.h,
 * cli_option_describes_net). A value the command line gives differently is
 * a warning in warn (the command line's is used); one it does not give
 * and whose default (or, for the seed, the clock's) differs is an error:
 * -1 with err naming all of them and the options to add; a value the
 * option would not take is the file's error: 1, "PATH:LINE: ..." in err.
 * warn may be empty on return. */
int schedule_check_meta(const Schedule *s, const Config *cfg, char *warn, size_t warnlen, char *err, size_t errlen);
/* Adds the changes at t_ms to post (run.h's controls: noise, the knobs,
 * trace, restart; later ones overwrite earlier ones); paused and speed go
 * to *paused and *speed_exp if not NULL (left alone otherwise). now: the
 * noise and knobs in force, for the ones a change leaves as they are (the
 * noise and the knobs travel whole). Returns how many changes were at
 * t_ms. Call with t_ms ascending. */
int schedule_post(Schedule *s, int64_t t_ms, RunControls *post, const NetParams *now, int *paused, int *speed_exp);
/* The changes at or after end_ms (not reached by a run of end_ms), pause
 * and speed left out: they change no spike. */
int schedule_after(const Schedule *s, int64_t end_ms);
/* Frees what it owns; a zeroed Schedule is a no-op. */
void schedule_free(Schedule *s);

#endif
