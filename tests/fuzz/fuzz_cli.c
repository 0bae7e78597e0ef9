/*
 * fuzz_cli.c - libFuzzer harness over the command-line parser (cli.c):
 * the input is split at NUL bytes into up to 40 arguments. Whatever the
 * bytes, cli_parse must not crash, must leave a one-line message on error,
 * and on success every value must be in its documented range.
 * Built and run by `make fuzz` (clang, -fsanitize=fuzzer,address,undefined);
 * corpus in tests/fuzz/corpus_cli/.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define MAX_ARGS 40

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must(int ok)
{
    if (!ok) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char buf[8192];
    char *argv[MAX_ARGS + 2];
    if (size >= sizeof buf) size = sizeof buf - 1;
    memcpy(buf, data, size);
    buf[size] = '\0';
    int argc = 0;
    argv[argc++] = "izhiscope";
    for (size_t i = 0; i <= size && argc <= MAX_ARGS;) {
        argv[argc++] = buf + i;
        i += strlen(buf + i) + 1;
    }
    argv[argc] = NULL;
    Config cfg;
    char err[512];
    int rc = cli_parse(argc, argv, &cfg, err, sizeof err);
    if (rc == CLI_ERROR) {
        must(err[0] != '\0' && strchr(err, '\n') == NULL);
        return 0;
    }
    must(rc == CLI_OK || rc == CLI_HELP || rc == CLI_VERSION);
    if (rc == CLI_HELP) must(strstr(cli_usage(), "Usage: izhiscope") != NULL);
    if (rc != CLI_OK) return 0;
    must(cfg.net.n >= 1 && cfg.net.n <= CLI_MAX_NEURONS);
    must(cfg.net.k >= 0 && cfg.net.k <= cfg.net.n);
    must(cfg.duration_ms >= 1 && cfg.duration_ms <= CLI_MAX_DURATION_MS);
    must(cfg.window_ms >= 1 && cfg.window_ms <= CLI_MAX_WINDOW_MS);
    must(cfg.trace_neuron >= 0 && cfg.trace_neuron < cfg.net.n);
    must(cfg.net.sigma_e >= 0 && cfg.net.sigma_e <= CLI_MAX_NOISE);
    must(cfg.net.sigma_i >= 0 && cfg.net.sigma_i <= CLI_MAX_NOISE);
    must(cfg.net.threads >= 1 && cfg.net.threads <= NET_MAX_THREADS);
    must(cfg.speed_exp >= -4 && cfg.speed_exp <= 7);
    const char *outs[] = { cfg.export_path, cfg.spikes_path, cfg.trace_csv, cfg.rate_csv, cfg.events_csv };
    for (int i = 0; i < 5; i++) must(!outs[i] || (outs[i][0] != '\0' && outs[i][0] != '-'));
    return 0;
}
