/*
 * test_app.c - helpers of the program layer: the memory available (from
 * meminfo, a /proc/self/cgroup and cgroup v1 and v2 trees, written here),
 * the estimated need.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "net.h"

static char dir[] = "/tmp/izhi-app-XXXXXX";

/* Writes dir/name, making its folders. */
static void put(const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    for (char *p = path + strlen(dir) + 1; (p = strchr(p, '/')); p++) {
        *p = '\0';
        mkdir(path, 0700);
        *p = '/';
    }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

#define MiB 1048576.0
#define GiB 1073741824.0

static void test_available_memory(void **state)
{
    (void)state;
    assert_non_null(mkdtemp(dir));
    char meminfo[256], self[256], none[256], v2[256], v1[256], what[160];
    snprintf(meminfo, sizeof meminfo, "%s/meminfo", dir);
    snprintf(self, sizeof self, "%s/self_cgroup", dir);
    snprintf(none, sizeof none, "%s/no_such_file", dir);
    snprintf(v2, sizeof v2, "%s/v2", dir);
    snprintf(v1, sizeof v1, "%s/v1", dir);
    put("meminfo", "MemTotal:       24576000 kB\nMemFree:  100 kB\nMemAvailable:   20971520 kB\n");
    /* no cgroup files: MemAvailable, 20971520 kB = 20 GiB */
    double a = app_available_memory(meminfo, none, v2, what, sizeof what);
    assert_true(a == 20971520.0 * 1024);
    assert_string_equal(what, "MemAvailable");
    /* no /proc/self/cgroup: the v2 top folder, without a limit ... */
    put("v2/memory.max", "max\n");
    put("v2/memory.current", "1073741824\n");
    assert_true(app_available_memory(meminfo, none, v2, what, sizeof what) == 20971520.0 * 1024);
    /* ... a 4 GiB limit with 1 GiB used: 3 GiB */
    put("v2/memory.max", "4294967296\n");
    a = app_available_memory(meminfo, none, v2, what, sizeof what);
    assert_true(a == 3.0 * GiB);
    assert_non_null(strstr(what, "cgroup's limit of 4.0 GiB less 1.0 GiB"));
    /* ... the v1 top folder (root/memory/) */
    put("v1/memory/memory.limit_in_bytes", "2147483648\n");
    put("v1/memory/memory.usage_in_bytes", "536870912\n");
    assert_true(app_available_memory(meminfo, none, v1, what, sizeof what) == 1.5 * GiB);

    /* v2, the process's own cgroup (a systemd slice's scope): the scope has
     * no limit, its slice 1 GiB with 256 MiB used: 768 MiB left */
    put("self_cgroup", "0::/user.slice/run.scope\n");
    put("v2/memory.max", "max\n");
    put("v2/user.slice/memory.max", "1073741824\n");
    put("v2/user.slice/memory.current", "268435456\n");
    put("v2/user.slice/run.scope/memory.max", "max\n");
    put("v2/user.slice/run.scope/memory.current", "104857600\n");
    assert_true(app_available_memory(meminfo, self, v2, what, sizeof what) == 768.0 * MiB);
    assert_non_null(strstr(what, "cgroup's limit of 1.0 GiB less 256 MiB in use"));
    /* nested limits: the scope's own 300 MiB less 100 MiB is smaller: it wins */
    put("v2/user.slice/run.scope/memory.max", "314572800\n");
    assert_true(app_available_memory(meminfo, self, v2, what, sizeof what) == 200.0 * MiB);
    /* the scope unlimited, the slice's limit larger than what is free: MemAvailable */
    put("v2/user.slice/run.scope/memory.max", "max\n");
    put("v2/user.slice/memory.max", "68719476736\n");
    assert_true(app_available_memory(meminfo, self, v2, what, sizeof what) == 20.0 * GiB);
    assert_string_equal(what, "MemAvailable");

    /* v1 (Docker on v1, a Slurm job): the memory controller's line, alone or
     * with others, a 100 MiB limit on the job with 10 MiB used, "unlimited"
     * (9223372036854771712) above it: 90 MiB */
    put("self_cgroup", "12:pids:/slurm/uid_0/job_5\n5:cpuset,memory:/slurm/uid_0/job_5\n1:name=systemd:/x\n0::/x\n");
    put("v1/memory/memory.limit_in_bytes", "9223372036854771712\n");
    put("v1/memory/slurm/memory.limit_in_bytes", "9223372036854771712\n");
    put("v1/memory/slurm/uid_0/job_5/memory.limit_in_bytes", "104857600\n");
    put("v1/memory/slurm/uid_0/job_5/memory.usage_in_bytes", "10485760\n");
    a = app_available_memory(meminfo, self, v1, what, sizeof what);
    assert_true(a == 90.0 * MiB);
    assert_non_null(strstr(what, "cgroup's limit of 100 MiB less 10 MiB in use"));
    /* a smaller limit on an ancestor wins: uid_0 at 50 MiB with 45 MiB used */
    put("v1/memory/slurm/uid_0/memory.limit_in_bytes", "52428800\n");
    put("v1/memory/slurm/uid_0/memory.usage_in_bytes", "47185920\n");
    assert_true(app_available_memory(meminfo, self, v1, what, sizeof what) == 5.0 * MiB);
    /* a container on v1 sees only its own cgroup, at root/memory: the
     * listed path is not there, the top folder's limit is its own */
    put("self_cgroup", "4:memory:/docker/0123abcd\n");
    put("v1/memory/memory.limit_in_bytes", "2147483648\n");
    assert_true(app_available_memory(meminfo, self, v1, what, sizeof what) == 1.5 * GiB);
    double lim = 0, used = 0;
    assert_true(app_cgroup_left(self, v1, &lim, &used) == 1.5 * GiB);
    assert_true(lim == 2.0 * GiB && used == 0.5 * GiB);
    /* no limit anywhere: none */
    put("v1/memory/memory.limit_in_bytes", "9223372036854771712\n");
    assert_true(app_cgroup_left(self, v1, &lim, &used) < 0);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

/* The need follows net_peak_bytes, which counts what net_create allocates
 * (checked against measured peaks by e2e_headless.sh): by hand, a sparse
 * network's peak is the state (64 bytes a neuron), the store (8 a synapse +
 * offsets) and the larger of what building it needs (per build job: a
 * count and a mark a neuron, 4 + 1 bytes, and one post's K + 1 inputs) and
 * the split of the lists per worker ((W + 1) offsets a neuron). No second
 * copy of the synapses. */
static void test_need(void **state)
{
    (void)state;
    const uint64_t N = 100000, K = 1000;
    uint64_t store = N * 64 + (N * K * 8 + (N + 1) * 8);
    /* one worker: building 504,004 bytes < split 1,600,000 */
    assert_true(net_peak_bytes((int)N, (int)K, 1) == store + N * 2 * 8);
    /* K = N - 1, 16 workers: building 16 (500,000 + 400,000) > split 13,600,000 */
    assert_true(net_peak_bytes(100000, 99999, 16) ==
                N * 64 + (N * 99999 * 8 + (N + 1) * 8) + 16 * (N * 5 + 100000 * 4));
    /* dense: rows padded to 16 floats */
    assert_true(net_peak_bytes(1000, 1000, 1) == 1000 * 64 + 1000ull * 1008 * 4 + 1000 * 8);
    Config cfg;
    memset(&cfg, 0, sizeof cfg);
    net_params_default(&cfg.net);
    cfg.headless = 1;
    cfg.window_ms = 1000;
    cfg.net.n = 4400000;
    cfg.net.k = 1000;
    assert_true(app_memory_need(&cfg) > 30.0 * 1073741824);   /* 8 bytes a synapse: ~33 GiB */
    char err[512];
    if (app_available_memory("/proc/meminfo", "/proc/self/cgroup", "/sys/fs/cgroup", err, sizeof err) < 30.0 * 1073741824) {
        assert_int_equal(app_check_memory(&cfg, err, sizeof err), -1);
        assert_non_null(strstr(err, "--neurons 4400000 --in-degree 1000 need about"));
        assert_non_null(strstr(err, "available"));
    }
}

/* The --stats rhythm text (issue 17, items 14-16): the span it describes,
 * the frequency as shown (rounded half up: 26.65 -> 26.7, the value that
 * names the band), delta too short without a 4 s segment, and a strength
 * above 100 % explained; none when all are below. */
static void test_rhythm_text(void **state)
{
    (void)state;
    RhythmResult r;
    memset(&r, 0, sizeof r);
    r.samples = 3000;
    r.segments = 5;
    r.long_segments = 0;
    r.mean_rate_hz = 7.0;
    r.band[0].too_short = 1;
    r.band[3].found = 1;
    r.band[3].freq_hz = 26.65;
    r.band[3].strength = 0.38;
    r.band[4].found = 1;
    r.band[4].freq_hz = 49.0;
    r.band[4].strength = 1.53;
    char out[2048];
    app_rhythm_text(&r, out, sizeof out);
    print_message("%s", out);
    assert_non_null(strstr(out, "over 0.200 ... 3.200 s:\n"));
    assert_non_null(strstr(out, "  delta  1-3.5 Hz     too short (needs 4 s)\n"));
    assert_non_null(strstr(out, "  beta   12.5-27.5 Hz 26.7 Hz, strength 38%\n"));
    assert_non_null(strstr(out, "  gamma  27.5-100 Hz  49.0 Hz, strength 153%\n"));
    assert_non_null(strstr(out, "above 100%"));
    r.band[4].strength = 0.99;
    app_rhythm_text(&r, out, sizeof out);
    assert_null(strstr(out, "above 100%"));
    char one[64];
    app_peak_text(&r.band[1], one, sizeof one);
    assert_string_equal(one, "no clear peak");
}

/* --menu: S and F save into ~/izhiscope, made if missing (a session the
 * desktop menu started has the home folder as its working folder). */
static void test_menu_out_dir(void **state)
{
    (void)state;
    char home[] = "/tmp/izhi-home-XXXXXX", want[64], err[256];
    assert_non_null(mkdtemp(home));
    snprintf(want, sizeof want, "%s/izhiscope", home);
    setenv("HOME", home, 1);
    Config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.out_dir = ".";
    assert_int_equal(app_menu_out_dir(&cfg, err, sizeof err), 0);
    assert_string_equal(cfg.out_dir, want);
    struct stat sb;
    assert_int_equal(stat(want, &sb), 0);
    assert_true(S_ISDIR(sb.st_mode));
    /* there already: used as it is */
    assert_int_equal(app_menu_out_dir(&cfg, err, sizeof err), 0);
    /* a file in its place: said */
    rmdir(want);
    FILE *f = fopen(want, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(app_menu_out_dir(&cfg, err, sizeof err), -1);
    assert_non_null(strstr(err, "--menu: "));
    assert_non_null(strstr(err, "/izhiscope is not a folder"));
    unlink(want);
    rmdir(home);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_available_memory),
        cmocka_unit_test(test_need),
        cmocka_unit_test(test_rhythm_text),
        cmocka_unit_test(test_menu_out_dir),
    };
    return cmocka_run_group_tests_name("app", tests, NULL, NULL);
}
