/*
 * rhythm.h - the population rhythm measures, defined once: the live window's
 * spectrum panel and readouts, its spectrogram, `--stats` and the "rhythm"
 * figure all call this module. C11 + libm + FFTW3 (double precision); no
 * SDL, no I/O. One thread per object; objects may be created and freed
 * from any threads at once (their FFTW plans are made under one lock,
 * rhythm_planner_lock).
 *
 * The signal: the population rate r[t] of all N neurons in 1 ms bins,
 *   r[t] = (spikes at ms t) * 1000 / N   (Hz: spikes per neuron per second).
 *
 * Spectrum (Welch): segments of RHYTHM_SEG = 1000 samples starting at the
 * first analysed sample and every RHYTHM_HOP = 500 after it (a partial last
 * segment is not used), each minus its own mean, times a periodic Hann
 * window w; one-sided power spectral density of the rate in Hz^2/Hz,
 *   P[m] = c_m |sum_t w[t] x[t] e^{-2 pi i m t / L}|^2 / (fs sum_t w[t]^2),
 * L = 1000, fs = 1000 Hz, c_m = 2 (c_0 = c_{L/2} = 1), averaged over the
 * segments. Bin m is m Hz. This is scipy.signal.welch(x, 1000, 'hann',
 * 1000, 500, detrend='constant', scaling='density') and Octave's pwelch with
 * the same arguments.
 *
 * The long spectrum: the same with L = RHYTHM_LSEG = 4000 samples every
 * RHYTHM_LHOP = 2000 (welch(x, 1000, 'hann', 4000, 2000)); bin m is m / 4
 * Hz. One second holds too few cycles of a slow rhythm, and a 1 Hz bin
 * cannot place it: the slow rhythms are measured on this one (see Bands).
 *
 * Floor: F = 2 rbar (1 - rbar dt) / N, dt = 1 ms, rbar the mean rate over
 * the analysed span (Hz): the flat spectrum N independent neurons firing at
 * random (at most once a ms) with that rate would give. A rhythm is power
 * above it; independent firing of any N has none.
 *
 * Peaks, found the same way in each spectrum, its bin width df (1 Hz, or
 * 1/4 Hz in the long one). S[k] = mean of P[k-2 .. k+2] (bins >= 1): the
 * spectrum smoothed over +-2 bins (+-2 Hz; +-0.5 Hz in the long one), for
 * k = 1 ... K, K df = RHYTHM_FTOP = 110 Hz (the long one: RHYTHM_LTOP = 12
 * Hz), past the last frequency reported so that a rhythm at 98-100 Hz has a
 * valley above it. Bin k (2 <= k < K) is a peak when
 *   1. it is a local maximum of S (S[k] > S[k-1] and S[k] >= S[k+1]);
 *   2. it is significant: S[k] > q * B[k]. B[k] is the larger of F and the
 *      two valleys beside the peak: the least S between k and the nearest
 *      bin on each side with S above S[k] (or the end of 1 ... K; a
 *      maximum rising to the end has its valley there at S[k] itself, so it
 *      never passes: a rising edge is not a peak). q is the
 *      (1 - RHYTHM_ALPHA / 100) quantile of chi^2_nu / nu (Wilson-Hilferty),
 *      nu = 5.43 K_s for K_s Welch segments: 2K_s / (1 + 2 * (1/6)^2)
 *      degrees of freedom for Hann segments overlapping by half (Welch
 *      1967), times 2.87, the independent bins in a 5-bin mean of
 *      Hann-windowed bins (white noise: correlation 4/9 one bin apart, 1/36
 *      two apart). So in a spectrum with no rhythm a peak is falsely
 *      reported with probability at most about RHYTHM_ALPHA over 100 bins;
 *   3. it is clear: S[k] >= RHYTHM_CLEAR * F. Single neurons' own spike
 *      patterns (refractoriness, bursts), with no synchrony at all, put up
 *      to ~2.3 F into the population spectrum (measured: Fig. 3 at sigma_E
 *      = 0); a rhythm is required to stand above that.
 * Its frequency f is the centroid (bin k is k df Hz) of S - B[k] over the
 * contiguous bins around k where S >= (S[k] + B[k]) / 2 (half its
 * prominence).
 *
 * Bands. A peak is named by its frequency as shown, f rounded to 0.1 Hz
 * (half up): the band of RHYTHM_BANDS with lo <= f < hi (gamma: f <= 100);
 * a peak shown at 7.5 Hz is alpha, at 27.5 Hz gamma, at 100.1 Hz none.
 * Where each frequency is measured: delta only in the long spectrum,
 * alpha, beta and gamma only in the 1 s one, theta in both: the long
 * spectrum's peaks shown below 7.5 Hz and the 1 s spectrum's shown at 3.5 Hz
 * or above are the candidates (so a rhythm near 3.5 or 7.5 Hz is a candidate
 * in some spectrum on whichever side it is shown, and never in two bands).
 * A span with no long segment (under RHYTHM_LSEG ms) has no delta: its
 * readout says the span is too short (RhythmPeak.too_short).
 * Each band reports its candidate with the largest strength (below), a
 * long-spectrum candidate before any 1 s one (theta: its frequency is the
 * finer), or none ("no clear peak"). A harmonic is a peak of its own band
 * (sigma_I = 0: the 24 Hz beta and its 2nd harmonic at 47 Hz, "gamma").
 *
 * Strength of a peak: the amplitude of the rate oscillation within +-2 bins
 * of bin k relative to the mean rate,
 *   m = sqrt(2 sum_{j=k-2..k+2, j>=1} max(0, P[j] - F) * df) / rbar,
 * so r(t) = rbar (1 + m cos(2 pi f t)) gives m, for any N (the floor, which
 * shrinks as 1/N, is taken out) and either spectrum. Shown as a percentage.
 * m is an amplitude, not a share: a rate that swings from silence to twice
 * its mean and back is m = 100 %; trains of synchronous volleys with silence
 * between them have a large harmonic content and give m above 100 % (a
 * population rate that is one volley a cycle, r = rbar T delta-train, has m
 * = 200 % at every harmonic).
 *
 * Spectrogram column: the same density of one 250 ms stretch (Hann window
 * of RHYTHM_SG_WIN samples, zero-padded to 1000: 1 Hz bins), in dB over the
 * floor of that stretch's own mean rate.
 */
#ifndef IZHI_RHYTHM_H
#define IZHI_RHYTHM_H

#include <stdint.h>

#define RHYTHM_SEG 1000         /* samples (ms) per Welch segment: 1 Hz bins */
#define RHYTHM_HOP 500          /* samples between segment starts */
#define RHYTHM_FMAX 100         /* reported and shown: 1 ... 100 Hz */
#define RHYTHM_FTOP 110         /* S and its valleys: 1 ... 110 Hz */
#define RHYTHM_SMOOTH 2         /* S and the strength use bins k-2 ... k+2 */
#define RHYTHM_LSEG 4000        /* samples per long segment: 1/4 Hz bins */
#define RHYTHM_LHOP 2000        /* samples between long segment starts */
#define RHYTHM_LRES 4           /* long-spectrum bins per Hz */
#define RHYTHM_LTOP 12          /* the long spectrum's S and valleys: up to 12 Hz */
#define RHYTHM_ALPHA 0.01       /* false-peak probability over 1 ... 100 Hz */
#define RHYTHM_CLEAR 4.0        /* a peak's S is at least this many F */
#define RHYTHM_SG_WIN 250       /* samples (ms) per spectrogram column */
#define RHYTHM_NBANDS 5

/* The named bands, [lo_hz, hi_hz), ascending, covering 1 ... 100 Hz. */
typedef struct RhythmBand {
    const char *name;
    const char *symbol;         /* its Greek letter, UTF-8 (the panels' labels) */
    double lo_hz, hi_hz;
} RhythmBand;
extern const RhythmBand RHYTHM_BANDS[RHYTHM_NBANDS];

typedef struct RhythmPeak {
    int found;                  /* 0: no clear peak in this band */
    int too_short;              /* 1: not measured, the span has no long segment (delta) */
    double freq_hz;             /* centroid (see above), unrounded */
    int bin;                    /* the local maximum k of S (of its spectrum) */
    int long_spectrum;          /* 1: found in the long spectrum (bin k is k/4 Hz) */
    double strength;            /* m: oscillation amplitude / mean rate */
    double over_floor;          /* S[k] / F */
    double over_base;           /* S[k] / B[k] (> q when found) */
} RhythmPeak;

typedef struct RhythmResult {
    int64_t samples;            /* analysed ms */
    int segments;               /* Welch segments (0: shorter than RHYTHM_SEG) */
    int long_segments;          /* long segments (0: shorter than RHYTHM_LSEG) */
    double mean_rate_hz;        /* rbar */
    double floor;               /* F, Hz^2/Hz */
    double q;                   /* the significance factor used (1 s spectrum) */
    double long_q;              /* and in the long one (0: none) */
    RhythmPeak band[RHYTHM_NBANDS];
} RhythmResult;

/* The lock every FFTW plan of the model is made and destroyed under
 * (FFTW's planner is not thread-safe): rhythm.c's and analysis.c's. */
void rhythm_planner_lock(void);
void rhythm_planner_unlock(void);

/* The spectrum of a span of 1 ms spike counts of an n-neuron population,
 * averaged segment by segment. Owns its FFTW plan and buffers. */
typedef struct Welch Welch;

/* NULL when out of memory or n < 1. */
Welch *welch_create(int n);
/* Frees it; NULL is a no-op. */
void welch_destroy(Welch *w);
/* Forgets every segment and sample (a new span). */
void welch_reset(Welch *w);
/* Adds the spike counts of the next `len` ms of the span (any len; segments
 * are cut as the samples arrive, so adding a span in pieces or whole gives
 * the same bits). */
void welch_add(Welch *w, const int32_t *counts, int64_t len);
/* Segments averaged so far. */
int welch_segments(const Welch *w);
/* The averaged density P[0 ... RHYTHM_SEG/2] (Hz^2/Hz), all 0 before the
 * first segment. Valid until the next call on w. */
const double *welch_density(const Welch *w);
/* Long segments averaged so far, and their density P[0 ... RHYTHM_LSEG/2]
 * (bin m is m / RHYTHM_LRES Hz), likewise. */
int welch_long_segments(const Welch *w);
const double *welch_long_density(const Welch *w);
/* The measures of the span added so far (see the top of this file). */
void welch_result(const Welch *w, RhythmResult *out);

/* The measures from the densities P[0 ... RHYTHM_FTOP + RHYTHM_SMOOTH]
 * averaged over `segments` segments and PL[0 ... RHYTHM_LTOP * RHYTHM_LRES +
 * RHYTHM_SMOOTH] over `long_segments` long ones (PL may be NULL when that is
 * 0), of an n-neuron population whose mean rate over the analysed `samples`
 * ms was mean_rate_hz. */
void rhythm_measure(const double *P, int segments, const double *PL, int long_segments, int64_t samples,
                    double mean_rate_hz, int n, RhythmResult *out);
/* The floor F of an n-neuron population at mean rate rbar (Hz). */
double rhythm_floor(double mean_rate_hz, int n);
/* The significance factor q for K Welch segments (K >= 1). */
double rhythm_q(int segments);
/* A frequency as shown: rounded to 0.1 Hz, half up. */
double rhythm_shown_hz(double hz);
/* Index into RHYTHM_BANDS of a frequency as shown (rhythm_shown_hz) in 1
 * ... 100 Hz, or -1. */
int rhythm_band_of(double hz);

/* Spectrogram columns of an n-neuron population. */
typedef struct Spectro Spectro;

/* NULL when out of memory or n < 1. */
Spectro *spectro_create(int n);
void spectro_destroy(Spectro *s);
/* One column from counts[0 ... RHYTHM_SG_WIN-1]: out_db[m], m = 0 ...
 * RHYTHM_FMAX, the density of bin m Hz in dB over the floor of this
 * stretch's mean rate. A silent stretch gives -INFINITY everywhere. */
void spectro_column(Spectro *s, const int32_t *counts, float *out_db);

#endif
