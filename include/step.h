/*
 * step.h - a step's summary: what every consumer of a run's step is handed
 * (run.h's fan-out: the Recorder, the Scope, the Stats, the runaway watch;
 * sim.h's ring carries it to the window). Computed once, where the step is
 * taken: count_e is the one place a step's spikes are split into
 * excitatory (index < ne) and inhibitory. A plain value, no code to link.
 */
#ifndef IZHI_STEP_H
#define IZHI_STEP_H

#include <stdint.h>

/* The traced neurons of a step (docs/model.md "The trace"): up to
 * STEP_TRACE_MAX, in the order they were added (slot 0 first); of each, v as
 * the trace shows it, and the u and I that entered the step's v update. */
#define STEP_TRACE_MAX 4
typedef struct StepTraces {
    int k;                            /* traced neurons, 1 ... STEP_TRACE_MAX */
    int neuron[STEP_TRACE_MAX];
    float v[STEP_TRACE_MAX], u[STEP_TRACE_MAX], i[STEP_TRACE_MAX];
} StepTraces;

typedef struct Step {
    int64_t t;                /* ms */
    const int32_t *spikes;    /* ascending; the producer's buffer, valid until its next step */
    int count;                /* spikes */
    int count_e;              /* of them excitatory; count - count_e inhibitory */
    int trace;                /* the traced neuron (-1: not known here) */
    float v;                  /* its v, mV (a replay without a trace: NAN) */
    const StepTraces *traces; /* every traced neuron (slot 0 is trace, v); NULL: only those */
} Step;

/* The summary of a step whose spikes are given: the E/I split, counted. */
static inline Step step_of(int64_t t, const int32_t *spikes, int count, int ne, int trace, float v)
{
    int e = 0;
    for (int k = 0; k < count; k++) e += spikes[k] < ne;
    Step s = { .t = t, .spikes = spikes, .count = count, .count_e = e, .trace = trace, .v = v, .traces = 0 };
    return s;
}

/* The population rates of a step (docs/model.md, the --rate file): each
 * population's spikes in this 1 ms bin per neuron per second (count x 1000
 * / its size; 0 for an empty population). --rate and the library's rates. */
static inline void step_rates(const Step *s, int n, int ne, double *rate_e, double *rate_i)
{
    const int ni = n - ne;
    *rate_e = ne ? s->count_e * 1000.0 / ne : 0.0;
    *rate_i = ni ? (s->count - s->count_e) * 1000.0 / ni : 0.0;
}

#endif
