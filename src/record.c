/*
 * record.c - spike and trace CSV recordings (see record.h).
 */
#include "record.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

int recorder_open(Recorder *r, const char *spikes_path, const char *trace_path, int force,
                  char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    if ((spikes_path && outfile_open(&r->spikes, spikes_path, force, err, errlen)) ||
        (trace_path && outfile_open(&r->trace, trace_path, force, err, errlen)))
        goto fail;
    if ((r->spikes.fp && fputs("t_ms,neuron\n", r->spikes.fp) == EOF) ||
        (r->trace.fp && fputs("t_ms,v_mV\n", r->trace.fp) == EOF)) {
        snprintf(err, errlen, "cannot write a recording: %s", strerror(errno));
        goto fail;
    }
    return 0;
fail:
    recorder_abort(r);
    return -1;
}

void recorder_step(Recorder *r, int64_t t, const int32_t *spikes, int count, float trace_v)
{
    /* Write errors (a full disk) stick in the FILE and surface at commit. */
    if (r->spikes.fp)
        for (int s = 0; s < count; s++) fprintf(r->spikes.fp, "%" PRId64 ",%d\n", t, (int)spikes[s]);
    if (r->trace.fp) fprintf(r->trace.fp, "%" PRId64 ",%.4f\n", t, (double)trace_v);
}

int recorder_active(const Recorder *r) { return r->spikes.fp || r->trace.fp; }

int recorder_commit(Recorder *r, void (*done)(const char *path, void *ctx), void *ctx,
                    char *err, size_t errlen)
{
    OutFile *files[2] = { &r->spikes, &r->trace };
    for (int i = 0; i < 2; i++) {
        if (!files[i]->fp) continue;
        char shown[1024];
        snprintf(shown, sizeof shown, "%s", files[i]->path);
        if (outfile_commit(files[i], err, errlen) != 0) {
            recorder_abort(r);
            return -1;
        }
        if (done) done(shown, ctx);
    }
    return 0;
}

void recorder_abort(Recorder *r)
{
    outfile_abort(&r->spikes);
    outfile_abort(&r->trace);
}
