/*
 * test_model_stats.c - what a correct run of Fig. 3 shows (docs/model.md
 * "Numerical notes"): rates, the alpha and gamma rhythms, the Euler scheme
 * firing faster, the rhythms' response to the noise, over several seeds x
 * 10 s, with the rhythm measures of include/rhythm.h.
 *
 * The bands come from independent implementations written from docs/model.md
 * and rhythm.h (tests/reference/: GNU Octave net_paper.m / net_euler.m /
 * net_paper_sparse.m reduced by stats.m, Brian2 reduced by refstats.py;
 * figures in tests/README.md, tables in tests/reference/RESULTS.md and
 * SUMMARY_FOR_README.md). Per seed: about 5 sd from the reference means
 * (clipped to the band's own range), or the reference's [min, max] where
 * 5 sd would be narrower than the spread seen; the 5-seed mean rates about
 * 5 sd of a 5-seed mean. Over 200 seeds the paper scheme's fast rhythm is
 * gamma in 189, beta in 10 (it straddles 27.5 Hz), so gamma is required in
 * at least 3 of 5 seeds (true in all 40 five-seed groups of the
 * reference). The paper and Euler rate bands do not overlap, and every
 * gross error tried in Octave fails on rates alone: input added twice
 * (> 70 Hz), positive inhibition (> 140 Hz), swapped noise (rate_e 0),
 * weight sign following the postsynaptic neuron (> 100 Hz)
 * (tests/reference/wrong_*.csv). Synaptic input one step late is NOT
 * visible per seed (its fast rhythm is 27.8 vs 30.5 Hz over 20 seeds);
 * test_net.c's step-by-step comparison with a reference implementation
 * catches it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "net.h"
#include "stats.h"

#define SEEDS 5
#define T_MS 10000

static void run_net(NetScheme scheme, uint64_t seed, int n, int k, int threads, StatsResult *r)
{
    NetParams p;
    net_params_default(&p);
    p.seed = seed;
    p.scheme = scheme;
    p.n = n;
    p.k = k;
    p.threads = threads;
    Net *net = net_create(&p);
    Stats *st = stats_create(n, net_count_excitatory(n), 200);
    assert_non_null(net);
    assert_non_null(st);
    for (int t = 0; t < T_MS; t++) {
        int ns = net_step(net);
        Step s = step_of(t, net_spikes(net), ns, net_count_excitatory(p.n), 0, 0.0f);
        stats_add(st, &s);
    }
    stats_result(st, r);
    stats_destroy(st);
    net_destroy(net);
}

static void run(NetScheme scheme, uint64_t seed, StatsResult *r)
{
    run_net(scheme, seed, 1000, 1000, 1, r);
}

static void run_net_noise(uint64_t seed, float sigma_e, float sigma_i, StatsResult *r)
{
    NetParams p;
    net_params_default(&p);
    p.seed = seed;
    p.sigma_e = sigma_e;
    p.sigma_i = sigma_i;
    Net *net = net_create(&p);
    Stats *st = stats_create(p.n, net_count_excitatory(p.n), 200);
    assert_non_null(net);
    assert_non_null(st);
    for (int t = 0; t < T_MS; t++) {
        int ns = net_step(net);
        Step s = step_of(t, net_spikes(net), ns, net_count_excitatory(p.n), 0, 0.0f);
        stats_add(st, &s);
    }
    stats_result(st, r);
    stats_destroy(st);
    net_destroy(net);
}

typedef struct Band {
    double re_lo, re_hi, ri_lo, ri_hi;          /* per seed, Hz */
    double a_lo, a_hi, as_lo, as_hi;            /* alpha: frequency (Hz), strength */
    double g_lo, g_hi, gs_lo, gs_hi;            /* gamma, when found */
    int gamma_min;                              /* seeds of SEEDS with gamma found, at least */
    double mre_lo, mre_hi, mri_lo, mri_hi;      /* means over the seeds, Hz */
} Band;

enum { DELTA = 0, THETA = 1, ALPHA = 2, BETA = 3, GAMMA = 4 };

static void print_result(const char *what, int seed, const StatsResult *r)
{
    printf("  %s seed %d: rate_e %.2f rate_i %.2f", what, seed, r->rate_e, r->rate_i);
    for (int b = 0; b < RHYTHM_NBANDS; b++)
        if (r->rhythm.band[b].found)
            printf(" %s %.1f Hz (%.0f%%)", RHYTHM_BANDS[b].name, r->rhythm.band[b].freq_hz,
                   100 * r->rhythm.band[b].strength);
    printf("\n");
}

static int in(double x, double lo, double hi) { return x >= lo && x <= hi; }

/* Per seed: rates, alpha always, gamma in range when found, never delta
 * or theta. Returns whether gamma was found. */
static int check_seed(const StatsResult *r, const Band *b)
{
    const RhythmPeak *a = &r->rhythm.band[ALPHA], *g = &r->rhythm.band[GAMMA];
    assert_true(in(r->rate_e, b->re_lo, b->re_hi));
    assert_true(in(r->rate_i, b->ri_lo, b->ri_hi));
    assert_true(a->found);
    assert_true(in(a->freq_hz, b->a_lo, b->a_hi));
    assert_true(in(a->strength, b->as_lo, b->as_hi));
    if (g->found) {
        assert_true(in(g->freq_hz, b->g_lo, b->g_hi));
        assert_true(in(g->strength, b->gs_lo, b->gs_hi));
    }
    assert_false(r->rhythm.band[DELTA].found);
    assert_false(r->rhythm.band[THETA].found);
    return g->found;
}

static double check_scheme(NetScheme scheme, const Band *b, double *alpha_strength)
{
    double sum_e = 0, sum_i = 0, sum_a = 0;
    int gammas = 0;
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        StatsResult r;
        run(scheme, seed, &r);
        print_result(scheme == NET_SCHEME_PAPER ? "paper" : "euler", (int)seed, &r);
        assert_int_equal(r.rhythm.segments, 18);
        gammas += check_seed(&r, b);
        sum_e += r.rate_e;
        sum_i += r.rate_i;
        sum_a += r.rhythm.band[ALPHA].strength;
    }
    assert_true(gammas >= b->gamma_min);
    assert_true(in(sum_e / SEEDS, b->mre_lo, b->mre_hi));
    assert_true(in(sum_i / SEEDS, b->mri_lo, b->mri_hi));
    if (alpha_strength) *alpha_strength = sum_a / SEEDS;
    return sum_e / SEEDS;
}

static double fig3_alpha_strength;

static void test_paper_and_euler(void **state)
{
    (void)state;
    /* Octave, 200 seeds each (tests/reference/SUMMARY_FOR_README.md) */
    const Band paper = { 6.66, 7.83, 5.90, 7.44, 7.5, 9.39, 0.092, 0.635, 27.5, 39.46, 0.216, 0.386, 3,
                         6.98, 7.52, 6.28, 7.07 };
    const Band euler = { 7.94, 9.53, 8.00, 9.88, 7.90, 10.63, 0.105, 0.560, 27.5, 37.21, 0.232, 0.439, SEEDS,
                         8.38, 9.10, 8.48, 9.40 };
    double pe = check_scheme(NET_SCHEME_PAPER, &paper, &fig3_alpha_strength);
    double ee = check_scheme(NET_SCHEME_EULER, &euler, NULL);
    /* docs/model.md: "the Euler scheme fires about 20% faster"; the references
     * give 8.73 / 7.24 = 1.21 (Octave) and 8.69 / 7.24 = 1.20 (Brian2). */
    printf("  euler / paper excitatory rate: %.3f\n", ee / pe);
    assert_true(ee / pe > 1.12 && ee / pe < 1.30);
}

/* docs/model.md "Larger networks": N = 10,000, K = 1000 keeps the Fig. 3
 * rhythms, weaker. Reference: Octave net_paper_sparse.m, 106 seeds
 * (results_octave_paper_n10000_k1000_106seeds.csv): rate_e 7.194 +- 0.033,
 * rate_i 6.276 +- 0.056 (lower than Fig. 3's 6.67: it falls as N grows at
 * fixed K); alpha always, 8.0 [7.9, 8.5] Hz at 13 [10, 19] %; gamma always,
 * 33.1 [29.9, 36.1] Hz at 10 [9, 12] %; delta, theta, beta never. The
 * strength here is about a third of Fig. 3's (36 %): this network is less
 * synchronous (docs/model.md), and the strength, which does not grow with N for
 * the same rhythm (test_rhythm.c), says so. What the rate bands catch
 * (Octave runs of wrong variants): weights scaled by 1000/N (rate_i 2.5),
 * the E/I input split reversed (rate_i 1.5), sign following the receiving
 * neuron (> 100 Hz). At K = 1000 the 1000/K factor is 1; test_net.c checks
 * it at K = 100. Run with 2 threads, which must not matter. */
static void test_scaled_network(void **state)
{
    (void)state;
    const Band big = { 7.03, 7.36, 6.00, 6.56, 7.5, 9.0, 0.057, 0.208, 27.5, 39.52, 0.069, 0.126, 3,
                       0, 1e9, 0, 1e9 };
    double sum_a = 0;
    int gammas = 0;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        StatsResult r;
        run_net(NET_SCHEME_PAPER, seed, 10000, 1000, 2, &r);
        print_result("N=10000 K=1000", (int)seed, &r);
        gammas += check_seed(&r, &big);
        assert_false(r.rhythm.band[BETA].found);
        sum_a += r.rhythm.band[ALPHA].strength;
    }
    assert_int_equal(gammas, 3);
    printf("  alpha strength, mean of 3 seeds: %.3f at N = 10,000; %.3f at N = 1000 (5 seeds)\n", sum_a / 3,
           fig3_alpha_strength);
    if (fig3_alpha_strength > 0) assert_true(sum_a / 3 < fig3_alpha_strength);
}

/* docs/model.md: at sigma_E = 0 there is no rhythm to report; at sigma_E = 10
 * the fast rhythm moves to ~48-50 Hz, at 15 to ~60 Hz; at sigma_I = 0 a
 * ~24 Hz rhythm dominates. Bands: Octave, 20 seeds each, 5 sd rounded
 * outward (20-seed sds are uncertain by about 16 %). 3 seeds each. */
static void test_noise_conditions(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        StatsResult r;
        run_net_noise(seed, 0.0f, 2.0f, &r);
        print_result("sigma_E 0", (int)seed, &r);
        assert_true(r.rate_e == 0.0);
        assert_true(in(r.rate_i, 1.0, 2.6));
        for (int b = 0; b < RHYTHM_NBANDS; b++) assert_false(r.rhythm.band[b].found);

        run_net_noise(seed, 10.0f, 2.0f, &r);
        print_result("sigma_E 10", (int)seed, &r);
        assert_true(r.rhythm.band[GAMMA].found);
        assert_true(in(r.rhythm.band[GAMMA].freq_hz, 47.0, 51.0));
        assert_true(in(r.rhythm.band[GAMMA].strength, 0.78, 0.98));
        assert_false(r.rhythm.band[ALPHA].found);

        run_net_noise(seed, 15.0f, 2.0f, &r);
        print_result("sigma_E 15", (int)seed, &r);
        assert_true(r.rhythm.band[GAMMA].found);
        assert_true(in(r.rhythm.band[GAMMA].freq_hz, 58.5, 61.5));
        assert_true(in(r.rhythm.band[GAMMA].strength, 0.86, 0.97));
        assert_false(r.rhythm.band[ALPHA].found);

        run_net_noise(seed, 5.0f, 0.0f, &r);
        print_result("sigma_I 0", (int)seed, &r);
        assert_true(r.rhythm.band[BETA].found);
        assert_true(in(r.rhythm.band[BETA].freq_hz, 19.5, 27.5));
        assert_true(in(r.rhythm.band[BETA].strength, 0.66, 1.13));
        assert_false(r.rhythm.band[DELTA].found || r.rhythm.band[THETA].found);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paper_and_euler),
        cmocka_unit_test(test_scaled_network),
        cmocka_unit_test(test_noise_conditions),
    };
    return cmocka_run_group_tests_name("model statistics", tests, NULL, NULL);
}
