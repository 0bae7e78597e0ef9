/*
 * analysis.c - the measures of docs/model.md "Analysis measures": per-neuron
 * sums streamed, per-step population counts and LFP stored, the spectral
 * parts (correlograms, LFP spectrum, band-passed phase) computed at the end
 * over the whole stored span.
 */
#define _POSIX_C_SOURCE 200809L
#include "analysis.h"

#include <complex.h>
#include <fftw3.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "net.h"
#include "rng.h"         /* IZHI_SIMD_CLONES (none under ThreadSanitizer) */
#include "stats.h"

const int ANALYSIS_FANO_MS[ANALYSIS_FANO_BINS] = { 10, 100 };

/* v is summed as v - V_REF: the sums of squares then hold deviations of a
 * few mV, not 65 mV, so the variances lose no digits to cancellation. */
#define V_REF (-65.0)
#define PI 3.14159265358979323846

struct Analysis {
    int n, ne;
    int64_t skip, next_t;
    int has_v, has_lfp;
    /* per neuron */
    double *s1, *s2;          /* sums of v - V_REF and its square */
    int64_t *count, *last;    /* analysed spikes; time of the last (-1) */
    double *isum, *isq;       /* sums of ISIs and their squares, ms */
    /* per population E, I, all: sums of the population mean of v - V_REF */
    double p1[3], p2[3];
    int64_t isi_hist[2][ANALYSIS_ISI_BINS + 1];
    /* per analysed step */
    int64_t steps, cap;
    int32_t *ce, *ci;
    double *lfp;
};

Analysis *analysis_create(int n, int ne, int64_t skip_ms)
{
    if (n < 1 || ne < 0 || ne > n) return NULL;
    Analysis *a = calloc(1, sizeof *a);
    if (!a) return NULL;
    a->n = n;
    a->ne = ne;
    a->skip = skip_ms;
    a->has_v = a->has_lfp = 1;
    size_t m = (size_t)n;
    a->s1 = calloc(m, sizeof *a->s1);
    a->s2 = calloc(m, sizeof *a->s2);
    a->count = calloc(m, sizeof *a->count);
    a->last = malloc(m * sizeof *a->last);
    a->isum = calloc(m, sizeof *a->isum);
    a->isq = calloc(m, sizeof *a->isq);
    if (!a->s1 || !a->s2 || !a->count || !a->last || !a->isum || !a->isq) { analysis_destroy(a); return NULL; }
    for (int i = 0; i < n; i++) a->last[i] = -1;
    return a;
}

void analysis_destroy(Analysis *a)
{
    if (!a) return;
    free(a->s1); free(a->s2); free(a->count); free(a->last); free(a->isum); free(a->isq);
    free(a->ce); free(a->ci); free(a->lfp);
    free(a);
}

void analysis_reset(Analysis *a, int64_t skip_ms)
{
    const size_t m = (size_t)a->n;
    a->skip = skip_ms;
    a->next_t = 0;
    a->has_v = a->has_lfp = 1;
    memset(a->s1, 0, m * sizeof *a->s1);
    memset(a->s2, 0, m * sizeof *a->s2);
    memset(a->count, 0, m * sizeof *a->count);
    memset(a->isum, 0, m * sizeof *a->isum);
    memset(a->isq, 0, m * sizeof *a->isq);
    for (int i = 0; i < a->n; i++) a->last[i] = -1;
    memset(a->p1, 0, sizeof a->p1);
    memset(a->p2, 0, sizeof a->p2);
    memset(a->isi_hist, 0, sizeof a->isi_hist);
    a->steps = 0;
}

static int grow(Analysis *a)
{
    if (a->steps < a->cap) return 0;
    int64_t cap = a->cap ? 2 * a->cap : 4096;
    int32_t *ce = realloc(a->ce, (size_t)cap * sizeof *ce);
    if (!ce) return -1;
    a->ce = ce;
    int32_t *ci = realloc(a->ci, (size_t)cap * sizeof *ci);
    if (!ci) return -1;
    a->ci = ci;
    double *l = realloc(a->lfp, (size_t)cap * sizeof *l);
    if (!l) return -1;
    a->lfp = l;
    a->cap = cap;
    return 0;
}

/* v - V_REF, at or above threshold counted as NET_V_PEAK (the drawn trace's convention) */
static inline double v_dev(float v)
{
    return (v >= NET_V_PEAK ? (double)NET_V_PEAK : (double)v) - V_REF;
}

/* Adds each neuron's v - V_REF of [lo, hi) and its square to s1[] and s2[]
 * (the drawn trace's convention: at or above threshold counts as
 * NET_V_PEAK) and returns their sum over the neurons. The sum is kept in
 * eight partial sums (lane l: neurons lo + l, lo + l + 8, ...) added
 * pairwise at the end, one fixed order on every machine: a single running
 * sum made every step wait ~1000 dependent additions, 40 % of a sweep's
 * time (perf, issue 19). The same IEEE operations in every clone (no
 * contraction under -std=c11): the same bits. */
IZHI_SIMD_CLONES static double v_sums(const float *v, double *restrict s1, double *restrict s2, int lo, int hi)
{
    double acc[8] = { 0 }, tail = 0.0;
    int i = lo;
    for (; i + 8 <= hi; i += 8)
        for (int l = 0; l < 8; l++) {
            const double x = v_dev(v[i + l]);
            s1[i + l] += x;
            s2[i + l] += x * x;
            acc[l] += x;
        }
    for (; i < hi; i++) {
        const double x = v_dev(v[i]);
        s1[i] += x;
        s2[i] += x * x;
        tail += x;
    }
    return (((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]))) + tail;
}

int analysis_add(Analysis *a, const Step *st, const float *v, double lfp)
{
    int64_t now = a->next_t;
    if (now < a->skip) { a->next_t++; return 0; }
    if (grow(a) != 0) return -1;
    a->next_t++;
    a->ce[a->steps] = st->count_e;
    a->ci[a->steps] = st->count - st->count_e;
    a->lfp[a->steps] = lfp;
    a->steps++;
    if (isnan(lfp)) a->has_lfp = 0;
    for (int k = 0; k < st->count; k++) {
        int j = st->spikes[k];
        if (j < 0 || j >= a->n) continue;
        if (a->last[j] >= 0) {
            double isi = (double)(now - a->last[j]);
            a->isum[j] += isi;
            a->isq[j] += isi * isi;
            int64_t b = now - a->last[j];
            a->isi_hist[j >= a->ne][b < ANALYSIS_ISI_BINS ? b : ANALYSIS_ISI_BINS]++;
        }
        a->last[j] = now;
        a->count[j]++;
    }
    if (!v) { a->has_v = 0; return 0; }
    if (!a->has_v) return 0;
    double pop[2] = { v_sums(v, a->s1, a->s2, 0, a->ne), v_sums(v, a->s1, a->s2, a->ne, a->n) };
    const int ni = a->n - a->ne;
    double m[3] = { a->ne ? pop[0] / a->ne : 0.0, ni ? pop[1] / ni : 0.0, (pop[0] + pop[1]) / a->n };
    for (int p = 0; p < 3; p++) {
        a->p1[p] += m[p];
        a->p2[p] += m[p] * m[p];
    }
    return 0;
}

/* Pearson-normalised cross-covariance of x and y at lags -L ... L:
 * out[L + tau] = mean over t of (x_t - mx)(y_{t+tau} - my) / (sx sy). */
static void correlogram(const int32_t *x, const int32_t *y, int64_t T, double *out)
{
    double mx = 0, my = 0, vx = 0, vy = 0;
    for (int64_t t = 0; t < T; t++) { mx += x[t]; my += y[t]; }
    mx /= (double)T;
    my /= (double)T;
    for (int64_t t = 0; t < T; t++) {
        vx += (x[t] - mx) * (x[t] - mx);
        vy += (y[t] - my) * (y[t] - my);
    }
    double sd = sqrt(vx / (double)T) * sqrt(vy / (double)T);
    for (int tau = -ANALYSIS_LAG; tau <= ANALYSIS_LAG; tau++) {
        int64_t from = tau < 0 ? -tau : 0, to = tau > 0 ? T - tau : T;
        double s = 0;
        for (int64_t t = from; t < to; t++) s += (x[t] - mx) * (y[t + tau] - my);
        out[ANALYSIS_LAG + tau] = to > from && sd > 0 ? s / (double)(to - from) / sd : NAN;
    }
}

/* FFTW's planner is not thread-safe (its execution is): the plans made
 * here, from any thread (a sweep's workers, later the window's analysis
 * thread), are made and destroyed one at a time, under rhythm.c's lock
 * (the one lock of every plan of the model). */

static fftw_plan plan_r2c(int n, double *in, fftw_complex *out)
{
    rhythm_planner_lock();
    fftw_plan p = fftw_plan_dft_r2c_1d(n, in, out, FFTW_ESTIMATE);
    rhythm_planner_unlock();
    return p;
}

static fftw_plan plan_c2c(int n, fftw_complex *z)
{
    rhythm_planner_lock();
    fftw_plan p = fftw_plan_dft_1d(n, z, z, FFTW_BACKWARD, FFTW_ESTIMATE);
    rhythm_planner_unlock();
    return p;
}

static void plan_destroy(fftw_plan p)
{
    rhythm_planner_lock();
    fftw_destroy_plan(p);
    rhythm_planner_unlock();
}

/* The LFP's periodogram in 1 Hz bins, its peak in 1 ... 100 Hz, and the
 * locking of E and I spikes to its alpha and gamma phases. */
static int lfp_measures(const Analysis *a, AnalysisResult *r)
{
    const int64_t T = a->steps;
    const int64_t H = T / 2 + 1;
    double *in = fftw_malloc((size_t)T * sizeof *in);
    fftw_complex *spec = fftw_malloc((size_t)H * sizeof *spec);
    fftw_complex *z = fftw_malloc((size_t)T * sizeof *z);
    double *p = malloc((size_t)H * sizeof *p);
    if (!in || !spec || !z || !p) { fftw_free(in); fftw_free(spec); fftw_free(z); free(p); return -1; }
    double mean = 0;
    for (int64_t t = 0; t < T; t++) mean += a->lfp[t];
    mean /= (double)T;
    r->lfp_mean = mean;
    /* spectrum: minus the mean, periodic Hann window, one-sided density */
    double w2 = 0;
    for (int64_t t = 0; t < T; t++) {
        double w = 0.5 * (1.0 - cos(2.0 * PI * (double)t / (double)T));
        in[t] = w * (a->lfp[t] - mean);
        w2 += w * w;
    }
    fftw_plan pl = plan_r2c((int)T, in, spec);
    if (!pl) goto oom;
    fftw_execute(pl);
    plan_destroy(pl);
    for (int64_t k = 0; k < H; k++) {
        double m2 = creal(spec[k]) * creal(spec[k]) + cimag(spec[k]) * cimag(spec[k]);
        int edge = k == 0 || (T % 2 == 0 && k == T / 2);
        p[k] = (edge ? 1.0 : 2.0) * m2 / (1000.0 * w2);
    }
    double best = -1;
    r->lfp_peak_hz = NAN;
    for (int f = 0; f < ANALYSIS_PSD_HZ; f++) {
        double s = 0;
        int c = 0;
        for (int64_t k = (int64_t)ceil((double)f * (double)T / 1000.0); k < H; k++) {
            double fk = (double)k * 1000.0 / (double)T;
            if (fk >= f + 1) break;
            if (fk >= f) { s += p[k]; c++; }
        }
        r->lfp_psd[f] = c ? s / c : NAN;
    }
    for (int64_t k = 1; k < H; k++) {
        double fk = (double)k * 1000.0 / (double)T;
        if (fk < 1.0) continue;
        if (fk > 100.0) break;
        if (p[k] > best) { best = p[k]; r->lfp_peak_hz = fk; }
    }
    /* phases: the FFT of the span minus its mean, every component outside
     * [lo, hi] Hz zeroed, the positive ones doubled (the analytic signal) */
    for (int64_t t = 0; t < T; t++) in[t] = a->lfp[t] - mean;
    pl = plan_r2c((int)T, in, spec);
    if (!pl) goto oom;
    fftw_execute(pl);
    plan_destroy(pl);
    static const double band[2][2] = { { ANALYSIS_ALPHA_LO, ANALYSIS_ALPHA_HI },
                                       { ANALYSIS_GAMMA_LO, ANALYSIS_GAMMA_HI } };
    for (int b = 0; b < 2; b++) {
        for (int64_t k = 0; k < T; k++) z[k] = 0;
        for (int64_t k = 1; k < H; k++) {
            double fk = (double)k * 1000.0 / (double)T;
            if (fk >= band[b][0] && fk <= band[b][1] && !(T % 2 == 0 && k == T / 2)) z[k] = 2.0 * spec[k];
        }
        pl = plan_c2c((int)T, z);
        if (!pl) goto oom;
        fftw_execute(pl);
        plan_destroy(pl);
        for (int pop = 0; pop < 2; pop++) {
            const int32_t *c = pop ? a->ci : a->ce;
            double complex s = 0;
            double total = 0;
            for (int64_t t = 0; t < T; t++) {
                if (!c[t]) continue;
                double mag = cabs(z[t]);
                if (mag > 0) s += c[t] * (z[t] / mag);
                total += c[t];
            }
            r->plv[b][pop] = total > 0 ? cabs(s) / total : NAN;
            r->phase_deg[b][pop] = total > 0 ? carg(s) * 180.0 / PI : NAN;
        }
    }
    fftw_free(in);
    fftw_free(spec);
    fftw_free(z);
    free(p);
    return 0;
oom:
    fftw_free(in);
    fftw_free(spec);
    fftw_free(z);
    free(p);
    return -1;
}

int analysis_result(const Analysis *a, AnalysisResult *r)
{
    memset(r, 0, sizeof *r);
    const int64_t T = a->steps;
    const double Td = (double)T;
    r->steps = T;
    const int ni = a->n - a->ne;
    const int size[3] = { a->ne, ni, a->n };
    /* synchrony */
    for (int p = 0; p < 3; p++) {
        r->chi[p] = NAN;
        if (!a->has_v || T < 1 || size[p] < 1) continue;
        int lo = p == ANALYSIS_I ? a->ne : 0, hi = p == ANALYSIS_E ? a->ne : a->n;
        double cells = 0;
        for (int i = lo; i < hi; i++) {
            double m = a->s1[i] / Td;
            cells += a->s2[i] / Td - m * m;
        }
        cells /= size[p];
        double m = a->p1[p] / Td, pop = a->p2[p] / Td - m * m;
        if (cells > 0) r->chi[p] = sqrt((pop > 0 ? pop : 0.0) / cells);
    }
    /* Fano factor of all spikes' counts in whole bins */
    for (int f = 0; f < ANALYSIS_FANO_BINS; f++) {
        int64_t B = ANALYSIS_FANO_MS[f], M = T / B;
        r->fano[f] = NAN;
        if (M < 2) continue;
        double s = 0, s2 = 0;
        for (int64_t k = 0; k < M; k++) {
            double c = 0;
            for (int64_t t = k * B; t < (k + 1) * B; t++) c += a->ce[t] + a->ci[t];
            s += c;
            s2 += c * c;
        }
        double m = s / (double)M, var = s2 / (double)M - m * m;
        if (m > 0) r->fano[f] = var / m;
    }
    /* ISIs, CVs, rates */
    for (int p = 0; p < 2; p++) {
        int64_t c = 0;
        double sum = 0;
        for (int b = 0; b <= ANALYSIS_ISI_BINS; b++) c += a->isi_hist[p][b];
        int lo = p ? a->ne : 0, hi = p ? a->n : a->ne;
        for (int i = lo; i < hi; i++) sum += a->isum[i];
        r->isi_count[p] = c;
        r->isi_mean_ms[p] = c ? sum / (double)c : NAN;
        for (int b = 0; b <= ANALYSIS_ISI_BINS; b++) r->isi_hist[p][b] = c ? (double)a->isi_hist[p][b] / (double)c : 0.0;
        int ncv = 0;
        double cvsum = 0;
        for (int i = lo; i < hi; i++) {
            if (a->count[i] >= 3) {
                double k = (double)(a->count[i] - 1), m = a->isum[i] / k, var = a->isq[i] / k - m * m;
                double cv = sqrt(var > 0 ? var : 0.0) / m;
                ncv++;
                cvsum += cv;
                int b = (int)floor(cv / ANALYSIS_CV_WIDTH);
                r->cv_hist[p][b < ANALYSIS_CV_BINS ? b : ANALYSIS_CV_BINS] += 1.0;
            }
            if (T > 0) {
                double rate = (double)a->count[i] * 1000.0 / Td;
                int b = (int)floor(rate);
                r->rate_hist[p][b < ANALYSIS_RATE_BINS ? b : ANALYSIS_RATE_BINS] += 1.0;
            }
        }
        r->cv_neurons[p] = ncv;
        r->cv_mean[p] = ncv ? cvsum / ncv : NAN;
        for (int b = 0; b <= ANALYSIS_CV_BINS; b++) r->cv_hist[p][b] = ncv ? r->cv_hist[p][b] / ncv : 0.0;
        for (int b = 0; b <= ANALYSIS_RATE_BINS; b++) r->rate_hist[p][b] = hi > lo ? r->rate_hist[p][b] / (hi - lo) : 0.0;
    }
    /* correlograms and the E-I lag */
    r->lag_ei_ms = 0;
    r->peak_ei = NAN;
    if (T > 0) {
        correlogram(a->ce, a->ce, T, r->xcorr[ANALYSIS_EE]);
        correlogram(a->ce, a->ci, T, r->xcorr[ANALYSIS_EI]);
        correlogram(a->ci, a->ci, T, r->xcorr[ANALYSIS_II]);
        for (int k = 0; k <= 2 * ANALYSIS_LAG; k++)
            if (!isnan(r->xcorr[ANALYSIS_EI][k]) && (isnan(r->peak_ei) || r->xcorr[ANALYSIS_EI][k] > r->peak_ei)) {
                r->peak_ei = r->xcorr[ANALYSIS_EI][k];
                r->lag_ei_ms = k - ANALYSIS_LAG;
            }
    } else {
        for (int p = 0; p < 3; p++)
            for (int k = 0; k <= 2 * ANALYSIS_LAG; k++) r->xcorr[p][k] = NAN;
    }
    /* the LFP stand-in */
    r->has_lfp = a->has_lfp && T >= 2;
    for (int b = 0; b < 2; b++)
        for (int p = 0; p < 2; p++) r->plv[b][p] = r->phase_deg[b][p] = NAN;
    r->lfp_peak_hz = r->lfp_mean = NAN;
    for (int f = 0; f < ANALYSIS_PSD_HZ; f++) r->lfp_psd[f] = NAN;
    if (r->has_lfp && lfp_measures(a, r) != 0) return -1;
    return 0;
}

void analysis_lfp_weights(const Net *net, double *w)
{
    const int n = net_n(net), ne = net_ne(net);
    for (int j = 0; j < n; j++) w[j] = fabs(net_weight_sum(net, j, ne));
}

double analysis_lfp(const double *w, const Step *st, int ne, double f_e, double f_i)
{
    double s = 0;
    for (int k = 0; k < st->count; k++) {
        int j = st->spikes[k];
        s += w[j] * (j < ne ? f_e : f_i);
    }
    return s;
}
