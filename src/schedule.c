/*
 * schedule.c - --schedule FILE read and handed out step by step (see
 * schedule.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "schedule.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_CHARS 512

/* Events whose value is not read as the option of their name: paused (no
 * option: 0 or 1) and restart (a seed). Every other kind's value is read
 * as --NAME's, NAME its event name with - for _ (cli_value). */
static const struct { EventKind kind; const char *option; } SCHEDULE_VALUE_AS[] = {
    { EVENT_PAUSED, NULL },
    { EVENT_RESTART, "seed" },
    { EVENT_STIM, NULL },                    /* on 1, off 0 (--stim-on) */
    { EVENT_STIM_FROM, "trace-neuron" },     /* a neuron, as --trace-neuron reads one */
    { EVENT_STIM_TO, "trace-neuron" },
    { EVENT_TRACE_ADD, "trace-neuron" },
};

/* The option an event's value is read as ("noise-e"), or NULL (paused). */
static const char *value_option(EventKind k, char *buf, size_t len)
{
    for (size_t i = 0; i < sizeof SCHEDULE_VALUE_AS / sizeof SCHEDULE_VALUE_AS[0]; i++)
        if (SCHEDULE_VALUE_AS[i].kind == k) return SCHEDULE_VALUE_AS[i].option;
    snprintf(buf, len, "%s", event_name(k));
    for (char *c = buf; *c; c++)
        if (*c == '_') *c = '-';
    return buf;
}

static int say(char *err, size_t errlen, const char *path, int line, const char *fmt, ...)
{
    int at = snprintf(err, errlen, "%s:%d: ", path, line);
    if (at < 0 || (size_t)at >= errlen) return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + at, errlen - (size_t)at, fmt, ap);
    va_end(ap);
    return -1;
}

/* "--noise-e: 'x' is not a number" less its "--noise-e: " */
static const char *after_option(const char *msg)
{
    const char *c = msg[0] == '-' && msg[1] == '-' ? strstr(msg, ": ") : NULL;
    return c ? c + 2 : msg;
}

/* The names of the kinds, for a message: "noise_e, noise_i, ..." */
static void kind_list(char *out, size_t len)
{
    out[0] = '\0';
    for (int k = 0; k < EVENT_KINDS; k++)
        snprintf(out + strlen(out), len - strlen(out), "%s%s", k ? ", " : "", event_name((EventKind)k));
}

/* One change line "t_ms,event,value" (no newline) into *c. */
static int read_change(const Schedule *s, char *text, int line, const Config *cfg, ScheduleChange *c, char *err,
                       size_t errlen)
{
    char *f[4];
    int nf = 0;
    for (char *p = text;; ) {
        if (nf < 4) f[nf] = p;
        nf++;
        char *comma = strchr(p, ',');
        if (!comma) break;
        *comma = '\0';
        p = comma + 1;
    }
    if (nf != 3)
        return say(err, errlen, s->path, line, "%d field%s, expected 3: t_ms,event,value", nf, nf == 1 ? "" : "s");
    for (int i = 0; i < 3; i++)
        if (!f[i][0]) return say(err, errlen, s->path, line, "the %s is missing (t_ms,event,value)",
                                 i == 0 ? "time" : i == 1 ? "event" : "value");
    /* the time: a whole number of ms, 0 ... CLI_MAX_DURATION_MS */
    char *end;
    errno = 0;
    long long t = isdigit((unsigned char)f[0][0]) ? strtoll(f[0], &end, 10) : -1;
    if (t < 0 || *end != '\0' || errno == ERANGE || t > CLI_MAX_DURATION_MS)
        return say(err, errlen, s->path, line, "the time '%s' is not a whole number of ms from 0 to %lld", f[0],
                   (long long)CLI_MAX_DURATION_MS);
    int kind = -1;
    for (int k = 0; k < EVENT_KINDS; k++)
        if (!strcmp(f[1], event_name((EventKind)k))) kind = k;
    if (kind < 0) {
        char kinds[256];
        kind_list(kinds, sizeof kinds);
        return say(err, errlen, s->path, line, "unknown event '%s' (events: %s)", f[1], kinds);
    }
    memset(c, 0, sizeof *c);
    c->t_ms = t;
    c->kind = (EventKind)kind;
    c->line = line;
    char obuf[64], msg[512];
    const char *opt = value_option(c->kind, obuf, sizeof obuf);
    const int neuron = c->kind == EVENT_TRACE || c->kind == EVENT_TRACE_ADD || c->kind == EVENT_STIM_FROM ||
                       c->kind == EVENT_STIM_TO;      /* its value a neuron of this network */
    if (!opt) {
        if (strcmp(f[2], "0") && strcmp(f[2], "1"))
            return say(err, errlen, s->path, line, "%s '%s': the value is 0 or 1", f[1], f[2]);
        c->value = f[2][0] == '1';
    } else {
        CliValue v;
        int rc = cli_value(opt, f[2], &v, msg, sizeof msg);
        if (rc == CLI_NO_OPTION)
            return say(err, errlen, s->path, line, "%s: no option --%s reads its value", f[1], opt);
        if (rc != CLI_OK && neuron)     /* (not "as --trace-neuron": a neuron of this network) */
            return say(err, errlen, s->path, line, "%s '%s' is not a neuron of this network (0 ... %d)", f[1], f[2],
                       cfg->net.n - 1);
        if (rc != CLI_OK) return say(err, errlen, s->path, line, "%s (as --%s): %s", f[1], opt, after_option(msg));
        c->value = v.x;
        c->seed = v.u;
    }
    if (neuron && c->value >= cfg->net.n)
        return say(err, errlen, s->path, line, "%s %s is not a neuron of this network (0 ... %d)", f[1], f[2],
                   cfg->net.n - 1);
    /* the start is the command line's: a window never records a model
     * change at 0 ms (one acts after the step it came with) */
    if (t == 0 && c->kind != EVENT_PAUSED && c->kind != EVENT_SPEED) {
        if (c->kind == EVENT_STIM)
            return say(err, errlen, s->path, line, "stim at 0 ms: the start is the command line's; %s", c->value
                       ? "give --stim-on instead" : "the stimulus starts off unless --stim-on is given");
        if (c->kind == EVENT_STIM_FROM || c->kind == EVENT_STIM_TO)
            return say(err, errlen, s->path, line, "%s at 0 ms: the start is the command line's; give --stim-neurons "
                       "FROM-TO instead", f[1]);
        char o2[64];
        const char *as = c->kind == EVENT_RESTART ? "seed" : value_option(c->kind, o2, sizeof o2);
        return say(err, errlen, s->path, line, "%s at 0 ms: the start is the command line's; give --%s %s instead",
                   f[1], as, f[2]);
    }
    return 0;
}

int schedule_read(Schedule *s, FILE *fp, const char *path, const Config *cfg, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    s->restart_ms = -1;
    char text[LINE_MAX_CHARS + 2];
    int line = 0, header = 0, cap = 0;
    int64_t last_t = 0;
    while (fgets(text, sizeof text, fp)) {
        line++;
        size_t len = strlen(text);
        if (len && text[len - 1] == '\n') text[--len] = '\0';
        else if (!feof(fp)) {
            /* fgets stops at a newline or a full buffer: shorter, without
             * one, the line held a NUL byte (a tester's "longer than 512") */
            const int nul = len < sizeof text - 1;
            schedule_free(s);
            if (nul) return say(err, errlen, path, line, "a NUL byte: not a text file");
            return say(err, errlen, path, line, "a line longer than %d characters", LINE_MAX_CHARS);
        }
        if (len && text[len - 1] == '\r') text[--len] = '\0';
        /* a spreadsheet's "CSV UTF-8" starts with a byte order mark */
        if (line == 1 && len >= 3 && !strncmp(text, "\xef\xbb\xbf", 3)) {
            len -= 3;
            memmove(text, text + 3, len + 1);
        }
        if (!len) continue;            /* an empty line (a hand-edited file's last) says nothing */
        if (!header) {
            if (text[0] == '#') {
                /* metadata: "# key: value" */
                const char *colon = strchr(text, ':');
                if (strncmp(text, "# ", 2) || !colon || colon[1] != ' ') {
                    schedule_free(s);
                    return say(err, errlen, path, line, "a '#' line that is not '# key: value'");
                }
                if (s->nmeta < SCHEDULE_MAX_META) {
                    snprintf(s->meta_key[s->nmeta], sizeof s->meta_key[0], "%.*s", (int)(colon - text - 2), text + 2);
                    snprintf(s->meta_value[s->nmeta], sizeof s->meta_value[0], "%s", colon + 2);
                    s->meta_line[s->nmeta++] = line;
                }
                continue;
            }
            if (strcmp(text, "t_ms,event,value")) {
                schedule_free(s);
                return say(err, errlen, path, line, "expected the header t_ms,event,value (the --events format)");
            }
            header = 1;
            continue;
        }
        if (s->restart_ms >= 0) {
            schedule_free(s);
            return say(err, errlen, path, line, "a change after the restart at %" PRId64 " ms (a restart ends the "
                       "run, as it ends a window session's recordings)", s->restart_ms);
        }
        if (s->n == cap) {
            int ncap = cap ? 2 * cap : 64;
            ScheduleChange *more = realloc(s->at, (size_t)ncap * sizeof *more);
            if (!more) { schedule_free(s); return say(err, errlen, path, line, "out of memory"); }
            s->at = more;
            cap = ncap;
        }
        ScheduleChange *c = &s->at[s->n];
        if (read_change(s, text, line, cfg, c, err, errlen) != 0) { schedule_free(s); return -1; }
        if (c->t_ms < last_t) {
            const int64_t now = c->t_ms;       /* c goes with the array */
            schedule_free(s);
            return say(err, errlen, path, line, "time %" PRId64 " ms is before the line above's %" PRId64 " ms "
                       "(times ascend)", now, last_t);
        }
        last_t = c->t_ms;
        if (c->kind == EVENT_RESTART) s->restart_ms = c->t_ms;
        s->n++;
    }
    if (ferror(fp)) { schedule_free(s); return say(err, errlen, path, line + 1, "cannot read: %s", strerror(errno)); }
    if (!header) { schedule_free(s); return say(err, errlen, path, line + 1, "no header t_ms,event,value (the "
                                                "--events format)"); }
    /* the stimulus's rows after the changes of each step: FROM above TO
     * would be an empty range, which the run would ignore (a window's
     * Shift+drag writes both at one step; the command line refuses one) */
    for (int i = 0, from = cfg->net.stim_from, to = cfg->net.stim_to; i < s->n; i++) {
        const ScheduleChange *c = &s->at[i];
        if (c->kind == EVENT_STIM_FROM) from = (int)c->value;
        else if (c->kind == EVENT_STIM_TO) to = (int)c->value;
        else continue;
        int last = 1;                  /* the step's last change of the rows */
        for (int j = i + 1; j < s->n && s->at[j].t_ms == c->t_ms; j++)
            if (s->at[j].kind == EVENT_STIM_FROM || s->at[j].kind == EVENT_STIM_TO) last = 0;
        if (last && from > to) {
            const int at_line = c->line;
            const int64_t at_t = c->t_ms;
            schedule_free(s);
            return say(err, errlen, path, at_line, "the stimulus's neurons %d-%d from %" PRId64 " ms are an empty "
                       "range (FROM above TO): move both at one time", from, to, at_t);
        }
    }
    s->path = path;
    return 0;
}

int schedule_check_meta(const Schedule *s, const Config *cfg, char *warn, size_t warnlen, char *err, size_t errlen)
{
    char missing[1024] = "";
    warn[0] = '\0';
    for (int m = 0; m < s->nmeta; m++) {
        char opt[40];
        snprintf(opt, sizeof opt, "%s", s->meta_key[m]);
        for (char *c = opt; *c; c++)
            if (*c == '_') *c = '-';
        /* the stimulus's on or off is written "stim: on" (app_meta_knobs), its option is a flag */
        if (!strcmp(opt, "stim")) snprintf(opt, sizeof opt, "stim-on");
        if (!cli_option_describes_net(opt)) continue;
        CliValue file, here;
        char msg[512] = "";
        const int rc = cli_value(opt, s->meta_value[m], &file, msg, sizeof msg);
        if (rc == CLI_NO_OPTION) continue;       /* (no option of this name reads a value to compare) */
        if (rc != CLI_OK) {
            say(err, errlen, s->path, s->meta_line[m], "%s: %s", s->meta_key[m], after_option(msg));
            return 1;
        }
        cli_config_value(cfg, opt, &here);
        const int seed = !strcmp(opt, "seed");
        /* the metadata names the float exactly (event_float_text): another
         * value is another network, said (a file of an older izhiscope with
         * "5.12346" for 5.123456789 included: a tester re-ran such a
         * rounded value without a word, and other spikes) */
        const int differ = seed ? file.u != here.u
                         : file.pair ? file.x != here.x || file.u != here.u
                         : file.x != here.x;
        if (cli_option_given(cfg, opt)) {
            if (differ)
                snprintf(warn + strlen(warn), warnlen - strlen(warn), "%s%s was recorded with %s: %s; this run uses "
                         "--%s as given", warn[0] ? "\n" : "", s->path, s->meta_key[m], s->meta_value[m], opt);
        } else if (differ || (seed && !cfg->have_seed)) {
            /* a flag is given without a value; recorded off and not given, it does not differ */
            if (file.flag) snprintf(missing + strlen(missing), sizeof missing - strlen(missing), " --%s", opt);
            else snprintf(missing + strlen(missing), sizeof missing - strlen(missing), " --%s %s", opt, s->meta_value[m]);
        }
    }
    if (missing[0]) {
        snprintf(err, errlen, "--schedule %s was recorded with%s, which this command line does not give: add %s "
                 "to re-run that session (or give other values on purpose)", s->path, missing,
                 strstr(missing + 1, " --") ? "them" : "it");
        return -1;
    }
    return 0;
}

/* The knobs in force as control words (RUN_CTL_KNOBS' fields). */
static void knobs_now(RunControls *post, const NetParams *now)
{
    post->weight_e = now->weight_e;
    post->weight_i = now->weight_i;
    post->current_e = now->current_e;
    post->current_i = now->current_i;
    post->stim_on = now->stim_on;
    post->stim_from = now->stim_from;
    post->stim_to = now->stim_to;
}

int schedule_post(Schedule *s, int64_t t_ms, RunControls *post, const NetParams *now, int *paused, int *speed_exp)
{
    int count = 0;
    while (s->next < s->n && s->at[s->next].t_ms < t_ms) s->next++;     /* passed: not applied */
    for (; s->next < s->n && s->at[s->next].t_ms == t_ms; s->next++, count++) {
        const ScheduleChange *c = &s->at[s->next];
        if (c->kind == EVENT_NOISE_E || c->kind == EVENT_NOISE_I) {
            if (!(post->flags & RUN_CTL_NOISE)) { post->sigma_e = now->sigma_e; post->sigma_i = now->sigma_i; }
            post->flags |= RUN_CTL_NOISE;
            if (c->kind == EVENT_NOISE_E) post->sigma_e = (float)c->value;
            else post->sigma_i = (float)c->value;
        }
        if (c->kind >= EVENT_WEIGHT_E && c->kind <= EVENT_STIM_TO) {
            /* the knobs travel whole (RUN_CTL_KNOBS): the ones not changed
             * here as they are now */
            if (!(post->flags & RUN_CTL_KNOBS)) knobs_now(post, now);
            post->flags |= RUN_CTL_KNOBS;
        }
        switch (c->kind) {
        case EVENT_WEIGHT_E: post->weight_e = (float)c->value; break;
        case EVENT_WEIGHT_I: post->weight_i = (float)c->value; break;
        case EVENT_CURRENT_E: post->current_e = (float)c->value; break;
        case EVENT_CURRENT_I: post->current_i = (float)c->value; break;
        case EVENT_STIM: post->stim_on = (int)c->value; break;
        case EVENT_STIM_FROM: post->stim_from = (int)c->value; break;
        case EVENT_STIM_TO: post->stim_to = (int)c->value; break;
        case EVENT_TRACE:
            post->flags = (post->flags | RUN_CTL_TRACE) & ~(unsigned)RUN_CTL_TRACE_ADD;
            post->trace = (int)c->value;
            post->n_add = 0;
            break;
        case EVENT_TRACE_ADD:                        /* added in turn (run_traces_after) */
            if (post->n_add == STEP_TRACE_MAX) {
                memmove(post->add, post->add + 1, (STEP_TRACE_MAX - 1) * sizeof *post->add);
                post->n_add--;
            }
            post->add[post->n_add++] = (int)c->value;
            post->flags |= RUN_CTL_TRACE_ADD;
            break;
        case EVENT_RESTART: post->flags |= RUN_CTL_RESTART; post->seed = c->seed; break;
        case EVENT_PAUSED: if (paused) *paused = (int)c->value; break;
        case EVENT_SPEED: if (speed_exp) *speed_exp = (int)c->value; break;
        default: break;
        }
    }
    return count;
}

int schedule_after(const Schedule *s, int64_t end_ms)
{
    int k = 0;
    for (int i = 0; i < s->n; i++)      /* (pause and speed change no spike: not counted, a tester's) */
        k += s->at[i].t_ms >= end_ms && s->at[i].kind != EVENT_PAUSED && s->at[i].kind != EVENT_SPEED;
    return k;
}

void schedule_free(Schedule *s)
{
    free(s->at);
    s->at = NULL;
    s->n = 0;
}
