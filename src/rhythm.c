/*
 * rhythm.c - Welch spectrum, peaks, strength and spectrogram columns of the
 * population rate (definitions in rhythm.h), on FFTW3: r2c plans of
 * RHYTHM_SEG (and RHYTHM_LSEG) points per object, planned once
 * (FFTW_ESTIMATE: the same plan, so the same bits, in every process),
 * executed for every segment.
 */
#include "rhythm.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <fftw3.h>

#define FS_HZ 1000.0
#define NBIN (RHYTHM_SEG / 2 + 1)
#define LNBIN (RHYTHM_LSEG / 2 + 1)
#define LK (RHYTHM_LTOP * RHYTHM_LRES)     /* the long spectrum's last S bin */

/* The bands: conventional names; the beta/gamma boundary (25 ... 30 Hz in
 * the literature) at 27.5 Hz separates this network's two fast rhythms, the
 * ~24 Hz one at sigma_I = 0 (22-26 Hz over 8 seeds) and the Fig. 3 gamma
 * (centred at 29-35 Hz). Half-integer edges keep every 1 Hz bin inside one
 * band. */
const RhythmBand RHYTHM_BANDS[RHYTHM_NBANDS] = {
    { "delta", "\xce\xb4", 1.0, 3.5 },
    { "theta", "\xce\xb8", 3.5, 7.5 },
    { "alpha", "\xce\xb1", 7.5, 12.5 },
    { "beta", "\xce\xb2", 12.5, 27.5 },
    { "gamma", "\xce\xb3", 27.5, 100.0 },
};

/* FFTW's planner is not thread-safe (its execution is): every plan of the
 * model (here and analysis.c's) is made and destroyed under this one lock,
 * so that a library caller's threads (izhiscope.h), a sweep's workers and
 * the window's threads may create their Welch and Analysis objects at once. */
static pthread_mutex_t planner = PTHREAD_MUTEX_INITIALIZER;

void rhythm_planner_lock(void) { pthread_mutex_lock(&planner); }
void rhythm_planner_unlock(void) { pthread_mutex_unlock(&planner); }

/* One FFTW r2c transform of len points with its buffers. */
typedef struct Fft {
    int len;
    double *in;
    fftw_complex *out;
    fftw_plan plan;
} Fft;

static int fft_init(Fft *f, int len)
{
    f->len = len;
    f->in = fftw_malloc(sizeof(double) * (size_t)len);
    f->out = fftw_malloc(sizeof(fftw_complex) * (size_t)(len / 2 + 1));
    if (!f->in || !f->out) return -1;
    rhythm_planner_lock();
    f->plan = fftw_plan_dft_r2c_1d(len, f->in, f->out, FFTW_ESTIMATE);
    rhythm_planner_unlock();
    return f->plan ? 0 : -1;
}

static void fft_free(Fft *f)
{
    if (f->plan) {
        rhythm_planner_lock();
        fftw_destroy_plan(f->plan);
        rhythm_planner_unlock();
    }
    fftw_free(f->in);
    fftw_free(f->out);
}

/* Periodic Hann window of len samples into w; returns sum w^2. */
static double hann(double *w, int len)
{
    const double two_pi = 6.283185307179586476925;
    double s2 = 0.0;
    for (int i = 0; i < len; i++) {
        w[i] = 0.5 - 0.5 * cos(two_pi * i / len);
        s2 += w[i] * w[i];
    }
    return s2;
}

/* One-sided density of f->in (already windowed) into P[0 ... len/2]:
 * added to P when add, else stored. */
static void density(Fft *f, double scale, double *P, int add)
{
    fftw_execute(f->plan);
    for (int m = 0; m <= f->len / 2; m++) {
        double re = f->out[m][0], im = f->out[m][1];
        double c = (m == 0 || m == f->len / 2) ? 1.0 : 2.0;
        double p = c * (re * re + im * im) * scale;
        P[m] = add ? P[m] + p : p;
    }
}

/* ---- Welch ------------------------------------------------------------ */

/* One Welch average: segments of len samples every hop. */
typedef struct Avg {
    Fft fft;
    int len, hop;
    double *window;
    double scale;                    /* 1 / (fs sum w^2) */
    int32_t *ring;                   /* the last len counts */
    double *sum, *avg;               /* densities summed over segments; their mean */
    int segments;
} Avg;

static int avg_init(Avg *a, int len, int hop)
{
    a->len = len;
    a->hop = hop;
    a->window = malloc(sizeof(double) * (size_t)len);
    a->ring = malloc(sizeof(int32_t) * (size_t)len);
    a->sum = calloc((size_t)(len / 2 + 1), sizeof(double));
    a->avg = calloc((size_t)(len / 2 + 1), sizeof(double));
    if (!a->window || !a->ring || !a->sum || !a->avg || fft_init(&a->fft, len) != 0) return -1;
    a->scale = 1.0 / (FS_HZ * hann(a->window, len));
    return 0;
}

static void avg_free(Avg *a)
{
    fft_free(&a->fft);
    free(a->window);
    free(a->ring);
    free(a->sum);
    free(a->avg);
}

/* The segment of the last len samples (samples added so far), oldest first. */
static void avg_segment(Avg *a, int64_t samples, double per)
{
    int start = (int)(samples % a->len);
    double mean = 0.0;
    for (int i = 0; i < a->len; i++) {
        double x = a->ring[(start + i) % a->len] * per;
        a->fft.in[i] = x;
        mean += x;
    }
    mean /= a->len;
    for (int i = 0; i < a->len; i++) a->fft.in[i] = (a->fft.in[i] - mean) * a->window[i];
    density(&a->fft, a->scale, a->sum, 1);
    a->segments++;
}

/* Sample number `samples` (counted from 0) is c. */
static void avg_add(Avg *a, int64_t samples, int32_t c, double per)
{
    a->ring[samples % a->len] = c;
    samples++;
    if (samples >= a->len && (samples - a->len) % a->hop == 0) avg_segment(a, samples, per);
}

static const double *avg_density(const Avg *a)
{
    for (int k = 0; k <= a->len / 2; k++) a->avg[k] = a->segments ? a->sum[k] / a->segments : 0.0;
    return a->avg;
}

struct Welch {
    int n;
    Avg s, l;                        /* the 1 s and the long spectrum */
    int64_t samples, spikes;
};

Welch *welch_create(int n)
{
    if (n < 1) return NULL;
    Welch *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    if (avg_init(&w->s, RHYTHM_SEG, RHYTHM_HOP) != 0 || avg_init(&w->l, RHYTHM_LSEG, RHYTHM_LHOP) != 0) {
        welch_destroy(w);
        return NULL;
    }
    w->n = n;
    return w;
}

void welch_destroy(Welch *w)
{
    if (!w) return;
    avg_free(&w->s);
    avg_free(&w->l);
    free(w);
}

void welch_reset(Welch *w)
{
    w->samples = w->spikes = 0;
    w->s.segments = w->l.segments = 0;
    memset(w->s.sum, 0, sizeof(double) * NBIN);
    memset(w->l.sum, 0, sizeof(double) * LNBIN);
}

void welch_add(Welch *w, const int32_t *counts, int64_t len)
{
    const double per = FS_HZ / w->n;    /* Hz of one spike */
    for (int64_t i = 0; i < len; i++) {
        avg_add(&w->s, w->samples, counts[i], per);
        avg_add(&w->l, w->samples, counts[i], per);
        w->spikes += counts[i];
        w->samples++;
    }
}

int welch_segments(const Welch *w) { return w->s.segments; }
int welch_long_segments(const Welch *w) { return w->l.segments; }

/* The averages are caches of the sums. */
const double *welch_density(const Welch *w) { return avg_density(&w->s); }
const double *welch_long_density(const Welch *w) { return avg_density(&w->l); }

void welch_result(const Welch *w, RhythmResult *out)
{
    double rbar = w->samples ? (double)w->spikes * (FS_HZ / w->n) / (double)w->samples : 0.0;
    rhythm_measure(welch_density(w), w->s.segments, welch_long_density(w), w->l.segments, w->samples, rbar,
                   w->n, out);
}

/* ---- the measures ------------------------------------------------------ */

double rhythm_floor(double mean_rate_hz, int n)
{
    double p = mean_rate_hz / FS_HZ;    /* chance of a spike in a ms */
    return n > 0 ? 2.0 * mean_rate_hz * (1.0 - p) / n : 0.0;
}

/* z with P(Z > z) = p for a standard normal, by bisection on erfc. */
static double normal_isf(double p)
{
    double lo = 0.0, hi = 40.0;
    for (int i = 0; i < 200; i++) {
        double mid = 0.5 * (lo + hi);
        if (0.5 * erfc(mid / sqrt(2.0)) > p) lo = mid; else hi = mid;
    }
    return 0.5 * (lo + hi);
}

double rhythm_q(int segments)
{
    double z = normal_isf(RHYTHM_ALPHA / RHYTHM_FMAX);
    double nu = 5.43 * (segments > 0 ? segments : 1);
    double a = 2.0 / (9.0 * nu);
    double c = 1.0 - a + z * sqrt(a);
    return c * c * c;
}

double rhythm_shown_hz(double hz) { return floor(10.0 * hz + 0.5) / 10.0; }

int rhythm_band_of(double hz)
{
    const double f = rhythm_shown_hz(hz);
    for (int b = 0; b < RHYTHM_NBANDS; b++)
        if (f >= RHYTHM_BANDS[b].lo_hz &&
            (f < RHYTHM_BANDS[b].hi_hz || (b == RHYTHM_NBANDS - 1 && f <= RHYTHM_BANDS[b].hi_hz)))
            return b;
    return -1;
}

/* The peaks of one spectrum P (bins of df Hz, S up to bin K, q) whose
 * shown frequency lies in [f_lo, f_hi): each offered to its band, which
 * keeps the strongest. */
static void find_peaks(const double *P, int K, double df, double q, double f_lo, double f_hi, int is_long,
                       RhythmResult *out)
{
    double S[RHYTHM_FTOP + LK + 1];
    for (int k = 1; k <= K; k++) {
        double s = 0.0;
        int c = 0;
        for (int j = k - RHYTHM_SMOOTH; j <= k + RHYTHM_SMOOTH; j++)
            if (j >= 1) { s += P[j]; c++; }
        S[k] = s / c;
    }
    const double F = out->floor;
    for (int k = 2; k < K; k++) {
        if (!(S[k] > S[k - 1] && S[k] >= S[k + 1])) continue;
        double left = S[k], right = S[k];
        for (int j = k - 1; j >= 1 && S[j] <= S[k]; j--) if (S[j] < left) left = S[j];
        for (int j = k + 1; j <= K && S[j] <= S[k]; j++) if (S[j] < right) right = S[j];
        double B = left > right ? left : right;
        if (F > B) B = F;
        if (!(S[k] > q * B) || !(S[k] >= RHYTHM_CLEAR * F)) continue;
        /* centroid over the half-prominence stretch */
        double half = 0.5 * (S[k] + B), num = 0.0, den = 0.0;
        int lo = k, hi = k;
        while (lo > 1 && S[lo - 1] >= half) lo--;
        while (hi < K && S[hi + 1] >= half) hi++;
        for (int j = lo; j <= hi; j++) { num += j * df * (S[j] - B); den += S[j] - B; }
        double f = den > 0.0 ? num / den : k * df;
        double shown = rhythm_shown_hz(f);
        int b = rhythm_band_of(f);
        if (b < 0 || shown < f_lo || shown >= f_hi) continue;
        double excess = 0.0;
        for (int j = k - RHYTHM_SMOOTH; j <= k + RHYTHM_SMOOTH; j++)
            if (j >= 1 && P[j] > F) excess += P[j] - F;
        double m = sqrt(2.0 * excess * df) / out->mean_rate_hz;
        RhythmPeak *pk = &out->band[b];
        if (pk->found && (pk->long_spectrum > is_long || (pk->long_spectrum == is_long && pk->strength >= m)))
            continue;
        pk->found = 1;
        pk->freq_hz = f;
        pk->bin = k;
        pk->long_spectrum = is_long;
        pk->strength = m;
        pk->over_floor = F > 0.0 ? S[k] / F : INFINITY;
        pk->over_base = S[k] / B;
    }
}

void rhythm_measure(const double *P, int segments, const double *PL, int long_segments, int64_t samples,
                    double mean_rate_hz, int n, RhythmResult *out)
{
    memset(out, 0, sizeof *out);
    out->samples = samples;
    out->segments = segments;
    out->long_segments = PL ? long_segments : 0;
    out->mean_rate_hz = mean_rate_hz;
    out->floor = rhythm_floor(mean_rate_hz, n);
    out->q = rhythm_q(segments);
    out->long_q = out->long_segments > 0 ? rhythm_q(out->long_segments) : 0.0;
    if (out->long_segments < 1) out->band[0].too_short = 1;
    if (!(mean_rate_hz > 0.0)) return;
    /* delta and theta from the long spectrum, theta and up from the 1 s one */
    if (out->long_segments > 0)
        find_peaks(PL, LK, 1.0 / RHYTHM_LRES, out->long_q, RHYTHM_BANDS[0].lo_hz, RHYTHM_BANDS[2].lo_hz, 1, out);
    if (segments > 0) find_peaks(P, RHYTHM_FTOP, 1.0, out->q, RHYTHM_BANDS[1].lo_hz, INFINITY, 0, out);
}

/* ---- spectrogram ------------------------------------------------------- */

struct Spectro {
    int n;
    Fft fft;
    double window[RHYTHM_SG_WIN];
    double scale;
    double P[NBIN];
};

Spectro *spectro_create(int n)
{
    if (n < 1) return NULL;
    Spectro *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    if (fft_init(&s->fft, RHYTHM_SEG) != 0) { spectro_destroy(s); return NULL; }
    s->n = n;
    s->scale = 1.0 / (FS_HZ * hann(s->window, RHYTHM_SG_WIN));
    return s;
}

void spectro_destroy(Spectro *s)
{
    if (!s) return;
    fft_free(&s->fft);
    free(s);
}

void spectro_column(Spectro *s, const int32_t *counts, float *out_db)
{
    const double per = FS_HZ / s->n;
    int64_t total = 0;
    for (int i = 0; i < RHYTHM_SG_WIN; i++) total += counts[i];
    double mean = (double)total * per / RHYTHM_SG_WIN;
    if (total == 0) {
        for (int m = 0; m <= RHYTHM_FMAX; m++) out_db[m] = -INFINITY;
        return;
    }
    for (int i = 0; i < RHYTHM_SEG; i++)
        s->fft.in[i] = i < RHYTHM_SG_WIN ? (counts[i] * per - mean) * s->window[i] : 0.0;
    density(&s->fft, s->scale, s->P, 0);
    double F = rhythm_floor(mean, s->n);
    for (int m = 0; m <= RHYTHM_FMAX; m++)
        out_db[m] = s->P[m] > 0.0 ? (float)(10.0 * log10(s->P[m] / F)) : -INFINITY;
}
