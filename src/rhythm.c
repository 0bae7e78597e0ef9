/*
 * rhythm.c - Welch spectrum, peaks, strength and spectrogram columns of the
 * population rate (definitions in rhythm.h), on FFTW3: one r2c plan of
 * RHYTHM_SEG points per object, planned once (FFTW_ESTIMATE: the same plan,
 * so the same bits, in every process), executed for every segment.
 */
#include "rhythm.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <fftw3.h>

#define FS_HZ 1000.0
#define NBIN (RHYTHM_SEG / 2 + 1)

/* The bands: conventional names; the beta/gamma boundary (25 ... 30 Hz in
 * the literature) at 27.5 Hz separates this network's two fast rhythms, the
 * ~24 Hz one at sigma_I = 0 (22-26 Hz over 8 seeds) and the Fig. 3 gamma
 * (centred at 29-35 Hz). Half-integer edges keep every 1 Hz bin inside one
 * band. */
const RhythmBand RHYTHM_BANDS[RHYTHM_NBANDS] = {
    { "delta", 1.0, 3.5 },
    { "theta", 3.5, 7.5 },
    { "alpha", 7.5, 12.5 },
    { "beta", 12.5, 27.5 },
    { "gamma", 27.5, 100.0 },
};

/* One FFTW r2c transform of RHYTHM_SEG points with its buffers. */
typedef struct Fft {
    double *in;
    fftw_complex *out;
    fftw_plan plan;
} Fft;

static int fft_init(Fft *f)
{
    f->in = fftw_malloc(sizeof(double) * RHYTHM_SEG);
    f->out = fftw_malloc(sizeof(fftw_complex) * NBIN);
    if (!f->in || !f->out) return -1;
    f->plan = fftw_plan_dft_r2c_1d(RHYTHM_SEG, f->in, f->out, FFTW_ESTIMATE);
    return f->plan ? 0 : -1;
}

static void fft_free(Fft *f)
{
    if (f->plan) fftw_destroy_plan(f->plan);
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

/* One-sided density of f->in (already windowed) into P[0 ... NBIN-1]:
 * added to P when add, else stored. */
static void density(Fft *f, double scale, double *P, int add)
{
    fftw_execute(f->plan);
    for (int m = 0; m < NBIN; m++) {
        double re = f->out[m][0], im = f->out[m][1];
        double c = (m == 0 || m == RHYTHM_SEG / 2) ? 1.0 : 2.0;
        double p = c * (re * re + im * im) * scale;
        P[m] = add ? P[m] + p : p;
    }
}

/* ---- Welch ------------------------------------------------------------ */

struct Welch {
    int n;
    Fft fft;
    double window[RHYTHM_SEG];
    double scale;                    /* 1 / (fs sum w^2) */
    int32_t ring[RHYTHM_SEG];        /* the last RHYTHM_SEG counts */
    int64_t samples, spikes;
    double sum[NBIN];                /* densities summed over segments */
    double avg[NBIN];
    int segments;
};

Welch *welch_create(int n)
{
    if (n < 1) return NULL;
    Welch *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    if (fft_init(&w->fft) != 0) { welch_destroy(w); return NULL; }
    w->n = n;
    w->scale = 1.0 / (FS_HZ * hann(w->window, RHYTHM_SEG));
    return w;
}

void welch_destroy(Welch *w)
{
    if (!w) return;
    fft_free(&w->fft);
    free(w);
}

void welch_reset(Welch *w)
{
    w->samples = w->spikes = 0;
    w->segments = 0;
    memset(w->sum, 0, sizeof w->sum);
}

/* The segment of the last RHYTHM_SEG samples, oldest first. */
static void welch_segment(Welch *w)
{
    const double per = FS_HZ / w->n;    /* Hz of one spike */
    int start = (int)(w->samples % RHYTHM_SEG);
    double mean = 0.0;
    for (int i = 0; i < RHYTHM_SEG; i++) {
        double x = w->ring[(start + i) % RHYTHM_SEG] * per;
        w->fft.in[i] = x;
        mean += x;
    }
    mean /= RHYTHM_SEG;
    for (int i = 0; i < RHYTHM_SEG; i++) w->fft.in[i] = (w->fft.in[i] - mean) * w->window[i];
    density(&w->fft, w->scale, w->sum, 1);
    w->segments++;
}

void welch_add(Welch *w, const int32_t *counts, int64_t len)
{
    for (int64_t i = 0; i < len; i++) {
        w->ring[w->samples % RHYTHM_SEG] = counts[i];
        w->spikes += counts[i];
        w->samples++;
        if (w->samples >= RHYTHM_SEG && (w->samples - RHYTHM_SEG) % RHYTHM_HOP == 0) welch_segment(w);
    }
}

int welch_segments(const Welch *w) { return w->segments; }

const double *welch_density(const Welch *w)
{
    Welch *m = (Welch *)w;   /* the average is a cache of sum */
    for (int k = 0; k < NBIN; k++) m->avg[k] = w->segments ? w->sum[k] / w->segments : 0.0;
    return m->avg;
}

void welch_result(const Welch *w, RhythmResult *out)
{
    double rbar = w->samples ? (double)w->spikes * (FS_HZ / w->n) / (double)w->samples : 0.0;
    rhythm_measure(welch_density(w), w->segments, w->samples, rbar, w->n, out);
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

int rhythm_band_of(double hz)
{
    for (int b = 0; b < RHYTHM_NBANDS; b++)
        if (hz >= RHYTHM_BANDS[b].lo_hz &&
            (hz < RHYTHM_BANDS[b].hi_hz || (b == RHYTHM_NBANDS - 1 && hz <= RHYTHM_BANDS[b].hi_hz)))
            return b;
    return -1;
}

void rhythm_measure(const double *P, int segments, int64_t samples, double mean_rate_hz, int n,
                    RhythmResult *out)
{
    memset(out, 0, sizeof *out);
    out->samples = samples;
    out->segments = segments;
    out->mean_rate_hz = mean_rate_hz;
    out->floor = rhythm_floor(mean_rate_hz, n);
    out->q = rhythm_q(segments);
    if (segments < 1 || !(mean_rate_hz > 0.0)) return;

    enum { K = RHYTHM_FMAX };
    double S[K + 1];
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
        if (!(S[k] > out->q * B) || !(S[k] >= RHYTHM_CLEAR * F)) continue;
        /* centroid over the half-prominence stretch */
        double half = 0.5 * (S[k] + B), num = 0.0, den = 0.0;
        int lo = k, hi = k;
        while (lo > 1 && S[lo - 1] >= half) lo--;
        while (hi < K && S[hi + 1] >= half) hi++;
        for (int j = lo; j <= hi; j++) { num += j * (S[j] - B); den += S[j] - B; }
        double f = den > 0.0 ? num / den : (double)k;
        int b = rhythm_band_of(f);
        if (b < 0 || (out->band[b].found && S[out->band[b].bin] >= S[k])) continue;
        double excess = 0.0;
        for (int j = k - RHYTHM_SMOOTH; j <= k + RHYTHM_SMOOTH; j++)
            if (j >= 1 && P[j] > F) excess += P[j] - F;
        RhythmPeak *pk = &out->band[b];
        pk->found = 1;
        pk->freq_hz = f;
        pk->bin = k;
        pk->strength = sqrt(2.0 * excess) / mean_rate_hz;
        pk->over_floor = F > 0.0 ? S[k] / F : INFINITY;
        pk->over_base = S[k] / B;
    }
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
    if (fft_init(&s->fft) != 0) { spectro_destroy(s); return NULL; }
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
