/*
 * record.h - the recordings of a run (formats in docs/model.md "File
 * formats"), for the headless run and a window session alike: spikes (CSV
 * or a SONATA report), the traced neuron's v, the population rate and
 * (window) the live events, each a sink behind one interface. Files go
 * through OutFile: whole or not at all.
 */
#ifndef IZHI_RECORD_H
#define IZHI_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "outfile.h"
#include "record_sink.h"
#include "step.h"

typedef struct RecorderSpec {
    const char *spikes;        /* paths, NULL when not asked for */
    const char *trace;
    const char *rate;
    const char *events;
    int n, ne;                 /* neurons, excitatory ones (for the rate) */
    int trace_neuron_column;   /* the trace says which neuron each sample is */
    int force;                 /* replace existing files */
    /* the run's parameters, written first in every file as "# key: value"
     * lines (the PNG metadata's keys; docs/model.md "File formats") */
    const char *const *meta_keys;
    const char *const *meta_values;
    int n_meta;
} RecorderSpec;

#define RECORD_CHECKPOINT_STEPS 250   /* steps between flushes that are checked */

typedef struct Recorder {
    RecordSink sink[RECORD_FILES];         /* by RECORD_SPIKES ...; ops NULL when not recorded */
    /* Write failures (a full disk) are found at a checkpoint, every
     * RECORD_CHECKPOINT_STEPS steps (a SONATA report's at once): the files
     * are then cut back to the last checkpoint, whole CSV up to good_t, and
     * recording stops. */
    int since_checkpoint;
    int64_t good_t;                        /* one past the last step they hold */
    int failed;                            /* 1 + the file that failed, 0 none */
    int failed_errno;
    const char *const *meta_keys;          /* the spec's, for the report's attributes */
    const char *const *meta_values;
    int n_meta;
    char *dropped;                         /* the file recorder_finish dropped after a failed write
                                            * (owned; freed by recorder_abort) */
} Recorder;

/* Opens the recordings asked for and writes their headers; returns 0, or
 * -1 with a message (nothing left behind). */
int recorder_open(Recorder *r, const RecorderSpec *spec, char *err, size_t errlen);
/* Appends one step: its spikes (ascending), the traced neuron and its v,
 * the rate of its E/I split (the summary's, step.h).
 * Returns 0, or -1 once, when a write failed (see recorder_failure);
 * nothing more is recorded after that. */
int recorder_step(Recorder *r, const Step *st);
/* Appends a live change: a line of the events file, and in the other
 * files a "# event: t_ms,event,value" line where it happened. */
void recorder_event(Recorder *r, const Event *e);
/* Whether anything is being recorded. */
int recorder_active(const Recorder *r);
/* After a failed write: "FILE: ERROR" and the time up to which the files
 * hold the session; 0, or -1 if nothing failed. */
int recorder_failure(const Recorder *r, char *msg, size_t len, int64_t *good_t);
/* The open recordings' OutFiles (for a commit with other outputs); returns
 * how many were put in out (at most RECORD_FILES). */
int recorder_files(Recorder *r, OutFile **out);
/* Completes the files that need it (a SONATA report: its last spikes, its
 * attributes); after a failed write (any file's) a file that cannot be cut
 * back to the last checkpoint is dropped instead, and r->dropped names it. recorder_commit calls
 * it; a caller committing the files itself (recorder_files) calls it
 * first. 0, or -1 with a message (the SONATA file dropped too). */
int recorder_finish(Recorder *r, char *err, size_t errlen);
/* Completes the SONATA file (recorder_finish) and moves the files into
 * place; each committed path is passed to done(path, ctx) (may be NULL).
 * Returns 0, or -1 with a message: a SONATA file that could not be
 * completed is dropped and the CSVs committed still; a failed commit drops
 * the rest. */
int recorder_commit(Recorder *r, void (*done)(const char *path, void *ctx), void *ctx,
                    char *err, size_t errlen);
/* Drops whatever is open. */
void recorder_abort(Recorder *r);

#endif
