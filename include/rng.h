/*
 * rng.h - random numbers for the model: xoshiro128** streams and a ziggurat
 * normal sampler.
 *
 * Every stream is named by (seed, purpose, index) and seeded through
 * splitmix64, so a value never depends on which thread or in which order the
 * streams are drawn. The network keeps one noise stream per neuron
 * (RngBank, struct-of-arrays so the generator update vectorises): neuron i's
 * noise at step k is the k-th normal of stream (seed, RNG_NOISE, i), whatever
 * the number of threads.
 *
 * Generator: xoshiro128** 1.1 (Blackman and Vigna, 2018), 32-bit output, all
 * bits usable. Normal sampler: the ziggurat of Marsaglia and Tsang (2000) in
 * Doornik's ZIGNOR form (2005): 256 layers, the layer index (8 bits) and the
 * signed abscissa (24 bits) taken from independent bits of one 32-bit draw,
 * exact tail and wedge rejection, so the output is N(0,1) up to the 2^-23
 * grid of the abscissa.
 * No allocation except in rng_bank_init; nothing here prints.
 */
#ifndef IZHI_RNG_H
#define IZHI_RNG_H

#include <stdint.h>

/* Purposes of the streams; with the seed and an index they name a stream. */
/* Hot loops get an AVX2 copy beside the portable one, chosen at run time
 * (GCC/Clang function multi-versioning, and hand-written AVX2 loops in
 * rng.c and net.c dispatched with __builtin_cpu_supports): the build stays
 * portable. Without FMA contraction (-std=c11 turns it off) both copies
 * compute the same bits. IZHI_NO_CLONES keeps to the portable code; it is
 * set under ThreadSanitizer (the ifunc resolvers run before its runtime is up
 * and crash the program), so `make test` runs the portable loops there and
 * the AVX2 ones in the other two builds. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define IZHI_NO_CLONES
#endif
#endif
#if defined(__SANITIZE_THREAD__) && !defined(IZHI_NO_CLONES)
#define IZHI_NO_CLONES
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(IZHI_NO_CLONES)
#define IZHI_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define IZHI_SIMD_CLONES
#endif

enum { RNG_PARAMS = 1, RNG_WEIGHTS = 2, RNG_NOISE = 3, RNG_TEST = 99 };

typedef struct Rng { uint32_t s[4]; } Rng;

/* Seeds r as the stream (seed, purpose, index). */
void rng_seed(Rng *r, uint64_t seed, uint32_t purpose, uint64_t index);
/* One xoshiro128** step on the state words s0..s3, in place; returns the
 * output. The one scalar copy of the step: rng_next, the bank's portable
 * pass (rng.c) and the dense weights (net.c, 16 streams side by side in
 * arrays the compiler vectorises) run it on their own layout of the words;
 * rng_simd.h has the AVX2 / AVX-512 forms (same bits, test_rng). */
static inline uint32_t rng_step(uint32_t *s0, uint32_t *s1, uint32_t *s2, uint32_t *s3)
{
    uint32_t x = *s1 * 5;
    uint32_t out = ((x << 7) | (x >> 25)) * 9;
    uint32_t t = *s1 << 9;
    *s2 ^= *s0; *s3 ^= *s1; *s1 ^= *s2; *s0 ^= *s3;
    *s2 ^= t; *s3 = (*s3 << 11) | (*s3 >> 21);
    return out;
}
/* Next 32 uniform bits (xoshiro128**). Inline: building a network of 10^9
 * synapses draws ~2 x 10^9 of them, and a call each was a fifth of it. */
static inline uint32_t rng_next(Rng *r) { return rng_step(&r->s[0], &r->s[1], &r->s[2], &r->s[3]); }
/* Uniform float in [0,1) on the 2^-24 grid. */
static inline float rng_uniform(Rng *r) { return (float)(rng_next(r) >> 8) * 0x1p-24f; }
/* Uniform integer in [0, bound) without bias (Lemire's method); bound >= 1. */
static inline uint32_t rng_below(Rng *r, uint32_t bound)
{
    uint64_t m = (uint64_t)rng_next(r) * bound;
    uint32_t low = (uint32_t)m;
    if (low < bound) {
        uint32_t threshold = (uint32_t)(-bound) % bound;
        while (low < threshold) {
            m = (uint64_t)rng_next(r) * bound;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}
/* One N(0,1) draw (ziggurat). */
float rng_normal(Rng *r);
/* A 64-bit seed from the clock and the process, for runs with no --seed. */
uint64_t rng_clock_seed(void);

/* n independent streams (seed, purpose, 0..n-1), state as four arrays. */
typedef struct RngBank {
    uint32_t *s0, *s1, *s2, *s3;   /* owned; one element per stream */
    uint32_t *draw;                /* owned scratch: first draw per stream */
    int32_t *rejected;             /* owned scratch: streams whose draw missed the fast path */
    int n;
    int level;                     /* RNG_SIMD_* path used: rng_bank_init sets the best (tests lower it) */
} RngBank;

/* Returns 0, or -1 when out of memory (bank left empty, safe to free). */
int rng_bank_init(RngBank *b, int n, uint64_t seed, uint32_t purpose);
/* The same for streams (seed, purpose, first ... first + n - 1). */
int rng_bank_init_at(RngBank *b, int n, uint64_t seed, uint32_t purpose, uint64_t first);
void rng_bank_free(RngBank *b);
/* out[i] = next N(0,1) of stream i, for i in [lo, hi). */
void rng_bank_normal(RngBank *b, int lo, int hi, float *out);

/* Code paths of rng_bank_normal, narrowest first; all give the same bits. */
enum { RNG_SIMD_BEST = 0, RNG_SIMD_PORTABLE = 1, RNG_SIMD_AVX2 = 2, RNG_SIMD_AVX512 = 3 };
/* The widest path this build has and the processor runs, at most max
 * (0 = no limit). */
int rng_simd_level(int max);

#endif
