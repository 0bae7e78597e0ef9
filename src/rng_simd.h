/*
 * rng_simd.h - internal to the model: one block of a RngBank's normal draws
 * in AVX2 (8 streams) or AVX-512 (16 streams) registers, for rng.c's bank
 * passes and for net_kernel.c, which draws the next step's noise in the same
 * loop as it updates the neurons.
 *
 * A block: one xoshiro128** step per stream (state and draw stored back to
 * the bank), then the ziggurat fast path: with w the draw, layer l = w & 255
 * and x = ((int32_t)w >> 8) * 2^-23, the normal is x * X[l] when |x| < R[l].
 * Both table entries come from one 64-bit entry of `pairs` (X[l]'s bits low,
 * R[l]'s high): a 64-bit gather fetches both, half the loads of two 32-bit
 * gathers. The draws that miss are returned as a lane mask; the caller lists
 * them and finishes them with rng_bank_finish(), which continues each such
 * stream exactly as rng_normal() would. The same integer steps and
 * single-precision operations as rng.c's portable loops: the same bits.
 */
#ifndef IZHI_RNG_SIMD_H
#define IZHI_RNG_SIMD_H

#include <stdint.h>

#include "rng.h"

/* The 256 (X, R) pairs, ready after rng_bank_init; they live for the program. */
const uint64_t *rng_zig_pairs(void);
/* out[rej[k]] = the normal of stream rej[k], whose draw (b->draw[rej[k]])
 * missed the fast path, for k < nrej. */
void rng_bank_finish(RngBank *b, const int32_t *rej, int nrej, float *out);

/* A bank's arrays, to be held in a local: vector stores may alias anything,
 * so through the RngBank the compiler would reload every pointer after
 * each store. */
typedef struct RngLanes {
    uint32_t *s0, *s1, *s2, *s3, *draw;
} RngLanes;

static inline RngLanes rng_lanes(RngBank *b)
{
    RngLanes l = { b->s0, b->s1, b->s2, b->s3, b->draw };
    return l;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(IZHI_NO_CLONES)
#include <immintrin.h>
#define RNG_HAVE_X86_BLOCKS 1

static inline __attribute__((always_inline, target("avx2"))) __m256i rng_rotl8(__m256i x, int k)
{
    return _mm256_or_si256(_mm256_slli_epi32(x, k), _mm256_srli_epi32(x, 32 - k));
}

/* One xoshiro128** step of eight streams whose state words are s[0..3]:
 * returns their outputs and advances s. */
static inline __attribute__((always_inline, target("avx2"))) __m256i rng_next8(__m256i s[4])
{
    __m256i r = rng_rotl8(_mm256_add_epi32(_mm256_slli_epi32(s[1], 2), s[1]), 7);   /* rotl(s1 * 5, 7) */
    __m256i out = _mm256_add_epi32(_mm256_slli_epi32(r, 3), r);                      /* * 9 */
    __m256i t = _mm256_slli_epi32(s[1], 9);
    s[2] = _mm256_xor_si256(s[2], s[0]);
    s[3] = _mm256_xor_si256(s[3], s[1]);
    s[1] = _mm256_xor_si256(s[1], s[2]);
    s[0] = _mm256_xor_si256(s[0], s[3]);
    s[2] = _mm256_xor_si256(s[2], t);
    s[3] = rng_rotl8(s[3], 11);
    return out;
}

/* Streams i..i+7: returns their fast-path normals, *missed the lanes that
 * missed (bits). */
static inline __attribute__((always_inline, target("avx2"))) __m256
rng_draw8(const RngLanes *b, int i, const uint64_t *pairs, unsigned *missed)
{
    __m256i st[4] = { _mm256_loadu_si256((const __m256i *)(b->s0 + i)), _mm256_loadu_si256((const __m256i *)(b->s1 + i)),
                      _mm256_loadu_si256((const __m256i *)(b->s2 + i)), _mm256_loadu_si256((const __m256i *)(b->s3 + i)) };
    __m256i w = rng_next8(st);
    _mm256_storeu_si256((__m256i *)(b->s0 + i), st[0]);
    _mm256_storeu_si256((__m256i *)(b->s1 + i), st[1]);
    _mm256_storeu_si256((__m256i *)(b->s2 + i), st[2]);
    _mm256_storeu_si256((__m256i *)(b->s3 + i), st[3]);
    _mm256_storeu_si256((__m256i *)(b->draw + i), w);
    __m256i layer = _mm256_and_si256(w, _mm256_set1_epi32(255));
    __m256 x = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_srai_epi32(w, 8)), _mm256_set1_ps(0x1p-23f));
    /* g0 = X0 R0 X1 R1 | X2 R2 X3 R3, g1 the same for lanes 4-7 */
    const long long *p = (const long long *)pairs;
    __m256 g0 = _mm256_castsi256_ps(_mm256_i32gather_epi64(p, _mm256_castsi256_si128(layer), 8));
    __m256 g1 = _mm256_castsi256_ps(_mm256_i32gather_epi64(p, _mm256_extracti128_si256(layer, 1), 8));
    __m256 xs = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(g0, g1, 0x88)), 0xD8));
    __m256 rs = _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(g0, g1, 0xDD)), 0xD8));
    __m256 ax = _mm256_and_ps(x, _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff)));
    *missed = ~(unsigned)_mm256_movemask_ps(_mm256_cmp_ps(ax, rs, _CMP_LT_OQ)) & 0xFFu;
    return _mm256_mul_ps(x, xs);
}

/* Streams i..i+15, the same way. */
static inline __attribute__((always_inline, target("avx512f"))) __m512
rng_draw16(const RngLanes *b, int i, const uint64_t *pairs, __mmask16 *missed)
{
    __m512i a = _mm512_loadu_si512(b->s0 + i), c = _mm512_loadu_si512(b->s1 + i);
    __m512i d = _mm512_loadu_si512(b->s2 + i), e = _mm512_loadu_si512(b->s3 + i);
    __m512i r = _mm512_rol_epi32(_mm512_add_epi32(_mm512_slli_epi32(c, 2), c), 7);  /* rotl(s1 * 5, 7) */
    __m512i w = _mm512_add_epi32(_mm512_slli_epi32(r, 3), r);                      /* * 9 */
    __m512i t = _mm512_slli_epi32(c, 9);
    d = _mm512_xor_si512(d, a);
    e = _mm512_xor_si512(e, c);
    c = _mm512_xor_si512(c, d);
    a = _mm512_xor_si512(a, e);
    d = _mm512_xor_si512(d, t);
    e = _mm512_rol_epi32(e, 11);
    _mm512_storeu_si512(b->s0 + i, a);
    _mm512_storeu_si512(b->s1 + i, c);
    _mm512_storeu_si512(b->s2 + i, d);
    _mm512_storeu_si512(b->s3 + i, e);
    _mm512_storeu_si512(b->draw + i, w);
    __m512i layer = _mm512_and_si512(w, _mm512_set1_epi32(255));
    __m512 x = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_srai_epi32(w, 8)), _mm512_set1_ps(0x1p-23f));
    __m512 g0 = _mm512_castsi512_ps(_mm512_i32gather_epi64(_mm512_castsi512_si256(layer), pairs, 8));
    __m512 g1 = _mm512_castsi512_ps(_mm512_i32gather_epi64(_mm512_extracti64x4_epi64(layer, 1), pairs, 8));
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i odd = _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31);
    __m512 ax = _mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(x), _mm512_set1_epi32(0x7fffffff)));
    *missed = _mm512_cmp_ps_mask(ax, _mm512_permutex2var_ps(g0, odd, g1), _CMP_NLT_UQ);
    return _mm512_mul_ps(x, _mm512_permutex2var_ps(g0, even, g1));
}

/* Appends the streams of the missed lanes of block i to rej[n..], without
 * a branch: their indices compressed to the front of a vector stored at
 * rej + n. It writes 16 entries: rej must have room for them (n <= i - lo
 * keeps them inside the range's part of b->rejected). Returns the new n. */
static inline __attribute__((always_inline, target("avx512f"))) int
rng_list16(int32_t *rej, int n, int i, __mmask16 missed)
{
    const __m512i iota = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    _mm512_storeu_si512(rej + n, _mm512_maskz_compress_epi32(missed, _mm512_add_epi32(_mm512_set1_epi32(i), iota)));
    return n + __builtin_popcount((unsigned)missed);
}

static inline int rng_list8(int32_t *rej, int n, int i, unsigned missed)
{
    for (; missed; missed &= missed - 1) rej[n++] = i + __builtin_ctz(missed);
    return n;
}
#endif

#endif
