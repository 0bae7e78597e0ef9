/*
 * test_model_stats.c - what a correct run of Fig. 3 shows (MODEL.md
 * "Numerical notes"): rates, the alpha and gamma rhythms, and the Euler
 * scheme firing faster, over several seeds x 10 s.
 *
 * The bands come from independent implementations written from MODEL.md
 * (tests/reference/, figures in tests/README.md and
 * tests/reference/RESULTS.md): GNU Octave net_paper.m and net_euler.m over
 * 200 seeds each and Brian2 (Euler) over 20, analysed with the same
 * definitions (stats.h). Over 200 seeds:
 *   paper: rate_e 7.248 +- 0.117 [6.94, 7.60], rate_i 6.673 +- 0.154 [6.13, 7.11],
 *          alpha 7/8/9 Hz in 3/194/3 seeds, gamma 22-38 Hz,
 *          alpha prominence >= 6.2, gamma >= 5.1
 *   euler: rate_e 8.737 +- 0.159 [8.26, 9.17], rate_i 8.944 +- 0.188 [8.43, 9.51],
 *          alpha 8-10 Hz, gamma 26-38 Hz, prominences >= 6.3 and >= 6.0
 * Per-seed bands sit about 5 sd from the reference means (prominences: well
 * below the smallest reference value); the 5-seed mean bands about 5 sd of
 * a 5-seed mean (0.053 Hz paper, 0.073 Hz Euler). The paper and Euler rate
 * bands do not overlap, and every gross error tried in Octave fails on rates
 * alone: input added twice (> 70 Hz), positive inhibition (> 140 Hz), swapped
 * noise (rate_e 0), weight sign following the postsynaptic neuron (> 100 Hz)
 * (tests/reference/wrong_*.csv). Synaptic input one step late is NOT
 * visible in these statistics; test_net.c's step-by-step comparison with a
 * reference implementation catches it.
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
        stats_add(st, net_spikes(net), ns);
    }
    stats_result(st, r);
    stats_destroy(st);
    net_destroy(net);
}

static void run(NetScheme scheme, uint64_t seed, StatsResult *r)
{
    run_net(scheme, seed, 1000, 1000, 1, r);
}

typedef struct Band {
    double re_lo, re_hi, ri_lo, ri_hi;          /* per seed, Hz */
    double a_lo, a_hi, g_lo, g_hi;              /* alpha / gamma peak frequency, Hz */
    double as_lo, as_hi, gs_lo, gs_hi;          /* their strengths */
    double mre_lo, mre_hi, mri_lo, mri_hi;      /* means over the seeds, Hz */
} Band;

#define ALPHA 2   /* RHYTHM_BANDS rows */
#define BETA 3
#define GAMMA 4

static void print_result(const char *what, int seed, const StatsResult *r)
{
    printf("  %s seed %d: rate_e %.2f rate_i %.2f", what, seed, r->rate_e, r->rate_i);
    for (int b = 0; b < RHYTHM_NBANDS; b++)
        if (r->rhythm.band[b].found)
            printf(" %s %.1f Hz (%.0f%%)", RHYTHM_BANDS[b].name, r->rhythm.band[b].freq_hz,
                   100 * r->rhythm.band[b].strength);
    printf("\n");
}

static void check_rhythm(const StatsResult *r, const Band *b)
{
    const RhythmPeak *a = &r->rhythm.band[ALPHA], *g = &r->rhythm.band[GAMMA];
    assert_true(a->found);
    assert_true(g->found);
    assert_true(a->freq_hz >= b->a_lo && a->freq_hz <= b->a_hi);
    assert_true(g->freq_hz >= b->g_lo && g->freq_hz <= b->g_hi);
    assert_true(a->strength >= b->as_lo && a->strength <= b->as_hi);
    assert_true(g->strength >= b->gs_lo && g->strength <= b->gs_hi);
}

static double check_scheme(NetScheme scheme, const Band *b, double *alpha_strength)
{
    double sum_e = 0, sum_i = 0, sum_a = 0;
    for (uint64_t seed = 1; seed <= SEEDS; seed++) {
        StatsResult r;
        run(scheme, seed, &r);
        print_result(scheme == NET_SCHEME_PAPER ? "paper" : "euler", (int)seed, &r);
        assert_int_equal(r.rhythm.segments, 18);
        assert_true(r.rate_e >= b->re_lo && r.rate_e <= b->re_hi);
        assert_true(r.rate_i >= b->ri_lo && r.rate_i <= b->ri_hi);
        check_rhythm(&r, b);
        sum_e += r.rate_e;
        sum_i += r.rate_i;
        sum_a += r.rhythm.band[ALPHA].strength;
    }
    assert_true(sum_e / SEEDS >= b->mre_lo && sum_e / SEEDS <= b->mre_hi);
    assert_true(sum_i / SEEDS >= b->mri_lo && sum_i / SEEDS <= b->mri_hi);
    if (alpha_strength) *alpha_strength = sum_a / SEEDS;
    return sum_e / SEEDS;
}

static double fig3_alpha_strength;

static void test_paper_and_euler(void **state)
{
    (void)state;
    const Band paper = { 6.5, 7.9, 5.8, 7.6, 7.5, 9.5, 27.5, 38, 0.2, 0.6, 0.2, 0.45,
                         6.98, 7.52, 6.28, 7.07 };
    const Band euler = { 7.95, 9.6, 8.0, 9.9, 7.5, 10.5, 27.5, 40, 0.2, 0.7, 0.2, 0.5,
                         8.38, 9.10, 8.48, 9.40 };
    double pe = check_scheme(NET_SCHEME_PAPER, &paper, &fig3_alpha_strength);
    double ee = check_scheme(NET_SCHEME_EULER, &euler, NULL);
    /* MODEL.md: "the Euler scheme fires about 20% faster"; the references
     * give 8.73 / 7.24 = 1.21 (Octave) and 8.69 / 7.24 = 1.20 (Brian2). */
    printf("  euler / paper excitatory rate: %.3f\n", ee / pe);
    assert_true(ee / pe > 1.12 && ee / pe < 1.30);
}

/* MODEL.md "Larger networks": N = 10,000, K = 1000 keeps the Fig. 3
 * behaviour. Reference: Octave net_paper_sparse.m (written from MODEL.md),
 * 100 seeds (tests/reference/results_octave_paper_n10000_k1000*.csv):
 * rate_e 7.195 +- 0.033 [7.12, 7.27] Hz, rate_i 6.273 +- 0.055 [6.14, 6.40]
 * (lower than Fig. 3's 6.67: it falls as N grows at fixed K). Bands: about
 * 6 sd per seed for the rates. What they catch (Octave runs of wrong
 * variants): weights scaled by 1000/N (rate_i 2.5), the E/I input split
 * reversed (rate_i 1.5), sign following the receiving neuron (> 100 Hz). At
 * K = 1000 the 1000/K factor is 1; test_net.c checks it at K = 100.
 * The rhythm strength does not grow with N: the alpha rhythm here is
 * weaker than in Fig. 3 (its synchrony is lower), never stronger.
 * Run with 2 threads, which must not matter. */
static void test_scaled_network(void **state)
{
    (void)state;
    const Band big = { 6.95, 7.45, 5.95, 6.60, 7.5, 9.5, 27.5, 40, 0.05, 0.3, 0.04, 0.2, 0, 1e9, 0, 1e9 };
    double sum_a = 0;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        StatsResult r;
        run_net(NET_SCHEME_PAPER, seed, 10000, 1000, 2, &r);
        print_result("N=10000 K=1000", (int)seed, &r);
        assert_true(r.rate_e >= big.re_lo && r.rate_e <= big.re_hi);
        assert_true(r.rate_i >= big.ri_lo && r.rate_i <= big.ri_hi);
        check_rhythm(&r, &big);
        sum_a += r.rhythm.band[ALPHA].strength;
    }
    printf("  alpha strength, mean of 3 seeds: %.3f at N = 10,000; %.3f at N = 1000 (5 seeds)\n", sum_a / 3,
           fig3_alpha_strength);
    if (fig3_alpha_strength > 0) assert_true(sum_a / 3 < fig3_alpha_strength);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paper_and_euler),
        cmocka_unit_test(test_scaled_network),
    };
    return cmocka_run_group_tests_name("model statistics", tests, NULL, NULL);
}
