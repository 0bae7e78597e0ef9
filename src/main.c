/*
 * main.c - izhiscope's entry point: parse the command line, then run
 * headless or open the live window.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "cli.h"
#include "clock.h"
#include "exchange.h"
#include "rng.h"
#include "sonata.h"

/* Standard output that could not be written (a full disk, a closed pipe
 * ignoring SIGPIPE, --help >/dev/full) is a failure, said on stderr. */
static int out_errno;       /* the error of the first failed write, if one failed early */

static void out(const char *text)
{
    errno = 0;
    if (fputs(text, stdout) == EOF && !out_errno) out_errno = errno;
}

static int finish(int code)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        int e = out_errno ? out_errno : errno ? errno : EIO;
        fprintf(stderr, "izhiscope: cannot write to the standard output: %s\n", strerror(e));
        return code ? code : APP_EXIT_FAIL;
    }
    return code;
}

/* With MPI (exchange.h) every process parses the same command line and
 * ends the same way; process 0 alone prints and writes. */
static int run(int argc, char **argv, int64_t start_ns)
{
    Config cfg;
    char err[8192];
    const int speaker = xc_rank() == 0;
    if (!speaker) app_signals_quiet();
    /* with MPI: one command line for all, or none runs (exchange.h) */
    if (xc_same_args(argc, argv, err, sizeof err) != 0) {
        if (speaker) fprintf(stderr, "izhiscope: %s\nTry 'izhiscope --help'.\n", err);
        return APP_EXIT_USAGE;
    }
    switch (cli_parse(argc, argv, &cfg, err, sizeof err)) {
    case CLI_HELP:
        if (speaker) out(cli_usage());
        return finish(APP_EXIT_OK);
    case CLI_VERSION:
        if (speaker) {
            out("izhiscope " IZHISCOPE_VERSION ", ");
            out(xc_kind());
            out("\n");
        }
        return finish(APP_EXIT_OK);
    case CLI_ERROR:
        if (speaker) fprintf(stderr, "izhiscope: %s\nTry 'izhiscope --help'.\n", err);
        return APP_EXIT_USAGE;
    default:
        break;
    }
    /* what draws (figures, --video), and HDF5 (SONATA files), is izhiscope-gfx's */
    if ((!cfg.headless || cfg.export_path || cfg.video_path || sonata_is_h5_name(cfg.spikes_path) ||
         (cfg.replay_path && (cfg.replay_format == REPLAY_SONATA || sonata_is_h5_file(cfg.replay_path) ||
                              sonata_is_h5_name(cfg.replay_path)))) &&
        !app_have_graphics())
        return app_exec_graphics(argv);
    if (xc_size() > cfg.net.n && !cfg.replay_path) {
        /* every process owns at least one neuron */
        if (speaker)
            fprintf(stderr, "izhiscope: --neurons %d is fewer than the %d processes; run fewer (mpirun -np) or "
                            "more neurons\nTry 'izhiscope --help'.\n", cfg.net.n, xc_size());
        return APP_EXIT_USAGE;
    }
    if (xc_size() > 1 && !cfg.have_seed && !cfg.replay_path) {
        /* one seed for all: process 0's clock */
        cfg.net.seed = xc_share_u64(rng_clock_seed());
        cfg.seed_shared = 1;
    }
    /* the map: every process takes its share of the runs (sweep_run.c) */
    if (cfg.sweep.naxes > 0) return finish(app_run_sweep(&cfg));
    if (!speaker) return app_follow(&cfg);
    return finish(cfg.headless ? app_run_headless(&cfg) : app_run_window(&cfg, start_ns));
}

int main(int argc, char **argv)
{
    /* first: a signal from here on is handled (app.h) */
    app_catch_signals();
    int64_t start_ns = clock_now_ns();
    char err[256];
    if (xc_start(&argc, &argv, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s\n", err);
        return xc_end(APP_EXIT_FAIL);
    }
    return xc_end(run(argc, argv, start_ns));
}
