/*
 * net.h - the Izhikevich (2003) network of docs/model.md.
 *
 * A Net owns the neuron state (one float array per field), the synapses and
 * the per-neuron noise streams. net_step() advances it by one 1 ms step with
 * the chosen scheme and lists the neurons that spiked at that time. C11,
 * libm and POSIX threads: no SDL, no I/O, nothing printed. Not thread-safe:
 * one thread (the simulation thread) owns a Net.
 *
 * Synapses: when K == N the network is dense (Fig. 3): weights are kept
 * presynaptic-major, W[pre][post], so propagating a spike is one contiguous
 * vector add. When K < N each neuron draws 0.8K excitatory and 0.2K inhibitory
 * inputs without replacement and the store is per presynaptic neuron:
 * contiguous (target, weight) pairs, 8 bytes a synapse, targets ascending.
 * Each neuron's inputs and their weights are a function of (seed, that
 * neuron) alone, so the store is built in place, in parallel, twice drawn
 * (count, then fill). Weights are scaled by 1000/K (docs/model.md "Larger networks").
 *
 * Threads: with NetParams.threads > 1 the neurons are split into ranges
 * stepped by worker threads (the caller's is one of them); the spikes are
 * the same bit for bit for every thread count. The workers live as long as
 * the Net and wait between steps; all calls are still made from one thread.
 */
#ifndef IZHI_NET_H
#define IZHI_NET_H

#include <stdint.h>

#include "step.h"

typedef enum NetScheme { NET_SCHEME_PAPER = 0, NET_SCHEME_EULER = 1 } NetScheme;

#define NET_V_PEAK 30.0f        /* mV: spike threshold and drawn peak */
#define NET_V_CAP 1.0e6f        /* mV: |v| guard, never reached by an ordinary run */
#define NET_MAX_THREADS 256

/* Code paths for stepping a dense network, narrowest first: the portable
 * passes (any machine), a fused pass in AVX2, the same in AVX-512. They give
 * the same results bit for bit; NetParams.simd can hold a run below the best
 * the processor has (tests). */
enum { NET_SIMD_BEST = 0, NET_SIMD_PASSES = 1, NET_SIMD_AVX2 = 2, NET_SIMD_AVX512 = 3 };

typedef struct NetParams {
    int n;                /* neurons, >= 1 */
    int k;                /* in-degree, 0..n; k == n is all-to-all */
    uint64_t seed;
    NetScheme scheme;
    float sigma_e;        /* noise amplitude of excitatory neurons (default 5) */
    float sigma_i;        /* noise amplitude of inhibitory neurons (default 2) */
    /* The knobs of docs/model.md "Knobs" (each set by its long option, each
     * live through the setters below); at their defaults the spikes are the
     * same bits as without them. */
    float weight_e;       /* g_E: excitatory weight scale, the paper's 0.5 (default) */
    float weight_i;       /* g_I: inhibitory weight scale, the paper's 1 (default) */
    float current_e;      /* J_E: constant current into every excitatory neuron (default 0) */
    float current_i;      /* J_I: constant current into every inhibitory neuron (default 0) */
    int stim_from, stim_to;   /* the stimulus's neurons, ids stim_from ... stim_to (default 0 ... 49) */
    float stim_amp;       /* its current while a pulse is on (default 10) */
    int stim_width;       /* ms a pulse lasts; 0: a constant step (default 0) */
    int stim_period;      /* ms from one pulse's start to the next; 0: a constant step (default 0) */
    int stim_on;          /* 1: the stimulus is switched on at step 0 (default 0) */
    int threads;          /* worker threads asked for, 0 or 1 = the caller's only (default 1) */
    int simd;             /* widest code path, NET_SIMD_*; default NET_SIMD_BEST (tests) */
} NetParams;

typedef struct Net Net;

/* How the processes that each own a block of one network (net_create_part)
 * share a step's spikes. step() is called once a step by every process,
 * from the thread that calls net_step: `mine` are this process's spikes
 * (neuron numbers of the whole network, ascending, all in its block); it
 * fills `all` with every process's, ascending (the blocks in order), and
 * *n_all; and *trace_v with the traced neuron's v from the process that
 * holds it (owns_trace: this one; its *trace_v is set). It does not return
 * on failure (exchange.h: the job ends). */
typedef struct NetExchange {
    void (*step)(void *ctx, const int32_t *mine, int n_mine, int32_t *all, int *n_all, float *trace_v,
                 int owns_trace);
    void *ctx;
    /* After every step (may be NULL): the traced slots' v, u and I (tr's
     * k slots) from the process holding each; owns: bit j set when this
     * one holds slot j's neuron (its values in *tr are set). */
    void (*traces)(void *ctx, StepTraces *tr, unsigned owns);
} NetExchange;

/* Fig. 3 defaults: N = K = 1000, paper scheme, sigma 5 and 2, seed 0. */
void net_params_default(NetParams *p);
/* Number of excitatory neurons of an n-neuron network: round(0.8 n). */
int net_count_excitatory(int n);
/* Bytes the synapse store of (n, k) needs; 0 if it would overflow size_t. */
uint64_t net_synapse_bytes(int n, int k);
/* The Euler scheme with dt = 1 ms runs away at higher noise (docs/model.md:
 * sigma_E >~ 6-7 or sigma_I <~ 1; neurons fire every 2-4 ms, v swings to
 * about -330 mV, lowering the noise does not bring it back; an artefact of
 * the step, Brian2 at dt = 0.1 ms does not). Criterion: the Euler scheme,
 * and the population's mean rate over the last NET_RUNAWAY_MS at or above
 * NET_RUNAWAY_HZ. Running away it fires at 250-350 Hz; below the runaway
 * it stays under 60 Hz at these noises (seeds 1-3, sigma_E 5 ... 20). */
#define NET_RUNAWAY_HZ 150.0
#define NET_RUNAWAY_MS 1000
/* Whether a run of this scheme at this mean rate (Hz, over the last
 * NET_RUNAWAY_MS) has run away. */
int net_runaway(NetScheme scheme, double mean_rate_hz);

/* The most memory net_create(n, k, threads) and stepping the network hold
 * at once, bytes (0 if it would overflow): the state, the synapse store,
 * and the larger of what building a sparse store needs (per worker, a count
 * and a mark a neuron and one neuron's inputs: no second copy of the
 * synapses) and the per-worker split of its lists. */
uint64_t net_peak_bytes(int n, int k, int threads);
/* The same for a process that owns nloc of the n neurons (net_create_part). */
uint64_t net_peak_bytes_part(int n, int k, int threads, int nloc);
/* How many workers a network of n neurons uses when `threads` are asked
 * for: at most one per 4096 neurons, at least 1. The spikes never depend on
 * it. */
int net_workers_for(int n, int threads);
/* Test-only: the fewest neurons per worker (4096; n < 1 restores it), so
 * that the thread and split tests run at small N under the sanitizers. Set
 * it before any network is built; the program never calls it. */
void net_test_set_min_per_worker(int n);
/* Builds a network; NULL if p is invalid (errno EINVAL) or memory is short
 * (ENOMEM). Free with net_destroy. */
Net *net_create(const NetParams *p);
/* Builds the part of network p that owns neurons [lo, hi) (0 <= lo < hi
 * <= p->n) and shares its spikes through xchg (required unless the part is
 * the whole network): the same neurons, synapses and noise as in the whole
 * network, so the same spikes for any split. Its per-neuron arrays (net_v,
 * net_u) hold [lo, hi) from index 0. */
Net *net_create_part(const NetParams *p, int lo, int hi, const NetExchange *xchg);
/* Frees everything; NULL is a no-op. */
void net_destroy(Net *net);

/* One step at time net_time(); returns how many neurons spiked at that time.
 * Afterwards net_time() is one more. */
int net_step(Net *net);
/* The neurons that spiked in the last step, ascending; valid until the next
 * step. */
const int32_t *net_spikes(const Net *net);
/* Time in ms of the next step (0 before the first). */
int64_t net_time(const Net *net);

int net_n(const Net *net);
int net_ne(const Net *net);
/* Workers stepping it (the caller's thread included). */
int net_workers(const Net *net);
/* A sparse network's build, in wall seconds: the pass that draws every
 * input and counts them per presynaptic neuron, and the pass that draws
 * them again with the weights and fills the store (0 and 0 for dense). */
void net_build_seconds(const Net *net, double *count, double *fill);
/* The block of neurons it owns: net_first ... net_first + net_count - 1. */
int net_first(const Net *net);
int net_count(const Net *net);
const NetParams *net_params(const Net *net);

/* Noise amplitudes from the next step on; values are clamped to >= 0. */
void net_set_noise(Net *net, float sigma_e, float sigma_i);
/* The weight scales g_E, g_I from the next step on (clamped to >= 0). */
void net_set_weights(Net *net, float weight_e, float weight_i);
/* The constant currents J_E, J_I from the next step on (non-finite: 0). */
void net_set_currents(Net *net, float current_e, float current_i);
/* The stimulus switched on (its pulse train starting at the next step) or
 * off; switching it on while on changes nothing. */
void net_set_stim(Net *net, int on);
/* The stimulus's neurons from the next step on: ids from ... to (0 <= from
 * <= to; those past the network are none of its); others are ignored. */
void net_set_stim_neurons(Net *net, int from, int to);
/* Neuron whose v net_trace_v() reports, the only one traced; out-of-range
 * values are ignored. */
void net_set_trace(Net *net, int neuron);
/* The traced neurons, 1 ... STEP_TRACE_MAX of them, slot 0 first (0-based
 * ids, repeats allowed): 0, or -1 (nothing changed) when k or an id is out
 * of range. */
int net_set_traces(Net *net, const int *neurons, int k);
/* The traced neurons and, after a step, each one's v (as net_trace_v), and
 * the u and I that entered the step's v update (docs/model.md "The trace";
 * NAN before the first step). Valid until the next step or change. */
const StepTraces *net_traces(const Net *net);
/* Slot 0's neuron. */
int net_trace(const Net *net);
/* The traced neuron's v at the last step's time: the value the threshold was
 * tested on, equalized to NET_V_PEAK when it spiked (docs/model.md). -65 before
 * the first step. */
float net_trace_v(const Net *net);

/* Read-only views of the state, for tests and tools (length net_n()). */
const float *net_v(const Net *net);
const float *net_u(const Net *net);
/* Parameters of neuron i: out[0..3] = a, b, c, d. */
void net_neuron_params(const Net *net, int i, float out[4]);
/* Weight W[post][pre] (0 if there is no synapse). */
float net_weight(const Net *net, int post, int pre);
/* The sum of W[post][pre] over the posts below post_below that this Net
 * holds, in double, in ascending post order (the LFP stand-in's weights,
 * analysis.h: one pass over the sender's synapses, not a search each). */
double net_weight_sum(const Net *net, int pre, int post_below);

#endif
