/*
 * replay.c - reading spike files made elsewhere (see replay.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "replay.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LINE_MAX_BYTES 4096
#define MAX_NEURON 9999999          /* the largest index a network may have (CLI_MAX_NEURONS - 1) */
#define MAX_T_MS REPLAY_MAX_T_MS

const char *replay_format_name(ReplayFormat f)
{
    switch (f) {
    case REPLAY_IZHISCOPE: return "izhiscope";
    case REPLAY_BRIAN2: return "brian2";
    case REPLAY_NEST: return "nest";
    case REPLAY_SONATA: return "sonata";
    default: return "detect";
    }
}

ReplayFormat replay_format_of(const char *name)
{
    for (ReplayFormat f = REPLAY_IZHISCOPE; f <= REPLAY_SONATA; f++)
        if (!strcmp(name, replay_format_name(f))) return f;
    return REPLAY_DETECT;
}

void replay_free(Replay *r)
{
    free(r->spikes);
    free(r->trace);
    memset(r, 0, sizeof *r);
    r->max_neuron = -1;
    r->excitatory = -1;
    r->trace_neuron = -1;
}

/* Reads a line into buf; 1, 0 at the end, -1 (errno) on a read error, -2
 * if it is longer than the buffer, -3 if it holds a NUL byte (not text).
 * The newline (and a CR) is dropped. */
static int next_line(FILE *fp, char *buf, size_t len)
{
    size_t n = 0;
    int c;
    while ((c = getc(fp)) != EOF && c != '\n') {
        if (c == 0) return -3;
        if (n + 1 >= len) return -2;
        buf[n++] = (char)c;
    }
    if (c == EOF && (ferror(fp) || n == 0)) return ferror(fp) ? -1 : 0;
    while (n && buf[n - 1] == '\r') n--;
    buf[n] = '\0';
    return 1;
}

/* A message quotes the file: control bytes in it are written as \xNN, so
 * the message stays one printable line (an escape sequence in a file does
 * nothing to the terminal). */
static void printable(char *err, size_t errlen)
{
    char out[1024];
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)err; *p && o + 5 < sizeof out; p++) {
        if (*p >= 0x20 && *p != 0x7f) out[o++] = (char)*p;
        else o += (size_t)snprintf(out + o, sizeof out - o, "\\x%02x", *p);
    }
    out[o] = '\0';
    snprintf(err, errlen, "%s", out);
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) s[--n] = '\0';
    return s;
}

/* Splits s at sep (',') or at runs of blanks (sep 0) into at most max
 * fields; returns how many. */
static int split(char *s, char sep, char **out, int max)
{
    int n = 0;
    char *p = s;
    while (*p && n < max) {
        if (sep) {
            out[n++] = p;
            char *c = strchr(p, sep);
            if (!c) break;
            *c = '\0';
            p = c + 1;
            if (!*p && n < max) out[n++] = p;     /* a trailing empty field */
        } else {
            while (*p == ' ' || *p == '\t') p++;
            if (!*p) break;
            out[n++] = p;
            while (*p && *p != ' ' && *p != '\t') p++;
            if (*p) *p++ = '\0';
        }
    }
    for (int i = 0; i < n; i++) out[i] = trim(out[i]);
    return n;
}

static int int_field(const char *s, long long lo, long long hi, long long *out)
{
    if (!*s) return -1;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p) && !(p == s && (*p == '-' || *p == '+'))) return -1;
    errno = 0;
    long long x = strtoll(s, NULL, 10);
    if (errno || x < lo || x > hi) return -2;
    *out = x;
    return 0;
}

static int real_field(const char *s, double *out)
{
    if (!*s) return -1;
    for (const char *p = s; *p; p++)
        if (!isdigit((unsigned char)*p) && !strchr("+-.eE", *p)) return -1;
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    if (*end || !isfinite(x)) return -1;
    *out = x;
    return 0;
}

/* "# key: value" or "# key=value" comments that say the network's size
 * and the run's length. */
static void comment(Replay *r, const char *line, int *nest_seen)
{
    const char *p = line + 1;
    while (*p == ' ') p++;
    if (!strncmp(p, "NEST version", 12) || !strncmp(p, "RecordingBackendASCII", 21)) *nest_seen = 1;
    static const char *const keys[3] = { "neurons", "excitatory", "duration_ms" };
    for (int k = 0; k < 3; k++) {
        size_t n = strlen(keys[k]);
        if (strncmp(p, keys[k], n) != 0) continue;
        const char *v = p + n;
        while (*v == ' ') v++;
        if (*v != ':' && *v != '=') continue;
        v++;
        long long x;
        char tmp[64];
        snprintf(tmp, sizeof tmp, "%s", v);
        if (int_field(trim(tmp), 0, k == 2 ? MAX_T_MS : MAX_NEURON + 1, &x) == 0) {
            if (k == 0) r->neurons = (int)x;
            else if (k == 1) r->excitatory = (int)x;
            else r->duration = x;
        }
    }
}

int replay_push(Replay *r, size_t *cap, int64_t t, long long neuron)
{
    if (r->count == *cap) {
        size_t nc = *cap ? 2 * *cap : 4096;
        if (nc > SIZE_MAX / sizeof *r->spikes) return -1;
        ReplaySpike *s = realloc(r->spikes, nc * sizeof *s);
        if (!s) return -1;
        r->spikes = s;
        *cap = nc;
    }
    r->spikes[r->count].t_ms = t;
    r->spikes[r->count].neuron = (int32_t)neuron;
    r->count++;
    return 0;
}

static int cmp_spike(const void *a, const void *b)
{
    const ReplaySpike *x = a, *y = b;
    if (x->t_ms != y->t_ms) return x->t_ms < y->t_ms ? -1 : 1;
    return (x->neuron > y->neuron) - (x->neuron < y->neuron);
}

/* The format a header line names; REPLAY_DETECT if none. *seconds: brian2's
 * t is in seconds. */
static ReplayFormat header_format(char *line, int *seconds)
{
    char *f[4];
    char sep = strchr(line, ',') ? ',' : 0;
    int n = split(line, sep, f, 4);
    for (int i = 0; i < n; i++)
        for (char *c = f[i]; *c; c++) *c = (char)tolower((unsigned char)*c);
    *seconds = 0;
    if (n == 2 && !strcmp(f[0], "t_ms") && !strcmp(f[1], "neuron")) return REPLAY_IZHISCOPE;
    if (n >= 2 && !strcmp(f[0], "sender") && !strcmp(f[1], "time_ms")) return REPLAY_NEST;
    if (n == 2 && !strcmp(f[0], "i")) {
        if (!strcmp(f[1], "t")) { *seconds = 1; return REPLAY_BRIAN2; }
        if (!strcmp(f[1], "t_ms") || !strcmp(f[1], "t (ms)") || !strcmp(f[1], "t(ms)")) return REPLAY_BRIAN2;
    }
    return REPLAY_DETECT;
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); goto fail; } while (0)

void replay_finish(Replay *r)
{
    if (r->count) qsort(r->spikes, r->count, sizeof *r->spikes, cmp_spike);
    /* one spike a neuron a ms */
    size_t k = 0;
    for (size_t i = 0; i < r->count; i++)
        if (k == 0 || cmp_spike(&r->spikes[i], &r->spikes[k - 1]) != 0) r->spikes[k++] = r->spikes[i];
    r->count = k;
    for (size_t i = 0; i < r->count; i++)
        if (r->spikes[i].neuron > r->max_neuron) r->max_neuron = r->spikes[i].neuron;
    r->t_end = r->count ? r->spikes[r->count - 1].t_ms + 1 : 0;
}

int replay_read(Replay *r, FILE *fp, const char *name, ReplayFormat format, int first_id, size_t max_spikes,
                char *err, size_t errlen)
{
    memset(r, 0, sizeof *r);
    r->max_neuron = -1;
    r->excitatory = -1;
    r->trace_neuron = -1;
    char line[LINE_MAX_BYTES + 2];
    size_t cap = 0;
    long long lineno = 0;
    int nest_seen = 0, header_done = 0, seconds = 0, rc;
    ReplayFormat fmt = format;
    while ((rc = next_line(fp, line, sizeof line)) == 1) {
        lineno++;
        char *s = trim(line);
        if (!*s) continue;
        if (*s == '#') { comment(r, s, &nest_seen); continue; }
        if (!header_done) {
            header_done = 1;
            if (isalpha((unsigned char)*s)) {
                char copy[sizeof line];
                snprintf(copy, sizeof copy, "%s", s);
                ReplayFormat h = header_format(copy, &seconds);
                if (h == REPLAY_DETECT && strstr(s, "time_step"))
                    FAIL("%s:%lld: NEST's time_in_steps layout (time_step, time_offset) needs the simulation's "
                         "resolution: record with time_in_steps false (a time_ms column)", name, lineno);
                if (h == REPLAY_DETECT)
                    FAIL("%s:%lld: unknown header '%.80s' (expected t_ms,neuron (izhiscope), i,t (Brian2) or "
                         "sender time_ms (NEST))", name, lineno, s);
                if (fmt != REPLAY_DETECT && fmt != h)
                    FAIL("%s:%lld: the header '%.80s' is %s's, not %s's", name, lineno, s, replay_format_name(h),
                         replay_format_name(fmt));
                fmt = h;
                continue;
            }
            if (fmt == REPLAY_DETECT) {
                if (nest_seen || !strchr(s, ',')) fmt = REPLAY_NEST;
                else FAIL("%s:%lld: no header line, and the columns could be izhiscope's (t_ms,neuron) or "
                          "Brian2's (i,t): name the format with --replay-format", name, lineno);
            }
            if (fmt == REPLAY_BRIAN2) seconds = 1;   /* Brian2's unit, without a header saying ms */
        }
        char *f[8];
        char sep = fmt == REPLAY_NEST ? 0 : ',';
        char whole[96];                         /* the line as it was, for a message */
        snprintf(whole, sizeof whole, "%.80s", s);
        int n = split(s, sep, f, 8);
        if (n < 2 || (fmt != REPLAY_NEST && n != 2))
            FAIL("%s:%lld: expected 2 fields separated by %s, found %d ('%s')", name, lineno,
                 sep ? "','" : "blanks", n, whole);
        long long neuron, ti;
        double tr;
        int64_t t;
        const char *nf = fmt == REPLAY_IZHISCOPE ? f[1] : f[0], *tf = fmt == REPLAY_IZHISCOPE ? f[0] : f[1];
        long long lo = fmt == REPLAY_NEST ? first_id : 0;
        int e = int_field(nf, lo, (long long)MAX_NEURON + lo, &neuron);
        if (e == -1) FAIL("%s:%lld: the %s '%.40s' is not a whole number", name, lineno,
                          fmt == REPLAY_NEST ? "sender" : "neuron", nf);
        if (e == -2) FAIL("%s:%lld: the %s %.40s is out of range (%lld ... %lld)", name, lineno,
                          fmt == REPLAY_NEST ? "sender" : "neuron", nf, lo, (long long)MAX_NEURON + lo);
        neuron -= lo;
        if (fmt == REPLAY_IZHISCOPE) {
            e = int_field(tf, 0, MAX_T_MS, &ti);
            if (e == -1) FAIL("%s:%lld: the time '%.40s' is not a whole number of ms", name, lineno, tf);
            if (e == -2) FAIL("%s:%lld: the time %.40s is out of range (0 ... %lld ms)", name, lineno, tf, MAX_T_MS);
            t = ti;
        } else {
            if (real_field(tf, &tr) != 0) FAIL("%s:%lld: the time '%.40s' is not a number", name, lineno, tf);
            double ms = seconds ? tr * 1000.0 : tr;
            if (!(ms >= 0 && ms < (double)MAX_T_MS))
                FAIL("%s:%lld: the time %.40s is out of range (0 ... %lld ms)", name, lineno, tf, MAX_T_MS);
            t = (int64_t)floor(ms + 1e-9);          /* binned to 1 ms; 2.9999999999 is 3 */
        }
        if (max_spikes && r->count >= max_spikes)
            FAIL("%s:%lld: more than %zu spikes: more than the memory available holds", name, lineno, max_spikes);
        if (replay_push(r, &cap, t, neuron) != 0) FAIL("%s:%lld: out of memory after %zu spikes", name, lineno, r->count);
    }
    if (rc == -1) FAIL("%s:%lld: cannot read: %s", name, lineno + 1, strerror(errno));
    if (rc == -2) FAIL("%s:%lld: the line is longer than %d bytes", name, lineno + 1, LINE_MAX_BYTES);
    if (rc == -3) FAIL("%s:%lld: a NUL byte: not a text file", name, lineno + 1);
    if (!header_done && fmt == REPLAY_DETECT) fmt = nest_seen ? REPLAY_NEST : REPLAY_IZHISCOPE;
    r->format = fmt;
    replay_finish(r);
    return 0;
fail:
    printable(err, errlen);
    replay_free(r);
    return -1;
}

int replay_read_trace(Replay *r, FILE *fp, const char *name, char *err, size_t errlen)
{
    char line[LINE_MAX_BYTES + 2];
    long long lineno = 0;
    int rc, header = 0;
    int64_t cap = 0;
    free(r->trace);
    r->trace = NULL;
    r->trace_len = 0;
    r->trace_neuron = -1;
    int neuron_state = 0;       /* 0: no neuron column yet, 1: one neuron throughout, 2: several */
    while ((rc = next_line(fp, line, sizeof line)) == 1) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#') continue;
        if (!header) {
            header = 1;
            if (strncmp(s, "t_ms,v_mV", 9) != 0)
                FAIL("%s:%lld: expected the header t_ms,v_mV (an izhiscope trace), found '%.80s'", name, lineno, s);
            continue;
        }
        char *f[4];
        char whole[96];
        snprintf(whole, sizeof whole, "%.80s", s);
        int n = split(s, ',', f, 4);
        long long t;
        double v;
        long long who = -1;
        if (n < 2 || n > 3 || real_field(f[1], &v) != 0 || (n == 3 && int_field(f[2], 0, MAX_NEURON, &who) != 0))
            FAIL("%s:%lld: expected 't_ms,v_mV' or 't_ms,v_mV,neuron', found '%s'", name, lineno, whole);
        int e = int_field(f[0], 0, REPLAY_TRACE_MAX_MS - 1, &t);
        if (e == -1) FAIL("%s:%lld: the time '%.40s' is not a whole number of ms", name, lineno, f[0]);
        if (e == -2)
            FAIL("%s:%lld: the time %.40s is out of range (0 ... %lld ms)", name, lineno, f[0], REPLAY_TRACE_MAX_MS - 1);
        if (n == 3) {
            if (neuron_state == 0) { neuron_state = 1; r->trace_neuron = (int)who; }
            else if (neuron_state == 1 && who != r->trace_neuron) { neuron_state = 2; r->trace_neuron = -1; }
        }
        if (t >= cap) {
            int64_t nc = cap ? 2 * cap : 4096;
            while (nc <= t) nc *= 2;
            float *tr = realloc(r->trace, (size_t)nc * sizeof *tr);
            if (!tr) FAIL("%s: out of memory", name);
            for (int64_t i = cap; i < nc; i++) tr[i] = NAN;
            r->trace = tr;
            cap = nc;
        }
        r->trace[t] = (float)v;
        if (t + 1 > r->trace_len) r->trace_len = t + 1;
    }
    if (rc < 0)
        FAIL("%s:%lld: %s", name, lineno + 1,
             rc == -2 ? "the line is too long" : rc == -3 ? "a NUL byte: not a text file" : strerror(errno));
    if (!header) FAIL("%s: empty (no t_ms,v_mV header)", name);
    return 0;
fail:
    printable(err, errlen);
    free(r->trace);
    r->trace = NULL;
    r->trace_len = 0;
    r->trace_neuron = -1;
    return -1;
}

int replay_step(Replay *r, int64_t t, int n, int32_t *out, float *v)
{
    if (r->at > 0 && r->at <= r->count && r->spikes[r->at - 1].t_ms >= t) {
        /* back in time: find the first spike at or after t */
        size_t lo = 0, hi = r->count;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (r->spikes[mid].t_ms < t) lo = mid + 1; else hi = mid;
        }
        r->at = lo;
    }
    while (r->at < r->count && r->spikes[r->at].t_ms < t) r->at++;
    int c = 0;
    while (r->at < r->count && r->spikes[r->at].t_ms == t) {
        if (r->spikes[r->at].neuron < n) out[c++] = r->spikes[r->at].neuron;
        r->at++;
    }
    *v = (r->trace && t >= 0 && t < r->trace_len) ? r->trace[t] : NAN;
    return c;
}
