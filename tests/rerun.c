/*
 * rerun.c - the expected files of a window session with live changes: the
 * plain single-process model (libizhimodel, net_create) stepped with the
 * session's recorded changes (its --events CSV: noise_e, noise_i,
 * trace_neuron, trace_add, and the knobs weight_e, weight_i, current_e, current_i,
 * stim, stim_from, stim_to with the stimulus's amplitude and pulses at
 * their defaults) applied before
 * the step at their t_ms, writing the spikes
 * (t_ms,neuron) and the trace (t_ms,v_mV,neuron,u_mV,I_mV_per_ms: a line a
 * ms per traced neuron) as the window records them.
 * e2e_mpi.sh compares an MPI window session's files with these: every
 * process must have applied each change at the step its event names.
 * The program does the same since issue 19 (izhiscope --headless
 * --schedule EVENTS, schedule.h); e2e_mpi.sh checks both, this one kept as
 * a second application of an events file, minimal and apart from
 * schedule.c (e2e_window.sh checks the feature against a window session).
 *
 * rerun N K SEED SCHEME SIGMA_E SIGMA_I TRACE STEPS EVENTS SPIKES_OUT TRACE_OUT
 * A restart event ends the comparison there (STEPS should stop before it).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net.h"

typedef struct Change { long long t; int kind; double value; } Change;   /* kind: 0 E, 1 I, 2 trace */

int main(int argc, char **argv)
{
    if (argc != 12) {
        fprintf(stderr, "usage: rerun N K SEED SCHEME SIGMA_E SIGMA_I TRACE STEPS EVENTS SPIKES_OUT TRACE_OUT\n");
        return 2;
    }
    NetParams p;
    net_params_default(&p);
    p.n = atoi(argv[1]);
    p.k = atoi(argv[2]);
    p.seed = strtoull(argv[3], NULL, 10);
    p.scheme = strcmp(argv[4], "euler") == 0 ? NET_SCHEME_EULER : NET_SCHEME_PAPER;
    p.sigma_e = strtof(argv[5], NULL);
    p.sigma_i = strtof(argv[6], NULL);
    int trace = atoi(argv[7]);
    long long steps = atoll(argv[8]);
    Change ch[4096];
    int nch = 0;
    FILE *ev = fopen(argv[9], "r");
    if (!ev) { perror(argv[9]); return 1; }
    char line[256];
    while (fgets(line, sizeof line, ev)) {
        long long t;
        char name[64];
        double v;
        if (sscanf(line, "%lld,%63[^,],%lf", &t, name, &v) != 3) continue;   /* the header, speed "max" */
        int kind = strcmp(name, "noise_e") == 0 ? 0 : strcmp(name, "noise_i") == 0 ? 1
                 : strcmp(name, "trace_neuron") == 0 ? 2 : strcmp(name, "restart") == 0 ? 3 : -1;
        if (kind < 0) {                          /* docs/model.md "Knobs": kinds 4 ... 8 */
            static const char *const knobs[] = { "weight_e", "weight_i", "current_e", "current_i", "stim",
                                                 "stim_from", "stim_to" };
            for (int k = 0; k < 7; k++)
                if (strcmp(name, knobs[k]) == 0) kind = 4 + k;
            if (strcmp(name, "trace_add") == 0) kind = 11;
        }
        if (kind < 0) continue;                  /* pause, speed: not the model's */
        if (nch == (int)(sizeof ch / sizeof ch[0])) { fprintf(stderr, "rerun: too many events\n"); return 1; }
        ch[nch++] = (Change){ t, kind, v };
    }
    fclose(ev);
    Net *net = net_create(&p);
    FILE *sp = fopen(argv[10], "w"), *tr = fopen(argv[11], "w");
    if (!net || !sp || !tr) { fprintf(stderr, "rerun: cannot start\n"); return 1; }
    net_set_trace(net, trace);
    int ids[4] = { trace }, nids = 1;
    fprintf(sp, "t_ms,neuron\n");
    fprintf(tr, "t_ms,v_mV,neuron,u_mV,I_mV_per_ms\n");
    float se = p.sigma_e, si = p.sigma_i;
    int stim_from = p.stim_from, stim_to = p.stim_to, at = 0;
    for (long long t = 0; t < steps; t++) {
        for (; at < nch && ch[at].t <= t; at++) {
            if (ch[at].t < t) continue;
            if (ch[at].kind == 3) { fprintf(stderr, "rerun: a restart at %lld ms, before STEPS\n", t); return 1; }
            if (ch[at].kind == 0) se = (float)ch[at].value;
            if (ch[at].kind == 1) si = (float)ch[at].value;
            if (ch[at].kind == 2) { ids[0] = (int)ch[at].value; nids = 1; net_set_traces(net, ids, nids); }
            if (ch[at].kind == 11) {        /* docs/model.md: put last unless traced; a fifth drops the first */
                int have = 0;
                for (int j = 0; j < nids; j++) have |= ids[j] == (int)ch[at].value;
                if (!have) {
                    if (nids == 4) { for (int j = 0; j < 3; j++) ids[j] = ids[j + 1]; nids = 3; }
                    ids[nids++] = (int)ch[at].value;
                    net_set_traces(net, ids, nids);
                }
            }
            net_set_noise(net, se, si);
            const NetParams *q = net_params(net);
            const float x = (float)ch[at].value;
            if (ch[at].kind == 4) net_set_weights(net, x, q->weight_i);
            if (ch[at].kind == 5) net_set_weights(net, q->weight_e, x);
            if (ch[at].kind == 6) net_set_currents(net, x, q->current_i);
            if (ch[at].kind == 7) net_set_currents(net, q->current_e, x);
            if (ch[at].kind == 8) net_set_stim(net, ch[at].value != 0);
            /* a range's two ends change at one step: set once both are read */
            if (ch[at].kind == 9) stim_from = (int)ch[at].value;
            if (ch[at].kind == 10) stim_to = (int)ch[at].value;
            net_set_stim_neurons(net, stim_from, stim_to);
        }
        int ns = net_step(net);
        for (int s = 0; s < ns; s++) fprintf(sp, "%lld,%d\n", t, (int)net_spikes(net)[s]);
        const StepTraces *x = net_traces(net);
        for (int j = 0; j < x->k; j++)
            fprintf(tr, "%lld,%.4f,%d,%.4f,%.4f\n", t, (double)x->v[j], x->neuron[j], (double)x->u[j], (double)x->i[j]);
    }
    net_destroy(net);
    return (fclose(sp) != 0) | (fclose(tr) != 0);
}
