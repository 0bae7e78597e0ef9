/*
 * anasync.h - the analysis panel's chi and locking as the window shows
 * them: the re-simulation worker (resim.h) asked for the span the panel's
 * spikes cover, its state taken each frame, and the note the panel draws
 * while it computes (or why there is nothing to re-run: a replay, MPI).
 *
 * Render thread only (the worker's side is resim.h's). Takes no Window:
 * the span, the clock and the changes come in as values.
 */
#ifndef IZHI_ANASYNC_H
#define IZHI_ANASYNC_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "net.h"

struct AnalysisResult;
struct Resim;

typedef struct AnaSync {
    struct Resim *resim;             /* NULL: no network here to re-run (none_why) */
    const char *none_why;            /* "a replay", "MPI" */
    struct AnalysisResult *result;   /* the newest result finished (resim_last; NULL: none yet) */
    unsigned long seq;               /* its number (0: none) */
    int64_t res_from, res_to;        /* its span */
    int show;                        /* 1: the panel shows it (the span shown is done or computing) */
    int state;                       /* ResimState of the span asked */
    int64_t from, to;                /* the span asked */
    int64_t asked_ns;                /* when it was last asked (a moving span: at most 2 a second) */
    char note[160];                  /* what the panel says in place of the numbers ("" none) */
} AnaSync;

/* With start (the command line's network, ne excitatory) a worker to
 * re-run it; with start NULL none, none_why saying why. 0, or -1 out of
 * memory. */
int anasync_open(AnaSync *s, const NetParams *start, int ne, const char *none_why);
void anasync_close(AnaSync *s);
/* A live change, in the order the ring handed them: 0, or -1 out of
 * memory (the results are then "failed" until the next restart). */
int anasync_event(AnaSync *s, const Event *e);
/* A restart: the network drawn again with seed, the changes forgotten. */
void anasync_restart(AnaSync *s, uint64_t seed);
/* Asks for [from, to) (at most twice a second while it moves: now_ns is
 * the render clock), takes the worker's state and newest result, and sets
 * the note. */
void anasync_update(AnaSync *s, int64_t from, int64_t to, int64_t now_ns);
/* What the panel shows: the newest result finished and its span [*from,
 * *to) (while the span shown is computed, an earlier span's: the panel
 * says which), or NULL (nothing finished yet, the span shown is not
 * re-simulated, or failed: the note says why). */
const struct AnalysisResult *anasync_result(const AnaSync *s, int64_t *from, int64_t *to);
/* The test hook's lines: "ana_sync STATE FROM TO" (the span asked),
 * "ana_resim_ms T" and, with a result shown, "ana_sync_of FROM TO" (its
 * span), "ana_chi", "ana_plv", "ana_phase" (%.17g). */
void anasync_status(const AnaSync *s, char *out, size_t len);

#endif
