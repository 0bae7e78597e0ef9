/*
 * record.c - the CSV recordings (see record.h).
 */
#include "record.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define N_FILES 4

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
        if (fputs(heads[i], file(r, i)->fp) == EOF) {
            snprintf(err, errlen, "%s: cannot write: %s", paths[i], strerror(errno));
            goto fail;
        }
    }
    return 0;
fail:
    recorder_abort(r);
    return -1;
}

void recorder_step(Recorder *r, int64_t t, const int32_t *spikes, int count, int trace_neuron, float trace_v)
{
    /* Write errors (a full disk) stick in the FILE and surface at commit. */
    if (r->spikes.fp)
        for (int s = 0; s < count; s++) fprintf(r->spikes.fp, "%" PRId64 ",%d\n", t, (int)spikes[s]);
    if (r->trace.fp) {
        if (r->trace_neuron_column) fprintf(r->trace.fp, "%" PRId64 ",%.4f,%d\n", t, (double)trace_v, trace_neuron);
        else fprintf(r->trace.fp, "%" PRId64 ",%.4f\n", t, (double)trace_v);
    }
    if (r->rate.fp) {
        int ce = 0;
        for (int s = 0; s < count; s++) ce += spikes[s] < r->ne;
        int ni = r->n - r->ne;
        /* spikes per neuron per second in this 1 ms bin */
        fprintf(r->rate.fp, "%" PRId64 ",%.6g,%.6g\n", t, r->ne ? ce * 1000.0 / r->ne : 0.0,
                ni ? (count - ce) * 1000.0 / ni : 0.0);
    }
}

void recorder_event(Recorder *r, const Event *e)
{
    if (!r->events.fp) return;
    char v[32];
    event_value(e, v, sizeof v);
    fprintf(r->events.fp, "%" PRId64 ",%s,%s\n", e->t_ms, event_name(e->kind), v);
}

int recorder_active(const Recorder *r)
{
    return r->spikes.fp || r->trace.fp || r->rate.fp || r->events.fp;
}

int recorder_commit(Recorder *r, void (*done)(const char *path, void *ctx), void *ctx,
                    char *err, size_t errlen)
{
    for (int i = 0; i < N_FILES; i++) {
        OutFile *f = file(r, i);
        if (!f->fp) continue;
        char shown[1024];
        snprintf(shown, sizeof shown, "%s", f->path);
        if (outfile_commit(f, err, errlen) != 0) {
            recorder_abort(r);
            return -1;
        }
        if (done) done(shown, ctx);
    }
    return 0;
}

void recorder_abort(Recorder *r)
{
    for (int i = 0; i < N_FILES; i++) outfile_abort(file(r, i));
}
