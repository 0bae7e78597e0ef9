/*
 * example.c - libizhiscope in a few lines (docs/library.md): Fig. 3's
 * network for 1 s, then 1 s more with more noise into the excitatory
 * neurons; the spikes of each second and the --stats measures.
 *
 *   cc example.c $(pkg-config --cflags --libs izhiscope) -o example && ./example
 */
#include <stdio.h>

#include <izhiscope.h>

int main(void)
{
    IzhiError err;
    IzhiParams p;
    izhi_params_init(&p);
    p.seed = 2003;
    IzhiNet *net = izhi_net_create(&p, &err);
    if (!net) { fprintf(stderr, "example: %s\n", err.message); return 1; }
    for (int second = 0; second < 2; second++) {
        if (second == 1 && izhi_net_set_noise(net, 7.0, 2.0, &err) != 0) {
            fprintf(stderr, "example: %s\n", err.message);
            izhi_net_destroy(net);
            return 1;
        }
        if (izhi_net_step(net, 1000, &err) != 0) {
            fprintf(stderr, "example: %s\n", err.message);
            izhi_net_destroy(net);
            return 1;
        }
        const int64_t *t;
        const int32_t *id;
        size_t n = izhi_net_spikes(net, &t, &id);
        printf("second %d: %zu spikes", second + 1, n);
        if (n) printf(", the first neuron %d at %lld ms", (int)id[0], (long long)t[0]);
        printf("\n");
    }
    double m[64];
    int count = izhi_measure_count() < 64 ? izhi_measure_count() : 64;
    if (izhi_net_measures(net, m, count, &err) != 0) {
        fprintf(stderr, "example: %s\n", err.message);
        izhi_net_destroy(net);
        return 1;
    }
    for (int i = 0; i < count; i++) printf("%s = %g\n", izhi_measure_name(i), m[i]);
    /* a bad value is refused with the option's message, nothing printed by the library */
    if (izhi_params_set(&p, "noise-e", "-1", &err) != 0) printf("refused: %s\n", err.message);
    izhi_net_destroy(net);
    return 0;
}
