/*
 * record.c - the CSV recordings (see record.h).
 */
#define _GNU_SOURCE
#include "record.h"
#include "sonata.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define N_FILES RECORD_FILES

static OutFile *file(Recorder *r, int i)
{
    OutFile *f[N_FILES] = { &r->spikes, &r->trace, &r->rate, &r->events };
    return f[i];
}

int recorder_open(Recorder *r, const RecorderSpec *spec, char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->n = spec->n;
    r->ne = spec->ne;
    r->trace_neuron_column = spec->trace_neuron_column;
    r->meta_keys = spec->meta_keys;
    r->meta_values = spec->meta_values;
    r->n_meta = spec->n_meta;
    const char *paths[N_FILES] = { spec->spikes, spec->trace, spec->rate, spec->events };
    const char *heads[N_FILES] = {
        "t_ms,neuron\n",
        spec->trace_neuron_column ? "t_ms,v_mV,neuron\n" : "t_ms,v_mV\n",
        "t_ms,rate_e_hz,rate_i_hz\n",
        "t_ms,event,value\n",
    };
    for (int i = 0; i < N_FILES; i++) {
        if (!paths[i]) continue;
        if (outfile_open(file(r, i), paths[i], spec->force, err, errlen) != 0) goto fail;
        if (i == 0 && sonata_is_h5_name(paths[i])) {
            /* SONATA HDF5 (sonata.h), written by HDF5 into the temporary;
             * its parameters become attributes at the end */
            if (file(r, i)->direct) {   /* HDF5 writes a file it can seek in */
                snprintf(err, errlen, "%s: is a device or FIFO; HDF5 (.h5) needs a regular file", paths[i]);
                goto fail;
            }
            if (!(r->h5 = sonata_create(file(r, i)->tmp, err, errlen))) goto fail;
            continue;
        }
        for (int m = 0; m < spec->n_meta; m++) fprintf(file(r, i)->fp, "# %s: %s\n", spec->meta_keys[m], spec->meta_values[m]);
        if (fputs(heads[i], file(r, i)->fp) == EOF) {
            snprintf(err, errlen, "%s: cannot write: %s", paths[i], strerror(errno));
            goto fail;
        }
    }
    for (int i = 0; i < N_FILES; i++)
        if (file(r, i)->fp) r->good[i] = (long long)ftello(file(r, i)->fp);
    return 0;
fail:
    recorder_abort(r);
    return -1;
}

/* Cuts every CSV back to the last checkpoint (what its stdio buffer still
 * held is dropped). */
static void cut_back(Recorder *r)
{
    for (int i = 0; i < N_FILES; i++) {
        FILE *fp = file(r, i)->fp;
        if (!fp || (i == 0 && r->h5)) continue;
        __fpurge(fp);
        clearerr(fp);
        if (ftruncate(fileno(fp), (off_t)r->good[i]) != 0 || fseeko(fp, (off_t)r->good[i], SEEK_SET) != 0)
            clearerr(fp);
    }
}

/* Flushes every file; on success they hold the session up to t_end. On a
 * failure, every file is cut back to the last checkpoint (what its stdio
 * buffer still held is dropped) and recording stops. */
static int checkpoint(Recorder *r, int64_t t_end)
{
    int bad = -1;
    for (int i = 0; i < N_FILES && bad < 0; i++) {
        FILE *fp = file(r, i)->fp;
        if (fp && (fflush(fp) != 0 || ferror(fp))) { bad = i; r->failed_errno = errno ? errno : EIO; }
    }
    if (bad < 0) {
        for (int i = 0; i < N_FILES; i++)
            if (file(r, i)->fp) r->good[i] = (long long)ftello(file(r, i)->fp);
        r->good_t = t_end;
        r->since_checkpoint = 0;
        return 0;
    }
    r->failed = bad + 1;
    cut_back(r);
    return -1;
}

int recorder_step(Recorder *r, const Step *st)
{
    const int64_t t = st->t;
    const int32_t *spikes = st->spikes;
    const int count = st->count;
    if (r->failed) return 0;
    if (r->h5) {
        if (sonata_add(r->h5, t, spikes, count) != 0) {
            /* the spikes file: recording stops, the CSVs as at a failed checkpoint */
            r->failed = 1;
            r->failed_errno = sonata_error(r->h5);
            cut_back(r);
            return -1;
        }
    } else if (r->spikes.fp) {
        for (int s = 0; s < count; s++) fprintf(r->spikes.fp, "%" PRId64 ",%d\n", t, (int)spikes[s]);
    }
    if (r->trace.fp) {
        if (r->trace_neuron_column) fprintf(r->trace.fp, "%" PRId64 ",%.4f,%d\n", t, (double)st->v, st->trace);
        else fprintf(r->trace.fp, "%" PRId64 ",%.4f\n", t, (double)st->v);
    }
    if (r->rate.fp) {
        const int ce = st->count_e;
        int ni = r->n - r->ne;
        /* spikes per neuron per second in this 1 ms bin */
        fprintf(r->rate.fp, "%" PRId64 ",%.6g,%.6g\n", t, r->ne ? ce * 1000.0 / r->ne : 0.0,
                ni ? (count - ce) * 1000.0 / ni : 0.0);
    }
    if (++r->since_checkpoint >= RECORD_CHECKPOINT_STEPS) return checkpoint(r, t + 1);
    return 0;
}

void recorder_event(Recorder *r, const Event *e)
{
    if (!recorder_active(r) || r->failed) return;
    char v[32];
    event_value(e, v, sizeof v);
    if (r->events.fp) fprintf(r->events.fp, "%" PRId64 ",%s,%s\n", e->t_ms, event_name(e->kind), v);
    /* the other files say it where it happened, as a comment */
    for (int i = 0; i < N_FILES; i++) {
        FILE *fp = file(r, i)->fp;
        if (fp && fp != r->events.fp && !(i == 0 && r->h5))
            fprintf(fp, "# event: %" PRId64 ",%s,%s\n", e->t_ms, event_name(e->kind), v);
    }
    if (r->h5) {
        char line[96];
        snprintf(line, sizeof line, "%" PRId64 ",%s,%s", e->t_ms, event_name(e->kind), v);
        sonata_event(r->h5, line);
    }
}

int recorder_active(const Recorder *r)
{
    return r->spikes.fp || r->trace.fp || r->rate.fp || r->events.fp;
}

int recorder_failure(const Recorder *r, char *msg, size_t len, int64_t *good_t)
{
    if (!r->failed) return -1;
    const OutFile *f = file((Recorder *)r, r->failed - 1);
    snprintf(msg, len, "%s: %s", f->path ? f->path : "?", strerror(r->failed_errno));
    *good_t = r->good_t;
    return 0;
}

int recorder_files(Recorder *r, OutFile **out)
{
    int n = 0;
    for (int i = 0; i < N_FILES; i++)
        if (file(r, i)->fp) out[n++] = file(r, i);
    return n;
}

int recorder_finish(Recorder *r, char *err, size_t errlen)
{
    if (!r->h5) return 0;
    SonataWriter *w = r->h5;
    r->h5 = NULL;
    if (r->failed) {
        /* after a failed write the CSVs are cut back to the last checkpoint;
         * HDF5 cannot cut a report back, and one cut short (or holding more
         * than the CSVs) is not a whole file: dropped, and said */
        sonata_abort(w);
        free(r->dropped);
        r->dropped = r->spikes.path ? strdup(r->spikes.path) : NULL;
        outfile_abort(&r->spikes);
        return 0;
    }
    char why[256];
    if (sonata_finish(w, r->meta_keys, r->meta_values, r->n_meta, why, sizeof why) != 0) {
        snprintf(err, errlen, "%s: %s", r->spikes.path ? r->spikes.path : "?", why);
        outfile_abort(&r->spikes);
        return -1;
    }
    return 0;
}

int recorder_commit(Recorder *r, void (*done)(const char *path, void *ctx), void *ctx,
                    char *err, size_t errlen)
{
    /* a SONATA file that cannot be completed does not take the CSVs with it */
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
    if (r->h5) { sonata_abort(r->h5); r->h5 = NULL; }
    for (int i = 0; i < N_FILES; i++) outfile_abort(file(r, i));
    free(r->dropped);
    r->dropped = NULL;
}
