/*
 * event.c - names, values and labels of live changes (see event.h).
 */
#include "event.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "sim.h"

static const char *const NAMES[EVENT_KINDS] = {
    "noise_e", "noise_i", "paused", "speed", "trace_neuron", "restart",
    "weight_e", "weight_i", "current_e", "current_i", "stim",
    "stim_from", "stim_to", "trace_add",
};

const char *event_name(EventKind k)
{
    return k >= 0 && k < EVENT_KINDS ? NAMES[k] : "?";
}

void event_speed_text(int exp, char *out, size_t len)
{
    if (exp >= SIM_SPEED_FASTEST) snprintf(out, len, "max");
    else if (exp >= 0) snprintf(out, len, "%d\xc3\x97", 1 << exp);
    else snprintf(out, len, "1/%d\xc3\x97", 1 << -exp);
}

void event_float_text(char *out, size_t len, double x)
{
    snprintf(out, len, "%g", x);
    if ((float)strtod(out, NULL) != (float)x) snprintf(out, len, "%.9g", x);
}

void event_value(const Event *e, char *out, size_t len)
{
    switch (e->kind) {
    case EVENT_NOISE_E: case EVENT_NOISE_I: case EVENT_WEIGHT_E: case EVENT_WEIGHT_I: case EVENT_CURRENT_E:
    case EVENT_CURRENT_I:
        event_float_text(out, len, e->after);
        break;
    case EVENT_SPEED:
        if ((int)e->after >= SIM_SPEED_FASTEST) snprintf(out, len, "max");
        else snprintf(out, len, "%g", ldexp(1.0, (int)e->after));
        break;
    case EVENT_RESTART: snprintf(out, len, "%" PRIu64, e->seed); break;
    default: snprintf(out, len, "%d", (int)e->after); break;
    }
}

void event_label(const Event *e, char *out, size_t len)
{
    char a[24], b[24];
    switch (e->kind) {
    case EVENT_NOISE_E:
        snprintf(out, len, "\xcf\x83" "E %g \xe2\x86\x92 %g", e->before, e->after);
        break;
    case EVENT_NOISE_I:
        snprintf(out, len, "\xcf\x83" "I %g \xe2\x86\x92 %g", e->before, e->after);
        break;
    case EVENT_PAUSED: snprintf(out, len, e->after != 0 ? "paused" : "resumed"); break;
    case EVENT_SPEED:
        event_speed_text((int)e->before, a, sizeof a);
        event_speed_text((int)e->after, b, sizeof b);
        snprintf(out, len, "speed %s \xe2\x86\x92 %s", a, b);
        break;
    case EVENT_TRACE: snprintf(out, len, "trace %d \xe2\x86\x92 %d", (int)e->before, (int)e->after); break;
    case EVENT_TRACE_ADD: snprintf(out, len, "trace + %d", (int)e->after); break;
    case EVENT_RESTART: snprintf(out, len, "restart (seed %" PRIu64 ")", e->seed); break;
    case EVENT_WEIGHT_E: snprintf(out, len, "gE %g \xe2\x86\x92 %g", e->before, e->after); break;
    case EVENT_WEIGHT_I: snprintf(out, len, "gI %g \xe2\x86\x92 %g", e->before, e->after); break;
    case EVENT_CURRENT_E: snprintf(out, len, "JE %g \xe2\x86\x92 %g", e->before, e->after); break;
    case EVENT_CURRENT_I: snprintf(out, len, "JI %g \xe2\x86\x92 %g", e->before, e->after); break;
    case EVENT_STIM: snprintf(out, len, e->after != 0 ? "stimulus on" : "stimulus off"); break;
    case EVENT_STIM_FROM:
        snprintf(out, len, "stimulus from %d \xe2\x86\x92 %d", (int)e->before, (int)e->after);
        break;
    case EVENT_STIM_TO: snprintf(out, len, "stimulus to %d \xe2\x86\x92 %d", (int)e->before, (int)e->after); break;
    default: snprintf(out, len, "?"); break;
    }
}
