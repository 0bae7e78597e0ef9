/*
 * main.c - izhiscope's entry point: parse the command line, then run
 * headless or open the live window.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <time.h>

#include "app.h"
#include "cli.h"

int main(int argc, char **argv)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int64_t start_ns = (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
    Config cfg;
    char err[512];
    switch (cli_parse(argc, argv, &cfg, err, sizeof err)) {
    case CLI_HELP:
        fputs(cli_usage(), stdout);
        return APP_EXIT_OK;
    case CLI_VERSION:
        printf("izhiscope %s\n", IZHISCOPE_VERSION);
        return APP_EXIT_OK;
    case CLI_ERROR:
        fprintf(stderr, "izhiscope: %s\nTry 'izhiscope --help'.\n", err);
        return APP_EXIT_USAGE;
    default:
        break;
    }
    app_catch_signals(!cfg.headless);
    if (cfg.headless) return app_run_headless(&cfg);
    return app_run_window(&cfg, start_ns);
}
