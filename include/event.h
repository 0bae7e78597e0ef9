/*
 * event.h - live changes of a window session (noise, pause, speed, the
 * traced neuron, restart): what they are called, how their values are
 * written (the --events file, PNG metadata) and labelled (markers on the
 * window's time axis). One table, so the three never disagree.
 *
 * An event happens at the simulated time t_ms of the first step it
 * affects; the simulation thread notices it and stamps it (sim.h).
 */
#ifndef IZHI_EVENT_H
#define IZHI_EVENT_H

#include <stddef.h>
#include <stdint.h>

typedef enum EventKind {
    EVENT_NOISE_E = 0,     /* value: sigma_E */
    EVENT_NOISE_I,         /* value: sigma_I */
    EVENT_PAUSED,          /* value: 1 paused, 0 running again */
    EVENT_SPEED,           /* value: the speed exponent (2^x), or SIM_SPEED_FASTEST */
    EVENT_TRACE,           /* value: the traced neuron */
    EVENT_RESTART,         /* value: the new seed (low 53 bits exact; see seed) */
    EVENT_WEIGHT_E,        /* value: g_E, the excitatory weight scale (docs/model.md "Knobs") */
    EVENT_WEIGHT_I,        /* value: g_I */
    EVENT_CURRENT_E,       /* value: J_E, the constant current into excitatory neurons */
    EVENT_CURRENT_I,       /* value: J_I */
    EVENT_STIM,            /* value: 1 the stimulus switched on, 0 off */
    EVENT_STIM_FROM,       /* value: the first of the stimulus's neurons */
    EVENT_STIM_TO,         /* value: the last of them */
    EVENT_TRACE_ADD,       /* value: a neuron traced too (before: how many were) */
    EVENT_KINDS
} EventKind;

typedef struct Event {
    int64_t t_ms;
    EventKind kind;
    double before, after;
    uint64_t seed;         /* EVENT_RESTART: the new seed, exactly */
} Event;

/* "noise_e", "noise_i", "paused", "speed", "trace_neuron", "restart",
 * "weight_e", "weight_i", "current_e", "current_i", "stim", "stim_from",
 * "stim_to", "trace_add": the event column of the --events file. */
const char *event_name(EventKind k);
/* The value column: "7.5", "1", "0.25" / "max", "812", the seed. */
void event_value(const Event *e, char *out, size_t len);
/* The shortest of %g and %.9g that reads back as the same float x: a
 * --schedule re-run of an events file sets exactly this value, and a
 * file's metadata names exactly the option's value (a tester's
 * "noise_e: 5.12346" re-ran another network without a word). */
void event_float_text(char *out, size_t len, double x);
/* The marker label: "σE 5 → 7.5", "paused", "resumed", "speed 1× → 2×",
 * "trace 0 → 812", "trace + 17", "restart (seed 42)", "gE 0.5 → 0.55", "JI 0 → -1",
 * "stimulus on" (UTF-8). */
void event_label(const Event *e, char *out, size_t len);
/* The speed 2^exp as a label: "2×", "1/4×", "max". */
void event_speed_text(int exp, char *out, size_t len);

#endif
