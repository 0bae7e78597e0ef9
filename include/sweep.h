/*
 * sweep.h - the map of issue 19: a grid of one or two network parameters,
 * each point run with one or more seeds, and each run's measures (the
 * --stats rates and rhythms, the runaway flag).
 *
 * The engine has no globals and prints nothing: sweep_parse() reads a
 * --sweep text into a SweepSpec, sweep_row_params() gives the NetParams of
 * any row of the ordered list of runs, and sweep_measure() (sweep_measure.c)
 * computes one row in a SweepWork; a caller runs rows on as many threads
 * as it has SweepWorks (the headless sweep, later the window's map panel).
 *
 * Rows are ordered by the first parameter's value (outer), then the second
 * one's, then the seed (inner): row r of a spec with n0 x n1 points and K
 * seeds is point (r / K) (i0 = point / n1, i1 = point % n1), seed base + r % K.
 */
#ifndef IZHI_SWEEP_H
#define IZHI_SWEEP_H

#include <stddef.h>
#include <stdint.h>

#include "net.h"
#include "rhythm.h"

#define SWEEP_MAX_AXES 2
/* The most runs (points x seeds) one sweep may ask for. */
#define SWEEP_MAX_RUNS 100000
#define SWEEP_MAX_SEEDS 1000

/* A parameter the sweep can vary: one row of sweep.c's table. name is the
 * long option (cli.c's table gives its range); the value is stored in
 * NetParams at offset `field` as a float (SWEEP_FLOAT) or an int (SWEEP_INT). */
enum { SWEEP_FLOAT = 0, SWEEP_INT = 1 };
typedef struct SweepKnob {
    const char *name;
    int type;
    size_t field;
} SweepKnob;

typedef struct SweepAxis {
    const SweepKnob *knob;
    double from, to, step;      /* as given */
    int count;                  /* values from, from + step, ... <= to */
} SweepAxis;

typedef struct SweepSpec {
    int naxes;                  /* 1 or 2 */
    SweepAxis axis[SWEEP_MAX_AXES];
} SweepSpec;

/* The range [lo, hi] of the option named name: 0, or -1 if it has none
 * (the option table's: cli.c passes cli_option_range, so the sweep needs
 * no knowledge of the command line). */
typedef int (*SweepRangeFn)(const char *name, double *lo, double *hi);
/* Reads "NAME=FROM:TO:STEP[,NAME=FROM:TO:STEP]"; every value checked
 * against the option's range (range), at most max_runs points x seeds. 0,
 * or -1 with a one-line message in err naming what is wrong. */
int sweep_parse(const char *text, int seeds, SweepRangeFn range, SweepSpec *out, char *err, size_t errlen);
/* The knob named name (its long option without --), or NULL. */
const SweepKnob *sweep_knob(const char *name);
/* Knob i of the table (0, 1, ...), NULL past the last. */
const SweepKnob *sweep_knob_at(int i);
/* The knob's value in p, as a double. */
double sweep_knob_get(const SweepKnob *k, const NetParams *p);
/* The knobs' names, ", "-separated, for messages and --help. */
const char *sweep_knob_names(void);
/* The analysis measures' columns of a row, between the bands and runaway. */
#define SWEEP_NMEASURES 10
/* The sweep CSV's header line (no newline): the swept options, seed, the
 * rates, each band's _hz and _strength, the measures, runaway. The one
 * definition, for its writer and its readers. */
void sweep_header(const SweepSpec *s, char *out, size_t len);
/* Points of the grid (n0 x n1). */
int64_t sweep_points(const SweepSpec *s);
/* Value i of axis a, as the network gets it (a float knob's float). */
double sweep_value(const SweepAxis *a, int i);
/* The value as written in the CSV: the shortest decimal that gives the
 * same value back through the option (so `--noise-e TEXT` runs the point). */
void sweep_value_text(const SweepAxis *a, int i, char *out, size_t len);
/* The parameters of row r (see the top): base with the point's values and
 * seed base->seed + r % seeds, one thread. */
void sweep_row_params(const SweepSpec *s, int seeds, const NetParams *base, int64_t r, NetParams *out);
/* The point's indices along the axes (i[1] = 0 with one axis). */
void sweep_row_point(const SweepSpec *s, int seeds, int64_t r, int i[SWEEP_MAX_AXES]);

/* One run's measures (the --stats numbers of the run with its parameters
 * and seed). Plain data, the same bytes on every process. */
typedef struct SweepRow {
    double rate_e, rate_i;                  /* Hz, after the transient */
    double hz[RHYTHM_NBANDS];               /* centroid, unrounded (found only) */
    double strength[RHYTHM_NBANDS];         /* m (found only) */
    int32_t found[RHYTHM_NBANDS];
    int32_t runaway;                        /* the Euler scheme ran away (run.h) */
    /* analysis.h's scalars, as --stats prints them: chi of E, I, all; the
     * Fano factors; the E-I lag (ms); PLV [alpha, gamma][E, I] */
    double chi[3], fano[2], plv[2][2];
    double lag_ei_ms;                       /* NAN: not defined (a population silent) */
} SweepRow;

/* The dominant rhythm of a row: the band whose clear peak is strongest
 * (the lower band on a tie), or -1 if none. */
int sweep_dominant(const SweepRow *row);

/* A grid cell over its seeds, for the map: mean rates, the band dominant
 * in most seeds (the lower on a tie; -1: no clear peak in most), and the
 * mean frequency (as shown) and strength of that band over those seeds. */
typedef struct SweepCell {
    double rate_e, rate_i;
    int band;
    double hz, strength;
    int runaway;                /* seeds that ran away */
} SweepCell;
void sweep_cell(const SweepSpec *s, int seeds, const SweepRow *rows, int i0, int i1, SweepCell *out);

/* What one worker measures with: its statistics buffers. Created and
 * destroyed by one thread at a time (FFTW's planner, rhythm.h); then each
 * is used by one thread. NULL when out of memory. */
typedef struct SweepWork SweepWork;
SweepWork *sweep_work_create(int n, int ne);   /* skips STATS_SKIP_MS, as --stats */
void sweep_work_destroy(SweepWork *w);
/* Runs p (p->threads should be 1) for duration_ms, the first skip_ms
 * left out of the rates and rhythms (the runaway watch sees all of it),
 * ne excitatory neurons; 0, or -1 (out of memory: errno). */
int sweep_measure(SweepWork *w, const NetParams *p, int ne, int64_t duration_ms, SweepRow *out);
/* A row from a run's --stats results (stats.h, analysis.h) and whether
 * it ran away: sweep_measure's, and libizhiscope's measures of a run. */
struct StatsResult;
struct AnalysisResult;
void sweep_row_of(const struct StatsResult *r, const struct AnalysisResult *a, int runaway, SweepRow *out);
/* The rows first, first + stride, ... (mine of them, into rows[0 ...
 * mine-1]) of the sweep of base, on nw threads, one SweepWork each (made
 * here, one at a time). progress (NULL: none) is called by the first
 * thread after each of its rows with how many rows are done. 0, or an
 * errno (ENOMEM). The rows do not depend on nw. */
typedef void (*SweepProgress)(void *ctx, int64_t done);
int sweep_run_rows(const SweepSpec *s, int seeds, const NetParams *base, int ne, int64_t duration_ms, int64_t first,
                   int64_t stride, int64_t mine, int nw, SweepRow *rows, SweepProgress progress, void *ctx);

/* The columns of a row after the swept values and the seed (the header's
 * from rate_e_hz on): how many, and their values in the CSV's units (Hz,
 * strength in %, runaway 0 or 1), unrounded; NAN where the CSV is empty. */
#define SWEEP_NCOLUMNS (2 + 2 * RHYTHM_NBANDS + SWEEP_NMEASURES + 1)
void sweep_row_columns(const SweepRow *w, double out[SWEEP_NCOLUMNS]);
/* Those columns as the CSV writes them (rounded as --stats prints them),
 * comma-separated, no leading comma, no newline. */
void sweep_row_text(const SweepRow *w, char *out, size_t len);
/* Row r's whole CSV line (no newline): the swept values, the seed
 * (first_seed + r % seeds), sweep_row_text's columns. */
void sweep_line_text(const SweepSpec *s, int seeds, uint64_t first_seed, int64_t r, const SweepRow *w, char *out,
                     size_t len);

#endif
