/*
 * record.c - the Recorder: a run's steps and live changes handed to each
 * of its sinks in turn, their checkpoints, failures and completion alike
 * (see record.h). The sinks themselves: record_csv.c, record_sonata.c.
 */
#define _GNU_SOURCE
#include "record.h"
#include "sonata.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_FILES RECORD_FILES

int recorder_open(Recorder *r, const RecorderSpec *spec, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->meta_keys = spec->meta_keys;
    r->meta_values = spec->meta_values;
    r->n_meta = spec->n_meta;
    const char *paths[N_FILES] = { spec->spikes, spec->trace, spec->rate, spec->events };
    for (int i = 0; i < N_FILES; i++) {
        if (!paths[i]) continue;
        RecordSink *s = &r->sink[i];
        s->kind = i;
        s->n = spec->n;
        s->ne = spec->ne;
        s->neuron_column = spec->trace_neuron_column;
        s->ops = i == RECORD_SPIKES && sonata_is_h5_name(paths[i]) ? &record_sonata_ops : record_csv_ops(i);
        if (outfile_open(&s->out, paths[i], spec->force, err, errlen) != 0 ||
            s->ops->begin(s, spec->meta_keys, spec->meta_values, spec->n_meta, err, errlen) != 0)
            goto fail;
    }
    return 0;
fail:
    recorder_abort(r);
    return -1;
}

/* After a failure: every file that can be is cut back to the last
 * checkpoint. */
static void cut_back(Recorder *r)
{
    for (int i = 0; i < N_FILES; i++) {
        RecordSink *s = &r->sink[i];
        if (s->ops && s->out.fp && s->ops->cut_back) s->ops->cut_back(s);
    }
}

/* Recording stops: sink i failed; the others are cut back. Returns -1. */
static int fail_at(Recorder *r, int i)
{
    r->failed = i + 1;
    r->failed_errno = r->sink[i].err ? r->sink[i].err : EIO;
    cut_back(r);
    return -1;
}

/* Every sink made safe; on success the files hold the session up to
 * t_end. */
static int checkpoint(Recorder *r, int64_t t_end)
{
    for (int i = 0; i < N_FILES; i++) {
        RecordSink *s = &r->sink[i];
        if (s->ops && s->out.fp && s->ops->flush && s->ops->flush(s) != 0) return fail_at(r, i);
    }
    /* all or none: a file flushed before another failed is cut back too */
    for (int i = 0; i < N_FILES; i++) {
        RecordSink *s = &r->sink[i];
        if (s->ops && s->out.fp && s->ops->mark) s->ops->mark(s);
    }
    r->good_t = t_end;
    r->since_checkpoint = 0;
    return 0;
}

int recorder_step(Recorder *r, const Step *st)
{
    if (r->failed) return 0;
    for (int i = 0; i < N_FILES; i++) {
        RecordSink *s = &r->sink[i];
        if (s->ops && s->out.fp && s->ops->step(s, st) != 0) return fail_at(r, i);
    }
    if (++r->since_checkpoint >= RECORD_CHECKPOINT_STEPS) return checkpoint(r, st->t + 1);
    return 0;
}

void recorder_event(Recorder *r, const Event *e)
{
    if (!recorder_active(r) || r->failed) return;
    char v[32], line[96];
    event_value(e, v, sizeof v);
    snprintf(line, sizeof line, "%" PRId64 ",%s,%s", e->t_ms, event_name(e->kind), v);
    for (int i = 0; i < N_FILES; i++) {
        RecordSink *s = &r->sink[i];
        if (s->ops && s->out.fp) s->ops->event(s, line);
    }
}

int recorder_active(const Recorder *r)
{
    for (int i = 0; i < N_FILES; i++)
        if (r->sink[i].ops && r->sink[i].out.fp) return 1;
    return 0;
}

int recorder_failure(const Recorder *r, char *msg, size_t len, int64_t *good_t)
{
    if (!r->failed) return -1;
    const OutFile *f = &r->sink[r->failed - 1].out;
    snprintf(msg, len, "%s: %s", f->path ? f->path : "?", strerror(r->failed_errno));
    *good_t = r->good_t;
    return 0;
}

int recorder_files(Recorder *r, OutFile **out)
{
    int n = 0;
    for (int i = 0; i < N_FILES; i++)
        if (r->sink[i].ops && r->sink[i].out.fp) out[n++] = &r->sink[i].out;
    return n;
}

/* Releases sink s and drops its file. */
static void sink_drop(RecordSink *s)
{
    if (s->ops && s->ops->abort) s->ops->abort(s);
    outfile_abort(&s->out);
}

int recorder_finish(Recorder *r, char *err, size_t errlen)
{
    int rc = 0;
    for (int i = 0; i < N_FILES; i++) {
        RecordSink *s = &r->sink[i];
        if (!s->ops || !s->out.fp) continue;
        if (r->failed && !s->ops->cut_back) {
            /* after a failed write the others are cut back to the last
             * checkpoint; this one cannot be, and one cut short (or holding
             * more than the others) is not a whole file: dropped, and said */
            free(r->dropped);
            r->dropped = s->out.path ? strdup(s->out.path) : NULL;
            sink_drop(s);
            continue;
        }
        if (r->failed || !s->ops->finish) continue;
        char why[256];
        if (s->ops->finish(s, r->meta_keys, r->meta_values, r->n_meta, why, sizeof why) != 0) {
            if (rc == 0) snprintf(err, errlen, "%s: %s", s->out.path ? s->out.path : "?", why);
            sink_drop(s);
            rc = -1;
        }
    }
    return rc;
}

int recorder_commit(Recorder *r, void (*done)(const char *path, void *ctx), void *ctx,
                    char *err, size_t errlen)
{
    /* a file that cannot be completed does not take the others with it */
    int finished = recorder_finish(r, err, errlen);
    char commit_err[1024];
    OutFile *files[N_FILES];
    int n = recorder_files(r, files);
    if (outfile_commit_all(files, n, done, ctx, commit_err, sizeof commit_err) != 0) {
        if (finished == 0) snprintf(err, errlen, "%s", commit_err);
        return -1;
    }
    return finished;
}

void recorder_abort(Recorder *r)
{
    for (int i = 0; i < N_FILES; i++) sink_drop(&r->sink[i]);
    free(r->dropped);
    r->dropped = NULL;
}
