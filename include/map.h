/*
 * map.h - the window's map panel (issue 19): where in the noise-e x
 * noise-i plane the rhythms live, computed while the live network runs, or
 * read from a saved sweep CSV (--map FILE).
 *
 * The grid is a SweepSpec (sweep.h) of two axes, noise-e then noise-i; a
 * cell's numbers are the sweep engine's (sweep_row_params, sweep_measure,
 * sweep_cell) for that point, with the session's other options and its
 * starting seed, MAP_DURATION_MS a point: the row `--headless --sweep`
 * writes for it.
 *
 * Threads: map_start() starts the workers (the cores but one, at least
 * one, each at a lower priority than the simulation and the window); they
 * take cells in the coarse-to-fine order of map_order(). Each cell is
 * written by the one worker that took it (rows[c]), then published by a
 * release store to done[c]; the window's thread reads a cell only after
 * an acquire load of done[c] saw it set. Nothing else crosses threads but
 * `next` (the workers' shared counter) and `stop`. No SDL here.
 */
#ifndef IZHI_MAP_H
#define IZHI_MAP_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "net.h"
#include "sweep.h"

/* The computed map's grid: noise-e 0 ... 15 by 0.75, noise-i 0 ... 10 by
 * 0.5 (21 x 21: from no noise to past where the network runs away) */
#define MAP_AXES_TEXT "noise-e=0:15:0.75,noise-i=0:10:0.5"
/* Each point: 3 s measured after STATS_SKIP_MS (--sweep's default) */
#define MAP_DURATION_MS 3200
#define MAP_MAX_WORKERS 8

/* ---- pure parts ---- */

/* The coarse-to-fine order of an n0 x n1 grid: cell c = i0 * n1 + i1 at
 * order[k], k = 0 ... n0 n1 - 1. First every s-th cell both ways (s the
 * largest power of 2 below the larger side), then every s/2-th not yet
 * visited, ..., then every cell: each cell once, the whole map covered at
 * every stage. 0, or -1 if n0 or n1 < 1. */
int map_order(int n0, int n1, int *order);
/* For each cell the computed cell shown in its place (itself when done,
 * else the nearest done one by grid distance, the first in cell order on a
 * tie), -1 where none is done. */
void map_nearest(int n0, int n1, const unsigned char *done, int *shown);
/* Pixel column (or row) of cell i's first pixel in a span of len pixels
 * cut into n cells: floor(len i / n). */
int map_cell_start(int len, int n, int i);
/* The cell whose pixels hold offset p (0 <= p < len) of the span: the
 * inverse of map_cell_start (-1 outside). */
int map_cell_at(int len, int n, int p);

/* Reads a sweep CSV (--sweep-out's, docs/model.md) of noise-e x noise-i
 * into spec, seeds and rows (malloc'd: points x seeds, sweep.h's order).
 * 0, or -1 with err saying what is wrong (path and line). */
int map_read_csv(const char *path, SweepSpec *spec, int *seeds, SweepRow **rows, char *err, size_t errlen);

/* ---- the computed map ---- */

typedef struct Map Map;
struct MapWorker;
struct Map {
    SweepSpec spec;
    int seeds;                  /* 1 computed; a CSV's */
    int n0, n1, ncells;
    SweepRow *rows;             /* [cell * seeds + seed]; a cell's written by one worker */
    atomic_uchar *done;         /* [cell]: set (release) when its rows are written */
    unsigned char *seen;        /* the window's copy of done (its thread only) */
    int *order;
    int loaded;                 /* from --map's file: all done, no workers */
    /* the workers' */
    NetParams base;
    int ne;
    atomic_int next, stop, count, failed;
    int nworkers;
    struct MapWorker *workers;
};

/* A map of MAP_AXES_TEXT for the network base (its seed, one thread a
 * point), ne excitatory; not yet computing. NULL when out of memory. */
Map *map_create(const NetParams *base, int ne);
/* A map read from a sweep CSV (map_read_csv): complete. NULL with err. */
Map *map_load(const char *path, char *err, size_t errlen);
/* Starts the workers (idle: they start when asked). 0, or an errno. */
int map_start(Map *m);
/* Cells done (any thread). */
int map_count(const Map *m);
/* Refreshes the window thread's copy of what is done; returns how many. */
int map_refresh(Map *m);
/* Stops and joins the workers, frees m (NULL: nothing). */
void map_destroy(Map *m);
/* Cell (i0, i1)'s numbers (sweep_cell), window thread, after map_refresh
 * saw it done. */
void map_cell(const Map *m, int i0, int i1, SweepCell *out);

#endif
