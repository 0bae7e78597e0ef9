/*
 * rng.c - xoshiro128** streams, splitmix64 seeding, ziggurat normals.
 * See rng.h for the choices and their references.
 */
#define _POSIX_C_SOURCE 200809L
#include "rng.h"
#include "rng_simd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#define ZIG_C 256                  /* layers */
#define ZIG_R 3.6541528853610088   /* start of the tail */
#define ZIG_V 4.92867323399e-3     /* area of each layer, f(x) = exp(-x^2/2) */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void seed_words(uint32_t w[4], uint64_t seed, uint32_t purpose, uint64_t index)
{
    /* Mix purpose and index into a start point, then draw the state from the
     * splitmix64 sequence there, as the xoshiro authors advise. */
    uint64_t x = seed;
    uint64_t h = splitmix64(&x) ^ ((uint64_t)purpose << 56) ^ index;
    uint64_t a = splitmix64(&h), b = splitmix64(&h);
    w[0] = (uint32_t)a; w[1] = (uint32_t)(a >> 32);
    w[2] = (uint32_t)b; w[3] = (uint32_t)(b >> 32);
    if ((w[0] | w[1] | w[2] | w[3]) == 0) w[0] = 1;   /* the one forbidden state */
}

void rng_seed(Rng *r, uint64_t seed, uint32_t purpose, uint64_t index)
{
    seed_words(r->s, seed, purpose, index);
}

static inline uint32_t next32(Rng *r) { return rng_next(r); }
static inline float uniform24(Rng *r) { return rng_uniform(r); }

uint64_t rng_clock_seed(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t x = (uint64_t)ts.tv_sec * 1000000007ull ^ (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32);
    /* Keep seeds short enough to type back in: 31 bits. */
    return splitmix64(&x) & 0x7FFFFFFFull;
}

/* ---- ziggurat tables ---------------------------------------------------- */

static double zig_x[ZIG_C + 1];   /* layer edges, zig_x[0] = V / f(R) */
static double zig_f[ZIG_C + 1];   /* f(zig_x[i]) */
static float zig_xf[ZIG_C];       /* zig_x as float, for the fast path */
static float zig_rf[ZIG_C];       /* zig_x[i+1] / zig_x[i]: the fast accept bound */
static uint64_t zig_pair[ZIG_C];  /* zig_xf[i] | zig_rf[i] << 32, as bits: one 64-bit gather gets both */
static double zig_inv_w[ZIG_C];   /* 1 / (zig_x[i] - zig_x[i+1]) */
static double zig_sq_lo[ZIG_C];   /* wedge squeezes, see zig_slow() */
static double zig_sq_hi[ZIG_C];
static once_flag zig_once = ONCE_FLAG_INIT;

static void zig_init(void)
{
    double f = exp(-0.5 * ZIG_R * ZIG_R);
    zig_x[0] = ZIG_V / f;
    zig_x[1] = ZIG_R;
    zig_x[ZIG_C] = 0.0;
    for (int i = 2; i < ZIG_C; i++) {
        double p = zig_x[i - 1];
        zig_x[i] = sqrt(-2.0 * log(ZIG_V / p + exp(-0.5 * p * p)));
    }
    for (int i = 0; i <= ZIG_C; i++) zig_f[i] = exp(-0.5 * zig_x[i] * zig_x[i]);
    for (int i = 0; i < ZIG_C; i++) {
        zig_xf[i] = (float)zig_x[i];
        zig_rf[i] = (float)(zig_x[i + 1] / zig_x[i]);
        uint32_t xb, rb;
        memcpy(&xb, &zig_xf[i], 4);
        memcpy(&rb, &zig_rf[i], 4);
        zig_pair[i] = xb | (uint64_t)rb << 32;
    }
    /* Layer i's wedge spans [x_{i+1}, x_i] (x_{i+1} < x_i) and heights
     * [f_i, f_{i+1}]. f differs from its chord there by at most
     * (width^2 / 8) max |f''| (linear interpolation error), where
     * f''(x) = (x^2 - 1) f(x): |f''| peaks at x = 0 (1) and x = sqrt 3
     * (2 exp(-3/2)) or at an end. f is concave below 1, convex above. */
    for (int i = 1; i < ZIG_C; i++) {
        double hi = zig_x[i], lo = zig_x[i + 1], wd = hi - lo;
        double m = fmax(fabs((hi * hi - 1.0) * zig_f[i]), fabs((lo * lo - 1.0) * zig_f[i + 1]));
        if (lo <= sqrt(3.0) && sqrt(3.0) <= hi) m = fmax(m, 2.0 * exp(-1.5));
        if (lo <= 0.0) m = fmax(m, 1.0);
        double dev = wd * wd / 8.0 * m / (zig_f[i + 1] - zig_f[i]) + 1e-12;  /* in units of the height */
        zig_inv_w[i] = 1.0 / wd;
        zig_sq_lo[i] = hi <= 1.0 ? -1e-12 : -dev;
        zig_sq_hi[i] = lo >= 1.0 ? 1e-12 : dev;
    }
}

static double tail(Rng *r, int negative)
{
    double x, y;
    do {
        x = log(1.0 - uniform24(r)) / ZIG_R;     /* log of (0,1]: x <= 0 */
        y = log(1.0 - uniform24(r));
    } while (-2.0 * y < x * x);
    return negative ? x - ZIG_R : ZIG_R - x;
}

/* ZIGNOR: u in [-1,1) (the top 24 bits, signed) and layer i (the low 8
 * bits) come from independent bits of one draw. */
static inline float zig_u(uint32_t w) { return (float)((int32_t)w >> 8) * 0x1p-23f; }

/* The rest of the ZIGNOR loop after a first draw w missed the fast path.
 * The wedge test (is a uniform height h = f_i + y (f_{i+1} - f_i) under
 * f(x)?) is first tried against the chord of f across the wedge, at
 * fraction t of the height: below the chord minus f's largest deviation
 * from it is under f, above the chord plus that deviation is not (with
 * f's convexity the chord itself bounds one side). Only a height within
 * the deviation of the chord, about 1 in 100, needs the exp: the same
 * decisions as computing f every time, without most exps. */
static float zig_slow(Rng *r, uint32_t w)
{
    for (;;) {
        int i = (int)(w & (ZIG_C - 1));
        float u = zig_u(w);
        if (fabsf(u) < zig_rf[i]) return u * zig_xf[i];
        if (i == 0) return (float)tail(r, u < 0.0f);
        double x = (double)u * zig_x[i];
        double y = (double)uniform24(r);
        double t = (zig_x[i] - fabs(x)) * zig_inv_w[i];
        if (y < t + zig_sq_lo[i]) return (float)x;
        if (y <= t + zig_sq_hi[i] && zig_f[i] + y * (zig_f[i + 1] - zig_f[i]) < exp(-0.5 * x * x)) return (float)x;
        w = next32(r);
    }
}

float rng_normal(Rng *r)
{
    call_once(&zig_once, zig_init);
    uint32_t w = rng_next(r);
    int i = (int)(w & (ZIG_C - 1));
    float u = zig_u(w);
    if (fabsf(u) < zig_rf[i]) return u * zig_xf[i];
    return zig_slow(r, w);
}

/* ---- banks -------------------------------------------------------------- */

int rng_bank_init(RngBank *b, int n, uint64_t seed, uint32_t purpose)
{
    return rng_bank_init_at(b, n, seed, purpose, 0);
}

int rng_bank_init_at(RngBank *b, int n, uint64_t seed, uint32_t purpose, uint64_t first)
{
    call_once(&zig_once, zig_init);
    b->n = 0;
    size_t sz = (size_t)(n > 0 ? n : 1) * sizeof(uint32_t);
    /* on cache lines: a vector load then never spans two */
    sz = (sz + 63) / 64 * 64;
    b->s0 = aligned_alloc(64, sz); b->s1 = aligned_alloc(64, sz);
    b->s2 = aligned_alloc(64, sz); b->s3 = aligned_alloc(64, sz);
    b->draw = aligned_alloc(64, sz);
    b->rejected = aligned_alloc(64, sz);
    if (!b->s0 || !b->s1 || !b->s2 || !b->s3 || !b->draw || !b->rejected) {
        rng_bank_free(b);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        uint32_t w[4];
        seed_words(w, seed, purpose, first + (uint64_t)i);
        b->s0[i] = w[0]; b->s1[i] = w[1]; b->s2[i] = w[2]; b->s3[i] = w[3];
    }
    b->n = n;
    b->level = rng_simd_level(RNG_SIMD_BEST);
    return 0;
}

void rng_bank_free(RngBank *b)
{
    free(b->s0); free(b->s1); free(b->s2); free(b->s3); free(b->draw); free(b->rejected);
    b->s0 = b->s1 = b->s2 = b->s3 = b->draw = NULL;
    b->rejected = NULL;
    b->n = 0;
}

/* The fast path, one draw at a time (any machine): out[i] for every draw,
 * and the indices of the draws it rejects appended to rej; returns their
 * number. */
static int zig_fast_portable(const uint32_t *draw, float *out, int lo, int hi, int32_t *rej)
{
    int n = 0;
    for (int i = lo; i < hi; i++) {
        uint32_t w = draw[i];
        int layer = (int)(w & (ZIG_C - 1));
        float u = zig_u(w);
        out[i] = u * zig_xf[layer];
        rej[n] = i;
        n += !(fabsf(u) < zig_rf[layer]);
    }
    return n;
}

/* Passes 1 and 2 below for [lo, hi): one xoshiro128** step per stream (a
 * plain loop over four arrays, which the compiler turns into vector code),
 * then the ziggurat fast path. */
IZHI_SIMD_CLONES static int bank_fast_portable(RngBank *b, int lo, int hi, float *out, int32_t *rej)
{
    uint32_t *restrict s0 = b->s0, *restrict s1 = b->s1;
    uint32_t *restrict s2 = b->s2, *restrict s3 = b->s3;
    uint32_t *restrict draw = b->draw;
    for (int i = lo; i < hi; i++) {
        uint32_t a = s0[i], c = s1[i], d = s2[i], e = s3[i];
        draw[i] = rng_step(&a, &c, &d, &e);
        s0[i] = a; s1[i] = c; s2[i] = d; s3[i] = e;
    }
    return zig_fast_portable(draw, out, lo, hi, rej);
}

#ifdef RNG_HAVE_X86_BLOCKS
/* Passes 1 and 2 in one loop, a block of streams at a time (rng_simd.h),
 * the rest of the range by the portable passes. */
__attribute__((target("avx2"))) static int bank_fast_avx2(RngBank *b, int lo, int hi, float *out, int32_t *rej)
{
    const RngLanes lanes = rng_lanes(b);
    int n = 0, i = lo;
    for (; i + 8 <= hi; i += 8) {
        unsigned missed;
        _mm256_storeu_ps(out + i, rng_draw8(&lanes, i, zig_pair, &missed));
        n = rng_list8(rej, n, i, missed);
    }
    return n + bank_fast_portable(b, i, hi, out, rej + n);
}

__attribute__((target("avx512f"))) static int bank_fast_avx512(RngBank *b, int lo, int hi, float *out, int32_t *rej)
{
    const RngLanes lanes = rng_lanes(b);
    int n = 0, i = lo;
    for (; i + 16 <= hi; i += 16) {
        __mmask16 missed;
        _mm512_storeu_ps(out + i, rng_draw16(&lanes, i, zig_pair, &missed));
        n = rng_list16(rej, n, i, missed);
    }
    return n + bank_fast_portable(b, i, hi, out, rej + n);
}
#endif

/* The normal of stream i whose draw w (already taken: the state is past it)
 * missed the fast path; goes on with the stream as rng_normal() does. */
static float bank_finish(RngBank *b, int i, uint32_t w)
{
    Rng r = { { b->s0[i], b->s1[i], b->s2[i], b->s3[i] } };
    float x = zig_slow(&r, w);
    b->s0[i] = r.s[0]; b->s1[i] = r.s[1]; b->s2[i] = r.s[2]; b->s3[i] = r.s[3];
    return x;
}

int rng_simd_level(int max)
{
    int level = RNG_SIMD_PORTABLE;
#ifdef RNG_HAVE_X86_BLOCKS
    if (__builtin_cpu_supports("avx2")) level = RNG_SIMD_AVX2;
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl")) level = RNG_SIMD_AVX512;
#endif
    return max > 0 && max < level ? max : level;
}

#ifdef RNG_HAVE_X86_BLOCKS
/* zig_slow from the point where the wedge test of draw w (layer > 0) was
 * left undecided by the chord: the uniform height y is drawn (the state is
 * past it), the exact test decides. */
static float zig_wedge_exact(Rng *r, uint32_t w, float y)
{
    int i = (int)(w & (ZIG_C - 1));
    double x = (double)zig_u(w) * zig_x[i];
    if (zig_f[i] + (double)y * (zig_f[i + 1] - zig_f[i]) < exp(-0.5 * x * x)) return (float)x;
    return zig_slow(r, next32(r));
}

#define FINISH_ROUNDS 4   /* vector rounds before the last lanes go on in scalar code */

/* rng_next8 for the streams in `lanes` only; the others keep their state. */
static inline __attribute__((always_inline, target("avx512f,avx512vl"))) __m256i next8_lanes(__m256i s[4], __mmask8 lanes)
{
    __m256i t[4] = { s[0], s[1], s[2], s[3] };
    __m256i out = rng_next8(t);
    for (int j = 0; j < 4; j++) s[j] = _mm256_mask_mov_epi32(s[j], lanes, t[j]);
    return out;
}

/* rng_bank_finish, eight streams at a time: zig_slow's loop with each
 * lane's state in a register, masks for the lanes still going. A round:
 * the fast test; the wedge by the chord (a fresh height from the stream);
 * a fresh draw for the lanes the wedge rejected. A lane in the tail (layer
 * 0), undecided by the chord (about 1 in 100 wedges) or still going after
 * FINISH_ROUNDS goes on in zig_slow / zig_wedge_exact from where it is.
 * The same draws and operations as zig_slow, so the same bits; about 15
 * draws a step in 1000 miss the fast path, and one by one each cost two or
 * three mispredicted branches. */
__attribute__((target("avx512f,avx512vl"))) static void bank_finish_avx512(RngBank *b, const int32_t *rej, int nrej,
                                                                          float *out)
{
    const __m256i zero = _mm256_setzero_si256();
    for (int k = 0; k < nrej; k += 8) {
        int m = nrej - k < 8 ? nrej - k : 8;
        __mmask8 todo = (__mmask8)((1u << m) - 1), by_draw = 0, by_height = 0;
        __m256i idx = _mm256_maskz_loadu_epi32(todo, rej + k);
        __m256i st[4] = { _mm256_mmask_i32gather_epi32(zero, todo, idx, b->s0, 4),
                          _mm256_mmask_i32gather_epi32(zero, todo, idx, b->s1, 4),
                          _mm256_mmask_i32gather_epi32(zero, todo, idx, b->s2, 4),
                          _mm256_mmask_i32gather_epi32(zero, todo, idx, b->s3, 4) };
        __m256i w = _mm256_mmask_i32gather_epi32(zero, todo, idx, b->draw, 4);
        __m256 res = _mm256_setzero_ps(), ys = _mm256_setzero_ps();
        for (int round = 0; round < FINISH_ROUNDS && todo; round++) {
            __m256i layer = _mm256_and_si256(w, _mm256_set1_epi32(ZIG_C - 1));
            __m256 u = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_srai_epi32(w, 8)), _mm256_set1_ps(0x1p-23f));
            __m256 au = _mm256_and_ps(u, _mm256_castsi256_ps(_mm256_set1_epi32(0x7fffffff)));
            if (round > 0) {   /* (the first draw is known to have missed: no tables to gather) */
                __m256 rf = _mm256_mmask_i32gather_ps(_mm256_setzero_ps(), todo, layer, zig_rf, 4);
                __m256 xf = _mm256_mmask_i32gather_ps(_mm256_setzero_ps(), todo, layer, zig_xf, 4);
                __mmask8 fast = _mm256_mask_cmp_ps_mask(todo, au, rf, _CMP_LT_OQ);
                res = _mm256_mask_mov_ps(res, fast, _mm256_mul_ps(u, xf));
                todo &= (__mmask8)~fast;
            }
            __mmask8 tail_lanes = _mm256_mask_cmpeq_epi32_mask(todo, layer, zero);
            by_draw |= tail_lanes;
            todo &= (__mmask8)~tail_lanes;
            if (!todo) break;
            /* the height: next32 >> 8, times 2^-24 (uniform24) */
            __m256i y32 = next8_lanes(st, todo);
            __m256 y = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_srli_epi32(y32, 8)), _mm256_set1_ps(0x1p-24f));
            __m512d yd = _mm512_cvtps_pd(y);
            __m512d xi = _mm512_mask_i32gather_pd(_mm512_setzero_pd(), todo, layer, zig_x, 8);
            __m512d x = _mm512_mul_pd(_mm512_cvtps_pd(u), xi);
            __m512d tt = _mm512_mul_pd(_mm512_sub_pd(xi, _mm512_abs_pd(x)),
                                       _mm512_mask_i32gather_pd(_mm512_setzero_pd(), todo, layer, zig_inv_w, 8));
            __m512d lo = _mm512_mask_i32gather_pd(_mm512_setzero_pd(), todo, layer, zig_sq_lo, 8);
            __m512d hi = _mm512_mask_i32gather_pd(_mm512_setzero_pd(), todo, layer, zig_sq_hi, 8);
            __mmask8 acc = _mm512_mask_cmp_pd_mask(todo, yd, _mm512_add_pd(tt, lo), _CMP_LT_OQ);
            res = _mm256_mask_mov_ps(res, acc, _mm512_cvtpd_ps(x));
            todo &= (__mmask8)~acc;
            __mmask8 undecided = _mm512_mask_cmp_pd_mask(todo, yd, _mm512_add_pd(tt, hi), _CMP_LE_OQ);
            by_height |= undecided;
            ys = _mm256_mask_mov_ps(ys, undecided, y);
            todo &= (__mmask8)~undecided;
            /* rejected by the wedge: a fresh draw */
            w = _mm256_mask_mov_epi32(w, todo, next8_lanes(st, todo));
        }
        by_draw |= todo;          /* still going: on from its current draw */
        uint32_t sa[8], sc[8], sd[8], se[8], sw[8];
        float fr[8], fy[8];
        _mm256_storeu_si256((__m256i *)sa, st[0]); _mm256_storeu_si256((__m256i *)sc, st[1]);
        _mm256_storeu_si256((__m256i *)sd, st[2]); _mm256_storeu_si256((__m256i *)se, st[3]);
        _mm256_storeu_si256((__m256i *)sw, w);
        _mm256_storeu_ps(fr, res); _mm256_storeu_ps(fy, ys);
        for (int l = 0; l < m; l++) {
            int i = rej[k + l];
            Rng r = { { sa[l], sc[l], sd[l], se[l] } };
            float x = fr[l];
            if (by_draw >> l & 1) x = zig_slow(&r, sw[l]);
            else if (by_height >> l & 1) x = zig_wedge_exact(&r, sw[l], fy[l]);
            out[i] = x;
            b->s0[i] = r.s[0]; b->s1[i] = r.s[1]; b->s2[i] = r.s[2]; b->s3[i] = r.s[3];
        }
    }
}
#endif

void rng_bank_finish(RngBank *b, const int32_t *rej, int nrej, float *out)
{
#ifdef RNG_HAVE_X86_BLOCKS
    if (b->level >= RNG_SIMD_AVX512) {
        bank_finish_avx512(b, rej, nrej, out);
        return;
    }
#endif
    for (int k = 0; k < nrej; k++) out[rej[k]] = bank_finish(b, rej[k], b->draw[rej[k]]);
}

const uint64_t *rng_zig_pairs(void)
{
    call_once(&zig_once, zig_init);
    return zig_pair;
}

void rng_bank_normal(RngBank *b, int lo, int hi, float *out)
{
    /* the draws that miss the fast path are listed in this range's own part
     * of rejected[], so that workers on other ranges do not share it */
    int32_t *rej = b->rejected + lo;
    int nrej;
    switch (b->level) {
#ifdef RNG_HAVE_X86_BLOCKS
    case RNG_SIMD_AVX512: nrej = bank_fast_avx512(b, lo, hi, out, rej); break;
    case RNG_SIMD_AVX2: nrej = bank_fast_avx2(b, lo, hi, out, rej); break;
#endif
    default: nrej = bank_fast_portable(b, lo, hi, out, rej); break;
    }
    /* Pass 3: the rare rejects (about 1 draw in 150) go on with the same
     * stream, so the result is the same as rng_normal() on that stream. */
    rng_bank_finish(b, rej, nrej, out);
}
