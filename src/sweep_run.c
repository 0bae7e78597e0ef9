/*
 * sweep_run.c - izhiscope --headless --sweep: the map's runs (sweep.h) on
 * the threads, one network each, and under mpirun on the processes
 * (process p takes rows p, p + P, ...); process 0 gathers the rows and
 * writes --sweep-out (and --export's figure) whole or not at all. The
 * rows do not depend on who computed them, so the files are the same bytes
 * for any --threads and any number of processes.
 */
#define _POSIX_C_SOURCE 200809L
#include "app.h"
#include "clock.h"
#include "exchange.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <string.h>

#include "figure.h"
#include "outfile.h"
#include "rng.h"
#include "stats.h"
#include "sweep.h"
#include "sweepfig.h"

/* What the workers share: this process's rows, j = 0 ... mine-1 being row
 * rank + j size of the sweep. */
typedef struct Share {
    const Config *cfg;
    int ne, rank, size;
    int64_t mine, runs;
    SweepRow *rows;
    atomic_llong next, done;
    atomic_int failed;          /* an errno, 0 while none */
    int64_t t0, last_said;      /* ns */
} Share;

typedef struct Worker {
    Share *sh;
    SweepWork *work;
    int says;                   /* process 0's first worker reports progress */
    pthread_t tid;
} Worker;

/* "points done, time left" on stderr, every 2 s of a sweep longer than that. */
static void say_progress(Share *sh)
{
    const int64_t now = clock_now_ns();
    if (now - sh->last_said < 2000000000LL) return;
    sh->last_said = now;
    /* the other processes are taken to go as fast as this one */
    const double done = (double)atomic_load(&sh->done) * sh->size;
    const double runs = (double)sh->runs, secs = 1e-9 * (double)(now - sh->t0);
    if (done <= 0 || done >= runs) return;
    fprintf(stderr, "izhiscope: sweep: %.0f of %.0f runs done, about %.0f s left\n", done, runs,
            secs * (runs - done) / done);
}

static void *work_rows(void *arg)
{
    Worker *w = arg;
    Share *sh = w->sh;
    const Config *cfg = sh->cfg;
    for (;;) {
        const int64_t j = atomic_fetch_add(&sh->next, 1);
        if (j >= sh->mine || atomic_load(&sh->failed)) break;
        NetParams p;
        sweep_row_params(&cfg->sweep, cfg->seeds, &cfg->net, sh->rank + j * sh->size, &p);
        if (sweep_measure(w->work, &p, sh->ne, cfg->duration_ms, &sh->rows[j]) != 0) {
            int zero = 0;
            atomic_compare_exchange_strong(&sh->failed, &zero, errno ? errno : ENOMEM);
            break;
        }
        atomic_fetch_add(&sh->done, 1);
        if (w->says) say_progress(sh);
    }
    return NULL;
}

/* The metadata of the CSV (as "# key: value" lines) and of the figure. */
static void sweep_metadata(AppMeta *m, const Config *cfg, int64_t runs)
{
    const SweepSpec *s = &cfg->sweep;
    m->n = 0;
    m->at = 0;
    app_meta_add(m, "Software", "izhiscope %s", IZHISCOPE_VERSION);
    app_meta_add(m, "Title", "izhiscope map: %s", cfg->sweep_text);
    app_meta_add(m, "version", "%s", IZHISCOPE_VERSION);
    app_meta_add(m, "sweep", "%s", cfg->sweep_text);
    for (int a = 0; a < s->naxes; a++)
        app_meta_add(m, "points", "%s: %d", s->axis[a].knob->name, s->axis[a].count);
    app_meta_add(m, "seeds", "%d", cfg->seeds);
    app_meta_add(m, "first_seed", "%" PRIu64, cfg->net.seed);
    app_meta_add(m, "runs", "%" PRId64, runs);
    app_meta_add(m, "scheme", "%s", cfg->net.scheme == NET_SCHEME_EULER ? "euler" : "paper");
    /* the knobs not swept keep the value of their option */
    for (int i = 0; sweep_knob_at(i); i++) {
        const SweepKnob *k = sweep_knob_at(i);
        int swept = 0;
        for (int a = 0; a < s->naxes; a++) swept |= s->axis[a].knob == k;
        if (!swept) app_meta_add(m, k->name, "%g", sweep_knob_get(k, &cfg->net));
    }
    app_meta_add(m, "neurons", "%d", cfg->net.n);
    app_meta_add(m, "in_degree", "%d", cfg->net.k);
    app_meta_add(m, "excitatory", "%d", app_ne(cfg));
    app_meta_add(m, "duration_ms", "%lld", (long long)cfg->duration_ms);
    app_meta_add(m, "transient_ms", "%d", STATS_SKIP_MS);
}

/* The rows as CSV (docs/model.md, File formats). */
static void write_csv(FILE *fp, const AppMeta *m, const Config *cfg, const SweepRow *rows, int64_t runs)
{
    const SweepSpec *s = &cfg->sweep;
    for (int i = 0; i < m->n; i++) fprintf(fp, "# %s: %s\n", m->keys[i], m->values[i]);
    char header[1024];
    sweep_header(s, header, sizeof header);
    fprintf(fp, "%s\n", header);
    for (int64_t r = 0; r < runs; r++) {
        int i[SWEEP_MAX_AXES];
        sweep_row_point(s, cfg->seeds, r, i);
        for (int a = 0; a < s->naxes; a++) {
            char v[32];
            sweep_value_text(&s->axis[a], i[a], v, sizeof v);
            fprintf(fp, "%s,", v);
        }
        const SweepRow *w = &rows[r];
        /* the figures --stats prints, as it prints them (app_peak_text) */
        fprintf(fp, "%" PRIu64 ",%.2f,%.2f", cfg->net.seed + (uint64_t)(r % cfg->seeds), w->rate_e, w->rate_i);
        for (int b = 0; b < RHYTHM_NBANDS; b++) {
            if (w->found[b]) fprintf(fp, ",%.1f,%.0f", rhythm_shown_hz(w->hz[b]), 100.0 * w->strength[b]);
            else fputs(",,", fp);
        }
        /* analysis.h's scalars, as --stats prints them */
        fprintf(fp, ",%.4f,%.4f,%.4f,%.3f,%.3f,%.0f,%.3f,%.3f,%.3f,%.3f", w->chi[0], w->chi[1], w->chi[2], w->fano[0],
                w->fano[1], w->lag_ei_ms, w->plv[0][0], w->plv[0][1], w->plv[1][0], w->plv[1][1]);
        fprintf(fp, ",%d\n", w->runaway ? 1 : 0);
    }
}

int app_run_sweep(Config *cfg)
{
    char err[8192];
    const int rank = xc_rank(), size = xc_size();
    const int64_t runs = sweep_points(&cfg->sweep) * cfg->seeds;
    OutFile csv, fig;
    memset(&csv, 0, sizeof csv);
    memset(&fig, 0, sizeof fig);
    const char *font = NULL;
    int status = APP_EXIT_OK;
    if (rank == 0) {
        status = app_prepare(cfg, cfg->export_path != NULL, &font);
        if (status == APP_EXIT_OK &&
            (outfile_open(&csv, cfg->sweep_out, cfg->force, err, sizeof err) != 0 ||
             (cfg->export_path && outfile_open(&fig, cfg->export_path, cfg->force, err, sizeof err) != 0))) {
            fprintf(stderr, "izhiscope: %s\n", err);
            status = APP_EXIT_FAIL;
        }
    }
    /* every process got this far, or all stop here */
    if (size > 1) status = xc_agree(status, 0, NULL, NULL);
    if (status != APP_EXIT_OK) {
        outfile_abort(&csv);
        outfile_abort(&fig);
        return status;
    }

    Share sh = { .cfg = cfg, .ne = app_ne(cfg), .rank = rank, .size = size, .runs = runs };
    sh.mine = runs > rank ? (runs - rank + size - 1) / size : 0;
    int nw = cfg->net.threads < 1 ? 1 : cfg->net.threads;
    if (nw > sh.mine) nw = sh.mine > 0 ? (int)sh.mine : 1;
    /* a network a worker: no more workers than the memory holds (the
     * processes on this machine share it); the rows do not depend on it */
    char what[160];
    const double avail = app_available_memory("/proc/meminfo", "/proc/self/cgroup", "/sys/fs/cgroup", what,
                                              sizeof what) / xc_local_size();
    const double per = (double)net_peak_bytes(cfg->net.n, cfg->net.k, 1);
    if (avail > 0 && per > 0 && nw > 1 && nw * per > avail) nw = avail / per >= 2 ? (int)(avail / per) : 1;
    sh.rows = calloc((size_t)(sh.mine > 0 ? sh.mine : 1), sizeof *sh.rows);
    Worker *w = calloc((size_t)nw, sizeof *w);
    SweepRow *all = rank == 0 ? calloc((size_t)runs, sizeof *all) : NULL;
    SweepRow *ordered = rank == 0 ? calloc((size_t)runs, sizeof *ordered) : NULL;
    int failed = !sh.rows || !w || (rank == 0 && (!all || !ordered)) ? ENOMEM : 0;
    /* the works are made one at a time (FFTW's planner, rhythm.h) */
    for (int t = 0; !failed && t < nw; t++) {
        w[t].sh = &sh;
        w[t].says = rank == 0 && t == 0;
        if (!(w[t].work = sweep_work_create(cfg->net.n, sh.ne))) failed = ENOMEM;
    }
    /* the normal tables (rng.c, call_once) made here, before the threads:
     * call_once orders them, but ThreadSanitizer does not see glibc's */
    Rng warm;
    rng_seed(&warm, 0, 0, 0);
    (void)rng_normal(&warm);
    sh.t0 = sh.last_said = clock_now_ns();
    int started = 0;
    if (!failed) {
        for (started = 1; started < nw; started++)
            if (pthread_create(&w[started].tid, NULL, work_rows, &w[started]) != 0) break;
        work_rows(&w[0]);
        for (int t = 1; t < started; t++) pthread_join(w[t].tid, NULL);
        failed = atomic_load(&sh.failed);
    }
    const double wall = 1e-9 * (double)(clock_now_ns() - sh.t0);
    for (int t = 0; w && t < nw; t++) sweep_work_destroy(w[t].work);
    free(w);
    if (size > 1) {
        int who = 0, why = 0;
        status = xc_agree(failed ? APP_EXIT_FAIL : APP_EXIT_OK, failed, &who, &why);
        if (status) failed = why ? why : ENOMEM;
    }
    if (failed) {
        if (rank == 0) fprintf(stderr, "izhiscope: the sweep's runs: %s; no output written\n", strerror(failed));
        status = APP_EXIT_FAIL;
        goto done;
    }
    xc_gather(sh.rows, (int)(sh.mine * (int64_t)sizeof *sh.rows), all);
    if (rank != 0) goto done;
    /* process q's j-th row is row q + j P */
    for (int64_t at = 0, q = 0; q < size; q++)
        for (int64_t r = q; r < runs; r += size) ordered[r] = all[at++];

    static AppMeta meta;
    sweep_metadata(&meta, cfg, runs);
    write_csv(csv.fp, &meta, cfg, ordered, runs);
    if (fig.fp &&
        sweepfig_export(fig.fp, cli_export_format(cfg), &cfg->sweep, cfg->seeds, ordered, cfg->sweep_text,
                        FIGURE_DEFAULT_W, FIGURE_DEFAULT_H, font, meta.keys, meta.values, meta.n, err,
                        sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s: %s; no output written\n", cfg->export_path, err);
        status = APP_EXIT_FAIL;
        goto done;
    }
    OutFile *files[2] = { &csv, &fig };
    if (outfile_commit_all(files, 2, app_print_wrote, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s; no output written\n", err);
        status = APP_EXIT_FAIL;
        goto done;
    }
    const double sim_s = (double)runs * (double)cfg->duration_ms / 1000.0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    const double cpu = (double)ru.ru_utime.tv_sec + 1e-6 * (double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_sec +
                       1e-6 * (double)ru.ru_stime.tv_usec;
    const int cores = nw * size;
    printf("swept %" PRId64 " points x %d seed%s = %" PRId64 " runs of %lld ms in %.3f s on %d thread%s x %d "
           "process%s: %.1f simulated s per wall s, %.1f per core; %.3f s of CPU (process 0)\n", sweep_points(&cfg->sweep), cfg->seeds,
           cfg->seeds == 1 ? "" : "s", runs, (long long)cfg->duration_ms, wall, nw, nw == 1 ? "" : "s", size,
           size == 1 ? "" : "es", wall > 0 ? sim_s / wall : 0.0, wall > 0 ? sim_s / wall / cores : 0.0, cpu);
done:
    outfile_abort(&csv);
    outfile_abort(&fig);
    free(sh.rows);
    free(all);
    free(ordered);
    return status;
}
