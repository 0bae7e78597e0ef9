/*
 * test_rng.c - the generator and the normal sampler.
 * Expected values are the distributions' own: U(0,1) has mean 1/2 and
 * variance 1/12; N(0,1) has mean 0, variance 1, fourth moment 3, and
 * P(|x| > r) = erfc(r / sqrt 2). Bounds are 5 standard errors (or the
 * Kolmogorov-Smirnov critical value at alpha = 0.001), with fixed seeds, so
 * the tests are repeatable and a correct sampler passes them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rng.h"

#define N_DRAWS 1000000

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

/* Kolmogorov-Smirnov statistic sqrt(n) * D of sorted x against N(0,1). */
static double ks_normal(float *x, int n)
{
    qsort(x, (size_t)n, sizeof *x, cmp_float);
    double d = 0.0;
    for (int i = 0; i < n; i++) {
        double cdf = 0.5 * erfc(-(double)x[i] / sqrt(2.0));
        double lo = cdf - (double)i / n, hi = (double)(i + 1) / n - cdf;
        if (lo > d) d = lo;
        if (hi > d) d = hi;
    }
    return sqrt((double)n) * d;
}

static void check_normal_sample(float *x, int n)
{
    double s1 = 0, s2 = 0, s4 = 0;
    int tail = 0;
    for (int i = 0; i < n; i++) {
        double v = x[i];
        assert_true(isfinite(v));
        s1 += v; s2 += v * v; s4 += v * v * v * v;
        if (fabs(v) > 3.6541528853610088) tail++;
    }
    double mean = s1 / n, var = s2 / n - mean * mean, m4 = s4 / n;
    assert_true(fabs(mean) < 5.0 / sqrt(n));                  /* se of mean = 1/sqrt(n) */
    assert_true(fabs(var - 1.0) < 5.0 * sqrt(2.0 / n));       /* se of variance = sqrt(2/n) */
    assert_true(fabs(m4 - 3.0) < 5.0 * sqrt(96.0 / n));       /* var of x^4 = 105 - 9 = 96 */
    /* the tail beyond the ziggurat's base strip, drawn by a separate path */
    double p = erfc(3.6541528853610088 / sqrt(2.0));
    assert_true(fabs(tail - n * p) < 5.0 * sqrt(n * p * (1 - p)));
    /* KS critical value of sqrt(n) D at alpha = 0.001 is 1.949 */
    assert_true(ks_normal(x, n) < 1.949);
}

static void test_uniform_moments(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 42, RNG_TEST, 0);
    double s1 = 0, s2 = 0;
    float lo = 1, hi = 0;
    for (int i = 0; i < N_DRAWS; i++) {
        float u = rng_uniform(&r);
        assert_true(u >= 0.0f && u < 1.0f);
        s1 += u; s2 += (double)u * u;
        if (u < lo) lo = u;
        if (u > hi) hi = u;
    }
    double mean = s1 / N_DRAWS, var = s2 / N_DRAWS - mean * mean;
    assert_true(fabs(mean - 0.5) < 5.0 * sqrt(1.0 / 12.0 / N_DRAWS));
    assert_true(fabs(var - 1.0 / 12.0) < 5.0 * sqrt(1.0 / 180.0 / N_DRAWS)); /* var of U^2 ≈ 4/45; of (U-1/2)^2 = 1/180 */
    assert_true(lo < 1e-4f && hi > 1.0f - 1e-4f);
}

static void test_below_is_uniform(void **state)
{
    (void)state;
    Rng r;
    rng_seed(&r, 7, RNG_TEST, 1);
    int count[7] = { 0 };
    for (int i = 0; i < 700000; i++) {
        uint32_t x = rng_below(&r, 7);
        assert_true(x < 7);
        count[x]++;
    }
    /* chi-square with 6 degrees of freedom; 22.46 is its 0.999 quantile */
    double chi = 0;
    for (int i = 0; i < 7; i++) chi += (count[i] - 100000.0) * (count[i] - 100000.0) / 100000.0;
    assert_true(chi < 22.46);
}

static void test_normal_scalar(void **state)
{
    (void)state;
    float *x = malloc(N_DRAWS * sizeof *x);
    assert_non_null(x);
    Rng r;
    rng_seed(&r, 2003, RNG_TEST, 5);
    for (int i = 0; i < N_DRAWS; i++) x[i] = rng_normal(&r);
    check_normal_sample(x, N_DRAWS);
    free(x);
}

/* The bank draws across 1003 streams (not a multiple of 8 or 16: the
 * vector paths' short tails), 1000 steps, in two pieces as two threads
 * would: each stream must equal the scalar sampler on that stream, bit for
 * bit, with every code path (portable, AVX2, AVX-512: those this processor
 * runs; about 15,000 draws miss the fast path, ~60 of them in the tail),
 * and the values pooled must be N(0,1). */
static void test_bank_normal(void **state)
{
    (void)state;
    enum { STREAMS = 1003, STEPS = 1000, SPLIT = 403 };
    float *x = malloc((size_t)STREAMS * STEPS * sizeof *x);
    float *row = malloc(STREAMS * sizeof *row);
    Rng *ref = malloc(STREAMS * sizeof *ref);
    assert_non_null(x);
    assert_non_null(row);
    assert_non_null(ref);
    for (int level = RNG_SIMD_PORTABLE; level <= RNG_SIMD_AVX512; level++) {
        RngBank b;
        assert_int_equal(rng_bank_init(&b, STREAMS, 99, RNG_NOISE), 0);
        b.level = rng_simd_level(level);
        for (int i = 0; i < STREAMS; i++) rng_seed(&ref[i], 99, RNG_NOISE, (uint64_t)i);
        long differ = 0;
        for (int k = 0; k < STEPS; k++) {
            rng_bank_normal(&b, 0, SPLIT, row);
            rng_bank_normal(&b, SPLIT, STREAMS, row);
            for (int i = 0; i < STREAMS; i++) {
                float want = rng_normal(&ref[i]);
                differ += memcmp(&row[i], &want, sizeof want) != 0;
            }
            memcpy(x + (size_t)k * STREAMS, row, STREAMS * sizeof *row);
        }
        assert_int_equal(differ, 0);
        rng_bank_free(&b);
    }
    /* neighbouring streams are uncorrelated: |r| < 5/sqrt(n) */
    double sxy = 0, sxx = 0, syy = 0;
    for (int k = 0; k < STEPS; k++) {
        double a = x[(size_t)k * STREAMS + 10], c = x[(size_t)k * STREAMS + 11];
        sxy += a * c; sxx += a * a; syy += c * c;
    }
    assert_true(fabs(sxy / sqrt(sxx * syy)) < 5.0 / sqrt(STEPS));
    check_normal_sample(x, STREAMS * STEPS);
    free(x);
    free(row);
    free(ref);
}

static void test_streams_differ_and_repeat(void **state)
{
    (void)state;
    Rng a, b, c;
    rng_seed(&a, 1, RNG_NOISE, 0);
    rng_seed(&b, 1, RNG_NOISE, 0);
    rng_seed(&c, 1, RNG_NOISE, 1);
    int same_ab = 0, same_ac = 0;
    for (int i = 0; i < 100; i++) {
        uint32_t x = rng_next(&a), y = rng_next(&b), z = rng_next(&c);
        same_ab += x == y;
        same_ac += x == z;
    }
    assert_int_equal(same_ab, 100);
    assert_true(same_ac < 3);
    Rng d;
    rng_seed(&d, 2, RNG_NOISE, 0);   /* another seed */
    rng_seed(&a, 1, RNG_NOISE, 0);
    int same_ad = 0;
    for (int i = 0; i < 100; i++) same_ad += rng_next(&a) == rng_next(&d);
    assert_true(same_ad < 3);
}

/* xoshiro128** reference output: from the authors' definition, computed by
 * hand for the state {1, 2, 3, 4}: result = rotl(s1 * 5, 7) * 9 with s1 = 2
 * gives rotl(10, 7) * 9 = 1280 * 9 = 11520. */
static void test_xoshiro_known_value(void **state)
{
    (void)state;
    Rng r = { { 1, 2, 3, 4 } };
    assert_int_equal(rng_next(&r), 11520);
    /* next state: t = 2<<9 = 1024; s2 = 3^1 = 2; s3 = 4^2 = 6; s1 = 2^2 = 0;
     * s0 = 1^6 = 7; s2 ^= t -> 1026; s3 = rotl(6, 11) = 12288.
     * result = rotl(0 * 5, 7) * 9 = 0 */
    assert_int_equal(r.s[0], 7);
    assert_int_equal(r.s[1], 0);
    assert_int_equal(r.s[2], 1026);
    assert_int_equal(r.s[3], 12288);
    assert_int_equal(rng_next(&r), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xoshiro_known_value),
        cmocka_unit_test(test_uniform_moments),
        cmocka_unit_test(test_below_is_uniform),
        cmocka_unit_test(test_normal_scalar),
        cmocka_unit_test(test_bank_normal),
        cmocka_unit_test(test_streams_differ_and_repeat),
    };
    return cmocka_run_group_tests_name("rng", tests, NULL, NULL);
}
