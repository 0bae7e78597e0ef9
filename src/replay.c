/*
 * replay.c - reading spike files made elsewhere (see replay.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "replay.h"
#include "escape.h"

#include <zlib.h>

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
    case REPLAY_NUMPY: return "numpy";
    default: return "detect";
    }
}

ReplayFormat replay_format_of(const char *name)
{
    for (ReplayFormat f = REPLAY_IZHISCOPE; f <= REPLAY_NUMPY; f++)
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

/* The input, read once, byte by byte: the bytes looked at to tell the
 * format (pend) come first, then the rest of fp. Nothing is read twice, so
 * a pipe or a FIFO loses nothing. */
typedef struct Src {
    FILE *fp;
    unsigned char pend[16];
    size_t np, pi;
} Src;

static int src_getc(Src *s)
{
    if (s->pi < s->np) return s->pend[s->pi++];
    return getc(s->fp);
}

/* Reads up to 8 bytes into s->pend (what tells the format) and skips a
 * UTF-8 byte order mark (a spreadsheet's "CSV UTF-8"). */
static void src_start(Src *s, FILE *fp)
{
    memset(s, 0, sizeof *s);
    s->fp = fp;
    int c;
    while (s->np < 8 && (c = getc(fp)) != EOF) s->pend[s->np++] = (unsigned char)c;
    if (s->np >= 3 && !memcmp(s->pend, "\xef\xbb\xbf", 3)) s->pi = 3;
}

/* Reads a line into buf; 1, 0 at the end, -1 (errno) on a read error, -2
 * if it is longer than the buffer, -3 if it holds a NUL byte (not text).
 * The newline (and a CR) is dropped. */
static int next_line(Src *src, char *buf, size_t len)
{
    size_t n = 0;
    int c;
    while ((c = src_getc(src)) != EOF && c != '\n') {
        if (c == 0) return -3;
        if (n + 1 >= len) return -2;
        buf[n++] = (char)c;
    }
    if (c == EOF && (ferror(src->fp) || n == 0)) return ferror(src->fp) ? -1 : 0;
    while (n && buf[n - 1] == '\r') n--;
    buf[n] = '\0';
    return 1;
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

/* "seed: S" (a comment's text after the '#'): S, as written, into out. */
static void seed_comment(const char *p, char *out, size_t len)
{
    if (strncmp(p, "seed: ", 6) != 0) return;
    snprintf(out, len, "%s", p + 6);
    out[strcspn(out, " \t\r\n")] = '\0';
}

/* "# key: value" or "# key=value" comments that say the network's size
 * and the run's length. */
static void comment(Replay *r, const char *line, int *nest_seen)
{
    const char *p = line + 1;
    while (*p == ' ') p++;
    if (!strncmp(p, "NEST version", 12) || !strncmp(p, "RecordingBackendASCII", 21)) *nest_seen = 1;
    seed_comment(p, r->seed, sizeof r->seed);
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

/* The format a header line names; REPLAY_DETECT if none. *unit: the unit
 * its time column states (REPLAY_UNIT_AUTO: a bare "t"); *sep: ',' or 0
 * (blanks) between its columns. */
static ReplayFormat header_format(char *line, ReplayUnit *unit, char *sep)
{
    char *f[4];
    *sep = strchr(line, ',') ? ',' : 0;
    int n = split(line, *sep, f, 4);
    for (int i = 0; i < n; i++)
        for (char *c = f[i]; *c; c++) *c = (char)tolower((unsigned char)*c);
    *unit = REPLAY_UNIT_MS;
    if (n == 2 && !strcmp(f[0], "t_ms") && !strcmp(f[1], "neuron")) return REPLAY_IZHISCOPE;
    if (n >= 2 && !strcmp(f[0], "sender") && !strcmp(f[1], "time_ms")) return REPLAY_NEST;
    if (n == 2 && !strcmp(f[0], "i")) {
        if (!strcmp(f[1], "t")) { *unit = REPLAY_UNIT_AUTO; return REPLAY_BRIAN2; }
        if (!strcmp(f[1], "t_ms") || !strcmp(f[1], "t (ms)") || !strcmp(f[1], "t(ms)")) return REPLAY_BRIAN2;
        if (!strcmp(f[1], "t_s") || !strcmp(f[1], "t (s)") || !strcmp(f[1], "t(s)")) {
            *unit = REPLAY_UNIT_S;
            return REPLAY_BRIAN2;
        }
    }
    return REPLAY_DETECT;
}

const char *replay_unit_name(ReplayUnit u)
{
    return u == REPLAY_UNIT_MS ? "ms" : u == REPLAY_UNIT_S ? "s" : "?";
}

void replay_describe(const Replay *r, char *buf, size_t len)
{
    snprintf(buf, len, "%s, %s; t in %s, %s", replay_format_name(r->format), r->how, replay_unit_name(r->unit),
             r->unit_how);
}

void replay_times_add(ReplayTimes *st, double t)
{
    if (st->n == 0) { st->all_whole = 1; st->all_centi = 1; st->tmax = t; }
    st->n++;
    if (t > st->tmax) st->tmax = t;
    double c = t * 100.0;
    if (st->all_whole && fabs(t - nearbyint(t)) > 1e-9 * fmax(1.0, fabs(t))) st->all_whole = 0;
    if (st->all_centi && fabs(c - nearbyint(c)) > 1e-6 * fmax(1.0, fabs(c))) st->all_centi = 0;
}

/* A unit not stated is plausible unless the times say otherwise. Read as
 * seconds (Brian2's unit): every time a whole number (a 1 s grid: ms
 * written by %d or %g at dt = 1 ms), 20 or more on a 0.01 grid (10 ms:
 * Brian2's dt is 0.1 ms or finer, ms at dt = 0.1 ms look like this), or a
 * run of more than an hour. Read as ms (NEST's, a file without a header):
 * 20 or more spikes all in the first 10 ms (seconds, most likely). */
int replay_unit_check(const Replay *r, const ReplayTimes *st, const char *name, const char *column, char *err,
                      size_t errlen)
{
    if (st->n == 0) return 0;
    char why[160] = "";
    if (r->unit == REPLAY_UNIT_S) {
        if (st->all_whole && st->tmax > 0)
            snprintf(why, sizeof why, "every one is a whole number (the last %g): as seconds a 1 s grid", st->tmax);
        else if (st->all_centi && st->n >= 20)
            snprintf(why, sizeof why, "all %zu are multiples of 0.01: as seconds a 10 ms grid", st->n);
        else if (st->tmax > 3600)
            snprintf(why, sizeof why, "the last is %g: as seconds more than an hour", st->tmax);
        if (why[0]) {
            snprintf(err, errlen, "%s: the times (%s) do not say their unit and do not look like seconds (%s): %s;"
                     " say which with --replay-time-unit ms (or s)%s", name, column, r->unit_how, why,
                     r->format == REPLAY_NUMPY ? ", or name the array t_ms (t_s)"
                                               : ", or a header i,t_ms (i,t_s)");
            return -1;
        }
    } else if (r->unit == REPLAY_UNIT_MS && st->n >= 20 && st->tmax < 10) {
        snprintf(err, errlen, "%s: the times (%s) do not say their unit and do not look like ms (%s): all %zu spikes"
                 " lie in the first 10 ms (the last at %g): seconds? say which with --replay-time-unit s (or ms)",
                 name, column, r->unit_how, st->n, st->tmax);
        return -1;
    }
    return 0;
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

/* A neuron id: a whole number; for brian2 and nest also one written as a
 * float (NumPy's savetxt writes 728 as 7.280000000000000000e+02). 0, -1
 * not a whole number, -2 out of [lo, hi]. */
static int id_field(const char *s, int floats, long long lo, long long hi, long long *out)
{
    int e = int_field(s, lo, hi, out);
    if (e != -1 || !floats) return e;
    double x;
    if (real_field(s, &x) != 0 || x != floor(x)) return -1;
    if (x < (double)lo || x > (double)hi) return -2;
    *out = (long long)x;
    return 0;
}

/* ---- NumPy: .npz (a zip of .npy files) ----------------------------------- */

static uint32_t le16(const unsigned char *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t le32(const unsigned char *p) { return le16(p) | (uint32_t)le16(p + 2) << 16; }
static uint64_t le64(const unsigned char *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

/* One 1-D .npy array in memory: its elements' kind ('i', 'u', 'f', 'b'),
 * size and byte order, count and data. */
typedef struct Npy {
    char kind;
    int size, big;
    uint64_t count;
    const unsigned char *data;
    char shape[48];
} Npy;

/* Parses a .npy held in b[0 .. n); 0, or -1 with what is wrong in why. */
static int npy_parse(const unsigned char *b, size_t n, Npy *a, char *why, size_t wlen)
{
    if (n < 10 || memcmp(b, "\x93NUMPY", 6) != 0) { snprintf(why, wlen, "not a .npy array"); return -1; }
    size_t hl = b[6] == 1 ? le16(b + 8) : le32(b + 8), at = b[6] == 1 ? 10 : 12;
    if (b[6] < 1 || b[6] > 3 || at + hl > n) { snprintf(why, wlen, "a .npy header this reader does not know"); return -1; }
    char h[512];
    if (hl >= sizeof h) { snprintf(why, wlen, "a .npy header longer than %zu bytes", sizeof h); return -1; }
    memcpy(h, b + at, hl);
    h[hl] = '\0';
    const char *d = strstr(h, "'descr':"), *sh = strstr(h, "'shape':"), *fo = strstr(h, "'fortran_order':");
    if (!d || !sh || !fo) { snprintf(why, wlen, "a .npy header without descr, fortran_order and shape"); return -1; }
    d += 8;
    while (*d == ' ') d++;
    char order, kind;
    int size, used = 0;
    if (sscanf(d, "'%c%c%d'%n", &order, &kind, &size, &used) != 3 || !used || !strchr("<>|=", order) ||
        !strchr("iufb", kind) || (kind == 'f' ? size != 4 && size != 8 : size != 1 && size != 2 && size != 4 && size != 8)) {
        snprintf(why, wlen, "elements of type %.20s: whole or real numbers are read", d);
        return -1;
    }
    sh += 8;
    while (*sh == ' ') sh++;
    unsigned long long cnt;
    used = 0;
    const char *close = strchr(sh, ')');
    snprintf(a->shape, sizeof a->shape, "%.*s", close ? (int)(close - sh + 1) : 20, sh);
    if (sscanf(sh, "(%llu,)%n", &cnt, &used) != 1 || !used) {
        if (!strncmp(sh, "()", 2)) cnt = 1;        /* a 0-D array: one number */
        else { snprintf(why, wlen, "an array of shape %s: a 1-D array is read", a->shape); return -1; }
    }
    at += hl;
    if (cnt > (n - at) / (unsigned)size) { snprintf(why, wlen, "shorter than its shape %s says", a->shape); return -1; }
    a->kind = kind;
    a->size = size;
    a->big = order == '>';
    a->count = cnt;
    a->data = b + at;
    return 0;
}

static double npy_get(const Npy *a, uint64_t i)
{
    unsigned char v[8];
    const unsigned char *p = a->data + i * (uint64_t)a->size;
    for (int k = 0; k < a->size; k++) v[k] = p[a->big ? a->size - 1 - k : k];
    uint64_t u = a->size == 1 ? v[0] : a->size == 2 ? le16(v) : a->size == 4 ? le32(v) : le64(v);
    if (a->kind == 'f') {
        if (a->size == 4) { float f; uint32_t w = (uint32_t)u; memcpy(&f, &w, 4); return f; }
        double x; memcpy(&x, &u, 8); return x;
    }
    if (a->kind == 'i') {
        int shift = 64 - 8 * a->size;
        return (double)((int64_t)(u << shift) >> shift);
    }
    return (double)u;
}

/* Reads np.savez's .npz held in b[0 .. n): arrays i and t (or t_ms, t_s). */
static int npz_read(Replay *r, const unsigned char *b, size_t n, const char *name, ReplayUnit unit_asked,
                    size_t max_spikes, char *err, size_t errlen)
{
    static const char *const want[4] = { "i.npy", "t.npy", "t_ms.npy", "t_s.npy" };
    Npy arr[4];
    int have[4] = { 0 };
    unsigned char *inflated[4] = { NULL };    /* np.savez_compressed's arrays, inflated */
    char why[160], names[200] = "";
    size_t eocd = 0;
    for (size_t k = n >= 22 ? n - 22 : 0; n >= 22; k--) {
        if (!memcmp(b + k, "PK\x05\x06", 4)) { eocd = k + 1; break; }
        if (k == 0 || n - k > 22 + 65535) break;
    }
    if (!eocd) FAIL("%s: a zip file (.npz?) without its end record: cut short?", name);
    eocd--;
    size_t entries = le16(b + eocd + 10), cd = le32(b + eocd + 16);
    if (entries == 0xffff || cd == 0xffffffffu) FAIL("%s: a zip64 .npz (over 4 GiB) is not read", name);
    for (size_t e = 0; e < entries; e++) {
        if (cd + 46 > n || memcmp(b + cd, "PK\x01\x02", 4) != 0) FAIL("%s: a damaged .npz (its zip directory)", name);
        uint32_t method = le16(b + cd + 10), nl = le16(b + cd + 28), xl = le16(b + cd + 30), cl = le16(b + cd + 32);
        uint64_t csize = le32(b + cd + 20), usize = le32(b + cd + 24), off = le32(b + cd + 42);
        uint32_t crc = le32(b + cd + 16);
        if (cd + 46 + nl + xl > n) FAIL("%s: a damaged .npz (its zip directory)", name);
        char ename[64];
        snprintf(ename, sizeof ename, "%.*s", (int)(nl < 63 ? nl : 63), (const char *)b + cd + 46);
        /* zip64 sizes and offset, in this order, for those written as 0xffffffff */
        for (size_t x = cd + 46 + nl; x + 4 <= cd + 46 + nl + xl;) {
            uint32_t id = le16(b + x), len = le16(b + x + 2);
            size_t q = x + 4;
            if (id == 1) {
                if (usize == 0xffffffffu && q + 8 <= x + 4 + len) { usize = le64(b + q); q += 8; }
                if (csize == 0xffffffffu && q + 8 <= x + 4 + len) { csize = le64(b + q); q += 8; }
                if (off == 0xffffffffu && q + 8 <= x + 4 + len) off = le64(b + q);
            }
            x += 4 + len;
        }
        cd += 46 + nl + xl + cl;
        size_t nlen = strlen(names);
        if (nlen + strlen(ename) + 3 < sizeof names)
            snprintf(names + nlen, sizeof names - nlen, "%s%.*s", nlen ? ", " : "",
                     (int)(strlen(ename) > 4 ? strlen(ename) - 4 : strlen(ename)), ename);
        int w = -1;
        for (int k = 0; k < 4; k++)
            if (!strcmp(ename, want[k])) w = k;
        if (w < 0) continue;
        if (method != 0 && method != 8)
            FAIL("%s: the array %.*s is stored with zip method %u; a .npz's arrays are stored (np.savez) or"
                 " deflated (np.savez_compressed)", name, (int)strlen(ename) - 4, ename, (unsigned)method);
        if (have[w]) FAIL("%s: the array %.*s is in it twice", name, (int)strlen(ename) - 4, ename);
        if (off + 30 > n || memcmp(b + off, "PK\x03\x04", 4) != 0) FAIL("%s: a damaged .npz (array %s)", name, ename);
        uint64_t data = off + 30 + le16(b + off + 26) + le16(b + off + 28);
        if (data > n || csize > n - data || (method == 0 && usize != csize))
            FAIL("%s: a damaged .npz (array %s)", name, ename);
        const unsigned char *npy = b + data;
        if (method == 8) {
            /* deflated: its size checked against what the reader may hold
             * (8 bytes a spike, a header) before anything is allocated */
            uint64_t most = max_spikes ? (uint64_t)max_spikes * 8 + 65536 : (uint64_t)SIZE_MAX / 4;
            if (usize > most)
                FAIL("%s: the array %.*s says it inflates to %llu bytes: more than the memory available holds",
                     name, (int)strlen(ename) - 4, ename, (unsigned long long)usize);
            if (!(inflated[w] = malloc(usize ? (size_t)usize : 1))) FAIL("%s: out of memory", name);
            z_stream z;
            memset(&z, 0, sizeof z);
            int zrc = inflateInit2(&z, -MAX_WBITS);   /* zip's raw deflate, no zlib header */
            if (zrc != Z_OK) FAIL("%s: cannot inflate (zlib %d)", name, zrc);
            /* zlib counts in 32 bits: the input and output handed over 1 GiB at a time */
            z.next_in = (Bytef *)(uintptr_t)npy;
            z.next_out = inflated[w];
            uint64_t in_left = csize, out_left = usize;
            do {
                if (!z.avail_in && in_left) {
                    z.avail_in = (uInt)(in_left < (1u << 30) ? in_left : (1u << 30));
                    in_left -= z.avail_in;
                }
                if (!z.avail_out && out_left) {
                    z.avail_out = (uInt)(out_left < (1u << 30) ? out_left : (1u << 30));
                    out_left -= z.avail_out;
                }
                zrc = inflate(&z, Z_NO_FLUSH);
            } while (zrc == Z_OK);
            uint64_t got = z.total_out;
            inflateEnd(&z);
            if (zrc != Z_STREAM_END || got != usize)
                FAIL("%s: a damaged .npz (array %s: its deflated data %s)", name, ename,
                     zrc == Z_STREAM_END ? "inflate to another size than stated" : "are cut short or corrupt");
            npy = inflated[w];
            csize = usize;
        }
        /* the zip's CRC-32 of the array's bytes: a changed byte in a stored or
         * deflated array could otherwise read as other spikes */
        uint32_t sum = 0;
        for (uint64_t done = 0; done < csize;) {
            uInt step = (uInt)(csize - done < (1u << 30) ? csize - done : (1u << 30));
            sum = (uint32_t)crc32(sum, npy + done, step);
            done += step;
        }
        if (sum != crc)
            FAIL("%s: a damaged .npz (array %s: its CRC-32 is %08x, the zip says %08x)", name, ename, sum, crc);
        if (npy_parse(npy, (size_t)csize, &arr[w], why, sizeof why) != 0)
            FAIL("%s: the array %.*s: %s", name, (int)strlen(ename) - 4, ename, why);
        have[w] = 1;
    }
    int tw = have[1] + have[2] + have[3];
    if (!have[0] || tw == 0)
        FAIL("%s: a .npz with the arrays %s: izhiscope reads Brian2's spike arrays by name, i (neurons) and t"
             " (times; t_ms or t_s say the unit): np.savez('spikes.npz', i=M.i, t_ms=M.t/ms)", name,
             names[0] ? names : "(none)");
    if (tw > 1) FAIL("%s: a .npz with more than one of t, t_ms and t_s: which is the time? keep one", name);
    int t = have[1] ? 1 : have[2] ? 2 : 3;
    const char *tname = t == 1 ? "t" : t == 2 ? "t_ms" : "t_s";
    if (arr[0].count != arr[t].count)
        FAIL("%s: the arrays i and %s have %llu and %llu elements: one a spike each", name, tname,
             (unsigned long long)arr[0].count, (unsigned long long)arr[t].count);
    snprintf(r->how, sizeof r->how, "a NumPy .npz with the arrays i and %s", tname);
    if (t != 1) {
        r->unit = t == 2 ? REPLAY_UNIT_MS : REPLAY_UNIT_S;
        if (unit_asked && unit_asked != r->unit)
            FAIL("%s: its array %s says %s, --replay-time-unit says %s", name, tname, replay_unit_name(r->unit),
                 replay_unit_name(unit_asked));
        snprintf(r->unit_how, sizeof r->unit_how, "stated by the array's name");
    } else if (unit_asked) {
        r->unit = unit_asked;
        snprintf(r->unit_how, sizeof r->unit_how, "stated by --replay-time-unit");
    } else {
        r->unit = REPLAY_UNIT_S;
        snprintf(r->unit_how, sizeof r->unit_how, "assumed: Brian2's unit, the array t does not say");
    }
    if (max_spikes && arr[0].count > max_spikes)
        FAIL("%s: %llu spikes: more than the memory available holds", name, (unsigned long long)arr[0].count);
    ReplayTimes st = { 0 };
    size_t cap = 0;
    for (uint64_t k = 0; k < arr[0].count; k++) {
        double id = npy_get(&arr[0], k), tv = npy_get(&arr[t], k);
        if (!(id >= 0 && id <= MAX_NEURON && id == floor(id)))
            FAIL("%s: i[%llu] = %g is not a neuron (a whole number, 0 ... %d)", name, (unsigned long long)k, id,
                 MAX_NEURON);
        double ms = r->unit == REPLAY_UNIT_S ? tv * 1000.0 : tv;
        if (!(ms >= 0 && ms < (double)MAX_T_MS))
            FAIL("%s: %s[%llu] = %g is out of range (0 ... %lld ms; read in %s, %s)", name, tname,
                 (unsigned long long)k, tv, MAX_T_MS, replay_unit_name(r->unit), r->unit_how);
        replay_times_add(&st, tv);
        if (replay_push(r, &cap, (int64_t)floor(ms + 1e-9), (long long)id) != 0)
            FAIL("%s: out of memory after %zu spikes", name, r->count);
    }
    if (t == 1 && !unit_asked && replay_unit_check(r, &st, name, "the array t", err, errlen) != 0) goto fail;
    for (int k = 0; k < 4; k++) free(inflated[k]);
    return 0;
fail:
    for (int k = 0; k < 4; k++) free(inflated[k]);
    return -1;
}

/* Reads the rest of src into memory (a .npz is read whole: its directory
 * is at its end). */
static unsigned char *slurp(Src *src, size_t *n, size_t most)
{
    size_t cap = 1 << 16, len = 0;
    unsigned char *b = malloc(cap);
    if (!b) return NULL;
    while (src->pi < src->np) b[len++] = src->pend[src->pi++];
    for (;;) {
        if (len == cap) {
            if (cap >= most) { free(b); errno = EFBIG; return NULL; }
            unsigned char *nb = realloc(b, cap *= 2);
            if (!nb) { free(b); return NULL; }
            b = nb;
        }
        size_t got = fread(b + len, 1, cap - len, src->fp);
        len += got;
        if (got == 0) break;
    }
    if (ferror(src->fp)) { free(b); return NULL; }
    *n = len;
    return b;
}

static void replay_clear(Replay *r)
{
    memset(r, 0, sizeof *r);
    r->max_neuron = -1;
    r->excitatory = -1;
    r->trace_neuron = -1;
}

int replay_read(Replay *r, FILE *fp, const char *name, ReplayFormat format, ReplayUnit unit_asked, int first_id,
                size_t max_spikes, char *err, size_t errlen)
{
    replay_clear(r);
    char line[LINE_MAX_BYTES + 2];
    size_t cap = 0;
    long long lineno = 0;
    int nest_seen = 0, header_done = 0, rc, decided = 0;
    ReplayFormat fmt = format;
    ReplayUnit unit = REPLAY_UNIT_AUTO;       /* what the header states */
    ReplayTimes st = { 0 };
    char sep = ',', col[64] = "";
    int hdr = 0;                              /* a header line was read */
    Src src;
    src_start(&src, fp);
    static const unsigned char hdf5[8] = { 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };
    if (src.np == 8 && !memcmp(src.pend, hdf5, 8))
        FAIL("%s: an HDF5 file (a SONATA spike report?) read as a stream (a pipe or FIFO): HDF5 is read from a"
             " file it can seek; save it to a file ending .h5 and replay that", name);
    if (src.np >= 6 && !memcmp(src.pend, "\x93NUMPY", 6)) {
        /* its header (the shape, for the message) is enough: the array is refused */
        char h[600], shape[48] = "";
        size_t n = 0;
        int c;
        while (n + 1 < sizeof h && (c = src_getc(&src)) != EOF && c != '\n') h[n++] = c ? (char)c : ' ';
        h[n] = '\0';
        const char *sh = strstr(h, "'shape': (");
        const char *close = sh ? strchr(sh, ')') : NULL;
        if (close && close - sh - 9 < (long)sizeof shape) snprintf(shape, sizeof shape, "%.*s", (int)(close - sh - 8), sh + 9);
        FAIL("%s: a NumPy .npy array%s%s: one array says neither which column is the neuron and which the time,"
             " nor the time's unit; save the two by name: np.savez('spikes.npz', i=M.i, t_ms=M.t/ms)", name,
             shape[0] ? " of shape " : "", shape);
    }
    if (src.np >= 4 && !memcmp(src.pend, "PK\x03\x04", 4)) {
        if (format != REPLAY_DETECT && format != REPLAY_NUMPY)
            FAIL("%s: a zip file (NumPy's .npz), not %s's text: --replay-format numpy, or leave it out", name,
                 replay_format_name(format));
        size_t n;
        size_t most = max_spikes ? (max_spikes < SIZE_MAX / 64 ? max_spikes * 64 : SIZE_MAX / 2) : SIZE_MAX / 2;
        unsigned char *b = slurp(&src, &n, most);
        if (!b) FAIL("%s: cannot read: %s", name, errno == EFBIG ? "larger than the memory available holds"
                                                                 : strerror(errno ? errno : EIO));
        r->format = REPLAY_NUMPY;
        int e = npz_read(r, b, n, name, unit_asked, max_spikes, err, errlen);
        free(b);
        if (e != 0) goto fail_msg;
        replay_finish(r);
        return 0;
    }
    if (format == REPLAY_NUMPY) FAIL("%s: not a NumPy .npz file (a zip file)", name);
    if (format != REPLAY_DETECT) snprintf(r->how, sizeof r->how, "named by --replay-format");
    while ((rc = next_line(&src, line, sizeof line)) == 1) {
        lineno++;
        char *s = trim(line);
        if (!*s) continue;
        if (*s == '#') {
            /* NumPy's savetxt writes its header as a comment: "# i,t" */
            ReplayUnit hu;
            char hs, copy[sizeof line];
            snprintf(copy, sizeof copy, "%s", trim(s + 1));
            if (!header_done && isalpha((unsigned char)copy[0]) && header_format(copy, &hu, &hs) != REPLAY_DETECT)
                memmove(s, trim(s + 1), strlen(trim(s + 1)) + 1);
            else { comment(r, s, &nest_seen); continue; }
        }
        if (!header_done) {
            header_done = 1;
            /* pandas' to_csv() writes its index as an unnamed first column
             * (",t_ms,neuron"): said, not taken for headerless rows */
            if (*s == ',' && isalpha((unsigned char)s[1])) {
                char copy[sizeof line];
                ReplayUnit hu;
                char hs;
                snprintf(copy, sizeof copy, "%s", s + 1);
                if (header_format(copy, &hu, &hs) != REPLAY_DETECT)
                    FAIL("%s:%lld: the header '%.80s' has an unnamed first column (pandas' index): write the file "
                         "with to_csv(..., index=False)", name, lineno, s);
            }
            if (isalpha((unsigned char)*s)) {
                char copy[sizeof line];
                snprintf(copy, sizeof copy, "%s", s);
                ReplayFormat h = header_format(copy, &unit, &sep);
                if (h == REPLAY_DETECT && strstr(s, "time_step"))
                    FAIL("%s:%lld: NEST's time_in_steps layout (time_step, time_offset) needs the simulation's "
                         "resolution: record with time_in_steps false (a time_ms column)", name, lineno);
                if (h == REPLAY_DETECT)
                    FAIL("%s:%lld: unknown header '%.80s' (expected t_ms,neuron (izhiscope), i,t (Brian2) or "
                         "sender time_ms (NEST))", name, lineno, s);
                if (fmt != REPLAY_DETECT && fmt != h)
                    FAIL("%s:%lld: the header '%.80s' is %s's, not %s's", name, lineno, s, replay_format_name(h),
                         replay_format_name(fmt));
                snprintf(r->how, sizeof r->how, "by its header '%.80s'", s);
                for (char *c = r->how; *c; c++)   /* said on one line: a tab is a blank, no control bytes */
                    if ((unsigned char)*c < 0x20 || *c == 0x7f) *c = *c == '\t' ? ' ' : '?';
                snprintf(col, sizeof col, "under the header '%.30s'", s);
                fmt = h;
                hdr = 1;
                if (h != REPLAY_BRIAN2) sep = h == REPLAY_NEST ? 0 : ',';
                decided = 1;
                continue;
            }
            /* no header: the columns of the first row */
            char copy[sizeof line], *f[3];
            snprintf(copy, sizeof copy, "%s", s);
            int comma = strchr(s, ',') != NULL;
            int nf = split(copy, comma ? ',' : 0, f, 3);
            int float_ids = nf >= 1 && strpbrk(f[0], ".eE") != NULL;
            if (fmt == REPLAY_DETECT) {
                if (nest_seen) {
                    fmt = REPLAY_NEST;
                    snprintf(r->how, sizeof r->how, "by its '# NEST' lines");
                } else if (comma)
                    FAIL("%s:%lld: no header line, and the columns could be izhiscope's (t_ms,neuron) or "
                         "Brian2's (i,t): name the format with --replay-format", name, lineno);
                else if (float_ids) {
                    fmt = REPLAY_BRIAN2;
                    snprintf(r->how, sizeof r->how, "guessed: no header, blank-separated columns, the first"
                             " written as floats (NumPy's savetxt); --replay-format names it");
                } else {
                    fmt = REPLAY_NEST;
                    snprintf(r->how, sizeof r->how, "guessed: no header, blank-separated columns; node ids from"
                             " %d; --replay-format names it", first_id);
                }
            }
            snprintf(col, sizeof col, "no header");
            sep = fmt == REPLAY_NEST ? 0 : fmt == REPLAY_IZHISCOPE ? ',' : comma ? ',' : 0;
            unit = fmt == REPLAY_BRIAN2 ? REPLAY_UNIT_AUTO : REPLAY_UNIT_MS;
            decided = 1;
        }
        if (decided == 1) {
            /* the unit: the header's, the option's, else the format's or assumed */
            decided = 2;
            if (fmt == REPLAY_IZHISCOPE && unit_asked == REPLAY_UNIT_S)
                FAIL("%s:%lld: izhiscope's spike CSV is in ms (t_ms), --replay-time-unit says s", name, lineno);
            if (hdr && unit != REPLAY_UNIT_AUTO) {
                if (unit_asked && unit_asked != unit)
                    FAIL("%s: its header says %s, --replay-time-unit says %s", name, replay_unit_name(unit),
                         replay_unit_name(unit_asked));
                r->unit = unit;
                snprintf(r->unit_how, sizeof r->unit_how, "stated by the header");
            } else if (unit_asked) {
                r->unit = unit_asked;
                snprintf(r->unit_how, sizeof r->unit_how, "stated by --replay-time-unit");
            } else if (fmt == REPLAY_BRIAN2) {
                r->unit = REPLAY_UNIT_S;
                snprintf(r->unit_how, sizeof r->unit_how, "assumed: Brian2's unit, %s",
                         hdr ? "the header does not say" : "no header says");
            } else if (fmt == REPLAY_NEST) {
                r->unit = REPLAY_UNIT_MS;
                snprintf(r->unit_how, sizeof r->unit_how, "assumed: NEST's unit, no header says");
            } else {
                r->unit = REPLAY_UNIT_MS;
                snprintf(r->unit_how, sizeof r->unit_how, "izhiscope's unit");
            }
        }
        char *f[8];
        char whole[96];                         /* the line as it was, for a message */
        snprintf(whole, sizeof whole, "%.80s", s);
        /* Brian2's columns as NumPy wrote them: np.savetxt(header='i,t') without
         * delimiter=',' puts a comma header over blank-separated rows */
        if (fmt == REPLAY_BRIAN2) sep = strchr(s, ',') ? ',' : strpbrk(s, " \t") ? 0 : sep;
        int n = split(s, sep, f, 8);
        if (n < 2 || (fmt != REPLAY_NEST && n != 2))
            FAIL("%s:%lld: expected 2 fields separated by %s, found %d ('%s')", name, lineno,
                 sep ? "','" : "blanks", n, whole);
        long long neuron, ti;
        double tr;
        int64_t t;
        const char *nf = fmt == REPLAY_IZHISCOPE ? f[1] : f[0], *tf = fmt == REPLAY_IZHISCOPE ? f[0] : f[1];
        long long lo = fmt == REPLAY_NEST ? first_id : 0;
        const char *what = fmt == REPLAY_NEST ? "sender (NEST's node id)" : "neuron";
        int e = id_field(nf, fmt != REPLAY_IZHISCOPE, lo, (long long)MAX_NEURON + lo, &neuron);
        if (e == -1) FAIL("%s:%lld: the %s '%.40s' is not a whole number", name, lineno, what, nf);
        if (e == -2) FAIL("%s:%lld: the %s %.40s is out of range (%lld ... %lld)", name, lineno, what, nf, lo,
                          (long long)MAX_NEURON + lo);
        neuron -= lo;
        if (fmt == REPLAY_IZHISCOPE) {
            e = int_field(tf, 0, MAX_T_MS, &ti);
            if (e == -1) FAIL("%s:%lld: the time '%.40s' is not a whole number of ms", name, lineno, tf);
            if (e == -2) FAIL("%s:%lld: the time %.40s is out of range (0 ... %lld ms)", name, lineno, tf, MAX_T_MS);
            t = ti;
        } else {
            if (real_field(tf, &tr) != 0) FAIL("%s:%lld: the time '%.40s' is not a number", name, lineno, tf);
            double ms = r->unit == REPLAY_UNIT_S ? tr * 1000.0 : tr;
            if (!(ms >= 0 && ms < (double)MAX_T_MS))
                FAIL("%s:%lld: the time %.40s is out of range (0 ... %lld ms)", name, lineno, tf, MAX_T_MS);
            t = (int64_t)floor(ms + 1e-9);          /* binned to 1 ms; 2.9999999999 is 3 */
            replay_times_add(&st, tr);
        }
        if (max_spikes && r->count >= max_spikes)
            FAIL("%s:%lld: more than %zu spikes: more than the memory available holds", name, lineno, max_spikes);
        if (replay_push(r, &cap, t, neuron) != 0) FAIL("%s:%lld: out of memory after %zu spikes", name, lineno, r->count);
    }
    if (rc == -1) FAIL("%s:%lld: cannot read: %s", name, lineno + 1, strerror(errno));
    if (rc == -2) FAIL("%s:%lld: the line is longer than %d bytes", name, lineno + 1, LINE_MAX_BYTES);
    if (rc == -3) FAIL("%s:%lld: a NUL byte: not a text file", name, lineno + 1);
    if (!header_done && fmt == REPLAY_DETECT) {
        fmt = nest_seen ? REPLAY_NEST : REPLAY_IZHISCOPE;
        snprintf(r->how, sizeof r->how, "%s", nest_seen ? "by its '# NEST' lines" : "an empty file");
    }
    if (decided < 2) {
        r->unit = fmt == REPLAY_BRIAN2 && unit == REPLAY_UNIT_S ? REPLAY_UNIT_S : unit_asked ? unit_asked : REPLAY_UNIT_MS;
        snprintf(r->unit_how, sizeof r->unit_how, "no spikes");
    }
    r->format = fmt;
    if (unit_asked == REPLAY_UNIT_AUTO && (strncmp(r->unit_how, "assumed", 7) == 0) &&
        replay_unit_check(r, &st, name, col, err, errlen) != 0)
        goto fail_msg;
    replay_finish(r);
    return 0;
fail:
    if (decided) {
        /* every message after the format is known says which and how */
        size_t l = strlen(err);
        r->format = fmt;
        char d[400];
        if (decided < 2) snprintf(d, sizeof d, "%s, %s", replay_format_name(fmt), r->how);
        else replay_describe(r, d, sizeof d);
        snprintf(err + l, errlen > l ? errlen - l : 0, " [read as %s]", d);
    }
fail_msg:
    escape_in_place(err, errlen);   /* a message quotes the file: one printable line */
    replay_free(r);
    return -1;
}

/* A trace's u or I: a number, or nan (a replayed session has neither). */
static int ui_field(const char *s, double *out)
{
    if (strcmp(s, "nan") == 0) { *out = NAN; return 0; }
    return real_field(s, out);
}

int replay_read_trace(Replay *r, FILE *fp, const char *name, char *err, size_t errlen)
{
    char line[LINE_MAX_BYTES + 2];
    long long lineno = 0;
    int rc, header = 0;
    Src src;
    src_start(&src, fp);
    int64_t cap = 0;
    free(r->trace);
    r->trace = NULL;
    r->trace_len = 0;
    r->trace_neuron = -1;
    int neuron_state = 0;       /* 0: no neuron column yet, 1: one neuron throughout, 2: several */
    long long last_t = -1;      /* a window's file: a line per traced neuron, slot 0's first */
    r->trace_seed[0] = '\0';
    long long said_neuron = -1;  /* its "# trace_neuron: N" line: whose v a two-column file holds */
    while ((rc = next_line(&src, line, sizeof line)) == 1) {
        lineno++;
        char *s = trim(line);
        if (*s == '#') {
            const char *c = s + 1;
            while (*c == ' ') c++;
            seed_comment(c, r->trace_seed, sizeof r->trace_seed);
            if (!strncmp(c, "trace_neuron: ", 14)) {
                char tmp[64];
                snprintf(tmp, sizeof tmp, "%s", c + 14);
                if (int_field(trim(tmp), 0, MAX_NEURON, &said_neuron) != 0) said_neuron = -1;
            }
            continue;
        }
        if (!*s) continue;
        if (!header) {
            header = 1;
            if (strncmp(s, "t_ms,v_mV", 9) != 0)
                FAIL("%s:%lld: expected the header t_ms,v_mV (an izhiscope trace), found '%.80s'", name, lineno, s);
            continue;
        }
        char *f[6];
        char whole[96];
        snprintf(whole, sizeof whole, "%.80s", s);
        int n = split(s, ',', f, 6);
        long long t;
        double v, ui;
        long long who = -1;
        if (n < 2 || n == 4 || n > 5 || real_field(f[1], &v) != 0 ||
            (n >= 3 && int_field(f[2], 0, MAX_NEURON, &who) != 0) ||
            (n == 5 && (ui_field(f[3], &ui) != 0 || ui_field(f[4], &ui) != 0)))
            FAIL("%s:%lld: expected 't_ms,v_mV', 't_ms,v_mV,neuron' or 't_ms,v_mV,neuron,u_mV,I_mV_per_ms', found '%s'",
                 name, lineno, whole);
        int e = int_field(f[0], 0, REPLAY_TRACE_MAX_MS - 1, &t);
        if (e == -1) FAIL("%s:%lld: the time '%.40s' is not a whole number of ms", name, lineno, f[0]);
        if (e == -2)
            FAIL("%s:%lld: the time %.40s is out of range (0 ... %lld ms)", name, lineno, f[0], REPLAY_TRACE_MAX_MS - 1);
        if (n >= 3 && t == last_t) continue;     /* another traced neuron of that ms: slot 0 is replayed */
        last_t = t;
        if (n >= 3) {
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
    /* a two-column file (a headless run's) says its neuron in its metadata
     * (a tester's --trace-neuron 999 replayed as "v(t) of neuron 0") */
    if (neuron_state == 0 && said_neuron >= 0) r->trace_neuron = (int)said_neuron;
    return 0;
fail:
    escape_in_place(err, errlen);   /* a message quotes the file: one printable line */
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
