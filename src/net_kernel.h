/*
 * net_kernel.h - internal to the model: the fused step of a dense network.
 *
 * net.c steps a network in passes over its neurons (noise, threshold scan,
 * synaptic input, update), each a plain loop the compiler vectorises. For
 * the dense Fig. 3 network the passes cost more than the arithmetic: every
 * array goes through the caches four times a step. The kernels here do a
 * whole step in one pass, 16 or 8 neurons at a time in AVX-512 or AVX2
 * registers (whichever the processor has): draw
 * the noise, reset the neurons at threshold, add the rows of the step's
 * spikes, update v and u, and list the neurons at threshold for the next
 * step. Each neuron sees the same operations in the same order as in the
 * passes (no fused multiply-add, the same guard, the rows added in the
 * spike order), so the results are the same bits; e2e_same_bits.sh and
 * test_net.c check it.
 */
#ifndef IZHI_NET_KERNEL_H
#define IZHI_NET_KERNEL_H

#include <stdint.h>

#include "rng.h"


typedef struct NetKernel {
    float *v, *u;                   /* mV; state, read and written */
    const float *a, *b, *c, *d;
    float *normal;                  /* per neuron: this step's N(0,1) draw; the kernel
                                     * replaces it by the next step's */
    RngBank *noise;                 /* the streams they come from */
    const float *const *rows;       /* rows[s][i] = W[i][pre of spike s] */
    int n_rows;                     /* the spikes whose input this step adds */
    int ne;                         /* neurons below ne are excitatory */
    float sigma_e, sigma_i;
    float current_e, current_i;     /* J_E, J_I (docs/model.md "Knobs") */
    int stim_lo, stim_hi;           /* this step's stimulated neurons [lo, hi), local; empty: none */
    float stim_amp;
    const float *row_scale;         /* row_scale[s]: g/g_default of spike s's sender; NULL: all 1 */
    int level;                      /* NET_SIMD_AVX2 or NET_SIMD_AVX512 */
} NetKernel;

/* The widest code this build has and the processor runs, at most max (a
 * NET_SIMD_* level; 0 = no limit): NET_SIMD_PASSES when there is no kernel. */
int net_kernel_level(int max);

/* docs/model.md paper scheme, steps 1-6, for neurons [lo, hi): neurons with
 * v >= NET_V_PEAK on entry are reset (they are this step's spikes, whose
 * rows the caller passes). Lists in next[] (ascending) the neurons with
 * v >= NET_V_PEAK on exit, the next step's spikes; returns their number. */
int net_kernel_paper(const NetKernel *k, int lo, int hi, int32_t *next);

/* docs/model.md Euler scheme for [lo, hi) (rows: the previous step's spikes).
 * Lists in found[] the neurons that spiked at this step (already reset);
 * returns their number. */
int net_kernel_euler(const NetKernel *k, int lo, int hi, int32_t *found);

#endif
