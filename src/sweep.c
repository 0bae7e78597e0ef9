/*
 * sweep.c - the parameters a sweep varies (one table), the --sweep text,
 * the ordered list of runs and the cells of the map (see sweep.h). No
 * globals but the table, nothing printed.
 */
#include "sweep.h"
#include "escape.h"
#include "rhythm.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* The sweepable parameters: one row each, named as its long option (whose
 * range cli.c's option table holds), and where NetParams keeps it. A new
 * knob of the network is one more row. */
static const SweepKnob KNOBS[] = {
    { "noise-e", SWEEP_FLOAT, offsetof(NetParams, sigma_e) },
    { "noise-i", SWEEP_FLOAT, offsetof(NetParams, sigma_i) },
    { "weight-e", SWEEP_FLOAT, offsetof(NetParams, weight_e) },
    { "weight-i", SWEEP_FLOAT, offsetof(NetParams, weight_i) },
    { "current-e", SWEEP_FLOAT, offsetof(NetParams, current_e) },
    { "current-i", SWEEP_FLOAT, offsetof(NetParams, current_i) },
    { "stim-amp", SWEEP_FLOAT, offsetof(NetParams, stim_amp) },
};
#define N_KNOBS ((int)(sizeof KNOBS / sizeof KNOBS[0]))

const SweepKnob *sweep_knob(const char *name)
{
    for (int i = 0; i < N_KNOBS; i++)
        if (!strcmp(KNOBS[i].name, name)) return &KNOBS[i];
    return NULL;
}

const SweepKnob *sweep_knob_at(int i) { return i >= 0 && i < N_KNOBS ? &KNOBS[i] : NULL; }

double sweep_knob_get(const SweepKnob *k, const NetParams *p)
{
    const char *at = (const char *)p + k->field;
    return k->type == SWEEP_INT ? (double)*(const int *)at : (double)*(const float *)at;
}

const char *sweep_knob_names(void)
{
    static char text[512];
    if (text[0]) return text;
    size_t at = 0;
    for (int i = 0; i < N_KNOBS && at < sizeof text; i++)
        at += (size_t)snprintf(text + at, sizeof text - at, "%s%s", i ? ", " : "", KNOBS[i].name);
    return text;
}

/* The knob an unknown name most likely meant (as cli.c's options: the only
 * one it begins, else the only nearest within 2 edits), or NULL. */
static const SweepKnob *near_knob(const char *name)
{
    const SweepKnob *prefix = NULL, *near = NULL;
    int prefixes = 0, ties = 0;
    size_t best = 3;
    for (int i = 0; i < N_KNOBS; i++) {
        if (name[0] && !strncmp(KNOBS[i].name, name, strlen(name))) { prefix = &KNOBS[i]; prefixes++; }
        size_t d = text_edit_distance(name, strlen(name), KNOBS[i].name);
        if (d < best) { best = d; near = &KNOBS[i]; ties = 0; }
        else if (d == best) ties++;
    }
    if (prefixes == 1) return prefix;
    return near && !ties ? near : NULL;
}

/* A decimal number as the options take them: digits, '.', an exponent; a
 * sign; no blanks, hex, inf or nan. */
static int read_number(const char *s, double *out)
{
    const char *p = s;
    if (*p == '-' || *p == '+') p++;
    if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1]))) return -1;
    for (const char *q = p; *q; q++)
        if (!isdigit((unsigned char)*q) && *q != '.' && *q != 'e' && *q != 'E' && *q != '-' && *q != '+')
            return -1;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) return -1;
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (*end || errno == ERANGE || !isfinite(x)) return -1;
    *out = x;
    return 0;
}

static int axis_parse(char *item, SweepRangeFn range, SweepAxis *a, char *err, size_t errlen)
{
    char *eq = strchr(item, '=');
    if (!eq) {
        snprintf(err, errlen, "--sweep: '%s' is not NAME=FROM:TO:STEP", item);
        return -1;
    }
    *eq = '\0';
    const SweepKnob *k = sweep_knob(item);
    if (!k) {
        const SweepKnob *near = near_knob(item);
        snprintf(err, errlen, "--sweep: '%s' is not a parameter the sweep varies%s%s%s (it varies: %s)", item,
                 near ? " (did you mean " : "", near ? near->name : "", near ? "?)" : "", sweep_knob_names());
        return -1;
    }
    double lo, hi;
    if (range(k->name, &lo, &hi) != 0) {
        snprintf(err, errlen, "--sweep: %s has no range in the option table", k->name);
        return -1;
    }
    const char *parts[3] = { eq + 1, NULL, NULL };
    char *c1 = strchr(eq + 1, ':');
    char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    if (!c1 || !c2 || strchr(c2 + 1, ':')) {
        snprintf(err, errlen, "--sweep: '%s=%s' is not NAME=FROM:TO:STEP", item, eq + 1);
        return -1;
    }
    *c1 = '\0';
    *c2 = '\0';
    parts[1] = c1 + 1;
    parts[2] = c2 + 1;
    double v[3];
    static const char *const what[3] = { "FROM", "TO", "STEP" };
    for (int i = 0; i < 3; i++) {
        if (read_number(parts[i], &v[i]) != 0) {
            snprintf(err, errlen, "--sweep %s: %s '%s' is not a number", k->name, what[i], parts[i]);
            return -1;
        }
        if (k->type == SWEEP_INT && v[i] != floor(v[i])) {
            snprintf(err, errlen, "--sweep %s: %s '%s' is not a whole number", k->name, what[i], parts[i]);
            return -1;
        }
    }
    for (int i = 0; i < 2; i++)
        if (!(v[i] >= lo && v[i] <= hi)) {
            snprintf(err, errlen, "--sweep %s: %s %s is out of the option's range (%g ... %g)", k->name, what[i],
                     parts[i], lo, hi);
            return -1;
        }
    if (!(v[2] > 0)) {
        snprintf(err, errlen, "--sweep %s: the STEP must be above 0 (%s given)", k->name, parts[2]);
        return -1;
    }
    if (v[1] < v[0]) {
        snprintf(err, errlen, "--sweep %s=%s:%s:%s has no points (TO is below FROM)", k->name, parts[0], parts[1],
                 parts[2]);
        return -1;
    }
    /* the last point is the last FROM + i STEP at or below TO, a rounding
     * error of the division aside (0:10:0.1 has 101 points) */
    double steps = floor((v[1] - v[0]) / v[2] + 1e-9);
    if (steps + 1 > SWEEP_MAX_RUNS) {
        /* %.4g: 1e-300 as the STEP gives a count of 300 digits */
        snprintf(err, errlen, "--sweep %s=%s:%s:%s has %.4g points, more than the %d runs a sweep may have",
                 k->name, parts[0], parts[1], parts[2], steps + 1, SWEEP_MAX_RUNS);
        return -1;
    }
    a->knob = k;
    a->from = v[0];
    a->to = v[1];
    a->step = v[2];
    a->count = (int)steps + 1;
    return 0;
}

int sweep_parse(const char *text, int seeds, SweepRangeFn range, SweepSpec *out, char *err, size_t errlen)
{
    char buf[512];
    memset(out, 0, sizeof *out);
    if (!text || !text[0]) {
        snprintf(err, errlen, "--sweep: give NAME=FROM:TO:STEP (parameters: %s)", sweep_knob_names());
        return -1;
    }
    if (strlen(text) >= sizeof buf) {
        snprintf(err, errlen, "--sweep: the text is too long (%zu characters)", strlen(text));
        return -1;
    }
    memcpy(buf, text, strlen(text) + 1);
    char *item = buf;
    for (;;) {
        char *comma = strchr(item, ',');
        if (comma) *comma = '\0';
        if (out->naxes == SWEEP_MAX_AXES) {
            snprintf(err, errlen, "--sweep: at most %d parameters at once", SWEEP_MAX_AXES);
            return -1;
        }
        if (axis_parse(item, range, &out->axis[out->naxes], err, errlen) != 0) return -1;
        for (int j = 0; j < out->naxes; j++)
            if (out->axis[j].knob == out->axis[out->naxes].knob) {
                snprintf(err, errlen, "--sweep: %s is swept twice", out->axis[j].knob->name);
                return -1;
            }
        out->naxes++;
        if (!comma) break;
        item = comma + 1;
    }
    double runs = (double)sweep_points(out) * seeds;
    if (runs > SWEEP_MAX_RUNS) {
        snprintf(err, errlen, "--sweep: %lld points x %d seed%s = %.0f runs, more than the %d a sweep may have",
                 (long long)sweep_points(out), seeds, seeds == 1 ? "" : "s", runs, SWEEP_MAX_RUNS);
        return -1;
    }
    return 0;
}

int64_t sweep_points(const SweepSpec *s)
{
    int64_t n = 1;
    for (int a = 0; a < s->naxes; a++) n *= s->axis[a].count;
    return n;
}

double sweep_value(const SweepAxis *a, int i)
{
    double v = a->from + i * a->step;
    if (a->knob->type == SWEEP_INT) return floor(v + 0.5);
    return (double)(float)v;
}

void sweep_value_text(const SweepAxis *a, int i, char *out, size_t len)
{
    const double v = sweep_value(a, i);
    if (a->knob->type == SWEEP_INT) { snprintf(out, len, "%.0f", v); return; }
    /* the fewest decimals that the option reads back (strtod, then float)
     * as v: 10, 2.5, 0.3; else 9 significant digits */
    for (int dec = 0; dec <= 9; dec++) {
        snprintf(out, len, "%.*f", dec, v);
        if ((double)(float)strtod(out, NULL) == v) return;
    }
    snprintf(out, len, "%.9g", v);
}

void sweep_row_point(const SweepSpec *s, int seeds, int64_t r, int i[SWEEP_MAX_AXES])
{
    int64_t point = r / seeds;
    int n1 = s->naxes > 1 ? s->axis[1].count : 1;
    i[0] = (int)(point / n1);
    i[1] = (int)(point % n1);
}

void sweep_row_params(const SweepSpec *s, int seeds, const NetParams *base, int64_t r, NetParams *out)
{
    int i[SWEEP_MAX_AXES];
    sweep_row_point(s, seeds, r, i);
    *out = *base;
    for (int a = 0; a < s->naxes; a++) {
        char *at = (char *)out + s->axis[a].knob->field;
        double v = sweep_value(&s->axis[a], i[a]);
        if (s->axis[a].knob->type == SWEEP_INT) *(int *)at = (int)v;
        else *(float *)at = (float)v;
    }
    out->seed = base->seed + (uint64_t)(r % seeds);
    out->threads = 1;
}

/* The columns after the swept options: one list, for the writer
 * (sweep_run.c) and the readers (map.c's --map). */
static const char *const MEASURES[] = { "chi_e", "chi_i", "chi", "fano_10ms", "fano_100ms", "lag_ei_ms",
                                        "plv_alpha_e", "plv_alpha_i", "plv_gamma_e", "plv_gamma_i" };
_Static_assert(sizeof MEASURES / sizeof MEASURES[0] == SWEEP_NMEASURES, "SWEEP_NMEASURES");

void sweep_header(const SweepSpec *s, char *out, size_t len)
{
    size_t at = 0;
#define PUT(...) do { int k_ = snprintf(out + at, len > at ? len - at : 0, __VA_ARGS__); \
                      if (k_ > 0) at += (size_t)k_; } while (0)
    out[0] = '\0';
    for (int a = 0; a < s->naxes; a++) PUT("%s,", s->axis[a].knob->name);
    PUT("seed,rate_e_hz,rate_i_hz");
    for (int b = 0; b < RHYTHM_NBANDS; b++) PUT(",%s_hz,%s_strength", RHYTHM_BANDS[b].name, RHYTHM_BANDS[b].name);
    for (int m = 0; m < SWEEP_NMEASURES; m++) PUT(",%s", MEASURES[m]);
    PUT(",runaway");
#undef PUT
}

void sweep_row_columns(const SweepRow *w, double out[SWEEP_NCOLUMNS])
{
    int at = 0;
    out[at++] = w->rate_e;
    out[at++] = w->rate_i;
    for (int b = 0; b < RHYTHM_NBANDS; b++) {
        out[at++] = w->found[b] ? w->hz[b] : NAN;
        out[at++] = w->found[b] ? 100.0 * w->strength[b] : NAN;
    }
    const double m[SWEEP_NMEASURES] = { w->chi[0], w->chi[1], w->chi[2], w->fano[0], w->fano[1], w->lag_ei_ms,
                                        w->plv[0][0], w->plv[0][1], w->plv[1][0], w->plv[1][1] };
    for (int k = 0; k < SWEEP_NMEASURES; k++) out[at++] = m[k];
    out[at++] = w->runaway ? 1 : 0;
}

void sweep_row_text(const SweepRow *w, char *out, size_t len)
{
    size_t at = 0;
#define PUT(...) do { int k_ = snprintf(out + at, len > at ? len - at : 0, __VA_ARGS__); \
                      if (k_ > 0) at += (size_t)k_; } while (0)
    if (len) out[0] = '\0';
    /* the figures --stats prints, as it prints them (app_peak_text) */
    PUT("%.2f,%.2f", w->rate_e, w->rate_i);
    for (int b = 0; b < RHYTHM_NBANDS; b++) {
        if (w->found[b]) PUT(",%.1f,%.0f", rhythm_shown_hz(w->hz[b]), 100.0 * w->strength[b]);
        else PUT(",,");
    }
    /* analysis.h's scalars, as --stats prints them */
    PUT(",%.4f,%.4f,%.4f,%.3f,%.3f,%.0f,%.3f,%.3f,%.3f,%.3f", w->chi[0], w->chi[1], w->chi[2], w->fano[0], w->fano[1],
        w->lag_ei_ms, w->plv[0][0], w->plv[0][1], w->plv[1][0], w->plv[1][1]);
    PUT(",%d", w->runaway ? 1 : 0);
#undef PUT
}

void sweep_line_text(const SweepSpec *s, int seeds, uint64_t first_seed, int64_t r, const SweepRow *w, char *out,
                     size_t len)
{
    size_t at = 0;
    int i[SWEEP_MAX_AXES];
    sweep_row_point(s, seeds, r, i);
    if (len) out[0] = '\0';
    for (int a = 0; a < s->naxes && at < len; a++) {
        char v[32];
        sweep_value_text(&s->axis[a], i[a], v, sizeof v);
        int k = snprintf(out + at, len - at, "%s,", v);
        if (k > 0) at += (size_t)k;
    }
    if (at < len) {
        int k = snprintf(out + at, len - at, "%llu,", (unsigned long long)(first_seed + (uint64_t)(r % seeds)));
        if (k > 0) at += (size_t)k;
    }
    if (at < len) sweep_row_text(w, out + at, len - at);
}
