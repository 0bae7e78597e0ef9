/*
 * test_cli.c - command-line parsing: the defaults the issue and docs/model.md
 * give, and a clear refusal, naming the option, of every bad value.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "cli.h"
#include "escape.h"

static char err[512];

static int parse(Config *c, const char *a0, const char *a1, const char *a2, const char *a3)
{
    char *argv[6] = { "izhiscope", (char *)a0, (char *)a1, (char *)a2, (char *)a3, NULL };
    int argc = 1;
    while (argc < 5 && argv[argc]) argc++;
    return cli_parse(argc, argv, c, err, sizeof err);
}

static void test_defaults(void **state)
{
    (void)state;
    Config c;
    assert_int_equal(parse(&c, "--headless", NULL, NULL, NULL), CLI_OK);
    assert_int_equal(c.headless, 1);
    assert_int_equal(c.duration_ms, 1000);
    assert_int_equal(c.window_ms, 1000);
    assert_int_equal(c.net.n, 1000);
    assert_int_equal(c.net.k, 1000);
    assert_int_equal(c.net.scheme, NET_SCHEME_PAPER);
    assert_float_equal(c.net.sigma_e, 5.0, 0);
    assert_float_equal(c.net.sigma_i, 2.0, 0);
    assert_int_equal(c.trace_neuron, 0);
    assert_int_equal(c.have_seed, 0);
    assert_null(c.export_path);
    /* in-degree defaults to min(N, 1000) */
    assert_int_equal(parse(&c, "--headless", "--neurons", "50000", NULL), CLI_OK);
    assert_int_equal(c.net.k, 1000);
    assert_int_equal(parse(&c, "--headless", "--neurons=300", NULL, NULL), CLI_OK);
    assert_int_equal(c.net.k, 300);
}

static void test_values(void **state)
{
    (void)state;
    Config c;
    char *argv[] = { "izhiscope", "--headless", "--seed", "18446744073709551615", "--scheme=euler",
                     "--noise-e", "7.5", "--noise-i=0", "--duration", "250", "--export", "a.png",
                     "--spikes", "s.csv", "--trace", "t.csv", "--trace-neuron", "999", "--force",
                     "--window", "300", "--in-degree", "10", NULL };
    assert_int_equal(cli_parse(23, argv, &c, err, sizeof err), CLI_OK);
    assert_true(c.net.seed == 18446744073709551615ull);
    assert_int_equal(c.have_seed, 1);
    assert_int_equal(c.net.scheme, NET_SCHEME_EULER);
    assert_float_equal(c.net.sigma_e, 7.5, 0);
    assert_float_equal(c.net.sigma_i, 0.0, 0);
    assert_int_equal(c.duration_ms, 250);
    assert_string_equal(c.export_path, "a.png");
    assert_string_equal(c.spikes_path, "s.csv");
    assert_string_equal(c.trace_csv, "t.csv");
    assert_int_equal(c.trace_neuron, 999);
    assert_int_equal(c.force, 1);
    assert_int_equal(c.window_ms, 300);
    assert_int_equal(c.net.k, 10);
}

static void test_window_options(void **state)
{
    (void)state;
    Config c;
    assert_int_equal(parse(&c, NULL, NULL, NULL, NULL), CLI_OK);
    assert_int_equal(c.headless, 0);
    assert_string_equal(c.out_dir, ".");
    assert_int_equal(c.theme_paper, 0);
    assert_int_equal(c.speed_exp, 0);
    assert_int_equal(parse(&c, "--theme", "paper", "--speed", "1/16"), CLI_OK);
    assert_int_equal(c.theme_paper, 1);
    assert_int_equal(c.speed_exp, -4);
    assert_int_equal(parse(&c, "--speed=64", "--out-dir", "/tmp", NULL), CLI_OK);
    assert_int_equal(c.speed_exp, 6);
    assert_string_equal(c.out_dir, "/tmp");
    assert_int_equal(parse(&c, "--speed", "0.25", NULL, NULL), CLI_OK);
    assert_int_equal(c.speed_exp, -2);
    assert_int_equal(parse(&c, "--speed", "max", "--spikes", "s.csv"), CLI_OK);
    assert_int_equal(c.speed_exp, 7);
    assert_string_equal(c.spikes_path, "s.csv");
    /* the options of one mode are refused in the other */
    assert_int_equal(parse(&c, "--headless", "--theme", "dark", NULL), CLI_ERROR);
    assert_non_null(strstr(err, "--theme has no use with --headless without --video"));
    assert_int_equal(parse(&c, "--duration", "100", NULL, NULL), CLI_ERROR);
    assert_non_null(strstr(err, "--duration needs --headless"));
    assert_int_equal(parse(&c, "--stats", NULL, NULL, NULL), CLI_ERROR);
    assert_non_null(strstr(err, "--stats needs --headless"));
}

static void test_help_version(void **state)
{
    (void)state;
    Config c;
    assert_int_equal(parse(&c, "--help", NULL, NULL, NULL), CLI_HELP);
    assert_int_equal(parse(&c, "--version", NULL, NULL, NULL), CLI_VERSION);
    assert_int_equal(parse(&c, "--version", "--help", NULL, NULL), CLI_HELP);
    assert_int_equal(parse(&c, "-h", NULL, NULL, NULL), CLI_HELP);
    assert_int_equal(parse(&c, "-V", NULL, NULL, NULL), CLI_VERSION);
    const char *u = cli_usage();
    /* which options are for one mode only, and what the noise is */
    assert_non_null(strstr(u, "--duration MS          headless: "));
    assert_non_null(strstr(u, "--export FILE          headless: "));
    assert_non_null(strstr(u, "--stats                headless: "));
    assert_non_null(strstr(u, "--speed X              window: "));
    assert_non_null(strstr(u, "standard deviation of a random input current, redrawn every 1 ms"));
    assert_non_null(strstr(u, "(mV/ms)"));
    const char *each[] = { "--headless", "--duration", "--seed", "--scheme", "--noise-e", "--noise-i",
                           "--neurons", "--in-degree", "--export", "--window", "--spikes", "--trace",
                           "--trace-neuron", "--force", "--help", "--version", "--out-dir", "--theme",
                           "--speed", "(default 1000)",
                           "(default 5)", "(default 2)", "min(N, 1000)" };
    for (size_t i = 0; i < sizeof each / sizeof each[0]; i++) assert_non_null(strstr(u, each[i]));
}

typedef struct Bad { const char *a0, *a1, *a2, *a3, *must_say; } Bad;

/* --video and its companions (video.h): endings, sizes, rates; bad ones
 * are usage errors naming the option and what it accepts. */
static int parse6(Config *c, const char *a0, const char *a1, const char *a2, const char *a3, const char *a4)
{
    char *argv[7] = { "izhiscope", "--headless", (char *)a0, (char *)a1, (char *)a2, (char *)a3, (char *)a4 };
    int argc = 2;
    while (argc < 7 && argv[argc]) argc++;
    return cli_parse(argc, argv, c, err, sizeof err);
}

static void test_video_options(void **state)
{
    (void)state;
    Config c;
    assert_int_equal(parse6(&c, "--video", "v.mkv", NULL, NULL, NULL), CLI_OK);
    assert_string_equal(c.video_path, "v.mkv");
    assert_int_equal(c.video_fps, 30);
    assert_int_equal(c.video_speed_ms, 1000);
    assert_int_equal(c.video_w, 1280);
    assert_int_equal(c.video_h, 800);
    assert_int_equal(parse6(&c, "--video", "v.MP4", "--video-size", "640x480", NULL), CLI_OK);
    assert_int_equal(c.video_w, 640);
    assert_int_equal(c.video_h, 480);
    assert_int_equal(cli_video_format("a.webm"), CLI_VIDEO_WEBM);
    assert_int_equal(cli_video_format("a.png"), CLI_VIDEO_PNG);
    assert_int_equal(cli_video_format(".mkv"), CLI_VIDEO_NONE);
    assert_int_equal(parse6(&c, "--video", "v.webm", "--theme", "paper", NULL), CLI_OK);
    assert_int_equal(c.theme_paper, 1);
    static const struct { const char *a0, *a1, *a2, *a3, *say; } bad[] = {
        { "--video", "x.avi", NULL, NULL, "--video x.avi: a video is written as .mp4 (H.264), .webm (VP9), .mkv" },
        { "--video", "x.mkv", "--video-fps", "0", "--video-fps: 0 is out of range (1 ... 120)" },
        { "--video", "x.mkv", "--video-fps", "121", "--video-fps: 121 is out of range (1 ... 120)" },
        { "--video", "x.mkv", "--video-speed", "0", "--video-speed: 0 is out of range (1 ... 1000000)" },
        { "--video", "x.mkv", "--video-size", "1281x800", "--video-size: 1281x800: the width and height must be even" },
        { "--video", "x.mkv", "--video-size", "100x800", "--video-size: 100 is out of range (480 ... 7680)" },
        { "--video", "x.mkv", "--video-size", "1280x5000", "--video-size: 5000 is out of range (320 ... 4320)" },
        { "--video", "x.mkv", "--video-size", "1280", "--video-size: '1280' is not a size WxH" },
        { "--video", "x.png", "--video-fps", "10", "--video x.png is one frame" },
        { "--video-fps", "10", NULL, NULL, "--video-fps has no use with --headless without --video" },
        { "--video", "x.mkv", "--spikes", "x.mkv", "name the same file" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse6(&c, bad[i].a0, bad[i].a1, bad[i].a2, bad[i].a3, NULL), CLI_ERROR);
        if (!strstr(err, bad[i].say)) fail_msg("%s %s: '%s' does not say '%s'", bad[i].a0, bad[i].a2 ? bad[i].a2 : "", err, bad[i].say);
    }
    /* the window records with O: --video itself is headless */
    assert_int_equal(parse(&c, "--video", "v.mkv", NULL, NULL), CLI_ERROR);
    assert_non_null(strstr(err, "--video needs --headless"));
    assert_int_equal(parse(&c, "--video-fps", "60", NULL, NULL), CLI_OK);
    assert_int_equal(c.video_fps, 60);
}

static void test_bad_input(void **state)
{
    (void)state;
    const Bad bad[] = {
        { "--duration", "0", NULL, NULL, "--duration: 0 is out of range" },
        { "--duration", "ten", NULL, NULL, "--duration: 'ten' is not a whole number" },
        { "--duration", "1e3", NULL, NULL, "--duration: '1e3' is not a whole number" },
        { "--duration", NULL, NULL, NULL, "--duration needs a value" },
        { "--seed", "-1", NULL, NULL, "--seed: '-1' is not a whole number" },
        { "--seed", "18446744073709551616", NULL, NULL, "--seed: 18446744073709551616 is out of range" },
        { "--scheme", "rk4", NULL, NULL, "--scheme: 'rk4' is not one of: paper, euler" },
        { "--noise-e", "-1", NULL, NULL, "--noise-e: -1 is out of range" },
        { "--noise-i", "nan", NULL, NULL, "--noise-i: 'nan' is not a number" },
        { "--noise-e", "inf", NULL, NULL, "--noise-e: 'inf' is not a number" },
        { "--noise-e", "0x10", NULL, NULL, "--noise-e: '0x10' is not a number" },
        { "--noise-e", " 5", NULL, NULL, "--noise-e: ' 5' is not a number" },
        { "--noise-e", "\t5", NULL, NULL, "--noise-e: '\\t5' is not a number" },
        { "--seed", "4\n\x1b[31m", NULL, NULL, "--seed: '4\\n\\x1b[31m' is not a whole number" },
        { "--noise-e", "1000001", NULL, NULL, "--noise-e: 1000001 is out of range (0 ... 1e+06)" },
        { "--duration", "0x10", NULL, NULL, "--duration: '0x10' is not a whole number" },
        { "--duration", " 10", NULL, NULL, "--duration: ' 10' is not a whole number" },
        { "--duration", "\t10", NULL, NULL, "--duration: '\\t10' is not a whole number" },
        { "--seed", " 1", NULL, NULL, "--seed: ' 1' is not a whole number" },
        { "--seed", "+1", NULL, NULL, "--seed: '+1' is not a whole number" },
        { "--noise-e", "5x", NULL, NULL, "--noise-e: '5x' is not a number" },
        { "--neurons", "0", NULL, NULL, "--neurons: 0 is out of range" },
        { "--neurons", "100", "--in-degree", "101", "--in-degree: 101 is more than --neurons (100)" },
        { "--in-degree", "-3", NULL, NULL, "--in-degree: -3 is out of range" },
        { "--window", "0", NULL, NULL, "--window: 0 is out of range" },
        { "--trace-neuron", "1000", NULL, NULL, "--trace-neuron: 1000 is not a neuron" },
        { "--export", "", NULL, NULL, "--export: the name is empty" },
        { "--spikes", "--stats", NULL, NULL, "--spikes: '--stats' looks like an option, not a name (write ./--stats" },
        { "--trace", "-t.csv", NULL, NULL, "--trace: '-t.csv' looks like an option" },
        { "--spikes", "x.csv", "--trace", "x.csv", "'x.csv' and 'x.csv' name the same file" },
        { "--spikes", "x.csv", "--trace", "./x.csv", "'x.csv' and './x.csv' name the same file" },
        { "--bogus", NULL, NULL, NULL, "unknown option '--bogus'" },
        /* the option meant: the only one the name begins, else the nearest */
        { "--neuron", "10", NULL, NULL, "unknown option '--neuron' (did you mean --neurons?)" },
        { "--sead", "1", NULL, NULL, "unknown option '--sead' (did you mean --seed?)" },
        { "--trace-nueron", "1", NULL, NULL, "unknown option '--trace-nueron' (did you mean --trace-neuron?)" },
        { "--noise", "1", NULL, NULL, "unknown option '--noise'" },
        /* only --spikes writes HDF5 */
        { "--rate", "r.h5", NULL, NULL, "--rate r.h5: this recording is written as CSV only (only --spikes" },
        { "--trace", "t.hdf5", NULL, NULL, "--trace t.hdf5: this recording is written as CSV only" },
        { "-x", NULL, NULL, NULL, "unexpected argument '-x'" },
        { "a.csv", "b.csv", NULL, NULL, "'a.csv' and 'b.csv' are two files to replay: give one" },
        { "a.csv", "--replay", "b.csv", NULL, "--replay and a FILE are two files to replay: give one" },
        { "a.csv", "--seed", "1", NULL, "--seed has no use with --replay" },
        { "--force=yes", NULL, NULL, NULL, "--force takes no value" },
        { "--seed", "1", "--seed", "2", "--seed is given more than once" },
        { "--export", "a.png", NULL, NULL, "--export needs --headless" },
        { "--theme", "neon", NULL, NULL, "--theme: 'neon' is not one of: dark, paper" },
        { "--speed", "3", NULL, NULL, "--speed: '3' is not a speed" },
        { "--speed", "1/32", NULL, NULL, "--speed: '1/32' is not a speed" },
        { "--speed", "128", NULL, NULL, "--speed: '128' is not a speed" },
        { "--out-dir", "", NULL, NULL, "--out-dir: the name is empty" },
        { "--speed", "0x2", NULL, NULL, "--speed: '0x2' is not a speed" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Config c;
        int rc;
        /* window options and "--export" run without --headless, the others with it */
        if (!strcmp(bad[i].a0, "--export") || !strcmp(bad[i].a0, "--theme") || !strcmp(bad[i].a0, "--speed") ||
            !strcmp(bad[i].a0, "--out-dir"))
            rc = parse(&c, bad[i].a0, bad[i].a1, bad[i].a2, bad[i].a3);
        else {
            char *argv[6] = { "izhiscope", "--headless", (char *)bad[i].a0, (char *)bad[i].a1,
                              (char *)bad[i].a2, (char *)bad[i].a3 };
            int argc = 2;
            while (argc < 6 && argv[argc]) argc++;
            rc = cli_parse(argc, argv, &c, err, sizeof err);
        }
        if (rc != CLI_ERROR || !strstr(err, bad[i].must_say))
            fail_msg("case %zu: rc %d, message '%s', expected '%s'", i, rc, err, bad[i].must_say);
    }
}

/* docs/model.md "Knobs": each option sets its NetParams field; the
 * defaults are the paper's; bad values name the option and what is wrong. */
static void test_knobs(void **state)
{
    (void)state;
    Config c;
    assert_int_equal(parse(&c, "--headless", NULL, NULL, NULL), CLI_OK);
    assert_float_equal(c.net.weight_e, 0.5, 0);
    assert_float_equal(c.net.weight_i, 1.0, 0);
    assert_float_equal(c.net.current_e, 0.0, 0);
    assert_float_equal(c.net.current_i, 0.0, 0);
    assert_int_equal(c.net.stim_from, 0);
    assert_int_equal(c.net.stim_to, 49);
    assert_float_equal(c.net.stim_amp, 10.0, 0);
    assert_int_equal(c.net.stim_width, 0);
    assert_int_equal(c.net.stim_period, 0);
    assert_int_equal(c.net.stim_on, 0);
    char *argv[] = { "izhiscope", "--headless", "--weight-e", "0.75", "--weight-i=0", "--current-e", "-2.5",
                     "--current-i", "1.5", "--stim-neurons", "100-199", "--stim-amp", "-3", "--stim-width", "5",
                     "--stim-period=20", "--stim-on", NULL };
    assert_int_equal(cli_parse(17, argv, &c, err, sizeof err), CLI_OK);
    assert_float_equal(c.net.weight_e, 0.75, 0);
    assert_float_equal(c.net.weight_i, 0.0, 0);
    assert_float_equal(c.net.current_e, -2.5, 0);
    assert_float_equal(c.net.current_i, 1.5, 0);
    assert_int_equal(c.net.stim_from, 100);
    assert_int_equal(c.net.stim_to, 199);
    assert_float_equal(c.net.stim_amp, -3.0, 0);
    assert_int_equal(c.net.stim_width, 5);
    assert_int_equal(c.net.stim_period, 20);
    assert_int_equal(c.net.stim_on, 1);
    /* the default range is clipped to a smaller network; a given one is not */
    assert_int_equal(parse(&c, "--headless", "--neurons", "20", NULL), CLI_OK);
    assert_int_equal(c.net.stim_to, 19);
    assert_int_equal(parse(&c, "--headless", "--stim-neurons", "7-7", NULL), CLI_OK);
    assert_int_equal(c.net.stim_from, 7);
    assert_int_equal(c.net.stim_to, 7);
    const Bad bad[] = {
        { "--weight-e", "-0.1", NULL, NULL, "--weight-e: -0.1 is out of range (0 ... 1e+06)" },
        { "--weight-i", "nan", NULL, NULL, "--weight-i: 'nan' is not a number" },
        { "--current-e", "2000000", NULL, NULL, "--current-e: 2000000 is out of range (-1e+06 ... 1e+06)" },
        { "--current-i", "x", NULL, NULL, "--current-i: 'x' is not a number" },
        { "--stim-amp", "inf", NULL, NULL, "--stim-amp: 'inf' is not a number" },
        { "--stim-neurons", "5", NULL, NULL, "--stim-neurons: '5' is not a range FROM-TO" },
        { "--stim-neurons", "9-3", NULL, NULL, "--stim-neurons: 9-3 is an empty range" },
        { "--stim-neurons", "-3-9", NULL, NULL, "--stim-neurons: -3 is out of range" },
        { "--stim-neurons", "0-x", NULL, NULL, "--stim-neurons: 'x' is not a whole number" },
        { "--stim-neurons", "0-1000", NULL, NULL, "--stim-neurons: 0-1000 is not within the network (neurons 0 ... 999)" },
        { "--stim-neurons", "10-20", "--neurons", "15", "--stim-neurons: 10-20 is not within the network (neurons 0 ... 14)" },
        { "--stim-width", "-1", NULL, NULL, "--stim-width: -1 is out of range" },
        { "--stim-period", "1.5", NULL, NULL, "--stim-period: '1.5' is not a whole number" },
        { "--stim-width", "30", "--stim-period", "20", "--stim-width: 30 ms is longer than --stim-period (20 ms)" },
        { "--stim-on=1", NULL, NULL, NULL, "--stim-on takes no value" },
        { "--stim-amp", "1", "a.csv", NULL, "--stim-amp has no use with --replay" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *av[6] = { "izhiscope", "--headless", (char *)bad[i].a0, (char *)bad[i].a1, (char *)bad[i].a2,
                        (char *)bad[i].a3 };
        int argc = 2;
        while (argc < 6 && av[argc]) argc++;
        int rc = cli_parse(argc, av, &c, err, sizeof err);
        if (rc != CLI_ERROR || !strstr(err, bad[i].must_say))
            fail_msg("case %zu: rc %d, message '%s', expected '%s'", i, rc, err, bad[i].must_say);
    }
}

/* A FILE is --replay FILE (a file manager, the desktop entry's %f);
 * --menu saves into ~/izhiscope unless --out-dir is given. */
static void test_file_and_menu(void **state)
{
    (void)state;
    Config c;
    assert_int_equal(parse(&c, "spikes.csv", NULL, NULL, NULL), CLI_OK);
    assert_string_equal(c.replay_path, "spikes.csv");
    assert_int_equal(c.headless, 0);
    assert_int_equal(parse(&c, "--headless", "s.h5", "--export", "f.png"), CLI_OK);
    assert_string_equal(c.replay_path, "s.h5");
    assert_int_equal(parse(&c, "--menu", "s.csv", NULL, NULL), CLI_OK);
    assert_int_equal(c.menu, 1);
    assert_string_equal(c.replay_path, "s.csv");
    assert_int_equal(parse(&c, "--menu", "--out-dir", "/tmp", NULL), CLI_OK);
    assert_int_equal(c.menu, 0);
    assert_string_equal(c.out_dir, "/tmp");
    assert_int_equal(parse(&c, "--menu", "--headless", NULL, NULL), CLI_ERROR);
    assert_non_null(strstr(err, "--menu is for the window"));
    assert_non_null(strstr(cli_usage(), "Usage: izhiscope [OPTION]... [FILE]"));
    assert_non_null(strstr(cli_usage(), "the same as --replay FILE"));
}

/* No suggestion when none stands out: --bogus is far from every option,
 * --noise begins both --noise-e and --noise-i. */
static void test_no_suggestion(void **state)
{
    (void)state;
    Config c;
    assert_int_equal(parse(&c, "--bogus", NULL, NULL, NULL), CLI_ERROR);
    assert_null(strstr(err, "did you mean"));
    assert_int_equal(parse(&c, "--noise", "1", NULL, NULL), CLI_ERROR);
    assert_null(strstr(err, "did you mean"));
}

/* A message quoting a long name is whole (it was cut at 1024 bytes), its
 * control characters escaped to the end. */
static void test_long_message(void **state)
{
    (void)state;
    static char name[3001], big[8192];
    memset(name, 'a', 3000);
    memcpy(name + 2990, "\x1b[31m.jpg", 10);
    name[3000] = '\0';
    char *argv[] = { "izhiscope", "--headless", "--export", name, NULL };
    Config c;
    assert_int_equal(cli_parse(4, argv, &c, big, sizeof big), CLI_ERROR);
    assert_non_null(strstr(big, "aaa\\x1b[31m.jpg: figures are written as .png, .svg or .pdf; name one of them"
                                " (or give --figure-format with .jpg)"));
    assert_null(strchr(big, 0x1b));
    /* the escaper alone: every byte below 0x20 and 0x7f, nothing else */
    char out[64];
    assert_int_equal(escape_text(out, sizeof out, "a\tb\nc\x7f\x01\xc3\xa9"), 17);
    assert_string_equal(out, "a\\tb\\nc\\x7f\\x01\xc3\xa9");
}

/* An option's value read elsewhere (a --schedule file, schedule.h): as the
 * option reads it, its range included; what the command line gave. */
static void test_option_values(void **state)
{
    (void)state;
    CliValue v;
    char msg[256];
    assert_int_equal(cli_value("noise-e", "7.5", &v, msg, sizeof msg), CLI_OK);
    assert_true(v.x == 7.5);
    assert_int_equal(cli_value("noise-e", "0.1", &v, msg, sizeof msg), CLI_OK);
    assert_true(v.x == (double)0.1f);                   /* the float the option sets */
    assert_int_equal(cli_value("noise-i", "2000000", &v, msg, sizeof msg), CLI_ERROR);
    assert_string_equal(msg, "--noise-i: 2000000 is out of range (0 ... 1e+06)");
    assert_int_equal(cli_value("speed", "0.25", &v, msg, sizeof msg), CLI_OK);
    assert_true(v.x == -2);
    assert_int_equal(cli_value("speed", "max", &v, msg, sizeof msg), CLI_OK);
    assert_true(v.x == 7);
    assert_int_equal(cli_value("seed", "18446744073709551615", &v, msg, sizeof msg), CLI_OK);
    assert_true(v.u == UINT64_MAX);
    assert_int_equal(cli_value("scheme", "euler", &v, msg, sizeof msg), CLI_OK);
    assert_true(v.x == 1);
    assert_int_equal(cli_value("trace-neuron", "-1", &v, msg, sizeof msg), CLI_ERROR);
    assert_int_equal(cli_value("spikes", "x.csv", &v, msg, sizeof msg), CLI_NO_OPTION);
    assert_int_equal(cli_value("nosuch", "1", &v, msg, sizeof msg), CLI_NO_OPTION);
    char *argv[] = { "izhiscope", "--headless", "--seed", "7", "--noise-e", "6", NULL };
    Config c;
    assert_int_equal(cli_parse(6, argv, &c, msg, sizeof msg), CLI_OK);
    assert_true(cli_option_given(&c, "seed") && cli_option_given(&c, "noise-e"));
    assert_false(cli_option_given(&c, "noise-i") || cli_option_given(&c, "trace-neuron"));
    assert_int_equal(cli_config_value(&c, "noise-e", &v), CLI_OK);
    assert_true(v.x == 6);
    assert_int_equal(cli_config_value(&c, "noise-i", &v), CLI_OK);
    assert_true(v.x == 2);                              /* the default */
    assert_int_equal(cli_config_value(&c, "seed", &v), CLI_OK);
    assert_true(v.u == 7);
    /* a session's metadata names these: the network, not how it is shown or run */
    assert_true(cli_option_describes_net("seed") && cli_option_describes_net("neurons") &&
                cli_option_describes_net("trace-neuron") && cli_option_describes_net("noise-i") &&
                cli_option_describes_net("in-degree") && cli_option_describes_net("scheme"));
    assert_false(cli_option_describes_net("threads") || cli_option_describes_net("window") ||
                 cli_option_describes_net("speed") || cli_option_describes_net("schedule"));
}

/* The map (issue 19): --sweep read into its grid, the rows' order and
 * parameters, the values written back as the option reads them (by hand). */
static void test_sweep(void **state)
{
    (void)state;
    char msg[512];
    Config c;
    char *argv[] = { "izhiscope", "--headless", "--sweep", "noise-e=0:10:0.1,noise-i=1:2:0.5", "--seeds", "3",
                     "--seed", "40", "--sweep-out", "m.csv", NULL };
    assert_int_equal(cli_parse(10, argv, &c, msg, sizeof msg), CLI_OK);
    assert_int_equal(c.sweep.naxes, 2);
    assert_int_equal(c.sweep.axis[0].count, 101);          /* 0:10:0.1 ends at 10 despite 10/0.1's rounding */
    assert_int_equal(c.sweep.axis[1].count, 3);
    assert_int_equal(sweep_points(&c.sweep), 303);
    assert_int_equal(c.duration_ms, CLI_SWEEP_DURATION_MS); /* the default of a sweep */
    /* row r: point r / 3 (noise-e outer), seed 40 + r % 3 */
    NetParams p;
    sweep_row_params(&c.sweep, c.seeds, &c.net, 3 * (3 * 7 + 2) + 2, &p);
    assert_true(p.sigma_e == (float)0.7 && p.sigma_i == 2.0f && p.seed == 42 && p.threads == 1);
    char v[32];
    sweep_value_text(&c.sweep.axis[0], 3, v, sizeof v);
    assert_string_equal(v, "0.3");                           /* 0.30000000000000004 */
    sweep_value_text(&c.sweep.axis[0], 100, v, sizeof v);
    assert_string_equal(v, "10");
    /* the knob table names options whose range the option table holds */
    for (int i = 0; sweep_knob_at(i); i++) {
        double lo, hi;
        assert_int_equal(cli_option_range(sweep_knob_at(i)->name, &lo, &hi), 0);
    }
    /* 0.3 / 0.1 is 2.9999999999999996 in doubles: still 4 values */
    char *tenths[] = { "izhiscope", "--headless", "--sweep", "noise-i=0:0.3:0.1", "--sweep-out", "m.csv", NULL };
    assert_int_equal(cli_parse(6, tenths, &c, msg, sizeof msg), CLI_OK);
    assert_int_equal(c.sweep.axis[0].count, 4);
    char *bad[] = { "izhiscope", "--headless", "--sweep", "noise-e=0:1:0.5", NULL };
    assert_int_equal(cli_parse(4, bad, &c, msg, sizeof msg), CLI_ERROR);
    assert_non_null(strstr(msg, "--sweep needs --sweep-out"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_help_version),
        cmocka_unit_test(test_window_options),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_video_options),
        cmocka_unit_test(test_knobs),
        cmocka_unit_test(test_file_and_menu),
        cmocka_unit_test(test_no_suggestion),
        cmocka_unit_test(test_long_message),
        cmocka_unit_test(test_option_values),
        cmocka_unit_test(test_sweep),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
