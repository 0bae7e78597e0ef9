/*
 * test_lib.c - libizhiscope's public face (include/izhiscope.h), linked
 * from libizhiscope.a: the parameters by name and by struct (older callers'
 * smaller structs), errors returned with a message and never printed, a
 * network's steps against the model's own net.h stepped beside it (the
 * spikes, the traced v, the rates by their definition in docs/model.md),
 * live changes, the measures' names (the sweep CSV's header), a sweep, a
 * spike file, and networks built and stepped from several threads at once
 * (their FFTW plans under one lock; ThreadSanitizer runs this too).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "izhiscope.h"
#include "net.h"

static void test_params(void **state)
{
    (void)state;
    IzhiParams p;
    IzhiError err;
    izhi_params_init(&p);
    assert_int_equal(p.size, sizeof p);
    assert_int_equal(p.neurons, 1000);
    assert_int_equal(p.in_degree, -1);
    assert_true(p.noise_e == 5.0 && p.noise_i == 2.0 && p.weight_e == 0.5 && p.weight_i == 1.0);
    assert_int_equal(p.stim_to, 49);
    assert_int_equal(p.threads, 1);
    assert_int_equal(izhi_params_set(&p, "noise-e", "6.5", &err), 0);
    assert_true(p.noise_e == 6.5);
    /* a real is the float the option sets */
    assert_int_equal(izhi_params_set(&p, "noise-i", "0.1", &err), 0);
    assert_true(p.noise_i == (double)0.1f);
    assert_int_equal(izhi_params_set(&p, "stim-neurons", "3-9", &err), 0);
    assert_true(p.stim_from == 3 && p.stim_to == 9);
    assert_int_equal(izhi_params_set(&p, "scheme", "euler", &err), 0);
    assert_int_equal(p.scheme, IZHI_SCHEME_EULER);
    assert_int_equal(izhi_params_set(&p, "stim-on", "1", &err), 0);
    assert_int_equal(p.stim_on, 1);
    assert_int_equal(izhi_params_set(&p, "seed", "18446744073709551615", &err), 0);
    assert_true(p.seed == UINT64_MAX);
    /* refused, with the option's range, *p unchanged */
    IzhiParams before = p;
    assert_int_equal(izhi_params_set(&p, "noise-e", "-1", &err), -1);
    assert_non_null(strstr(err.message, "--noise-e"));
    assert_non_null(strstr(err.message, "0 ... 1e+06"));
    assert_memory_equal(&p, &before, sizeof p);
    assert_int_equal(izhi_params_set(&p, "noise-ee", "1", &err), -1);
    assert_non_null(strstr(err.message, "did you mean noise-e?"));
    assert_int_equal(izhi_params_set(&p, "export", "x.png", &err), -1);
    assert_int_equal(izhi_params_set(&p, "neurons", "0", &err), -1);
    assert_int_equal(izhi_params_set(&p, "stim-on", "2", &err), -1);
    assert_int_equal(izhi_params_set(&p, "scheme", "rk4", &err), -1);
    assert_non_null(strstr(err.message, "paper, euler"));
    assert_int_equal(izhi_params_set(NULL, "seed", "1", &err), -1);
    assert_int_equal(izhi_params_set(&p, NULL, "1", NULL), -1);          /* err may be NULL */
    assert_string_equal(izhi_param_name(0), "neurons");
    assert_null(izhi_param_name(1000));
    /* a struct without size: refused, not read */
    IzhiParams raw;
    memset(&raw, 0, sizeof raw);
    assert_null(izhi_net_create(&raw, &err));
    assert_non_null(strstr(err.message, "izhi_params_init"));
    /* a bad field of the struct is named as its option */
    izhi_params_init(&p);
    p.noise_e = NAN;
    assert_null(izhi_net_create(&p, &err));
    assert_non_null(strstr(err.message, "--noise-e"));
    izhi_params_init(&p);
    p.neurons = 10;
    p.in_degree = 20;
    assert_null(izhi_net_create(&p, &err));
    assert_non_null(strstr(err.message, "--in-degree"));
    izhi_params_init(&p);
    p.scheme = 7;
    assert_null(izhi_net_create(&p, &err));
    assert_non_null(strstr(err.message, "scheme"));
}

/* An older caller's IzhiParams: the fields up to trace_neuron, no duration_ms. */
typedef struct OldParams {
    size_t size;
    int neurons, in_degree;
    uint64_t seed;
    int scheme;
    double noise_e, noise_i, weight_e, weight_i, current_e, current_i;
    int stim_from, stim_to;
    double stim_amp;
    int stim_width, stim_period, stim_on, threads, trace_neuron;
} OldParams;

static void test_older_struct(void **state)
{
    (void)state;
    struct { OldParams p; unsigned char guard[64]; } old;
    memset(old.guard, 0xAB, sizeof old.guard);
    izhi_params_init_sized((IzhiParams *)&old.p, sizeof old.p);
    assert_int_equal(old.p.size, sizeof old.p);
    for (size_t i = 0; i < sizeof old.guard; i++) assert_int_equal(old.guard[i], 0xAB);   /* nothing past it */
    old.p.neurons = 100;
    IzhiError err;
    assert_int_equal(izhi_params_set((IzhiParams *)&old.p, "duration", "10", &err), -1);  /* it has no such field */
    IzhiNet *net = izhi_net_create((IzhiParams *)&old.p, &err);
    assert_non_null(net);
    assert_int_equal(izhi_net_neurons(net), 100);
    izhi_net_destroy(net);
}

/* The library's steps against the model's own, stepped beside it. */
static void test_steps_are_the_models(void **state)
{
    (void)state;
    IzhiParams p;
    IzhiError err;
    izhi_params_init(&p);
    p.neurons = 300;
    p.seed = 42;
    p.trace_neuron = 7;
    p.noise_e = 6.0;
    IzhiNet *net = izhi_net_create(&p, &err);
    assert_non_null(net);
    NetParams q;
    net_params_default(&q);
    q.n = 300;
    q.k = 300;
    q.seed = 42;
    q.sigma_e = 6.0f;
    q.stim_to = 49;
    Net *ref = net_create(&q);
    assert_non_null(ref);
    net_set_trace(ref, 7);
    int64_t at = 0;
    for (int chunk = 0; chunk < 3; chunk++) {
        const int64_t ms = 100 + 37 * chunk;
        if (chunk == 2) {
            assert_int_equal(izhi_net_set_noise(net, 2.0, 3.0, &err), 0);
            net_set_noise(ref, 2.0f, 3.0f);
        }
        assert_int_equal(izhi_net_step(net, ms, &err), 0);
        const int64_t *t;
        const int32_t *id;
        const float *v;
        const double *re, *ri;
        size_t n = izhi_net_spikes(net, &t, &id);
        assert_int_equal(izhi_net_trace(net, &v), ms);
        assert_int_equal(izhi_net_rates(net, &re, &ri), ms);
        size_t k = 0;
        for (int64_t s = 0; s < ms; s++, at++) {
            int c = net_step(ref), ce = 0;
            const int32_t *sp = net_spikes(ref);
            for (int j = 0; j < c; j++, k++) {
                assert_true(k < n);
                assert_int_equal(t[k], at);
                assert_int_equal(id[k], sp[j]);
                ce += sp[j] < 240;
            }
            assert_true(v[s] == net_trace_v(ref));
            /* docs/model.md, Rate: count x 1000 / Ne, / Ni */
            assert_true(re[s] == ce * 1000.0 / 240 && ri[s] == (c - ce) * 1000.0 / 60);
        }
        assert_int_equal(k, n);
    }
    assert_int_equal(izhi_net_time(net), at);
    net_destroy(ref);

    /* live changes: checked against the network, the not-live refused */
    assert_int_equal(izhi_net_set(net, "trace-neuron", "300", &err), -1);
    assert_non_null(strstr(err.message, "0 ... 299"));
    assert_int_equal(izhi_net_set(net, "stim-neurons", "0-300", &err), -1);
    assert_int_equal(izhi_net_set(net, "seed", "3", &err), -1);
    assert_non_null(strstr(err.message, "cannot change"));
    assert_int_equal(izhi_net_set_stim(net, 1, 5, 9, &err), 0);
    assert_int_equal(izhi_net_set_weights(net, 0.6, 1.2, &err), 0);
    assert_int_equal(izhi_net_set_currents(net, -1.0, 1e7, &err), -1);  /* out of range: neither applied */
    assert_int_equal(izhi_net_step(net, -1, &err), -1);
    IzhiParams now;
    izhi_params_init(&now);
    assert_int_equal(izhi_net_params(net, &now, &err), 0);
    assert_true(now.stim_on == 1 && now.stim_from == 5 && now.stim_to == 9 && now.weight_e == (double)0.6f &&
                now.current_e == 0.0 && now.noise_i == 3.0);
    assert_int_equal(izhi_net_step(net, 0, &err), 0);
    assert_int_equal(izhi_net_spikes(net, NULL, NULL), 0);
    izhi_net_destroy(net);
    izhi_net_destroy(NULL);
}

static void test_measures(void **state)
{
    (void)state;
    /* the sweep CSV's columns first, in its header's order */
    assert_string_equal(izhi_measure_name(0), "rate_e_hz");
    assert_string_equal(izhi_measure_name(1), "rate_i_hz");
    assert_string_equal(izhi_measure_name(2), "delta_hz");
    assert_string_equal(izhi_measure_name(3), "delta_strength");
    assert_null(izhi_measure_name(izhi_measure_count()));
    IzhiParams p;
    IzhiError err;
    izhi_params_init(&p);
    p.neurons = 200;
    p.duration_ms = 1300;
    IzhiNet *net = izhi_run(&p, &err);
    assert_non_null(net);
    double m[128];
    int n = izhi_measure_count();
    assert_true(n <= 128);
    assert_int_equal(izhi_net_measures(net, m, n, &err), 0);
    const int64_t *t;
    size_t spikes = izhi_net_spikes(net, &t, NULL);
    /* rate_e_hz by its definition: excitatory spikes after 200 ms per neuron per s */
    const int32_t *id;
    izhi_net_spikes(net, NULL, &id);
    size_t after = 0;
    for (size_t k = 0; k < spikes; k++) after += t[k] >= 200 && id[k] < 160;
    assert_true(fabs(m[0] - after / (160 * 1.1)) < 1e-9);
    for (int i = 0; i < n; i++)
        if (!strcmp(izhi_measure_name(i), "spikes")) assert_true(m[i] == (double)spikes);
    izhi_net_destroy(net);
}

static void test_sweep(void **state)
{
    (void)state;
    IzhiParams p;
    IzhiError err;
    izhi_params_init(&p);
    p.neurons = 100;
    p.duration_ms = 1200;
    p.threads = 2;
    IzhiSweep *s = izhi_sweep_run(&p, "noise-e=3:4:1", 2, &err);
    assert_non_null(s);
    assert_int_equal(izhi_sweep_rows(s), 4);
    assert_true(!strncmp(izhi_sweep_header(s), "noise-e,seed,rate_e_hz,", 23));
    char line[1024];
    assert_true(izhi_sweep_line(s, 3, line, sizeof line) > 0);
    assert_true(!strncmp(line, "4,1,", 4));
    assert_int_equal(izhi_sweep_line(s, 4, line, sizeof line), -1);
    assert_int_equal(izhi_sweep_line(s, 0, line, 4), -1);
    double v[64];
    int nv = izhi_sweep_values(s, 2, v, 64);
    assert_true(nv > 3 && v[0] == 4.0 && v[1] == 0.0);
    izhi_sweep_free(s);
    assert_null(izhi_sweep_run(&p, "noise-q=1:2:1", 1, &err));
    assert_non_null(strstr(err.message, "noise-q"));
    p.trace_neuron = 3;
    assert_null(izhi_sweep_run(&p, "noise-e=1:2:1", 1, &err));
}

static void test_read_spikes(void **state)
{
    (void)state;
    char path[] = "/tmp/izhi-test-lib-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("# neurons: 10\nt_ms,neuron\n0,3\n0,1\n5,9\n", fp);
    fclose(fp);
    IzhiError err;
    IzhiSpikes *s = izhi_read_spikes(path, NULL, NULL, -1, &err);
    assert_non_null(s);
    const int64_t *t;
    const int32_t *id;
    assert_int_equal(izhi_spikes_get(s, &t, &id), 3);
    assert_true(t[0] == 0 && id[0] == 1 && t[1] == 0 && id[1] == 3 && t[2] == 5 && id[2] == 9);  /* sorted */
    assert_int_equal(izhi_spikes_neurons(s), 10);
    assert_non_null(strstr(izhi_spikes_describe(s), "izhiscope"));
    /* a --replay-trace file into it: v at each ms from 0, NAN where it has none */
    fp = fopen(path, "w");
    fputs("t_ms,v_mV,neuron\n0,-65.0000,4\n2,30.0000,4\n", fp);
    fclose(fp);
    assert_int_equal(izhi_spikes_read_trace(s, path, &err), 0);
    const float *v;
    int who;
    assert_int_equal(izhi_spikes_trace(s, &v, &who), 3);
    assert_true(v[0] == -65.0f && isnan(v[1]) && v[2] == 30.0f && who == 4);
    assert_int_equal(izhi_spikes_read_trace(s, "/nonexistent/t.csv", &err), -1);
    assert_non_null(strstr(err.message, "/nonexistent/t.csv"));
    izhi_spikes_free(s);
    assert_null(izhi_read_spikes(path, "xml", NULL, -1, &err));
    assert_non_null(strstr(err.message, "--replay-format"));
    fp = fopen(path, "w");
    fputs("t_ms,neuron\n0,x\n", fp);
    fclose(fp);
    assert_null(izhi_read_spikes(path, NULL, NULL, -1, &err));
    assert_non_null(strstr(err.message, ":2:"));                /* the file and line */
    unlink(path);
    assert_null(izhi_read_spikes(path, NULL, NULL, -1, &err));
    assert_null(izhi_read_spikes(NULL, NULL, NULL, -1, NULL));
    izhi_spikes_free(NULL);
}

/* Networks built, stepped, measured and freed from several threads at once. */
static void *one_net(void *arg)
{
    IzhiParams p;
    izhi_params_init(&p);
    p.neurons = 100;
    p.seed = (uint64_t)(uintptr_t)arg;
    p.duration_ms = 1200;
    long ok = 0;
    for (int r = 0; r < 3; r++) {
        IzhiNet *net = izhi_run(&p, NULL);
        double m[8];
        ok += net && izhi_net_measures(net, m, 8, NULL) == 0;
        izhi_net_destroy(net);
    }
    return (void *)ok;
}

static void test_threads(void **state)
{
    (void)state;
    pthread_t th[4];
    for (uintptr_t i = 0; i < 4; i++) assert_int_equal(pthread_create(&th[i], NULL, one_net, (void *)i), 0);
    for (int i = 0; i < 4; i++) {
        void *ok;
        pthread_join(th[i], &ok);
        assert_int_equal((long)ok, 3);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_params),
        cmocka_unit_test(test_older_struct),
        cmocka_unit_test(test_steps_are_the_models),
        cmocka_unit_test(test_measures),
        cmocka_unit_test(test_sweep),
        cmocka_unit_test(test_read_spikes),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests_name("lib", tests, NULL, NULL);
}
