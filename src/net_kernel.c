/*
 * net_kernel.c - the fused step of a dense network, 8 neurons at a time in
 * AVX2 registers or 16 in AVX-512 ones. See net_kernel.h for what it
 * computes and why; the numbers in the comments are docs/model.md's steps.
 */
#include "net_kernel.h"
#include "net.h"
#include "rng_simd.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && !defined(IZHI_NO_CLONES)
#include <immintrin.h>
#define KERNEL_X86 1
#endif

#ifndef KERNEL_X86

int net_kernel_level(int max)
{
    (void)max;
    return NET_SIMD_PASSES;
}

int net_kernel_paper(const NetKernel *k, int lo, int hi, int32_t *next)
{
    (void)k; (void)lo; (void)hi; (void)next;
    return -1;
}

int net_kernel_euler(const NetKernel *k, int lo, int hi, int32_t *found)
{
    (void)k; (void)lo; (void)hi; (void)found;
    return -1;
}

#else

/* The CPU is asked in one place, rng_simd_level: the kernel's ladder is the
 * bank's (portable passes, AVX2, AVX-512 with VL), level for level. */
_Static_assert((int)NET_SIMD_BEST == (int)RNG_SIMD_BEST && (int)NET_SIMD_PASSES == (int)RNG_SIMD_PORTABLE &&
               (int)NET_SIMD_AVX2 == (int)RNG_SIMD_AVX2 && (int)NET_SIMD_AVX512 == (int)RNG_SIMD_AVX512,
               "one ladder of code paths");
int net_kernel_level(int max)
{
    return rng_simd_level(max);
}

/* The kernel's pointers and constants as locals: through the NetKernel the
 * compiler would reload each of them after every store to v or u. */
typedef struct Ctx {
    float *v, *u;
    const float *a, *b, *c, *d;
    float *normal;
    RngBank *bank;
    RngLanes lanes;
    const uint64_t *pairs;
    const float *const *rows;
    int n_rows, ne;
    float sigma_e, sigma_i, current_e, current_i, stim_amp;
    int stim_lo, stim_hi;
    const float *row_scale;
} Ctx;

static inline Ctx ctx_of(const NetKernel *k)
{
    Ctx x = { k->v, k->u, k->a, k->b, k->c, k->d, k->normal, k->noise, rng_lanes(k->noise), rng_zig_pairs(),
              k->rows, k->n_rows, k->ne, k->sigma_e, k->sigma_i, k->current_e, k->current_i, k->stim_amp,
              k->stim_lo, k->stim_hi, k->row_scale };
    return x;
}

/* Whether this step has a stimulus or a weight factor: each range is
 * compiled twice, with and without their tests, so that a step without them
 * runs the loop it ran before the knobs (its per-block tests cost ~7 % of
 * Fig. 3's instructions); J_E and J_I are loop constants either way. */
static inline int knobs_in_play(const NetKernel *k)
{
    return k->stim_hi > k->stim_lo || k->row_scale != NULL;
}

/* ---- AVX2: eight neurons a block ------------------------------------------
 * The last block of a range may be short: then only the lanes in `mask`
 * are loaded and stored (full is a constant in each copy of the block code,
 * so the tests fold away). */

#define KINLINE static inline __attribute__((always_inline, target("avx2")))

typedef struct Block {
    int i, full;
    __m256i mask;      /* lanes in the range, as all-ones words */
    unsigned lanes;    /* the same, as bits */
} Block;

KINLINE __m256 ld(const float *p, const Block *bl)
{
    return bl->full ? _mm256_loadu_ps(p + bl->i) : _mm256_maskload_ps(p + bl->i, bl->mask);
}

KINLINE void st(float *p, __m256 x, const Block *bl)
{
    if (bl->full) _mm256_storeu_ps(p + bl->i, x);
    else _mm256_maskstore_ps(p + bl->i, bl->mask, x);
}

/* Step 1, I = sigma * n + J (sigma_e and J_E below ne, sigma_i and J_I from
 * ne on; J + A on the stimulated neurons: docs/model.md "Knobs"), then
 * step 4 (paper) / 1 (Euler): the rows one by one in the spike order, each
 * times its sender's weight factor when one is not 1. */
KINLINE __m256 input(const Ctx *k, const Block *bl, const int knobs)
{
    __m256 sigma, ext;
    if (bl->i + 8 <= k->ne) { sigma = _mm256_set1_ps(k->sigma_e); ext = _mm256_set1_ps(k->current_e); }
    else if (bl->i >= k->ne) { sigma = _mm256_set1_ps(k->sigma_i); ext = _mm256_set1_ps(k->current_i); }
    else {
        __m256i idx = _mm256_add_epi32(_mm256_set1_epi32(bl->i), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
        __m256 exc = _mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_set1_epi32(k->ne), idx));
        sigma = _mm256_blendv_ps(_mm256_set1_ps(k->sigma_i), _mm256_set1_ps(k->sigma_e), exc);
        ext = _mm256_blendv_ps(_mm256_set1_ps(k->current_i), _mm256_set1_ps(k->current_e), exc);
    }
    if (knobs && bl->i < k->stim_hi && bl->i + 8 > k->stim_lo) {
        __m256i idx = _mm256_add_epi32(_mm256_set1_epi32(bl->i), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
        __m256i from = _mm256_cmpgt_epi32(idx, _mm256_set1_epi32(k->stim_lo - 1));
        __m256i below = _mm256_cmpgt_epi32(_mm256_set1_epi32(k->stim_hi), idx);
        __m256 stim = _mm256_castsi256_ps(_mm256_and_si256(from, below));
        ext = _mm256_blendv_ps(ext, _mm256_add_ps(ext, _mm256_set1_ps(k->stim_amp)), stim);
    }
    __m256 in = _mm256_add_ps(_mm256_mul_ps(sigma, ld(k->normal, bl)), ext);
    if (knobs && k->row_scale)
        for (int s = 0; s < k->n_rows; s++)
            in = _mm256_add_ps(in, _mm256_mul_ps(ld(k->rows[s], bl), _mm256_set1_ps(k->row_scale[s])));
    else
        for (int s = 0; s < k->n_rows; s++) in = _mm256_add_ps(in, ld(k->rows[s], bl));
    return in;
}

/* net.c's dv() and guard(): min/max return their second operand on a NaN,
 * as the guard's conditionals do. */
KINLINE __m256 dv(__m256 v, __m256 u, __m256 in)
{
    __m256 q = _mm256_mul_ps(_mm256_mul_ps(_mm256_set1_ps(0.04f), v), v);
    q = _mm256_add_ps(q, _mm256_mul_ps(_mm256_set1_ps(5.0f), v));
    q = _mm256_add_ps(q, _mm256_set1_ps(140.0f));
    return _mm256_add_ps(_mm256_sub_ps(q, u), in);
}

KINLINE __m256 guard(__m256 v)
{
    v = _mm256_min_ps(v, _mm256_set1_ps(NET_V_CAP));
    return _mm256_max_ps(v, _mm256_set1_ps(-NET_V_CAP));
}

KINLINE int list_peaks(__m256 v, const Block *bl, int32_t *out)
{
    unsigned m = (unsigned)_mm256_movemask_ps(_mm256_cmp_ps(v, _mm256_set1_ps(NET_V_PEAK), _CMP_GE_OQ)) & bl->lanes;
    int n = 0;
    for (; m; m &= m - 1) out[n++] = bl->i + __builtin_ctz(m);
    return n;
}

KINLINE int paper_block(const Ctx *k, const Block *bl, __m256 in, int32_t *next)
{
    __m256 v = ld(k->v, bl), u = ld(k->u, bl);
    __m256 fired = _mm256_cmp_ps(v, _mm256_set1_ps(NET_V_PEAK), _CMP_GE_OQ);  /* 2 */
    v = _mm256_blendv_ps(v, ld(k->c, bl), fired);                            /* 3 */
    u = _mm256_blendv_ps(u, _mm256_add_ps(u, ld(k->d, bl)), fired);
    const __m256 half = _mm256_set1_ps(0.5f);
    v = guard(_mm256_add_ps(v, _mm256_mul_ps(half, dv(v, u, in))));            /* 5 */
    v = guard(_mm256_add_ps(v, _mm256_mul_ps(half, dv(v, u, in))));
    u = _mm256_add_ps(u, _mm256_mul_ps(ld(k->a, bl), _mm256_sub_ps(_mm256_mul_ps(ld(k->b, bl), v), u))); /* 6 */
    st(k->v, v, bl);
    st(k->u, u, bl);
    return list_peaks(v, bl, next);
}

KINLINE int euler_block(const Ctx *k, const Block *bl, __m256 in, int32_t *found)
{
    __m256 v = ld(k->v, bl), u = ld(k->u, bl);
    __m256 vn = guard(_mm256_add_ps(v, dv(v, u, in)));                        /* 2 */
    u = _mm256_add_ps(u, _mm256_mul_ps(ld(k->a, bl), _mm256_sub_ps(_mm256_mul_ps(ld(k->b, bl), v), u)));
    __m256 spiked = _mm256_cmp_ps(vn, _mm256_set1_ps(NET_V_PEAK), _CMP_GE_OQ); /* 3 */
    int n = list_peaks(vn, bl, found);
    st(k->v, _mm256_blendv_ps(vn, ld(k->c, bl), spiked), bl);                /* 4 */
    st(k->u, _mm256_blendv_ps(u, _mm256_add_ps(u, ld(k->d, bl)), spiked), bl);
    return n;
}

/* Also draws the next step's normals into normal[] once a block's are
 * used (see net_kernel.h); the draws that miss the ziggurat's fast path are
 * listed and finished after the loop. */
KINLINE int range8(const NetKernel *kern, int lo, int hi, int euler, int knobs, int32_t *out)
{
    const Ctx ctx = ctx_of(kern);
    int32_t *rej = ctx.bank->rejected + lo;
    int n = 0, nrej = 0, i = lo;
    for (; i + 8 <= hi; i += 8) {
        Block bl = { i, 1, _mm256_set1_epi32(-1), 0xFFu };
        __m256 in = input(&ctx, &bl, knobs);
        unsigned missed;
        _mm256_storeu_ps(ctx.normal + i, rng_draw8(&ctx.lanes, i, ctx.pairs, &missed));
        nrej = rng_list8(rej, nrej, i, missed);
        n += euler ? euler_block(&ctx, &bl, in, out + n) : paper_block(&ctx, &bl, in, out + n);
    }
    if (i < hi) {
        Block bl = { i, 0, _mm256_cmpgt_epi32(_mm256_set1_epi32(hi - i), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7)),
                     (1u << (hi - i)) - 1 };
        __m256 in = input(&ctx, &bl, knobs);
        rng_bank_normal(ctx.bank, i, hi, ctx.normal);
        n += euler ? euler_block(&ctx, &bl, in, out + n) : paper_block(&ctx, &bl, in, out + n);
    }
    rng_bank_finish(ctx.bank, rej, nrej, ctx.normal);
    return n;
}

__attribute__((target("avx2"))) static int paper8(const NetKernel *k, int lo, int hi, int32_t *next)
{
    return knobs_in_play(k) ? range8(k, lo, hi, 0, 1, next) : range8(k, lo, hi, 0, 0, next);
}

__attribute__((target("avx2"))) static int euler8(const NetKernel *k, int lo, int hi, int32_t *found)
{
    return knobs_in_play(k) ? range8(k, lo, hi, 1, 1, found) : range8(k, lo, hi, 1, 0, found);
}

/* ---- AVX-512: sixteen neurons a block --------------------------------------
 * The same lines with 512-bit registers; a short last block is masked. */

#define KINLINE16 static inline __attribute__((always_inline, target("avx512f")))

typedef struct Block16 {
    int i, full;
    __mmask16 lanes;
} Block16;

KINLINE16 __m512 ld16(const float *p, const Block16 *bl)
{
    return bl->full ? _mm512_loadu_ps(p + bl->i) : _mm512_maskz_loadu_ps(bl->lanes, p + bl->i);
}

KINLINE16 void st16(float *p, __m512 x, const Block16 *bl)
{
    if (bl->full) _mm512_storeu_ps(p + bl->i, x);
    else _mm512_mask_storeu_ps(p + bl->i, bl->lanes, x);
}

KINLINE16 __m512 input16(const Ctx *k, const Block16 *bl, const int knobs)
{
    __m512 sigma, ext;
    const __m512i lane = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    if (bl->i + 16 <= k->ne) { sigma = _mm512_set1_ps(k->sigma_e); ext = _mm512_set1_ps(k->current_e); }
    else if (bl->i >= k->ne) { sigma = _mm512_set1_ps(k->sigma_i); ext = _mm512_set1_ps(k->current_i); }
    else {
        __mmask16 exc = _mm512_cmplt_epi32_mask(_mm512_add_epi32(_mm512_set1_epi32(bl->i), lane), _mm512_set1_epi32(k->ne));
        sigma = _mm512_mask_blend_ps(exc, _mm512_set1_ps(k->sigma_i), _mm512_set1_ps(k->sigma_e));
        ext = _mm512_mask_blend_ps(exc, _mm512_set1_ps(k->current_i), _mm512_set1_ps(k->current_e));
    }
    if (knobs && bl->i < k->stim_hi && bl->i + 16 > k->stim_lo) {
        const __m512i idx = _mm512_add_epi32(_mm512_set1_epi32(bl->i), lane);
        __mmask16 stim = _mm512_cmpge_epi32_mask(idx, _mm512_set1_epi32(k->stim_lo)) &
                         _mm512_cmplt_epi32_mask(idx, _mm512_set1_epi32(k->stim_hi));
        ext = _mm512_mask_blend_ps(stim, ext, _mm512_add_ps(ext, _mm512_set1_ps(k->stim_amp)));
    }
    __m512 in = _mm512_add_ps(_mm512_mul_ps(sigma, ld16(k->normal, bl)), ext);
    if (knobs && k->row_scale)
        for (int s = 0; s < k->n_rows; s++)
            in = _mm512_add_ps(in, _mm512_mul_ps(ld16(k->rows[s], bl), _mm512_set1_ps(k->row_scale[s])));
    else
        for (int s = 0; s < k->n_rows; s++) in = _mm512_add_ps(in, ld16(k->rows[s], bl));
    return in;
}

KINLINE16 __m512 dv16(__m512 v, __m512 u, __m512 in)
{
    __m512 q = _mm512_mul_ps(_mm512_mul_ps(_mm512_set1_ps(0.04f), v), v);
    q = _mm512_add_ps(q, _mm512_mul_ps(_mm512_set1_ps(5.0f), v));
    q = _mm512_add_ps(q, _mm512_set1_ps(140.0f));
    return _mm512_add_ps(_mm512_sub_ps(q, u), in);
}

KINLINE16 __m512 guard16(__m512 v)
{
    v = _mm512_min_ps(v, _mm512_set1_ps(NET_V_CAP));
    return _mm512_max_ps(v, _mm512_set1_ps(-NET_V_CAP));
}

/* A full block lists its peaks without a branch, as rng_list16 lists the
 * missed draws: their indices compressed to the front of a vector stored at
 * out (16 entries: room, as a range's list holds at most i - lo entries
 * before block i). A branch per spike was mispredicted about once a spike,
 * each time throwing away the next blocks' work begun behind it: ~10 % of
 * Fig. 3's step (docs/speed.md). */
KINLINE16 int list_peaks16(__m512 v, const Block16 *bl, int32_t *out)
{
    unsigned m = (unsigned)_mm512_cmp_ps_mask(v, _mm512_set1_ps(NET_V_PEAK), _CMP_GE_OQ) & bl->lanes;
    if (bl->full) {
        const __m512i iota = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        _mm512_storeu_si512(out, _mm512_maskz_compress_epi32((__mmask16)m, _mm512_add_epi32(_mm512_set1_epi32(bl->i), iota)));
        return __builtin_popcount(m);
    }
    int n = 0;
    for (; m; m &= m - 1) out[n++] = bl->i + __builtin_ctz(m);
    return n;
}

KINLINE16 int paper_block16(const Ctx *k, const Block16 *bl, __m512 in, int32_t *next)
{
    __m512 v = ld16(k->v, bl), u = ld16(k->u, bl);
    __mmask16 fired = _mm512_cmp_ps_mask(v, _mm512_set1_ps(NET_V_PEAK), _CMP_GE_OQ); /* 2 */
    v = _mm512_mask_blend_ps(fired, v, ld16(k->c, bl));                       /* 3 */
    u = _mm512_mask_blend_ps(fired, u, _mm512_add_ps(u, ld16(k->d, bl)));
    const __m512 half = _mm512_set1_ps(0.5f);
    v = guard16(_mm512_add_ps(v, _mm512_mul_ps(half, dv16(v, u, in))));        /* 5 */
    v = guard16(_mm512_add_ps(v, _mm512_mul_ps(half, dv16(v, u, in))));
    u = _mm512_add_ps(u, _mm512_mul_ps(ld16(k->a, bl), _mm512_sub_ps(_mm512_mul_ps(ld16(k->b, bl), v), u))); /* 6 */
    st16(k->v, v, bl);
    st16(k->u, u, bl);
    return list_peaks16(v, bl, next);
}

KINLINE16 int euler_block16(const Ctx *k, const Block16 *bl, __m512 in, int32_t *found)
{
    __m512 v = ld16(k->v, bl), u = ld16(k->u, bl);
    __m512 vn = guard16(_mm512_add_ps(v, dv16(v, u, in)));                    /* 2 */
    u = _mm512_add_ps(u, _mm512_mul_ps(ld16(k->a, bl), _mm512_sub_ps(_mm512_mul_ps(ld16(k->b, bl), v), u)));
    __mmask16 spiked = _mm512_cmp_ps_mask(vn, _mm512_set1_ps(NET_V_PEAK), _CMP_GE_OQ); /* 3 */
    int n = list_peaks16(vn, bl, found);
    st16(k->v, _mm512_mask_blend_ps(spiked, vn, ld16(k->c, bl)), bl);        /* 4 */
    st16(k->u, _mm512_mask_blend_ps(spiked, u, _mm512_add_ps(u, ld16(k->d, bl))), bl);
    return n;
}

KINLINE16 int range16(const NetKernel *kern, int lo, int hi, int euler, int knobs, int32_t *out)
{
    const Ctx ctx = ctx_of(kern);
    int32_t *rej = ctx.bank->rejected + lo;
    int n = 0, nrej = 0, i = lo;
    for (; i + 16 <= hi; i += 16) {
        Block16 bl = { i, 1, 0xFFFF };
        __m512 in = input16(&ctx, &bl, knobs);
        __mmask16 missed;
        _mm512_storeu_ps(ctx.normal + i, rng_draw16(&ctx.lanes, i, ctx.pairs, &missed));
        nrej = rng_list16(rej, nrej, i, missed);
        n += euler ? euler_block16(&ctx, &bl, in, out + n) : paper_block16(&ctx, &bl, in, out + n);
    }
    if (i < hi) {
        Block16 bl = { i, 0, (__mmask16)((1u << (hi - i)) - 1) };
        __m512 in = input16(&ctx, &bl, knobs);
        int j = i;
        if (hi - j >= 8) {           /* eight of them in one AVX2 block (Fig. 3: 1000 = 62 x 16 + 8) */
            unsigned missed8;
            _mm256_storeu_ps(ctx.normal + j, rng_draw8(&ctx.lanes, j, ctx.pairs, &missed8));
            nrej = rng_list8(rej, nrej, j, missed8);
            j += 8;
        }
        if (j < hi) rng_bank_normal(ctx.bank, j, hi, ctx.normal);   /* (none left in Fig. 3: no call) */
        n += euler ? euler_block16(&ctx, &bl, in, out + n) : paper_block16(&ctx, &bl, in, out + n);
    }
    rng_bank_finish(ctx.bank, rej, nrej, ctx.normal);
    return n;
}

__attribute__((target("avx512f"))) static int paper16(const NetKernel *k, int lo, int hi, int32_t *next)
{
    return knobs_in_play(k) ? range16(k, lo, hi, 0, 1, next) : range16(k, lo, hi, 0, 0, next);
}

__attribute__((target("avx512f"))) static int euler16(const NetKernel *k, int lo, int hi, int32_t *found)
{
    return knobs_in_play(k) ? range16(k, lo, hi, 1, 1, found) : range16(k, lo, hi, 1, 0, found);
}

int net_kernel_paper(const NetKernel *k, int lo, int hi, int32_t *next)
{
    return k->level >= NET_SIMD_AVX512 ? paper16(k, lo, hi, next) : paper8(k, lo, hi, next);
}

int net_kernel_euler(const NetKernel *k, int lo, int hi, int32_t *found)
{
    return k->level >= NET_SIMD_AVX512 ? euler16(k, lo, hi, found) : euler8(k, lo, hi, found);
}

#endif
