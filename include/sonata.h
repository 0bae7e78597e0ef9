/*
 * sonata.h - spikes as SONATA HDF5 spike reports (the format NEST, NEURON,
 * BMTK and Elephant/Neo exchange; docs/model.md "File formats"), through
 * the HDF5 C library. Linked into izhiscope-gfx only: libhdf5 brings ~35
 * shared libraries, and the lean izhiscope hands runs that read or write a
 * .h5 file to izhiscope-gfx (gfx_none.c answers these calls there).
 *
 * Written: /spikes/<population>/timestamps (float64, ms, attribute
 * units = "ms") and /spikes/<population>/node_ids (uint64), sorted by time
 * (then node id), the population group's attribute sorting = by_time (the
 * SONATA enum none, by_id, by_time), and the run's parameters as string
 * attributes of the population group.
 */
#ifndef IZHI_SONATA_H
#define IZHI_SONATA_H

#include <stddef.h>
#include <stdint.h>

#include "replay.h"

#define SONATA_POPULATION "izhiscope"

typedef struct SonataWriter SonataWriter;

/* Whether path names an HDF5 file by its extension (.h5, .hdf5). */
int sonata_is_h5_name(const char *path);
/* Whether the file at path starts with HDF5's signature. */
int sonata_is_h5_file(const char *path);

/* Creates the report at path (truncating it: the caller's temporary); NULL
 * with a message in err. */
SonataWriter *sonata_create(const char *path, char *err, size_t errlen);
/* Appends one ms's spikes (ascending); 0, or -1 once a write failed. */
int sonata_add(SonataWriter *w, int64_t t_ms, const int32_t *spikes, int count);
/* The system's error (errno: ENOSPC on a full disk) of the write that
 * failed, 0 if none did. */
int sonata_error(const SonataWriter *w);
/* A live change, kept for the `events` attribute ("t_ms,event,value"). */
void sonata_event(SonataWriter *w, const char *line);
/* Writes what is buffered and the attributes, closes; frees w. 0, or -1
 * with a message. */
int sonata_finish(SonataWriter *w, const char *const *keys, const char *const *values, int n, char *err,
                  size_t errlen);
/* Closes and frees, the file emptied first (it is the caller's to drop):
 * also after a failed write, when HDF5 could not flush it. */
void sonata_abort(SonataWriter *w);

/* Reads a SONATA spike file: every population under /spikes (their node
 * ids placed one after the other, in the order of their names: the first
 * population's from 0, the next from one past the first's largest id, ...),
 * timestamps in ms or s by their units attribute ("ms", "millisecond(s)";
 * "s", "sec", "second(s)"; any other refused; none: unit, else ms assumed
 * and said), node ids whole numbers >= 0 (negative or fractional ones
 * refused), any sorting; binned and deduplicated as replay_read does.
 * Sizes are checked before anything is read. Also takes neurons,
 * excitatory and duration_ms attributes when the file has them
 * (izhiscope's do). 0, or -1 with "NAME: what is wrong" in err. */
int sonata_read(Replay *r, const char *path, ReplayUnit unit, size_t max_spikes, char *err, size_t errlen);

#endif
