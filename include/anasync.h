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
    struct AnalysisResult *result;   /* the last result taken (NULL: none yet) */
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
 * the render clock), takes the worker's state and sets the note. */
void anasync_update(AnaSync *s, int64_t from, int64_t to, int64_t now_ns);
/* The result of exactly [from, to) when it is done, else NULL. */
const struct AnalysisResult *anasync_result(const AnaSync *s, int64_t from, int64_t to);
/* The test hook's lines: "ana_sync STATE FROM TO", "ana_resim_ms T" and,
 * done, "ana_chi", "ana_plv", "ana_phase" (%.17g). */
void anasync_status(const AnaSync *s, char *out, size_t len);

#endif
