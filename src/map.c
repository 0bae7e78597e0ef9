/*
 * map.c - the window's map panel's grid, its workers and --map's reader
 * (map.h). Prints nothing; the window says what went wrong.
 */
#define _GNU_SOURCE
#include "map.h"
#include "thread.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cli.h"
#include "rng.h"

typedef struct MapWorker {
    Map *m;
    SweepWork *work;
    pthread_t tid;
    int started;
} MapWorker;

/* ---- pure parts ---- */

int map_order(int n0, int n1, int *order)
{
    if (n0 < 1 || n1 < 1) return -1;
    const int big = n0 > n1 ? n0 : n1;
    int s = 1;
    while (2 * s < big) s *= 2;
    int k = 0;
    for (int level = s; level >= 1; level /= 2)
        for (int i0 = 0; i0 < n0; i0 += level)
            for (int i1 = 0; i1 < n1; i1 += level) {
                /* visited at a coarser level: both indices multiples of 2 level */
                if (level < s && i0 % (2 * level) == 0 && i1 % (2 * level) == 0) continue;
                order[k++] = i0 * n1 + i1;
            }
    return 0;
}

void map_nearest(int n0, int n1, const unsigned char *done, int *shown)
{
    for (int c = 0; c < n0 * n1; c++) {
        if (done[c]) { shown[c] = c; continue; }
        const int a0 = c / n1, a1 = c % n1;
        int best = -1, best_d = 0;
        for (int d = 0; d < n0 * n1; d++) {
            if (!done[d]) continue;
            const int e0 = d / n1 - a0, e1 = d % n1 - a1, dist = e0 * e0 + e1 * e1;
            if (best < 0 || dist < best_d) { best = d; best_d = dist; }
        }
        shown[c] = best;
    }
}

int map_cell_start(int len, int n, int i) { return (int)((int64_t)len * i / n); }

int map_cell_at(int len, int n, int p)
{
    if (p < 0 || p >= len || n < 1) return -1;
    /* the largest i with floor(len i / n) <= p, i.e. len i < n (p + 1) */
    return (int)(((int64_t)n * (p + 1) + len - 1) / len) - 1;
}

/* ---- the workers ---- */

static void *map_work(void *arg)
{
    MapWorker *wk = arg;
    Map *m = wk->m;
    /* the lowest priority, below the simulation and the window (Linux: a
     * thread's own nice): the map takes the time they leave. make bench,
     * 2 cores, load ~7: nice 19 drew 50-54 fps meanwhile, +10 43-53, +5
     * 35 (58-60 without the map); the map took 8.5-9.7, 6.2-7.0, 8.3 s */
    setpriority(PRIO_PROCESS, (id_t)(pid_t)syscall(SYS_gettid), 19);
    for (;;) {
        if (atomic_load(&m->stop)) break;
        const int k = atomic_fetch_add(&m->next, 1);
        if (k >= m->ncells) break;
        const int c = m->order[k];
        NetParams p;
        sweep_row_params(&m->spec, 1, &m->base, c, &p);
        if (sweep_measure(wk->work, &p, m->ne, MAP_DURATION_MS, &m->rows[c]) != 0) {
            atomic_store(&m->failed, errno ? errno : ENOMEM);
            break;
        }
        atomic_store_explicit(&m->done[c], 1, memory_order_release);
        atomic_fetch_add(&m->count, 1);
    }
    return NULL;
}

static Map *map_alloc(const SweepSpec *spec, int seeds)
{
    Map *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->spec = *spec;
    m->seeds = seeds;
    m->n0 = spec->axis[0].count;
    m->n1 = spec->axis[1].count;
    m->ncells = m->n0 * m->n1;
    m->rows = calloc((size_t)m->ncells * seeds, sizeof *m->rows);
    m->done = calloc((size_t)m->ncells, sizeof *m->done);
    m->seen = calloc((size_t)m->ncells, 1);
    m->order = malloc((size_t)m->ncells * sizeof *m->order);
    if (!m->rows || !m->done || !m->seen || !m->order) { map_destroy(m); return NULL; }
    for (int c = 0; c < m->ncells; c++) atomic_init(&m->done[c], 0);
    atomic_init(&m->next, 0);
    atomic_init(&m->stop, 0);
    atomic_init(&m->count, 0);
    atomic_init(&m->failed, 0);
    map_order(m->n0, m->n1, m->order);
    return m;
}

Map *map_create(const NetParams *base, int ne)
{
    SweepSpec spec;
    char err[256];
    if (sweep_parse(MAP_AXES_TEXT, 1, cli_option_range, &spec, err, sizeof err) != 0) return NULL;
    Map *m = map_alloc(&spec, 1);
    if (!m) return NULL;
    m->base = *base;
    m->base.threads = 1;
    m->ne = ne;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    m->nworkers = cores > 2 ? (int)cores - 1 : 1;
    if (m->nworkers > MAP_MAX_WORKERS) m->nworkers = MAP_MAX_WORKERS;
    return m;
}

int map_start(Map *m)
{
    if (m->loaded || m->workers) return 0;
    m->workers = calloc((size_t)m->nworkers, sizeof *m->workers);
    if (!m->workers) return ENOMEM;
    /* the works one at a time (FFTW's planner, rhythm.h) */
    for (int t = 0; t < m->nworkers; t++) {
        m->workers[t].m = m;
        if (!(m->workers[t].work = sweep_work_create(m->base.n, m->ne))) return ENOMEM;
    }
    /* the normal tables (rng.c) made here, before the threads (see sweep_run.c) */
    Rng warm;
    rng_seed(&warm, 0, 0, 0);
    (void)rng_normal(&warm);
    for (int t = 0; t < m->nworkers; t++) {
        int rc = thread_start(&m->workers[t].tid, map_work, &m->workers[t]);
        if (rc != 0) return t > 0 ? 0 : rc;
        m->workers[t].started = 1;
    }
    return 0;
}

int map_count(const Map *m) { return m->loaded ? m->ncells : atomic_load((atomic_int *)&m->count); }

int map_refresh(Map *m)
{
    int n = 0;
    for (int c = 0; c < m->ncells; c++) {
        if (!m->seen[c]) m->seen[c] = atomic_load_explicit(&m->done[c], memory_order_acquire);
        n += m->seen[c];
    }
    return n;
}

void map_destroy(Map *m)
{
    if (!m) return;
    atomic_store(&m->stop, 1);
    for (int t = 0; m->workers && t < m->nworkers; t++) {
        if (m->workers[t].started) pthread_join(m->workers[t].tid, NULL);
        sweep_work_destroy(m->workers[t].work);
    }
    free(m->workers);
    free(m->rows);
    free(m->done);
    free(m->seen);
    free(m->order);
    free(m);
}

void map_cell(const Map *m, int i0, int i1, SweepCell *out)
{
    sweep_cell(&m->spec, m->seeds, m->rows, i0, i1, out);
}

/* ---- --map FILE ---- */

static int bad(char *err, size_t errlen, const char *path, int line, const char *what)
{
    if (line > 0) snprintf(err, errlen, "--map %s:%d: %s", path, line, what);
    else snprintf(err, errlen, "--map %s: %s", path, what);
    return -1;
}

/* Reads a number field ending at ',' or the end; empty: *found = 0. */
static int read_field(char **at, double *v, int *found)
{
    char *s = *at, *end;
    if (*s == ',' || *s == '\0' || *s == '\n' || *s == '\r') {
        *found = 0;
        *v = 0;
    } else {
        /* a decimal number as --sweep-out writes it: no blank, no hex
         * (strtod would take " 4" and "0x10": a tester's hand-edited file) */
        if (!isdigit((unsigned char)*s) && *s != '-' && *s != '+' && *s != '.') return -1;
        for (const char *c = s; *c && *c != ',' && *c != '\n' && *c != '\r'; c++)
            if (!isdigit((unsigned char)*c) && !strchr("+-.eE", *c)) return -1;
        errno = 0;
        *v = strtod(s, &end);
        if (end == s || errno || !isfinite(*v)) return -1;
        s = end;
        *found = 1;
    }
    if (*s == ',') s++;
    else if (*s && *s != '\n' && *s != '\r') return -1;
    *at = s;
    return 0;
}

int map_read_csv(const char *path, SweepSpec *spec, int *seeds, SweepRow **rows, char *err, size_t errlen)
{
    *rows = NULL;
    FILE *fp = fopen(path, "r");
    if (!fp) return bad(err, errlen, path, 0, strerror(errno));
    char line[4096], sweep_text[1024] = "", msg[1400];
    int lineno = 0, have_header = 0, got_seeds = 0;
    int64_t want = 0, r = 0;
    SweepRow *out = NULL;
    int rc = -1;
    *seeds = 1;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        if (!strchr(line, '\n') && !feof(fp)) { bad(err, errlen, path, lineno, "line too long for a sweep CSV"); goto done; }
        /* a spreadsheet's "CSV UTF-8" starts with a byte order mark (as --replay and --schedule pass over) */
        if (lineno == 1 && !strncmp(line, "\xef\xbb\xbf", 3)) memmove(line, line + 3, strlen(line + 3) + 1);
        if (!have_header && line[0] == '#') {
            if (!strncmp(line, "# sweep: ", 9)) {
                snprintf(sweep_text, sizeof sweep_text, "%.1000s", line + 9);
                sweep_text[strcspn(sweep_text, "\r\n")] = 0;
            } else if (!strncmp(line, "# seeds: ", 9)) {
                char *end;
                errno = 0;
                const long k = strtol(line + 9, &end, 10);
                if (errno || end == line + 9 || strspn(end, "\r\n") != strlen(end) || k < 1 || k > INT_MAX) {
                    bad(err, errlen, path, lineno, "'# seeds:' is not a whole number of seeds (1 or more)");
                    goto done;
                }
                *seeds = (int)k;
                got_seeds = 1;
            }
            continue;
        }
        if (!have_header) {
            if (!sweep_text[0] || !got_seeds) {
                bad(err, errlen, path, lineno, "not a sweep CSV (--sweep-out's): no '# sweep:' and '# seeds:' lines "
                    "before its header");
                goto done;
            }
            if (*seeds < 1 || *seeds > SWEEP_MAX_SEEDS || sweep_parse(sweep_text, *seeds, cli_option_range, spec, msg, 512) != 0) {
                char what[1600];
                snprintf(what, sizeof what, "its '# sweep: %s' is not one izhiscope reads (%.500s)", sweep_text,
                         *seeds < 1 || *seeds > SWEEP_MAX_SEEDS ? "seeds out of range" : msg);
                bad(err, errlen, path, 0, what);
                goto done;
            }
            if (spec->naxes != 2 || strcmp(spec->axis[0].knob->name, "noise-e") ||
                strcmp(spec->axis[1].knob->name, "noise-i")) {
                char what[1600];
                snprintf(what, sizeof what, "it sweeps %s; the map panel shows noise-e x noise-i (a sweep of both, "
                         "noise-e first): a click there sets them", sweep_text);
                bad(err, errlen, path, 0, what);
                goto done;
            }
            char header[1024];
            sweep_header(spec, header, sizeof header);
            line[strcspn(line, "\r\n")] = 0;
            if (strcmp(line, header)) {
                snprintf(msg, sizeof msg, "the header is not a sweep CSV's (expected %s)", header);
                bad(err, errlen, path, lineno, msg);
                goto done;
            }
            have_header = 1;
            want = sweep_points(spec) * *seeds;
            out = calloc((size_t)want, sizeof *out);
            if (!out) { bad(err, errlen, path, 0, "out of memory"); goto done; }
            continue;
        }
        if (r >= want) { bad(err, errlen, path, lineno, "more rows than its '# sweep:' and '# seeds:' give"); goto done; }
        int i[SWEEP_MAX_AXES];
        sweep_row_point(spec, *seeds, r, i);
        char *s = line;
        for (int a = 0; a < 2; a++) {
            char v[32];
            sweep_value_text(&spec->axis[a], i[a], v, sizeof v);
            size_t len = strlen(v);
            if (strncmp(s, v, len) || s[len] != ',') {
                snprintf(msg, sizeof msg, "expected %s = %s here (rows in the order --sweep writes them)",
                         spec->axis[a].knob->name, v);
                bad(err, errlen, path, lineno, msg);
                goto done;
            }
            s += len + 1;
        }
        double v;
        int found;
        SweepRow *w = &out[r];
        int ok = read_field(&s, &v, &found) == 0 && found;                          /* seed */
        ok = ok && read_field(&s, &w->rate_e, &found) == 0 && found;
        ok = ok && read_field(&s, &w->rate_i, &found) == 0 && found;
        for (int b = 0; ok && b < RHYTHM_NBANDS; b++) {
            int f2;
            ok = read_field(&s, &w->hz[b], &found) == 0 && read_field(&s, &v, &f2) == 0 && found == f2;
            w->found[b] = found;
            w->strength[b] = v / 100.0;
        }
        /* the analysis measures: not shown here (nan where a run could not
         * compute one, e.g. under MPI) */
        for (int m = 0; ok && m < SWEEP_NMEASURES; m++) {
            s += strcspn(s, ",\r\n");
            ok = *s == ',';
            if (ok) s++;
        }
        ok = ok && read_field(&s, &v, &found) == 0 && found && (v == 0 || v == 1);
        w->runaway = (int32_t)v;
        if (!ok || (*s && *s != '\n' && *s != '\r')) {
            bad(err, errlen, path, lineno, "not a row of a sweep CSV (its numbers, empty only for a band without a peak)");
            goto done;
        }
        /* numbers a sweep can write: rates not negative, a band's peak in
         * its band, a strength not negative (a tester's -3 Hz and an alpha
         * at 999 Hz were drawn) */
        const char *wrong = NULL;
        char why[160];
        if (w->rate_e < 0 || w->rate_i < 0) wrong = "a rate below 0 Hz";
        else if (w->rate_e > 1000 || w->rate_i > 1000) wrong = "a rate above 1000 Hz (a spike a 1 ms step at most)";
        for (int b = 0; !wrong && b < RHYTHM_NBANDS; b++) {
            if (!w->found[b]) continue;
            if (w->hz[b] < RHYTHM_BANDS[b].lo_hz - 0.05 || w->hz[b] > RHYTHM_BANDS[b].hi_hz + 0.05) {
                snprintf(why, sizeof why, "%s_hz %g outside the %s band (%g ... %g Hz)", RHYTHM_BANDS[b].name,
                         w->hz[b], RHYTHM_BANDS[b].name, RHYTHM_BANDS[b].lo_hz, RHYTHM_BANDS[b].hi_hz);
                wrong = why;
            } else if (w->strength[b] < 0) {
                wrong = "a strength below 0 %";
            }
        }
        if (wrong) {
            snprintf(msg, sizeof msg, "not what a sweep writes: %s", wrong);
            bad(err, errlen, path, lineno, msg);
            goto done;
        }
        r++;
    }
    if (ferror(fp)) { bad(err, errlen, path, 0, strerror(errno)); goto done; }
    if (!have_header) { bad(err, errlen, path, 0, "not a sweep CSV (--sweep-out's): no header line"); goto done; }
    if (r < want) {
        snprintf(msg, sizeof msg, "%" PRId64 " rows of the %" PRId64 " its '# sweep:' and '# seeds:' give: cut short?", r, want);
        bad(err, errlen, path, 0, msg);
        goto done;
    }
    *rows = out;
    out = NULL;
    rc = 0;
done:
    free(out);
    fclose(fp);
    return rc;
}

Map *map_load(const char *path, char *err, size_t errlen)
{
    SweepSpec spec;
    int seeds;
    SweepRow *rows;
    if (map_read_csv(path, &spec, &seeds, &rows, err, errlen) != 0) return NULL;
    Map *m = map_alloc(&spec, seeds);
    if (!m) { free(rows); snprintf(err, errlen, "--map %s: out of memory", path); return NULL; }
    memcpy(m->rows, rows, (size_t)m->ncells * seeds * sizeof *rows);
    free(rows);
    m->loaded = 1;
    for (int c = 0; c < m->ncells; c++) { atomic_store(&m->done[c], 1); m->seen[c] = 1; }
    return m;
}
