/*
 * gfx_none.c - the graphics entry points of the lean `izhiscope` binary,
 * which links no SDL, SDL_ttf or libpng: loading them was most of a short
 * headless run's start-up (issue 11). main.c hands every run that draws (the
 * window, --export) to `izhiscope-gfx` by exec before it gets here
 * (app_exec_graphics), so these only answer if that hand-over was skipped.
 */
#include "app.h"
#include "figure.h"
#include "sonata.h"

#include <stdio.h>

int app_have_graphics(void) { return 0; }

int app_run_window(Config *cfg, int64_t start_ns)
{
    (void)cfg; (void)start_ns;
    fprintf(stderr, "izhiscope: this binary has no graphics; izhiscope-gfx opens the window\n");
    return APP_EXIT_FAIL;
}

int figure_export(FILE *fp, int format, const Hist *h, const PlotView *view, int width, int height, const char *font,
                  const char *const *keys, const char *const *values, int n_meta, char *err, size_t errlen)
{
    (void)fp; (void)format; (void)h; (void)view; (void)width; (void)height; (void)font; (void)keys; (void)values;
    (void)n_meta;
    snprintf(err, errlen, "this binary has no graphics; izhiscope-gfx draws figures");
    return -1;
}

int figure_export_analysis(FILE *fp, int format, const struct AnalysisResult *r, int64_t from_ms, int64_t to_ms,
                           int width, int height, const char *font_path, const char *const *keys,
                           const char *const *values, int n_text, char *err, size_t errlen)
{
    (void)fp; (void)format; (void)r; (void)from_ms; (void)to_ms; (void)width; (void)height; (void)font_path;
    (void)keys; (void)values; (void)n_text;
    snprintf(err, errlen, "this binary has no graphics; izhiscope-gfx draws figures");
    return -1;
}

/* HDF5 is izhiscope-gfx's (sonata.c): runs with a .h5 file are handed over. */
SonataWriter *sonata_create(const char *path, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s: this binary has no HDF5; izhiscope-gfx writes SONATA files", path);
    return NULL;
}

int sonata_add(SonataWriter *w, int64_t t_ms, const int32_t *spikes, int count)
{
    (void)w; (void)t_ms; (void)spikes; (void)count;
    return -1;
}

int sonata_error(const SonataWriter *w) { (void)w; return 0; }

void sonata_event(SonataWriter *w, const char *line) { (void)w; (void)line; }

int sonata_finish(SonataWriter *w, const char *const *keys, const char *const *values, int n, char *err,
                  size_t errlen)
{
    (void)w; (void)keys; (void)values; (void)n;
    snprintf(err, errlen, "this binary has no HDF5");
    return -1;
}

void sonata_abort(SonataWriter *w) { (void)w; }

int sonata_read(Replay *r, const char *path, ReplayUnit unit, size_t max_spikes, char *err, size_t errlen)
{
    (void)r; (void)unit; (void)max_spikes;
    snprintf(err, errlen, "%s: this binary has no HDF5; izhiscope-gfx reads SONATA files", path);
    return -1;
}

/* The map's figure (sweepfig.h) is izhiscope-gfx's: --export is handed over. */
#include "sweepfig.h"

int sweepfig_export(FILE *fp, int format, const SweepSpec *spec, int seeds, const SweepRow *rows, const char *title,
                    int width, int height, const char *font_path, const char *const *keys,
                    const char *const *values, int n_text, char *err, size_t errlen)
{
    (void)fp; (void)format; (void)spec; (void)seeds; (void)rows; (void)title; (void)width; (void)height;
    (void)font_path; (void)keys; (void)values; (void)n_text;
    snprintf(err, errlen, "this binary has no graphics; izhiscope-gfx draws figures");
    return -1;
}

/* Videos (video.h) are izhiscope-gfx's (FFmpeg): --video is handed over. */
#include "videorun.h"

VideoRun *videorun_open(const Config *cfg, struct Scope *scope, const char *font, int replay_format, char *err,
                        size_t errlen)
{
    (void)cfg; (void)scope; (void)font; (void)replay_format;
    snprintf(err, errlen, "this binary has no FFmpeg; izhiscope-gfx writes videos");
    return NULL;
}

int64_t videorun_next(const VideoRun *r) { (void)r; return INT64_MAX; }

int videorun_frame(VideoRun *r, uint64_t seed, const NetParams *live, int trace_neuron, int runaway, char *err,
                   size_t errlen)
{
    (void)r; (void)seed; (void)live; (void)trace_neuron; (void)runaway;
    snprintf(err, errlen, "this binary has no FFmpeg");
    return -1;
}

int videorun_finish(VideoRun *r, char *err, size_t errlen)
{
    (void)r;
    snprintf(err, errlen, "this binary has no FFmpeg");
    return -1;
}

OutFile *videorun_file(VideoRun *r) { (void)r; return NULL; }
void videorun_say(const VideoRun *r) { (void)r; }
void videorun_close(VideoRun *r) { (void)r; }
