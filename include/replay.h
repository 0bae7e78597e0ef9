/*
 * replay.h - spike files made elsewhere, read for replay: izhiscope's own
 * CSV, Brian2's SpikeMonitor saved as "i,t" columns, NEST's spike
 * recorder text files. No SDL, nothing printed; a malformed file gives a
 * message with its line number.
 *
 * Formats (detected from the content, or named):
 *   izhiscope  header "t_ms,neuron"; rows "T,I": T integer ms >= 0, I
 *              neuron index >= 0.
 *   brian2     header "i,t" (t in seconds, Brian2's unit) or "i,t_ms" /
 *              "i,t (ms)" (ms); rows "I,T", T a decimal number.
 *   nest       NEST's ASCII recording backend: optional "# ..." lines,
 *              an optional header "sender<TAB>time_ms", rows
 *              "SENDER<blank>TIME" (blank: tabs or spaces), TIME in ms.
 *              NEST numbers nodes from 1: neuron = sender - first_id
 *              (first_id 1 unless given).
 * Lines starting with '#' are comments anywhere; "# neurons: N",
 * "# excitatory: NE" and "# duration_ms: D" (or "=") there give the
 * network's size, its E/I split and the run's length. Times are binned to 1 ms (floor); a neuron spiking twice in one
 * ms counts once. Spikes are returned sorted by time, then neuron.
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
} ReplayFormat;

typedef struct ReplaySpike {
    int64_t t_ms;
    int32_t neuron;
} ReplaySpike;

typedef struct Replay {
    ReplayFormat format;       /* as detected or asked */
    ReplaySpike *spikes;       /* sorted by time, then neuron */
    size_t count;
    int64_t t_end;             /* one past the last spike's ms (0 if none) */
    int32_t max_neuron;        /* the largest index seen, -1 if none */
    int neurons;               /* from a "# neurons" line, else 0 */
    int excitatory;            /* from a "# excitatory" line, else -1 */
    int64_t duration;          /* from a "# duration_ms" line, else 0 */
    float *trace;              /* from replay_read_trace: v at each ms, NAN unknown */
    int64_t trace_len;
    int trace_neuron;          /* the neuron of the trace's third column when it is one
                                  throughout, else -1 */
    size_t at;                 /* playback: index of the next spike to hand out */
} Replay;

/* Reads a spike file from fp (name: for messages). first_id: NEST's first
 * node id (1 by default). max_spikes: more lines of spikes than this are
 * refused (the memory they would take; 0: no limit). 0, or -1 with
 * "NAME:LINE: what is wrong" in err. */
int replay_read(Replay *r, FILE *fp, const char *name, ReplayFormat format, int first_id, size_t max_spikes,
                char *err, size_t errlen);
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
/* "izhiscope", "brian2", "nest", "sonata"; and the format a name means (REPLAY_DETECT
 * if none). */
const char *replay_format_name(ReplayFormat f);
ReplayFormat replay_format_of(const char *name);

/* Playback: the spikes of ms t (t from 0 upwards, one call a ms; a smaller
 * t rewinds) into out (room for n), their count; indices >= n are left
 * out. The traced v of ms t (NAN if unknown) in *v. */
int replay_step(Replay *r, int64_t t, int n, int32_t *out, float *v);

#endif
