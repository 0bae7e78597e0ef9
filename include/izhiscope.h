/*
 * izhiscope.h - libizhiscope: Izhikevich's (2003) spiking network, the model
 * of the izhiscope program, as a C library. This header is its manual.
 *
 *   #include <izhiscope.h>      cc prog.c $(pkg-config --cflags --libs izhiscope)
 *
 * The library is the program's own model code (the network, the --stats
 * measures, the sweep, the replay reader): a run here gives the spikes,
 * trace and rates of `izhiscope --headless` with the same options, bit for
 * bit. Parameters are named and ranged as the program's long options
 * (docs/cli.md, docs/model.md); their values are checked by the program's
 * own option parser, so a value the program refuses is refused here with
 * the same message.
 *
 * Errors: a function that can fail returns NULL or -1 and, if err is not
 * NULL, writes a one-line message naming the parameter and what is wrong
 * into err->message. Nothing is ever printed, and the library never exits
 * or aborts the process.
 *
 * Ownership: what a create/run/read function returns is the caller's, to
 * be freed with the matching free/destroy function (NULL is a no-op there).
 * Pointers returned by accessors point into the object: valid until the
 * object's next step or its destruction, never to be freed.
 *
 * Threads: objects are independent; each may be used by one thread at a
 * time, and different objects from different threads at once.
 */
#ifndef IZHISCOPE_H
#define IZHISCOPE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- errors ---------------------------------------------------------------- */

/* A failure's message (NUL-terminated, one line, no trailing newline). */
typedef struct IzhiError {
    char message[1024];
} IzhiError;

/* The library's version, "MAJOR.MINOR.PATCH" (static storage). */
const char *izhi_version(void);

/* ---- parameters ------------------------------------------------------------ */

enum { IZHI_SCHEME_PAPER = 0, IZHI_SCHEME_EULER = 1 };

/* Every model option of the command line, one field each (the option's
 * name in the comment; its range is the option's, see --help). Fill it
 * with izhi_params_init, then change what you need: fields added in later
 * versions go at the end and get their defaults, so older callers still
 * work. */
typedef struct IzhiParams {
    size_t size;            /* sizeof(IzhiParams) as the caller compiled it: set by izhi_params_init */
    int neurons;            /* --neurons N, 80 % excitatory (1000) */
    int in_degree;          /* --in-degree K; -1: min(N, 1000) (default); K = N is all-to-all */
    uint64_t seed;          /* --seed (0) */
    int scheme;             /* --scheme: IZHI_SCHEME_PAPER (default) or IZHI_SCHEME_EULER */
    double noise_e;         /* --noise-e sigma_E (5) */
    double noise_i;         /* --noise-i sigma_I (2) */
    double weight_e;        /* --weight-e g_E (0.5) */
    double weight_i;        /* --weight-i g_I (1) */
    double current_e;       /* --current-e J_E (0) */
    double current_i;       /* --current-i J_I (0) */
    int stim_from, stim_to; /* --stim-neurons FROM-TO (0-49, all of a smaller network) */
    double stim_amp;        /* --stim-amp (10) */
    int stim_width;         /* --stim-width ms; 0: a constant step (0) */
    int stim_period;        /* --stim-period ms; 0: a constant step (0) */
    int stim_on;            /* --stim-on: 1 = the stimulus is on from the start (0) */
    int threads;            /* --threads (1 here; the program's default is the cores); spikes do not depend on it */
    int trace_neuron;       /* --trace-neuron: whose v the trace holds (0) */
    int64_t duration_ms;    /* --duration, for izhi_run and izhi_sweep_run; 0: the program's default
                               (1000 ms for a run, 3200 ms for a sweep's runs) */
} IzhiParams;

/* Fills *p with the defaults (the program's, threads 1) and p->size. */
#define izhi_params_init(p) izhi_params_init_sized((p), sizeof *(p))
/* izhi_params_init's function: size is sizeof(IzhiParams) as the caller knows it. */
void izhi_params_init_sized(IzhiParams *p, size_t size);
/* Sets the field of option name ("noise-e", "stim-neurons", "scheme", ...,
 * without "--") from text as the command line reads it ("5.5", "0-49",
 * "euler"; stim-on: "1" or "0"); 0, or -1 (unknown name, with the nearest
 * name suggested; a value out of the option's range) and *p unchanged. */
int izhi_params_set(IzhiParams *p, const char *name, const char *text, IzhiError *err);
/* The parameters' option names, one at a time (i = 0, 1, ...; NULL past the last). */
const char *izhi_param_name(int i);
/* A heap IzhiParams with the defaults (for callers that cannot allocate a
 * C struct, e.g. ctypes); NULL when out of memory. Free with izhi_params_free. */
IzhiParams *izhi_params_new(void);
void izhi_params_free(IzhiParams *p);

/* ---- a network, stepped ------------------------------------------------------ */

typedef struct IzhiNet IzhiNet;

/* Builds the network of p (checked as the command line checks its options);
 * NULL on a bad parameter or when memory is short. Free with izhi_net_destroy. */
IzhiNet *izhi_net_create(const IzhiParams *p, IzhiError *err);
/* Frees it and everything it returned pointers to; NULL is a no-op. */
void izhi_net_destroy(IzhiNet *net);
/* Advances it by ms 1 ms steps (0 ... 10^9); 0, or -1 (bad ms, out of memory).
 * The spikes, trace and rates below are those of these steps. */
int izhi_net_step(IzhiNet *net, int64_t ms, IzhiError *err);
/* The time of the next step, ms (0 before the first). */
int64_t izhi_net_time(const IzhiNet *net);
/* The number of neurons and of excitatory ones (ids 0 ... ne-1). */
int izhi_net_neurons(const IzhiNet *net);
int izhi_net_excitatory(const IzhiNet *net);
/* The last izhi_net_step's spikes, in the order of the --spikes CSV (by
 * time, then neuron): their count, *t_ms and *ids set to arrays of it. */
size_t izhi_net_spikes(const IzhiNet *net, const int64_t **t_ms, const int32_t **ids);
/* The last izhi_net_step's trace: v (mV) of the traced neuron after each
 * of its ms, as --trace writes it; its length (the steps), *v set. */
int64_t izhi_net_trace(const IzhiNet *net, const float **v);
/* The traced neuron at each of those ms (a live change may move it). */
int64_t izhi_net_trace_neurons(const IzhiNet *net, const int32_t **ids);
/* The last izhi_net_step's population rates in 1 ms bins, Hz, as --rate
 * writes them; its length, *e and *i set. */
int64_t izhi_net_rates(const IzhiNet *net, const double **e, const double **i);
/* Changes a live parameter from the next step on, by option name and text
 * as izhi_params_set: noise-e, noise-i, weight-e, weight-i, current-e,
 * current-i, stim-on ("1"/"0"), stim-neurons, trace-neuron. 0, or -1 (a
 * parameter that cannot change in a built network, a bad value). */
int izhi_net_set(IzhiNet *net, const char *name, const char *text, IzhiError *err);
/* The same with numbers (each checked against its option's range). */
int izhi_net_set_noise(IzhiNet *net, double noise_e, double noise_i, IzhiError *err);
int izhi_net_set_weights(IzhiNet *net, double weight_e, double weight_i, IzhiError *err);
int izhi_net_set_currents(IzhiNet *net, double current_e, double current_i, IzhiError *err);
int izhi_net_set_stim(IzhiNet *net, int on, int from, int to, IzhiError *err);
int izhi_net_set_trace_neuron(IzhiNet *net, int neuron, IzhiError *err);
/* The parameters in force (live changes included) into *p (p->size read). */
int izhi_net_params(const IzhiNet *net, IzhiParams *p, IzhiError *err);

/* ---- the measures (--stats) ------------------------------------------------- */

/* Every number --stats prints, by name: first the sweep CSV's columns
 * (rate_e_hz, rate_i_hz, each band's _hz and _strength (%), chi_e, chi_i,
 * chi, fano_10ms, fano_100ms, lag_ei_ms, plv_*, runaway), then the others
 * (docs/library.md lists them). Names: i = 0 ... izhi_measure_count()-1. */
int izhi_measure_count(void);
const char *izhi_measure_name(int i);
/* The measures of everything stepped so far (the first 200 ms left out,
 * as --stats), unrounded, in name order, into out[0 ... count-1] (count
 * may be smaller than izhi_measure_count); NAN where --stats has none.
 * 0, or -1 (out of memory). */
int izhi_net_measures(const IzhiNet *net, double *out, int count, IzhiError *err);

/* ---- a whole run ------------------------------------------------------------ */

/* Builds p's network and steps it p->duration_ms (0: 1000): what
 * `izhiscope --headless` does. The network is the caller's (its spikes,
 * trace, rates and measures are the run's); NULL on failure. */
IzhiNet *izhi_run(const IzhiParams *p, IzhiError *err);

/* ---- a sweep (the map: --sweep) ---------------------------------------------- */

typedef struct IzhiSweep IzhiSweep;

/* Runs the sweep "NAME=FROM:TO:STEP[,NAME=FROM:TO:STEP]" (--sweep's text)
 * of base's network, seeds seeds from base->seed (--seeds), each run
 * base->duration_ms long (0: 3200), on base->threads threads: what
 * `izhiscope --headless --sweep` computes. NULL on failure. */
IzhiSweep *izhi_sweep_run(const IzhiParams *base, const char *sweep, int seeds, IzhiError *err);
void izhi_sweep_free(IzhiSweep *s);
/* Its rows (points x seeds, in the CSV's order). */
int64_t izhi_sweep_rows(const IzhiSweep *s);
/* The --sweep-out CSV's header line (no newline; points into s). */
const char *izhi_sweep_header(const IzhiSweep *s);
/* Row r's line of that CSV (no newline) into buf; its length, or -1 (r out
 * of range, buf too small). */
int izhi_sweep_line(const IzhiSweep *s, int64_t r, char *buf, size_t len);
/* Row r's values, unrounded, in the header's order (the swept values, the
 * seed, the measures; NAN where the CSV is empty) into out[0 ... count-1];
 * how many there are (the header's columns), or -1 (r out of range). */
int izhi_sweep_values(const IzhiSweep *s, int64_t r, double *out, int count);

/* ---- spike files (--replay) -------------------------------------------------- */

typedef struct IzhiSpikes IzhiSpikes;

/* Reads a spike file as --replay does: izhiscope's CSV, Brian2's text or
 * .npz, NEST's, SONATA HDF5. format: NULL or "" to detect, else
 * --replay-format's word; time_unit: NULL or "" (auto), "ms" or "s";
 * first_id: --replay-first-id (NEST's node id of neuron 0), -1 for its default (1). NULL on failure,
 * the message naming the file and line. Free with izhi_spikes_free. */
IzhiSpikes *izhi_read_spikes(const char *path, const char *format, const char *time_unit, int first_id,
                             IzhiError *err);
void izhi_spikes_free(IzhiSpikes *s);
/* The spikes, sorted by time then neuron (one a neuron a ms): count, arrays. */
size_t izhi_spikes_get(const IzhiSpikes *s, const int64_t **t_ms, const int32_t **ids);
/* The file's "# neurons", "# excitatory", "# duration_ms" lines (0, -1, 0 if none). */
int izhi_spikes_neurons(const IzhiSpikes *s);
int izhi_spikes_excitatory(const IzhiSpikes *s);
int64_t izhi_spikes_duration(const IzhiSpikes *s);
/* What was read and how it was known ("brian2, by its header 'i,t'; t in s ..."). */
const char *izhi_spikes_describe(const IzhiSpikes *s);
/* Reads a trace CSV into s as --replay-trace does (t_ms,v_mV[,neuron]); 0, or -1. */
int izhi_spikes_read_trace(IzhiSpikes *s, const char *path, IzhiError *err);
/* That trace: v at each ms from 0 (NAN where the file has none), its length, *v
 * set; *neuron the neuron of its third column when it is one throughout, else -1. */
int64_t izhi_spikes_trace(const IzhiSpikes *s, const float **v, int *neuron);

#ifdef __cplusplus
}
#endif

#endif
