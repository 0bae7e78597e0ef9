/*
 * testhook.c - test-only status file of the window (testhook.h).
 *
 * Events are counted by an SDL event watch as they are queued; a frame
 * notes the counts before it handles its events (it handles every queued
 * one), and writes them after it is shown: a count in the file is of events
 * handled, and drawn.
 */
#include "testhook.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include <SDL.h>

static int hook_on = -1;                /* -1 not yet asked, 0 off, 1 on */
static const char *hook_path;
static atomic_ulong queued_keys, queued_clicks, queued_moves;
static char extra[4096];
static unsigned long handled_keys, handled_clicks, handled_moves, frames;

/* Counts what a test sends: presses of non-modifier keys (xdotool adds a
 * Shift for some symbols), button releases and wheel steps (a wheel's
 * release makes no event), pointer motions. */
static int hook_watch(void *data, SDL_Event *ev)
{
    (void)data;
    if (ev->type == SDL_KEYDOWN && !ev->key.repeat &&
        (ev->key.keysym.scancode < SDL_SCANCODE_LCTRL || ev->key.keysym.scancode > SDL_SCANCODE_RGUI))
        atomic_fetch_add(&queued_keys, 1);
    else if (ev->type == SDL_MOUSEBUTTONUP || ev->type == SDL_MOUSEWHEEL)
        atomic_fetch_add(&queued_clicks, 1);
    else if (ev->type == SDL_MOUSEMOTION)
        atomic_fetch_add(&queued_moves, 1);
    return 1;
}

int testhook_fps(void)
{
    const char *on = getenv("IZHISCOPE_TEST_STATUS"), *fps = getenv("IZHISCOPE_TEST_FPS");
    if (!on || !*on || !fps) return 0;
    const int n = atoi(fps);
    return n >= 1 && n <= 60 ? n : 0;
}

void testhook_frame_begin(void)
{
    if (hook_on < 0) {
        hook_path = getenv("IZHISCOPE_TEST_STATUS");
        hook_on = hook_path && *hook_path;
        if (hook_on) SDL_AddEventWatch(hook_watch, NULL);
    }
    if (!hook_on) return;
    handled_keys = atomic_load(&queued_keys);
    handled_clicks = atomic_load(&queued_clicks);
    handled_moves = atomic_load(&queued_moves);
}

void testhook_frame_end(struct SDL_Window *win, const SimStatus *st, const SimControls *ctl)
{
    if (hook_on != 1) return;
    frames++;
    int w = 0, h = 0;
    SDL_GetWindowSize(win, &w, &h);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", hook_path);
    FILE *f = fopen(tmp, "w");
    if (!f) return;     /* the test waiting on it fails, saying so */
    fprintf(f, "frames %lu\nkeys %lu\nclicks %lu\nmoves %lu\nmods %d\nsim_ms %lld\nrestarts %u\npaused %d\nrecording %d\nwindow %d %d\n",
            frames, handled_keys, handled_clicks, handled_moves, (int)SDL_GetModState(), (long long)atomic_load(&st->time_ms), atomic_load(&st->restarts),
            atomic_load(&ctl->paused), atomic_load(&st->recording), w, h);
    fputs(extra, f);
    if (fclose(f) == 0) rename(tmp, hook_path);
}

void testhook_extra(const char *lines)
{
    if (hook_on != 1) return;
    snprintf(extra, sizeof extra, "%s", lines);
}
