/*
 * record_sonata.c - the SONATA sink of a Recorder (record.h): --spikes
 * FILE.h5 written by HDF5 (sonata.h) into the OutFile's temporary; live
 * changes become its `events` attribute and the run's parameters its
 * attributes when it is finished. A write's failure is known at once; HDF5
 * cannot cut a report back to a checkpoint, so after any file's failure
 * the Recorder drops it (no cut_back).
 */
#include "record_sink.h"
#include "sonata.h"

#include <stdio.h>

static int sonata_begin(RecordSink *s, const char *const *keys, const char *const *values, int n, char *err,
                     size_t errlen)
{
    (void)keys;   /* the parameters become attributes when it is finished */
    (void)values;
    (void)n;
    if (s->out.direct) {   /* HDF5 writes a file it can seek in */
        snprintf(err, errlen, "%s: is a device or FIFO; HDF5 (.h5) needs a regular file", s->out.path);
        return -1;
    }
    return (s->impl = sonata_create(s->out.tmp, err, errlen)) ? 0 : -1;
}

static int sonata_step(RecordSink *s, const Step *st)
{
    if (sonata_add(s->impl, st->t, st->spikes, st->count) == 0) return 0;
    s->err = sonata_error(s->impl);
    return -1;
}

static void sonata_line(RecordSink *s, const char *line)
{
    sonata_event(s->impl, line);
}

static int sonata_done(RecordSink *s, const char *const *keys, const char *const *values, int n, char *err,
                       size_t errlen)
{
    SonataWriter *w = s->impl;
    s->impl = NULL;   /* sonata_finish frees it either way */
    return sonata_finish(w, keys, values, n, err, errlen);
}

static void sonata_drop(RecordSink *s)
{
    if (s->impl) sonata_abort(s->impl);
    s->impl = NULL;
}

const RecordSinkOps record_sonata_ops = {
    sonata_begin, sonata_step, sonata_line, NULL, NULL, NULL, sonata_done, sonata_drop,
};
