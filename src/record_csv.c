/*
 * record_csv.c - the CSV sinks of a Recorder (record.h): spikes
 * (t_ms,neuron), the trace (t_ms,v_mV[,neuron]), the population rate
 * (t_ms,rate_e_hz,rate_i_hz) and the live events (t_ms,event,value),
 * formats in docs/model.md "File formats". Each starts with the run's
 * "# key: value" lines; a live change is a line of the events file and a
 * "# event: ..." comment in the others, where it happened. Written through
 * stdio; a checkpoint is a checked fflush, and cutting back truncates to
 * it (what stdio still held is dropped).
 */
#define _GNU_SOURCE
#include "record_sink.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static int csv_begin(RecordSink *s, const char *const *keys, const char *const *values, int n, char *err,
                     size_t errlen)
{
    static const char *const heads[RECORD_FILES] = {
        "t_ms,neuron\n", "t_ms,v_mV\n", "t_ms,rate_e_hz,rate_i_hz\n", "t_ms,event,value\n",
    };
    const char *head = s->kind == RECORD_TRACE && s->neuron_column ? "t_ms,v_mV,neuron,u_mV,I_mV_per_ms\n" : heads[s->kind];
    FILE *fp = s->out.fp;
    for (int m = 0; m < n; m++) fprintf(fp, "# %s: %s\n", keys[m], values[m]);
    if (fputs(head, fp) == EOF) {
        snprintf(err, errlen, "%s: cannot write: %s", s->out.path, strerror(errno));
        return -1;
    }
    s->good = (long long)ftello(fp);
    return 0;
}

static int spikes_step(RecordSink *s, const Step *st)
{
    for (int k = 0; k < st->count; k++) fprintf(s->out.fp, "%" PRId64 ",%d\n", st->t, (int)st->spikes[k]);
    return 0;
}

static int trace_step(RecordSink *s, const Step *st)
{
    /* the window's: a line per traced neuron, slot 0 first (docs/model.md
     * "File formats"); a replay's one trace has no u or I (nan) */
    if (s->neuron_column) {
        const StepTraces one = { .k = 1, .neuron = { st->trace }, .v = { st->v }, .u = { NAN }, .i = { NAN } };
        const StepTraces *tr = st->traces ? st->traces : &one;
        for (int j = 0; j < tr->k; j++)
            fprintf(s->out.fp, "%" PRId64 ",%.4f,%d,%.4f,%.4f\n", st->t, (double)tr->v[j], tr->neuron[j],
                    (double)tr->u[j], (double)tr->i[j]);
    } else {
        fprintf(s->out.fp, "%" PRId64 ",%.4f\n", st->t, (double)st->v);
    }
    return 0;
}

static int rate_step(RecordSink *s, const Step *st)
{
    double e, i;
    step_rates(st, s->n, s->ne, &e, &i);
    fprintf(s->out.fp, "%" PRId64 ",%.6g,%.6g\n", st->t, e, i);
    return 0;
}

static int no_step(RecordSink *s, const Step *st)
{
    (void)s;
    (void)st;
    return 0;
}

/* the other files say a change where it happened, as a comment */
static void comment_event(RecordSink *s, const char *line)
{
    fprintf(s->out.fp, "# event: %s\n", line);
}

static void events_event(RecordSink *s, const char *line)
{
    fprintf(s->out.fp, "%s\n", line);
}

static int csv_flush(RecordSink *s)
{
    if (fflush(s->out.fp) != 0 || ferror(s->out.fp)) {
        s->err = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

static void csv_mark(RecordSink *s)
{
    s->good = (long long)ftello(s->out.fp);
}

static void csv_cut_back(RecordSink *s)
{
    FILE *fp = s->out.fp;
    __fpurge(fp);
    clearerr(fp);
    if (ftruncate(fileno(fp), (off_t)s->good) != 0 || fseeko(fp, (off_t)s->good, SEEK_SET) != 0) clearerr(fp);
}

static const RecordSinkOps csv_ops[RECORD_FILES] = {
    [RECORD_SPIKES] = { csv_begin, spikes_step, comment_event, csv_flush, csv_mark, csv_cut_back, NULL, NULL },
    [RECORD_TRACE] = { csv_begin, trace_step, comment_event, csv_flush, csv_mark, csv_cut_back, NULL, NULL },
    [RECORD_RATE] = { csv_begin, rate_step, comment_event, csv_flush, csv_mark, csv_cut_back, NULL, NULL },
    [RECORD_EVENTS] = { csv_begin, no_step, events_event, csv_flush, csv_mark, csv_cut_back, NULL, NULL },
};

const RecordSinkOps *record_csv_ops(int kind)
{
    return &csv_ops[kind];
}
