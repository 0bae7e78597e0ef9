/*
 * neuroncard.h - a neuron's card (issue 20): its type parameters a, b, c,
 * d and the random number r they come from, where it sits among the
 * paper's Fig. 2 types, and its rate and ISI CV over a span of a Hist.
 * Definitions: docs/model.md "Network" and "A neuron's card". Pure C (no
 * SDL): the window draws the text, the unit test checks the numbers.
 */
#ifndef IZHI_NEURONCARD_H
#define IZHI_NEURONCARD_H

#include <stddef.h>
#include <stdint.h>

struct Hist;

/* A neuron is named after a Fig. 2 type when its r is within this of the
 * type's r (docs/model.md "A neuron's card"); else it lies between two. */
#define NEURONCARD_NEAR 0.05

typedef struct NeuronCard {
    int neuron;                 /* 0-based id */
    int excitatory;             /* neuron < ne */
    int has_params;             /* 0: no network (a replay): r ... type unset */
    float r;                    /* its number, U[0, 1) */
    float a, b, c, d;           /* as the network computes them (single precision) */
    char type[64];              /* "regular spiking (RS)", "between RS and IB" */
    /* its spikes in [from_ms, to_ms), the part of the span asked for that
     * the history holds (to_ms <= from_ms: none of it) */
    int64_t from_ms, to_ms;
    int spikes;
    double rate_hz;             /* spikes * 1000 / (to_ms - from_ms); NAN: no span */
    double cv;                  /* the ISIs' sd (1/n) over their mean; NAN: < 3 spikes */
} NeuronCard;

/* Neuron i's r in the network of this seed: the i-th number of the
 * parameters' stream (docs/model.md "Random numbers"). O(i). */
float neuroncard_r(uint64_t seed, int neuron);
/* The parameters a, b, c, d (out[0 ... 3]) of an excitatory (or not)
 * neuron with number r, by docs/model.md "Network"'s formula, in single
 * precision as the network computes them. */
void neuroncard_params(int excitatory, float r, float out[4]);
/* Where r sits among the Fig. 2 types of its class, as text: a type's
 * name when r is within NEURONCARD_NEAR of it ("regular spiking (RS)"),
 * else "between RS and IB". */
void neuroncard_type(int excitatory, float r, char *out, size_t len);
/* The card of neuron `neuron` of a network (seed, ne excitatory; params 0:
 * no network, only the activity) over the span [from_ms, to_ms) of h. */
void neuroncard_make(NeuronCard *c, int neuron, int ne, int params, uint64_t seed, const struct Hist *h,
                     int64_t from_ms, int64_t to_ms);
/* The card as lines of text ('\n' between): the neuron and its type, its
 * parameters, its activity. Returns the length written (truncated). */
size_t neuroncard_text(const NeuronCard *c, char *out, size_t len);

#endif
