/*
 * step_bench.c - the cost of one step of the Fig. 3 network on one thread, in
 * the model library alone (no run loop, no outputs): `chunks` chunks of `len`
 * steps after 1000 steps of warm-up, each chunk timed; prints the median, the
 * 10th percentile and the fastest chunk in microseconds a step. On a shared
 * machine whole runs are stretched by whatever else is running; a chunk of a
 * few hundred microseconds mostly is not, so run two builds alternately a few
 * times and compare their medians (docs/speed.md). Not part of the program:
 *   cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -o build/step_bench \
 *      scripts/step_bench.c build/libizhimodel.a -lfftw3 -lz -lm -lpthread
 *   build/step_bench [chunks [len [paper|euler]]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int chunks = argc > 1 ? atoi(argv[1]) : 400, len = argc > 2 ? atoi(argv[2]) : 200;
    if (chunks < 1 || len < 1) {
        fprintf(stderr, "usage: step_bench [chunks >= 1 [steps a chunk >= 1 [paper|euler]]]\n");
        return 2;
    }
    NetParams p;
    net_params_default(&p);
    p.seed = 1;
    p.threads = 1;
    if (argc > 3 && strcmp(argv[3], "euler") == 0) p.scheme = NET_SCHEME_EULER;
    Net *net = net_create(&p);
    double *t = malloc((size_t)chunks * sizeof *t);
    if (!net || !t) {
        fprintf(stderr, "step_bench: out of memory\n");
        return 1;
    }
    long spikes = 0;
    for (int s = 0; s < 1000; s++) net_step(net);
    for (int c = 0; c < chunks; c++) {
        double t0 = now();
        for (int s = 0; s < len; s++) spikes += net_step(net);
        t[c] = (now() - t0) * 1e6 / len;
    }
    qsort(t, (size_t)chunks, sizeof *t, by_value);
    printf("%s, %d x %d steps: median %.3f us a step (%.0fx real time), 10th percentile %.3f, fastest %.3f; %ld spikes\n",
           p.scheme == NET_SCHEME_EULER ? "euler" : "paper", chunks, len, t[chunks / 2], 1000.0 / t[chunks / 2],
           t[chunks / 10], t[0], spikes);
    net_destroy(net);
    free(t);
    return 0;
}
