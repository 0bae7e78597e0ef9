/*
 * analysis.h - why the rhythm (issue 20): synchrony, spike-count and ISI
 * statistics, population cross-correlograms, an LFP stand-in and the phase
 * locking of spikes to it. Definitions: docs/model.md "Analysis measures";
 * this is their one implementation.
 *
 * Fed step by step (as stats.h), from the step at t = skip_ms on: the
 * step's spikes, optionally every neuron's v (NULL: no synchrony) and the
 * LFP stand-in's value (NAN: no LFP, no locking). Per-neuron sums are kept
 * as it goes; the per-step population counts and the LFP are stored (16
 * bytes a step) for the correlograms, the spectrum and the phases, so the
 * window can later feed it the span it shows. C11 and FFTW3; nothing
 * printed. One Analysis per thread; any number of threads (the FFTW plans
 * analysis_result makes are made one at a time).
 */
#ifndef IZHI_ANALYSIS_H
#define IZHI_ANALYSIS_H

#include <stdint.h>

#include "step.h"

struct Net;

/* The histograms' bins (docs/model.md "Analysis measures"). */
#define ANALYSIS_ISI_BINS 1000        /* 1 ms bins 0 ... 1000 ms, plus [1000, inf) */
#define ANALYSIS_CV_BINS 60           /* 0.05 bins 0 ... 3, plus [3, inf) */
#define ANALYSIS_CV_WIDTH 0.05
#define ANALYSIS_RATE_BINS 200        /* 1 Hz bins 0 ... 200 Hz, plus [200, inf) */
#define ANALYSIS_LAG 50               /* correlogram lags -50 ... 50 ms, 1 ms bins */
#define ANALYSIS_PSD_HZ 200           /* LFP spectrum in 1 Hz bins 0 ... 200 Hz */
#define ANALYSIS_FANO_BINS 2
extern const int ANALYSIS_FANO_MS[ANALYSIS_FANO_BINS];        /* 10, 100 */
/* Band-pass bands of the locking (rhythm.h's alpha and gamma). */
#define ANALYSIS_ALPHA_LO 7.5
#define ANALYSIS_ALPHA_HI 12.5
#define ANALYSIS_GAMMA_LO 27.5
#define ANALYSIS_GAMMA_HI 100.0

enum { ANALYSIS_E = 0, ANALYSIS_I = 1, ANALYSIS_ALL = 2 };   /* populations */
enum { ANALYSIS_EE = 0, ANALYSIS_EI = 1, ANALYSIS_II = 2 };  /* correlogram pairs */
enum { ANALYSIS_BAND_ALPHA = 0, ANALYSIS_BAND_GAMMA = 1 };

typedef struct AnalysisResult {
    int64_t steps;                       /* analysed ms */
    double chi[3];                       /* E, I, all; NAN without v (or no variance) */
    double fano[ANALYSIS_FANO_BINS];     /* of all spikes' counts in ANALYSIS_FANO_MS bins; NAN: < 2 bins */
    /* ISIs (both spikes analysed) per population: histogram as fractions */
    int64_t isi_count[2];
    double isi_hist[2][ANALYSIS_ISI_BINS + 1];
    double isi_mean_ms[2];               /* NAN: none */
    /* CV of each neuron with >= 3 spikes: their number, mean and histogram */
    int cv_neurons[2];
    double cv_mean[2];                   /* NAN: none */
    double cv_hist[2][ANALYSIS_CV_BINS + 1];
    double rate_hist[2][ANALYSIS_RATE_BINS + 1];   /* fraction of neurons */
    /* correlograms: xcorr[p][ANALYSIS_LAG + tau], tau = -50 ... 50 ms */
    double xcorr[3][2 * ANALYSIS_LAG + 1];
    int lag_ei_ms;                       /* argmax of E-I: > 0, I after E (0 when peak_ei is NAN) */
    double peak_ei;                      /* its value; NAN: a population silent */
    /* LFP stand-in: 1 Hz-bin spectrum, its peak in 1 ... 100 Hz, locking */
    int has_lfp;
    double lfp_mean;
    double lfp_psd[ANALYSIS_PSD_HZ];     /* bin f: mean density over [f, f + 1) Hz, units^2/Hz */
    double lfp_peak_hz;
    double plv[2][2];                    /* [band][E or I]; NAN without LFP or spikes */
    double phase_deg[2][2];              /* mean phase, degrees, (-180, 180]; 0: the band's peak */
} AnalysisResult;

typedef struct Analysis Analysis;

/* n neurons of which ne excitatory; the first skip_ms are not analysed.
 * NULL when out of memory. */
Analysis *analysis_create(int n, int ne, int64_t skip_ms);
void analysis_destroy(Analysis *a);
/* Forgets everything added, as if just created with skip_ms; keeps its
 * memory (the window's panel reuses one Analysis without allocating). */
void analysis_reset(Analysis *a, int64_t skip_ms);
/* Adds the next ms (the first call is t = 0): its spikes (st->spikes,
 * ascending, st->count_e of them excitatory), v (n values, the state after
 * the step; NULL: none) and the LFP stand-in (NAN: none). Once a step comes
 * without v (or without LFP) the synchrony (the LFP measures) are NAN.
 * Returns 0, or -1 when out of memory (the step is not added). */
int analysis_add(Analysis *a, const Step *st, const float *v, double lfp);
/* Computes the result over everything added: 0, or -1 out of memory. */
int analysis_result(const Analysis *a, AnalysisResult *out);

/* The LFP stand-in's weights: w[j] = |sum over excitatory posts i of
 * W[i][j]| for every neuron j of net (n values), at the default weight
 * scales. */
void analysis_lfp_weights(const struct Net *net, double *w);
/* The stand-in of one step: the sum over the step's spikes j of w[j]
 * f_j (f_j = g_E / 0.5 for excitatory j, g_I for inhibitory j). */
double analysis_lfp(const double *w, const Step *st, int ne, double f_e, double f_i);

#endif
