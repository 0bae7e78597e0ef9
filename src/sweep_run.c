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
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <string.h>

#include "figure.h"
#include "outfile.h"
#include "stats.h"
#include "sweep.h"
#include "sweepfig.h"

/* The progress of this process's rows, said by the first worker. */
typedef struct Share {
    int size;
    int64_t runs;
    int64_t t0, last_said;      /* ns */
} Share;

/* "points done, time left" on stderr, every 2 s of a sweep longer than that. */
static void say_progress(void *ctx, int64_t mine_done)
{
    Share *sh = ctx;
    const int64_t now = clock_now_ns();
    if (now - sh->last_said < 2000000000LL) return;
    sh->last_said = now;
    /* the other processes are taken to go as fast as this one */
    const double done = (double)mine_done * sh->size;
    const double runs = (double)sh->runs, secs = 1e-9 * (double)(now - sh->t0);
    if (done <= 0 || done >= runs) return;
    fprintf(stderr, "izhiscope: sweep: %.0f of %.0f runs done, about %.0f s left\n", done, runs,
            secs * (runs - done) / done);
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
        if (!swept) app_meta_float(m, k->name, sweep_knob_get(k, &cfg->net));
    }
    /* the stimulus's other options: with them a row is the --stats run it
     * says it is (a tester found only stim-amp in the file) */
    app_meta_add(m, "stim-on", "%s", cfg->net.stim_on ? "yes" : "no");
    app_meta_add(m, "stim-neurons", "%d-%d", cfg->net.stim_from, cfg->net.stim_to);
    app_meta_add(m, "stim-width", "%d", cfg->net.stim_width);
    app_meta_add(m, "stim-period", "%d", cfg->net.stim_period);
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
        char line[1024];
        sweep_line_text(s, cfg->seeds, cfg->net.seed, r, &rows[r], line, sizeof line);
        fprintf(fp, "%s\n", line);
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

    Share sh = { .size = size, .runs = runs };
    const int ne = app_ne(cfg);
    const int64_t mine = runs > rank ? (runs - rank + size - 1) / size : 0;
    int nw = cfg->net.threads < 1 ? 1 : cfg->net.threads;
    if (nw > mine) nw = mine > 0 ? (int)mine : 1;
    /* a network a worker: no more workers than the memory holds (the
     * processes on this machine share it); the rows do not depend on it */
    char what[160];
    const double avail = app_available_memory("/proc/meminfo", "/proc/self/cgroup", "/sys/fs/cgroup", what,
                                              sizeof what) / xc_local_size();
    const double per = (double)net_peak_bytes(cfg->net.n, cfg->net.k, 1);
    if (avail > 0 && per > 0 && nw > 1 && nw * per > avail) nw = avail / per >= 2 ? (int)(avail / per) : 1;
    SweepRow *rows = calloc((size_t)(mine > 0 ? mine : 1), sizeof *rows);
    SweepRow *all = rank == 0 ? calloc((size_t)runs, sizeof *all) : NULL;
    SweepRow *ordered = rank == 0 ? calloc((size_t)runs, sizeof *ordered) : NULL;
    int failed = !rows || (rank == 0 && (!all || !ordered)) ? ENOMEM : 0;
    sh.t0 = sh.last_said = clock_now_ns();
    if (!failed)
        failed = sweep_run_rows(&cfg->sweep, cfg->seeds, &cfg->net, ne, cfg->duration_ms, rank, size, mine, nw, rows,
                                rank == 0 ? say_progress : NULL, &sh);
    const double wall = 1e-9 * (double)(clock_now_ns() - sh.t0);
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
    xc_gather(rows, (int)(mine * (int64_t)sizeof *rows), all);
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
    const int64_t points = sweep_points(&cfg->sweep);
    printf("swept %" PRId64 " point%s x %d seed%s = %" PRId64 " run%s of %lld ms in %.3f s on %d thread%s x %d "
           "process%s: %.3g simulated s per wall s, %.3g per core; %.3f s of CPU (process 0)\n", points,
           points == 1 ? "" : "s", cfg->seeds, cfg->seeds == 1 ? "" : "s", runs, runs == 1 ? "" : "s",
           (long long)cfg->duration_ms, wall, nw, nw == 1 ? "" : "s", size,
           size == 1 ? "" : "es", wall > 0 ? sim_s / wall : 0.0, wall > 0 ? sim_s / wall / cores : 0.0, cpu);
done:
    outfile_abort(&csv);
    outfile_abort(&fig);
    free(rows);
    free(all);
    free(ordered);
    return status;
}
