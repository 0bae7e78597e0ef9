/*
 * anapanel.h - the analysis panel (key D) and the "analysis" figure
 * (--figure analysis): the measures of analysis.h drawn as histograms,
 * correlograms and readouts.
 *
 * The panel analyses the span the window shows, from what the render side
 * keeps of it (scope.h): which neurons spiked at each ms (the Hist). It is
 * the spike measures alone: ISI and rate histograms, CV, Fano factor, the
 * correlograms and the E-I lag, computed by analysis.c over the steps
 * rebuilt from the Hist, so with the same bits as --stats over the same
 * span. Synchrony chi needs every neuron's v at every ms and the locking
 * needs the LFP stand-in (the network's weights and the weight scales in
 * force, at every ms): the render side has neither, so the window gets
 * them by re-simulating the span (resim.h) and hands them in with
 * AnaPanelInfo's sync; a replay or an MPI run says n/a.
 *
 * The figure draws the same layout from a whole AnalysisResult (headless:
 * chi and the locking included) through draw.h, so PNG, SVG and PDF share
 * it.
 *
 * Cost: anapanel_compute walks the span's bitsets (set bits only) and
 * analysis_result's correlograms (3 x 101 products a ms): measured at
 * N = 1000, ~8 Hz, 0.4 ... 0.7 ms of CPU for a 1 s span, 1.7 ... 2.2 ms
 * for 4 s, 4.4 ... 6.1 ms for 10 s. So a span longer than ANAPANEL_MAX_MS
 * is analysed over its newest ANAPANEL_MAX_MS (said on the panel): a frame
 * that recomputes stays within the 8 ms drawing budget. Render thread
 * only; nothing allocated after anapanel_create unless the span grows.
 */
#ifndef IZHI_ANAPANEL_H
#define IZHI_ANAPANEL_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "plot.h"
#include "scope.h"

#define ANAPANEL_MAX_MS 4000         /* the longest span analysed (its newest part) */
#define ANAPANEL_ISI_MAX_MS 250      /* the ISI histogram's range, 5 ms bars */
#define ANAPANEL_ISI_BAR_MS 5

/* analysis.h's, not included here: the window has a struct of that name. */
struct AnalysisResult;
typedef struct AnaPanel AnaPanel;

/* For a network of n neurons, ne excitatory. NULL when out of memory. */
AnaPanel *anapanel_create(int n, int ne);
/* NULL is a no-op. */
void anapanel_destroy(AnaPanel *p);

/* The measures of the span [from, to) of s's history: clipped to what its
 * Hist holds, then to the newest ANAPANEL_MAX_MS. 0, or -1 (out of
 * memory; the last result stays). */
int anapanel_compute(AnaPanel *p, const Scope *s, int64_t from, int64_t to);
/* The last result and the span it covers ([*from, *to); from == to:
 * none yet). */
const struct AnalysisResult *anapanel_result(const AnaPanel *p, int64_t *from, int64_t *to);
/* Its numbers as "key value" lines (the test hook's status file, src/testhook.c):
 * ana_span, ana_cv, ana_isi_mean, ana_fano, ana_lag_ei, ana_peak_ei. */
void anapanel_status(const AnaPanel *p, char *out, size_t len);

/* What the drawing says beside the result. */
typedef struct AnaPanelInfo {
    int64_t from, to;                /* the span analysed, ms */
    int64_t shown_ms;                /* the span asked (longer: only its newest part was analysed) */
    int window;                      /* 1: the live panel (its key; chi and the locking below) */
    /* the live panel's chi and locking, re-simulated (resim.h): the newest
     * result and its span [sync_from, sync_to) (an earlier span's while the
     * one shown is computed: said on its own row), or NULL and a note in
     * their place ("computing...", "n/a: ...") */
    const struct AnalysisResult *sync;
    int64_t sync_from, sync_to;
    const char *sync_note;
} AnaPanelInfo;

/* The smallest column the live panel is legible in at p's font (its
 * widest readout, and room for three plots of two lines each): narrower
 * or lower, the window drops it. */
void anapanel_min_size(const Plot *p, int *w, int *h);
/* Draws the result in P through p's renderer or sink (plot_set_sink): a
 * title, the ISI histogram, the rate histogram, the correlograms, the
 * readouts. 0, or -1 (SDL failed). */
int anapanel_draw(Plot *p, SDL_Rect P, const PlotStyle *st, const struct AnalysisResult *r, const AnaPanelInfo *info);

#endif
