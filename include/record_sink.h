/*
 * record_sink.h - a recording's sink: one file a run's steps and live
 * changes go into, behind one small interface, as DrawSink is for
 * figures. The four CSVs (record_csv.c) and the SONATA spike report
 * (record_sonata.c) are peers; the Recorder (record.h) calls each in turn
 * and keeps the checkpoints and failures of all alike. A sink writes into
 * its OutFile's temporary; the Recorder places them.
 */
#ifndef IZHI_RECORD_SINK_H
#define IZHI_RECORD_SINK_H

#include <stddef.h>

#include "outfile.h"
#include "step.h"

#define RECORD_FILES 4

/* The files, in this order: their sinks' places in a Recorder. */
enum { RECORD_SPIKES, RECORD_TRACE, RECORD_RATE, RECORD_EVENTS };

typedef struct RecordSink RecordSink;
typedef struct RecordSinkOps {
    /* Starts the file just opened: the run's "# key: value" lines and the
     * header (a CSV), or the report (SONATA). 0, or -1 with a message. */
    int (*begin)(RecordSink *s, const char *const *keys, const char *const *values, int n, char *err,
                 size_t errlen);
    /* One step (step.h). 0, or -1 when a write failed (s->err: errno). */
    int (*step)(RecordSink *s, const Step *st);
    /* A live change, "t_ms,event,value". */
    void (*event)(RecordSink *s, const char *line);
    /* What was written so far handed to the file and checked. 0, or -1
     * (s->err). NULL: a write's failure is known at once (step). */
    int (*flush)(RecordSink *s);
    /* Every sink flushed: what the file holds now is the checkpoint that
     * cut_back returns to. NULL with cut_back. */
    void (*mark)(RecordSink *s);
    /* After any file failed: back to its last checkpoint. NULL when the
     * format cannot be cut back (SONATA: HDF5), which finish then drops. */
    void (*cut_back)(RecordSink *s);
    /* Completes the file before it is placed (NULL: nothing to do). 0, or
     * -1 with a message. */
    int (*finish)(RecordSink *s, const char *const *keys, const char *const *values, int n, char *err,
                  size_t errlen);
    /* Releases what the sink holds besides its OutFile (NULL: nothing). */
    void (*abort)(RecordSink *s);
} RecordSinkOps;

struct RecordSink {
    const RecordSinkOps *ops;   /* NULL: this file is not recorded */
    OutFile out;                /* the file (out.fp NULL once dropped) */
    int kind;                   /* RECORD_SPIKES ... RECORD_EVENTS */
    int n, ne;                  /* neurons, excitatory ones (the rate) */
    int neuron_column;          /* the trace says which neuron each sample is */
    long long good;             /* a CSV's bytes at the last checkpoint */
    int err;                    /* errno of the write that failed */
    void *impl;                 /* the sink's own state (SONATA: its writer) */
};

/* The sinks: a CSV of the given kind, and the SONATA spike report (for
 * RECORD_SPIKES, chosen by the name's .h5 / .hdf5 ending). */
const RecordSinkOps *record_csv_ops(int kind);
extern const RecordSinkOps record_sonata_ops;

#endif
