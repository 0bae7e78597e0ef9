/*
 * videorun.c - headless --video (videorun.h): each frame drawn at its
 * instant by the window's own drawing code on an offscreen surface
 * (window.h's seam), then handed to the encoder (video.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "videorun.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "app.h"
#include "scope.h"
#include "video.h"
#include "window.h"

struct VideoRun {
    const Config *cfg;
    Scope *scope;
    Window *w;
    WindowOffscreen *o;
    Video *v;
    int64_t k, last_k;              /* the next frame; the last one (its instant is at most --duration) */
    int png;
};

VideoRun *videorun_open(const Config *cfg, Scope *scope, const char *font, int replay_format, char *err,
                        size_t errlen)
{
    VideoRun *r = calloc(1, sizeof *r);
    if (!r) { snprintf(err, errlen, "out of memory"); return NULL; }
    r->cfg = cfg;
    r->scope = scope;
    r->png = cli_video_format(cfg->video_path) == CLI_VIDEO_PNG;
    /* frames 0 ... K, K the last whose instant is within --duration */
    r->last_k = cfg->duration_ms * cfg->video_fps / cfg->video_speed_ms;
    while (video_instant(r->last_k + 1, cfg->video_speed_ms, cfg->video_fps) <= cfg->duration_ms) r->last_k++;
    while (r->last_k > 0 && video_instant(r->last_k, cfg->video_speed_ms, cfg->video_fps) > cfg->duration_ms)
        r->last_k--;
    static AppMeta meta;
    app_metadata(&meta, cfg, cfg->net.seed, (long long)cfg->duration_ms, cfg->net.sigma_e, cfg->net.sigma_i,
                 cfg->trace_neuron, cfg->window_ms);
    if (!cfg->replay_path) app_meta_knobs(&meta, &cfg->net);
    app_meta_add(&meta, "theme", "%s", cfg->theme_paper ? "paper" : "dark");
    if (r->png) {
        app_meta_add(&meta, "frame_ms", "%lld", (long long)cfg->duration_ms);
    } else {
        app_meta_add(&meta, "video_fps", "%d", cfg->video_fps);
        app_meta_add(&meta, "video_speed_ms", "%d", cfg->video_speed_ms);
        app_meta_add(&meta, "video_frames", "%lld", (long long)(r->last_k + 1));
        app_meta_add(&meta, "frame_time", "frame k shows t = floor(k * %d / %d) ms", cfg->video_speed_ms,
                     cfg->video_fps);
    }
    app_meta_add(&meta, "video_size", "%dx%d", cfg->video_w, cfg->video_h);
    if (!(r->w = window_bare_create(cfg, scope, replay_format))) {
        snprintf(err, errlen, "out of memory");
        videorun_close(r);
        return NULL;
    }
    if (!(r->o = window_offscreen_create(cfg, font, cfg->video_w, cfg->video_h, err, errlen)) ||
        !(r->v = video_open(cfg->video_path, cfg->force, cfg->video_w, cfg->video_h, cfg->video_fps, meta.keys,
                            (const char *const *)meta.values, meta.n, err, errlen))) {
        videorun_close(r);
        return NULL;
    }
    if (r->png) r->k = r->last_k;
    return r;
}

int64_t videorun_next(const VideoRun *r)
{
    if (r->k > r->last_k) return INT64_MAX;
    /* .png: the one frame at --duration */
    if (r->png) return r->cfg->duration_ms;
    return video_instant(r->k, r->cfg->video_speed_ms, r->cfg->video_fps);
}

int videorun_frame(VideoRun *r, uint64_t seed, const NetParams *live, int trace_neuron, int runaway, char *err,
                   size_t errlen)
{
    const int64_t t = videorun_next(r);
    const WindowInstant at = { .t_ms = t, .seed = seed, .knobs = *live, .trace_neuron = trace_neuron,
                               .speed_ms = r->cfg->video_speed_ms, .fps = -1,
                               .ended = r->cfg->replay_path && t >= r->cfg->duration_ms, .runaway = runaway };
    const uint8_t *px;
    int pitch;
    if (window_offscreen_draw(r->w, r->o, &at, &px, &pitch) != 0) {
        snprintf(err, errlen, "%s: drawing the frame at %lld ms: %s", r->cfg->video_path, (long long)t,
                 SDL_GetError());
        return -1;
    }
    /* frames sharing this instant (more frames than simulated ms a second) are the same picture */
    do {
        if (video_add(r->v, px, pitch, err, errlen) != 0) return -1;
        r->k++;
    } while (!r->png && r->k <= r->last_k && videorun_next(r) == t);
    if (r->png) r->k = r->last_k + 1;
    return 0;
}

int videorun_finish(VideoRun *r, char *err, size_t errlen) { return video_finish(r->v, err, errlen); }

OutFile *videorun_file(VideoRun *r) { return video_file(r->v); }

void videorun_say(const VideoRun *r)
{
    const Config *c = r->cfg;
    if (r->png)
        printf("video: one frame (t = %lld ms), %dx%d, PNG\n", (long long)c->duration_ms, c->video_w, c->video_h);
    else
        printf("video: %" PRId64 " frames at %d fps, %d simulated ms per second (frame k: t = floor(k x %d / %d) "
               "ms), %dx%d, %s\n", video_frames(r->v), c->video_fps, c->video_speed_ms, c->video_speed_ms,
               c->video_fps, c->video_w, c->video_h, video_encoder(r->v));
}

void videorun_close(VideoRun *r)
{
    if (!r) return;
    video_close(r->v);
    window_offscreen_destroy(r->o);
    window_bare_destroy(r->w);
    free(r);
}
