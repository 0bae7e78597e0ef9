/*
 * record.h - the spike and trace CSV recordings (formats in MODEL.md), for
 * the headless run and for a window session alike. Files go through
 * OutFile: whole or not at all.
 */
#ifndef IZHI_RECORD_H
#define IZHI_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "outfile.h"

typedef struct Recorder {
    OutFile spikes;   /* fp NULL when not recording spikes */
    OutFile trace;    /* fp NULL when not recording the trace */
} Recorder;

/* Opens the recordings asked for (either path may be NULL) and writes their
 * headers; returns 0, or -1 with a message (nothing left behind). */
int recorder_open(Recorder *r, const char *spikes_path, const char *trace_path, int force,
                  char *err, size_t errlen);
/* Appends one step: its spikes (ascending) and the traced v. */
void recorder_step(Recorder *r, int64_t t, const int32_t *spikes, int count, float trace_v);
/* Whether anything is being recorded. */
int recorder_active(const Recorder *r);
/* Moves the files into place; each committed path is passed to done(path,
 * ctx) (may be NULL). Returns 0, or -1 with a message; on failure the rest
 * are dropped. */
int recorder_commit(Recorder *r, void (*done)(const char *path, void *ctx), void *ctx,
                    char *err, size_t errlen);
/* Drops whatever is open. */
void recorder_abort(Recorder *r);

#endif
