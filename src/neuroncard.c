/*
 * neuroncard.c - a neuron's card: parameters, Fig. 2 type, rate and CV
 * (see neuroncard.h; docs/model.md "A neuron's card").
 */
#include "neuroncard.h"

#include <math.h>
#include <stdio.h>

#include "hist.h"
#include "rng.h"

/* The Fig. 2 types on each class's line of parameters, by r (docs/model.md
 * "A neuron's card"): excitatory c = -65 + 15 r^2, d = 8 - 6 r^2 passes
 * RS (-65, 8) at r = 0, IB (-55, 4) at r^2 = 2/3 and CH (-50, 2) at r = 1;
 * inhibitory (a, b) = (0.02 + 0.08 r, 0.25 - 0.05 r) with c = -65, d = 2
 * is LTS at r = 0 and FS at r = 1. */
typedef struct CardType {
    double r;
    const char *abbr, *name;
} CardType;

static const CardType TYPES_E[] = {
    { 0.0, "RS", "regular spiking (RS)" },
    { 0.816496580927726, "IB", "intrinsically bursting (IB)" },     /* sqrt(2/3) */
    { 1.0, "CH", "chattering (CH)" },
};
static const CardType TYPES_I[] = {
    { 0.0, "LTS", "low-threshold spiking (LTS)" },
    { 1.0, "FS", "fast spiking (FS)" },
};

float neuroncard_r(uint64_t seed, int neuron)
{
    Rng r;
    rng_seed(&r, seed, RNG_PARAMS, 0);
    for (int i = 0; i < neuron; i++) (void)rng_uniform(&r);
    return rng_uniform(&r);
}

void neuroncard_params(int excitatory, float r, float out[4])
{
    if (excitatory) {
        out[0] = 0.02f;
        out[1] = 0.2f;
        out[2] = -65.0f + 15.0f * r * r;
        out[3] = 8.0f - 6.0f * r * r;
    } else {
        out[0] = 0.02f + 0.08f * r;
        out[1] = 0.25f - 0.05f * r;
        out[2] = -65.0f;
        out[3] = 2.0f;
    }
}

void neuroncard_type(int excitatory, float r, char *out, size_t len)
{
    const CardType *t = excitatory ? TYPES_E : TYPES_I;
    const int nt = excitatory ? (int)(sizeof TYPES_E / sizeof *t) : (int)(sizeof TYPES_I / sizeof *t);
    for (int k = 0; k < nt; k++)
        if (fabs((double)r - t[k].r) <= NEURONCARD_NEAR) {
            snprintf(out, len, "%s", t[k].name);
            return;
        }
    int k = 0;
    while (k + 2 < nt && (double)r > t[k + 1].r) k++;
    snprintf(out, len, "between %s and %s", t[k].abbr, t[k + 1].abbr);
}

void neuroncard_make(NeuronCard *c, int neuron, int ne, int params, uint64_t seed, const Hist *h,
                     int64_t from_ms, int64_t to_ms)
{
    *c = (NeuronCard){ .neuron = neuron, .excitatory = neuron < ne, .has_params = params, .rate_hz = NAN,
                       .cv = NAN };
    if (params) {
        float p[4];
        c->r = neuroncard_r(seed, neuron);
        neuroncard_params(c->excitatory, c->r, p);
        c->a = p[0];
        c->b = p[1];
        c->c = p[2];
        c->d = p[3];
        neuroncard_type(c->excitatory, c->r, c->type, sizeof c->type);
    }
    /* the part of the span the history holds */
    const int64_t oldest = hist_end(h) - hist_window(h);
    if (from_ms < oldest) from_ms = oldest;
    if (from_ms < 0) from_ms = 0;
    if (to_ms > hist_end(h)) to_ms = hist_end(h);
    c->from_ms = from_ms;
    c->to_ms = to_ms;
    if (to_ms <= from_ms) return;
    /* ISIs: sum and sum of squares (integers, exact) */
    int64_t last = -1;
    double s1 = 0, s2 = 0;
    for (int64_t t = from_ms; t < to_ms; t++) {
        if (!hist_spiked(h, t, neuron)) continue;
        if (last >= 0) {
            const double isi = (double)(t - last);
            s1 += isi;
            s2 += isi * isi;
        }
        last = t;
        c->spikes++;
    }
    c->rate_hz = c->spikes * 1000.0 / (double)(to_ms - from_ms);
    if (c->spikes >= 3) {
        const int k = c->spikes - 1;
        const double mean = s1 / k, var = s2 / k - mean * mean;
        c->cv = sqrt(var > 0 ? var : 0) / mean;
    }
}

size_t neuroncard_text(const NeuronCard *c, char *out, size_t len)
{
    int at = 0;
    const char *cls = c->excitatory ? "excitatory" : "inhibitory";
    if (c->has_params)
        at = snprintf(out, len, "neuron %d, %s: %s (r = %.2f)\na %.4g  b %.4g  c %.4g  d %.4g", c->neuron, cls,
                      c->type, (double)c->r, (double)c->a, (double)c->b, (double)c->c, (double)c->d);
    else
        at = snprintf(out, len, "neuron %d, %s: a replay has no parameters", c->neuron, cls);
    if (at < 0) at = 0;
    if ((size_t)at >= len) return len ? len - 1 : 0;
    char cv[32];
    if (isnan(c->cv)) snprintf(cv, sizeof cv, "ISI CV \xe2\x80\x93 (< 3 spikes)");
    else snprintf(cv, sizeof cv, "ISI CV %.2f", c->cv);
    int more;
    if (c->to_ms > c->from_ms)
        more = snprintf(out + at, len - (size_t)at, "\n%.1f Hz (%d spikes), %s over the %.3g s shown", c->rate_hz,
                        c->spikes, cv, (double)(c->to_ms - c->from_ms) / 1000.0);
    else
        more = snprintf(out + at, len - (size_t)at, "\nno spikes kept in the span shown");
    if (more < 0) more = 0;
    at += more;
    return (size_t)at < len ? (size_t)at : len - 1;
}
