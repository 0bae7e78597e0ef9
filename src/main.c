/*
 * main.c - izhiscope's entry point: parse the command line, then run
 * headless or open the live window.
 */
#include <stdio.h>

#include "app.h"
#include "cli.h"

int main(int argc, char **argv)
{
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
    if (cfg.headless) return app_run_headless(&cfg);
    fprintf(stderr, "izhiscope: the live window is not built yet; run with --headless\n");
    return APP_EXIT_USAGE;
}
