/*
 * replay.h - spike files made elsewhere, read for replay: izhiscope's own
 * CSV, Brian2's SpikeMonitor saved as "i,t" columns (text, or NumPy's
 * .npz), NEST's spike recorder text files. No SDL, nothing printed; a
 * malformed file gives a message with its line number. A file that could
 * mean two things is never read one way silently: what was assumed (the
 * format, the unit of time) is said (replay_describe), or the file is
 * refused with a message saying how to name it.
 *
 * Formats (detected from the content, or named):
 *   izhiscope  header "t_ms,neuron"; rows "T,I": T integer ms >= 0, I
 *              neuron index >= 0.
 *   brian2     header "i,t", "i,t_ms" / "i,t (ms)" (ms) or "i,t_s" /
 *              "i,t (s)" (s), also as a "# i,t" comment line (NumPy's
 *              savetxt default); columns separated by ',' or blanks; rows
 *              "I,T", I a whole number (written as a float too:
 *              7.280000000000000000e+02), T a decimal number. Under a bare
 *              "i,t" (or none) the unit is --replay-time-unit's, else
 *              seconds (Brian2's), assumed and said - and refused when
 *              the times do not look like seconds (replay_read).
 *   nest       NEST's ASCII recording backend: optional "# ..." lines,
 *              an optional header "sender<TAB>time_ms", rows
 *              "SENDER<blank>TIME" (blank: tabs or spaces), TIME in ms.
 *              NEST numbers nodes from 1: neuron = sender - first_id
 *              (first_id 1 unless given).
 *   numpy      np.savez's .npz (stored, not np.savez_compressed's) with
 *              1-D arrays i and t (unit as brian2's bare "i,t"), t_ms or
 *              t_s. A lone .npy array is refused: it names neither column
 *              nor unit.
 * Header-less files: blank-separated columns are NEST's (ms), unless the
 * first column is written as floats (NumPy's savetxt: brian2's); comma-
 * separated ones need --replay-format. A UTF-8 byte order mark is skipped.
 * Lines starting with '#' are comments anywhere; "# neurons: N",
 * "# excitatory: NE" and "# duration_ms: D" (or "=") there give the
 * network's size, its E/I split and the run's length. Times are binned to
 * 1 ms (floor); a neuron spiking twice in one ms counts once. Spikes are
 * returned sorted by time, then neuron. Every byte of the input is read
 * once, in order: a pipe or FIFO loses nothing.
 */
#ifndef IZHI_REPLAY_H
#define IZHI_REPLAY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Times beyond this (ms, 11.6 days; --duration's limit) are refused. */
#define REPLAY_MAX_T_MS 1000000000LL

typedef enum ReplayFormat {
    REPLAY_DETECT = 0,
    REPLAY_IZHISCOPE,
    REPLAY_BRIAN2,
    REPLAY_NEST,
    REPLAY_SONATA,             /* HDF5: sonata.h (izhiscope-gfx) */
    REPLAY_NUMPY,              /* np.savez's .npz with arrays i and t */
} ReplayFormat;

/* The unit of a file's times: stated (a header, an attribute, the option),
 * or REPLAY_UNIT_AUTO: the format's own, else assumed and said. */
typedef enum ReplayUnit {
    REPLAY_UNIT_AUTO = 0,
    REPLAY_UNIT_MS,
    REPLAY_UNIT_S,
} ReplayUnit;

typedef struct ReplaySpike {
    int64_t t_ms;
    int32_t neuron;
} ReplaySpike;

typedef struct Replay {
    ReplayFormat format;       /* as detected or asked */
    char how[160];             /* how the format was known: "by its header 'i,t'", "named", "guessed: ..." */
    ReplayUnit unit;           /* the unit the times were read in */
    char unit_how[160];        /* how: "stated by its header", "assumed: Brian2's unit ..." */
    ReplaySpike *spikes;       /* sorted by time, then neuron */
    size_t count;
    int64_t t_end;             /* one past the last spike's ms (0 if none) */
    int32_t max_neuron;        /* the largest index seen, -1 if none */
    int neurons;               /* from a "# neurons" line, else 0 */
    int excitatory;            /* from a "# excitatory" line, else -1 */
    int64_t duration;          /* from a "# duration_ms" line, else 0 */
    char seed[32];             /* from a "# seed" line, else "" */
    char trace_seed[32];       /* the trace file's, likewise */
    float *trace;              /* from replay_read_trace: v at each ms, NAN unknown */
    int64_t trace_len;
    int trace_neuron;          /* the neuron of the trace's third column when it is one
                                  throughout, else -1 */
    size_t at;                 /* playback: index of the next spike to hand out */
} Replay;

/* Reads a spike file from fp (name: for messages), each byte once (a pipe
 * is fine). unit: --replay-time-unit (REPLAY_UNIT_AUTO: not stated).
 * first_id: NEST's first node id (1 by default). max_spikes: more lines of
 * spikes than this are refused (the memory they would take; 0: no limit).
 * 0, or -1 with "NAME:LINE: what is wrong" in err, naming the format read
 * and how it was known once it is. An HDF5 file met here (a stream: named
 * files are sonata.h's) is refused: HDF5 needs a file it can seek. */
int replay_read(Replay *r, FILE *fp, const char *name, ReplayFormat format, ReplayUnit unit, int first_id,
                size_t max_spikes, char *err, size_t errlen);
/* "brian2, by its header 'i,t'; t in s (assumed: ...)": the format and
 * unit read and how each was known, for the replay's first line. */
void replay_describe(const Replay *r, char *buf, size_t len);
/* "ms", "s" (and "?" for AUTO). */
const char *replay_unit_name(ReplayUnit u);
/* After reading times in a unit that was not stated (unit_how says what
 * was assumed): -1 with a message in err if the times make it implausible
 * (see replay.c); n spikes, the largest time tmax in that unit,
 * all_whole / all_centi: every time a whole number / a multiple of 0.01. */
typedef struct ReplayTimes { size_t n; double tmax; int all_whole, all_centi; } ReplayTimes;
void replay_times_add(ReplayTimes *st, double t);
int replay_unit_check(const Replay *r, const ReplayTimes *st, const char *name, const char *column, char *err,
                      size_t errlen);
/* Reads a trace CSV (izhiscope's: "t_ms,v_mV" or "t_ms,v_mV,neuron"), t
 * in 0 ... REPLAY_TRACE_MAX_MS. */
#define REPLAY_TRACE_MAX_MS 100000000LL
int replay_read_trace(Replay *r, FILE *fp, const char *name, char *err, size_t errlen);
/* For other readers (sonata.c): appends a spike (t binned to whole ms,
 * neuron >= 0), growing the array (*cap: its room, 0 at first); then
 * sorts, keeps one spike a neuron a ms, sets max_neuron and t_end. */
int replay_push(Replay *r, size_t *cap, int64_t t, long long neuron);
void replay_finish(Replay *r);
/* Frees what it holds; a zeroed Replay is fine. */
void replay_free(Replay *r);
/* "izhiscope", "brian2", "nest", "sonata", "numpy"; and the format a name means (REPLAY_DETECT
 * if none). */
const char *replay_format_name(ReplayFormat f);
ReplayFormat replay_format_of(const char *name);

/* Playback: the spikes of ms t (t from 0 upwards, one call a ms; a smaller
 * t rewinds) into out (room for n), their count; indices >= n are left
 * out. The traced v of ms t (NAN if unknown) in *v. */
int replay_step(Replay *r, int64_t t, int n, int32_t *out, float *v);

#endif
