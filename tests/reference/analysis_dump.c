/*
 * analysis_dump.c - test-only: the state analysis_check.py needs to compute
 * docs/model.md's analysis measures itself, from a run of the library
 * identical to `izhiscope --headless --seed S --noise-e E --duration D`
 * (Fig. 3's other defaults): every neuron's v after every step (float32,
 * D x N, PREFIX_v.f32), the weights onto the excitatory neurons (float32,
 * Ne x N, W[post][pre], PREFIX_w.f32) and the spikes (PREFIX_spikes.csv,
 * t_ms,neuron, to check it is the same run as izhiscope's --spikes).
 * Build: make build/libizhimodel.a, then
 *   cc -std=c11 -O2 -Iinclude -o build/analysis_dump tests/reference/analysis_dump.c \
 *      build/libizhimodel.a -lfftw3 -lz -lm -lpthread
 */
#include <stdio.h>
#include <stdlib.h>

#include "net.h"

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: analysis_dump SEED NOISE_E DURATION_MS PREFIX\n");
        return 2;
    }
    NetParams p;
    net_params_default(&p);
    p.seed = strtoull(argv[1], NULL, 10);
    p.sigma_e = strtof(argv[2], NULL);
    long long dur = atoll(argv[3]);
    Net *net = net_create(&p);
    if (!net) return 1;
    char path[4096];
    snprintf(path, sizeof path, "%s_v.f32", argv[4]);
    FILE *fv = fopen(path, "wb");
    snprintf(path, sizeof path, "%s_spikes.csv", argv[4]);
    FILE *fs = fopen(path, "w");
    snprintf(path, sizeof path, "%s_w.f32", argv[4]);
    FILE *fw = fopen(path, "wb");
    if (!fv || !fs || !fw) return 1;
    const int n = net_n(net), ne = net_ne(net);
    for (int i = 0; i < ne; i++)
        for (int j = 0; j < n; j++) {
            float w = net_weight(net, i, j);
            fwrite(&w, sizeof w, 1, fw);
        }
    fprintf(fs, "t_ms,neuron\n");
    for (long long t = 0; t < dur; t++) {
        int ns = net_step(net);
        const int32_t *sp = net_spikes(net);
        for (int k = 0; k < ns; k++) fprintf(fs, "%lld,%d\n", t, (int)sp[k]);
        fwrite(net_v(net), sizeof(float), (size_t)n, fv);
    }
    net_destroy(net);
    return fclose(fv) || fclose(fs) || fclose(fw);
}
