/*
 * test_replay.c - reading spike files made elsewhere (replay.h): the three
 * formats, detection, the file's metadata, binning to 1 ms, the messages
 * for malformed files (with their line numbers), playback and rewinding,
 * traces. Every expected value is worked out by hand from the little files
 * written here and the rules replay.h states; the files imitate what
 * izhiscope --spikes, Brian2 (a SpikeMonitor saved as i,t) and NEST's ASCII
 * recording backend write.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "replay.h"

#include <zlib.h>

static char err[512];

/* Reads n bytes as a spike file, its unit stated as u; the return value
 * of replay_read. */
static int read_bytes(Replay *r, const void *bytes, size_t n, ReplayFormat f, ReplayUnit u, int first_id)
{
    FILE *fp = fmemopen((void *)bytes, n, "r");
    assert_non_null(fp);
    err[0] = '\0';
    int rc = replay_read(r, fp, "f.csv", f, u, first_id, 0, err, sizeof err);
    fclose(fp);
    return rc;
}

/* Reads text as a spike file, no unit stated. */
static int read_text(Replay *r, const char *text, ReplayFormat f, int first_id)
{
    return read_bytes(r, text, strlen(text), f, REPLAY_UNIT_AUTO, first_id);
}

static int read_unit(Replay *r, const char *text, ReplayFormat f, ReplayUnit u)
{
    return read_bytes(r, text, strlen(text), f, u, 1);
}

static int read_trace(Replay *r, const char *text)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(fp);
    err[0] = '\0';
    int rc = replay_read_trace(r, fp, "v.csv", err, sizeof err);
    fclose(fp);
    return rc;
}

static void expect_spikes(const Replay *r, const int64_t *t, const int32_t *n, size_t count)
{
    assert_int_equal(r->count, count);
    for (size_t i = 0; i < count; i++) {
        assert_int_equal(r->spikes[i].t_ms, t[i]);
        assert_int_equal(r->spikes[i].neuron, n[i]);
    }
}

static void test_izhiscope(void **state)
{
    (void)state;
    Replay r;
    /* unsorted, a duplicate (3,7) and a CRLF line: sorted by time then neuron, one kept */
    assert_int_equal(read_text(&r, "t_ms,neuron\n3,7\n1,2\r\n3,1\n3,7\n0,5\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.format, REPLAY_IZHISCOPE);
    const int64_t t[] = { 0, 1, 3, 3 };
    const int32_t n[] = { 5, 2, 1, 7 };
    expect_spikes(&r, t, n, 4);
    assert_int_equal(r.t_end, 4);           /* one past the last spike's ms */
    assert_int_equal(r.max_neuron, 7);
    assert_int_equal(r.neurons, 0);         /* no "# neurons" line */
    assert_int_equal(r.excitatory, -1);
    assert_int_equal(r.duration, 0);
    replay_free(&r);
    /* an empty file with only the header: no spikes, nothing to show */
    assert_int_equal(read_text(&r, "t_ms,neuron\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.count, 0);
    assert_int_equal(r.t_end, 0);
    assert_int_equal(r.max_neuron, -1);
    replay_free(&r);
}

static void test_metadata_comments(void **state)
{
    (void)state;
    Replay r;
    assert_int_equal(read_text(&r, "# izhiscope 0.2\n# neurons: 500\n#excitatory=400\n"
                                   "# duration_ms: 1234\nt_ms,neuron\n# a comment between rows\n2,9\n",
                               REPLAY_DETECT, 1), 0);
    assert_int_equal(r.neurons, 500);
    assert_int_equal(r.excitatory, 400);
    assert_int_equal(r.duration, 1234);
    assert_int_equal(r.count, 1);
    replay_free(&r);
    /* words that are not numbers are ignored, not misread */
    assert_int_equal(read_text(&r, "# neurons: many\n# excitatory: -3\nt_ms,neuron\n1,1\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.neurons, 0);
    assert_int_equal(r.excitatory, -1);
    replay_free(&r);
}

static void test_brian2(void **state)
{
    (void)state;
    Replay r;
    /* t in seconds, Brian2's unit, as numpy prints 5 ms: 0.0050000000000000001;
     * 12.3 ms lands in ms 12 (floor); 4.0069999999999997 s is 4007 * 0.001 as
     * a double, whose product with 1000 is 4006.9999999999995: it belongs to
     * ms 4007 (the 1e-9 ms tolerance) */
    assert_int_equal(read_text(&r, "i,t\n3,0.0050000000000000001\n1,0.0123\n0,4.0069999999999997\n4,1.5e-3\n",
                               REPLAY_DETECT, 1), 0);
    assert_int_equal(r.format, REPLAY_BRIAN2);
    const int64_t t[] = { 1, 5, 12, 4007 };
    const int32_t n[] = { 4, 3, 1, 0 };
    expect_spikes(&r, t, n, 4);
    replay_free(&r);
    /* a header naming ms */
    assert_int_equal(read_text(&r, "i,t_ms\n2,7.9\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.spikes[0].t_ms, 7);
    replay_free(&r);
    assert_int_equal(read_text(&r, "i,t (ms)\n2,8\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.spikes[0].t_ms, 8);
    replay_free(&r);
    /* no header, the format named: seconds */
    assert_int_equal(read_text(&r, "2,0.25\n", REPLAY_BRIAN2, 1), 0);
    assert_int_equal(r.spikes[0].t_ms, 250);
    assert_int_equal(r.spikes[0].neuron, 2);
    replay_free(&r);
}

static void test_nest(void **state)
{
    (void)state;
    Replay r;
    /* NEST 3's ascii backend: two comment lines, the header, tab-separated rows, node ids from 1 */
    assert_int_equal(read_text(&r, "# NEST version: 3.6.0\n# RecordingBackendASCII version: 2\nsender\ttime_ms\n"
                                   "729\t5.000\n1\t5.400\n1000\t12.999\n",
                               REPLAY_DETECT, 1), 0);
    assert_int_equal(r.format, REPLAY_NEST);
    const int64_t t[] = { 5, 5, 12 };
    const int32_t n[] = { 0, 728, 999 };
    expect_spikes(&r, t, n, 3);
    replay_free(&r);
    /* NEST 3.0 wrote its header as a comment; rows separated by spaces */
    assert_int_equal(read_text(&r, "# NEST version: 3.0\n# RecordingBackendASCII version: 2\n# sender\ttime_ms\n"
                                   "3   1.000\n",
                               REPLAY_DETECT, 1), 0);
    assert_int_equal(r.format, REPLAY_NEST);
    assert_int_equal(r.spikes[0].neuron, 2);
    replay_free(&r);
    /* no header at all (cut by hand, NEST 2's .gdf): detected by its blanks */
    assert_int_equal(read_text(&r, "3 1.0\n2 0.5\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.format, REPLAY_NEST);
    const int64_t t2[] = { 0, 1 };
    const int32_t n2[] = { 1, 2 };
    expect_spikes(&r, t2, n2, 2);
    replay_free(&r);
    /* another first node id */
    assert_int_equal(read_text(&r, "sender time_ms\n101 1.0\n", REPLAY_NEST, 101), 0);
    assert_int_equal(r.spikes[0].neuron, 0);
    replay_free(&r);
    /* a sender below the first id is an error, said with its range */
    assert_int_equal(read_text(&r, "sender time_ms\n100 1.0\n", REPLAY_NEST, 101), -1);
    assert_non_null(strstr(err, "f.csv:2: the sender (NEST's node id) 100 is out of range (101 ... "));
}

/* Malformed files: the message names the file, the line and what is wrong. */
static void test_errors(void **state)
{
    (void)state;
    static const struct { const char *text; ReplayFormat f; const char *want; } CASES[] = {
        { "t_ms,neuron\n1,2\nx,3\n", REPLAY_DETECT, "f.csv:3: the time 'x' is not a whole number of ms" },
        { "t_ms,neuron\n1,2\n2,-1\n", REPLAY_DETECT, "f.csv:3: the neuron -1 is out of range (0 ... 9999999)" },
        { "t_ms,neuron\n1,2\n2,10000000\n", REPLAY_DETECT, "f.csv:3: the neuron 10000000 is out of range" },
        { "t_ms,neuron\n1.5,2\n", REPLAY_DETECT, "f.csv:2: the time '1.5' is not a whole number of ms" },
        { "t_ms,neuron\n-1,2\n", REPLAY_DETECT, "f.csv:2: the time -1 is out of range (0 ... 1000000000 ms)" },
        { "t_ms,neuron\n1,2,3\n", REPLAY_DETECT, "f.csv:2: expected 2 fields separated by ',', found 3 ('1,2,3')" },
        { "t_ms,neuron\n\n5\n", REPLAY_DETECT, "f.csv:3: expected 2 fields separated by ',', found 1" },
        { "i,t\n1,abc\n", REPLAY_DETECT, "f.csv:2: the time 'abc' is not a number" },
        { "i,t\n1,nan\n", REPLAY_DETECT, "f.csv:2: the time 'nan' is not a number" },
        { "i,t\n1,-0.001\n", REPLAY_DETECT, "f.csv:2: the time -0.001 is out of range" },
        { "i,t\n1,1e300\n", REPLAY_DETECT, "f.csv:2: the time 1e300 is out of range" },
        { "i,t\n2.5,0.1\n", REPLAY_DETECT, "f.csv:2: the neuron '2.5' is not a whole number" },
        { "time,cell\n1,2\n", REPLAY_DETECT, "f.csv:1: unknown header 'time,cell'" },
        { "# c\ni,t\n1,0.1\n", REPLAY_IZHISCOPE, "f.csv:2: the header 'i,t' is brian2's, not izhiscope's" },
        { "1,2\n", REPLAY_DETECT, "f.csv:1: no header line, and the columns could be izhiscope's (t_ms,neuron) or "
                                  "Brian2's (i,t): name the format with --replay-format" },
        { "sender\ttime_step\ttime_offset\n1\t10\t0.0\n", REPLAY_DETECT, "f.csv:1: NEST's time_in_steps" },
        /* the file's control bytes escaped as everywhere (escape.h): \xNN, a tab \t (it was \x09 here
         * and \t in the option parser's messages) */
        { "t_ms,neuron\n1,\x1b[2J\n", REPLAY_DETECT, "f.csv:2: the neuron '\\x1b[2J' is not a whole number" },
        { "time\tcell\n1\t2\n", REPLAY_DETECT, "f.csv:1: unknown header 'time\\tcell'" },
    };
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        Replay r;
        int rc = read_text(&r, CASES[i].text, CASES[i].f, 1);
        if (rc != -1 || !strstr(err, CASES[i].want))
            fail_msg("case %zu: rc %d, message '%s', wanted '%s'", i, rc, err, CASES[i].want);
        assert_null(r.spikes);                  /* nothing half-read is kept */
        assert_int_equal(r.count, 0);
    }
    /* more spikes than the memory allows (max_spikes 2): refused at the third */
    {
        const char *text = "t_ms,neuron\n1,1\n2,2\n3,3\n";
        FILE *fp = fmemopen((void *)text, strlen(text), "r");
        Replay q;
        assert_int_equal(replay_read(&q, fp, "f.csv", REPLAY_DETECT, REPLAY_UNIT_AUTO, 1, 2, err, sizeof err), -1);
        fclose(fp);
        assert_non_null(strstr(err, "f.csv:4: more than 2 spikes: more than the memory available holds"));
        assert_null(q.spikes);
    }
    /* a line longer than the reader's 4096 bytes */
    char big[6000];
    memset(big, '1', sizeof big);
    memcpy(big, "t_ms,neuron\n1,", 14);
    big[sizeof big - 1] = '\0';
    Replay r;
    assert_int_equal(read_text(&r, big, REPLAY_DETECT, 1), -1);
    assert_non_null(strstr(err, "f.csv:2: the line is longer than 4096 bytes"));
}

static void test_playback(void **state)
{
    (void)state;
    Replay r;
    assert_int_equal(read_text(&r, "t_ms,neuron\n0,1\n0,9\n2,3\n2,12\n5,0\n", REPLAY_DETECT, 1), 0);
    int32_t out[16];
    float v;
    /* n = 10: neuron 12 is beyond the axis and left out */
    static const int want_count[6] = { 2, 0, 1, 0, 0, 1 };
    for (int pass = 0; pass < 2; pass++) {          /* the second pass: rewound to 0 */
        for (int64_t t = 0; t < 6; t++) {
            int c = replay_step(&r, t, 10, out, &v);
            assert_int_equal(c, want_count[t]);
            assert_true(isnan(v));                  /* no trace read */
            if (t == 0) { assert_int_equal(out[0], 1); assert_int_equal(out[1], 9); }
            if (t == 2) assert_int_equal(out[0], 3);
            if (t == 5) assert_int_equal(out[0], 0);
        }
    }
    /* a rewind into the middle */
    assert_int_equal(replay_step(&r, 2, 20, out, &v), 2);
    assert_int_equal(out[1], 12);
    /* past the end: nothing */
    assert_int_equal(replay_step(&r, 100, 20, out, &v), 0);
    replay_free(&r);
}

static void test_trace(void **state)
{
    (void)state;
    Replay r;
    assert_int_equal(read_text(&r, "t_ms,neuron\n0,1\n", REPLAY_DETECT, 1), 0);
    /* izhiscope's headless trace: two columns; ms 2 missing stays unknown */
    assert_int_equal(read_trace(&r, "t_ms,v_mV\n0,-65\n1,-64.5\n3,30\n"), 0);
    assert_int_equal(r.trace_len, 4);
    assert_int_equal(r.trace_neuron, -1);
    int32_t out[4];
    float v;
    replay_step(&r, 0, 4, out, &v);
    assert_float_equal(v, -65.0f, 0);
    replay_step(&r, 1, 4, out, &v);
    assert_float_equal(v, -64.5f, 0);
    replay_step(&r, 2, 4, out, &v);
    assert_true(isnan(v));
    replay_step(&r, 3, 4, out, &v);
    assert_float_equal(v, 30.0f, 0);
    replay_step(&r, 4, 4, out, &v);
    assert_true(isnan(v));
    /* the window's trace: a neuron column; one neuron throughout is known */
    assert_int_equal(read_trace(&r, "t_ms,v_mV,neuron\n0,-65,7\n1,-60,7\n"), 0);
    assert_int_equal(r.trace_neuron, 7);
    /* issue 20: a line per traced neuron and ms (u, I; nan from a replay):
     * slot 0's, the first line of each ms, is the trace replayed */
    assert_int_equal(read_trace(&r, "t_ms,v_mV,neuron,u_mV,I_mV_per_ms\n0,-65,7,-13,1.5\n0,-70,9,-14,2\n"
                                    "1,-60,7,nan,nan\n1,30,9,-12,0\n2,-50,7,-13,-1\n"), 0);
    assert_int_equal(r.trace_neuron, 7);
    assert_int_equal(r.trace_len, 3);
    assert_float_equal(r.trace[0], -65.0f, 0);
    assert_float_equal(r.trace[1], -60.0f, 0);
    assert_float_equal(r.trace[2], -50.0f, 0);
    /* the neuron changed during the session: none */
    assert_int_equal(read_trace(&r, "t_ms,v_mV,neuron\n0,-65,7\n1,-60,8\n2,-60,7\n"), 0);
    assert_int_equal(r.trace_neuron, -1);
    /* malformed traces */
    assert_int_equal(read_trace(&r, "t,v\n0,1\n"), -1);
    assert_non_null(strstr(err, "v.csv:1: expected the header t_ms,v_mV"));
    assert_int_equal(read_trace(&r, "t_ms,v_mV\n0,-65\n1,x\n"), -1);
    assert_non_null(strstr(err, "v.csv:3: expected 't_ms,v_mV', 't_ms,v_mV,neuron' or "
                                "'t_ms,v_mV,neuron,u_mV,I_mV_per_ms', found '1,x'"));
    assert_int_equal(read_trace(&r, "t_ms,v_mV,neuron,u_mV,I_mV_per_ms\n0,-65,7,-13,x\n"), -1);
    assert_int_equal(read_trace(&r, "t_ms,v_mV,neuron,u_mV\n0,-65,7,-13\n"), -1);
    assert_int_equal(read_trace(&r, "t_ms,v_mV\n100000000,-65\n"), -1);
    assert_non_null(strstr(err, "v.csv:2: the time 100000000 is out of range (0 ... 99999999 ms)"));
    assert_null(r.trace);                        /* a failed read keeps no trace */
    assert_int_equal(read_trace(&r, ""), -1);
    assert_non_null(strstr(err, "v.csv: empty"));
    replay_free(&r);
}

static void test_format_names(void **state)
{
    (void)state;
    assert_int_equal(replay_format_of("izhiscope"), REPLAY_IZHISCOPE);
    assert_int_equal(replay_format_of("brian2"), REPLAY_BRIAN2);
    assert_int_equal(replay_format_of("nest"), REPLAY_NEST);
    assert_int_equal(replay_format_of("sonata"), REPLAY_SONATA);     /* read by sonata.c (izhiscope-gfx) */
    assert_int_equal(replay_format_of("hdf5"), REPLAY_DETECT);
    assert_string_equal(replay_format_name(REPLAY_SONATA), "sonata");
    assert_string_equal(replay_format_name(REPLAY_NEST), "nest");
    assert_int_equal(replay_format_of("numpy"), REPLAY_NUMPY);
}

/* Issue 17: a time unit is never guessed silently. Times in ms under a bare
 * "i,t" (Brian2's unit is s) would be read 1000 times too long: refused,
 * saying what was assumed and how to state it; stated, they are read. */
static void test_time_unit(void **state)
{
    (void)state;
    Replay r;
    /* whole numbers under i,t: ms written by %d / %g at dt = 1 ms */
    assert_int_equal(read_text(&r, "i,t\n1,5\n2,17\n", REPLAY_DETECT, 1), -1);
    assert_non_null(strstr(err, "f.csv: the times (under the header 'i,t') do not say their unit and do not look"
                                " like seconds"));
    assert_non_null(strstr(err, "every one is a whole number (the last 17)"));
    assert_non_null(strstr(err, "--replay-time-unit ms"));
    assert_null(r.spikes);
    /* the same header-less, Brian2 named */
    assert_int_equal(read_text(&r, "1,5\n2,17\n", REPLAY_BRIAN2, 1), -1);
    assert_non_null(strstr(err, "every one is a whole number"));
    /* stated by the option: ms 5 and 17 */
    assert_int_equal(read_unit(&r, "i,t\n1,5\n2,17\n", REPLAY_DETECT, REPLAY_UNIT_MS), 0);
    const int64_t t[] = { 5, 17 };
    const int32_t n[] = { 1, 2 };
    expect_spikes(&r, t, n, 2);
    assert_int_equal(r.unit, REPLAY_UNIT_MS);
    replay_free(&r);
    /* stated by the header: t_s (5 s = 5000 ms, whole numbers are fine then) */
    assert_int_equal(read_text(&r, "i,t_s\n1,5\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.spikes[0].t_ms, 5000);
    assert_int_equal(r.unit, REPLAY_UNIT_S);
    replay_free(&r);
    assert_int_equal(read_text(&r, "i,t (s)\n1,0.25\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.spikes[0].t_ms, 250);
    replay_free(&r);
    /* 20 times on a 0.01 grid (ms at dt = 0.1 ms: 1.1, 2.2, ..., 22): as s a 10 ms grid */
    char text[400] = "i,t\n";
    for (int k = 1; k <= 20; k++) snprintf(text + strlen(text), sizeof text - strlen(text), "%d,%g\n", k, 1.1 * k);
    assert_int_equal(read_text(&r, text, REPLAY_DETECT, 1), -1);
    assert_non_null(strstr(err, "all 20 are multiples of 0.01: as seconds a 10 ms grid"));
    assert_int_equal(read_unit(&r, text, REPLAY_DETECT, REPLAY_UNIT_MS), 0);
    assert_int_equal(r.count, 20);
    assert_int_equal(r.spikes[19].t_ms, 22);       /* 1.1 * 20 = 22.000000000000004 -> 22 */
    replay_free(&r);
    /* the same 20 in s (0.0011 ... 0.022): plausible, read, the unit said to be assumed */
    strcpy(text, "i,t\n");
    for (int k = 1; k <= 20; k++) snprintf(text + strlen(text), sizeof text - strlen(text), "%d,%g\n", k, 0.0011 * k);
    assert_int_equal(read_text(&r, text, REPLAY_DETECT, 1), 0);
    assert_int_equal(r.spikes[19].t_ms, 22);
    char d[400];
    replay_describe(&r, d, sizeof d);
    assert_string_equal(d, "brian2, by its header 'i,t'; t in s, assumed: Brian2's unit, the header does not say");
    replay_free(&r);
    /* more than an hour as seconds */
    assert_int_equal(read_text(&r, "i,t\n1,3600.5\n", REPLAY_DETECT, 1), -1);
    assert_non_null(strstr(err, "the last is 3600.5: as seconds more than an hour"));
    /* the header and the option disagree; izhiscope's CSV is in ms */
    assert_int_equal(read_unit(&r, "i,t_ms\n1,5\n", REPLAY_DETECT, REPLAY_UNIT_S), -1);
    assert_non_null(strstr(err, "f.csv: its header says ms, --replay-time-unit says s"));
    assert_int_equal(read_unit(&r, "t_ms,neuron\n1,5\n", REPLAY_DETECT, REPLAY_UNIT_S), -1);
    assert_non_null(strstr(err, "izhiscope's spike CSV is in ms (t_ms), --replay-time-unit says s"));
    /* NEST without a header: ms assumed; 20 spikes within 10 ms look like s */
    strcpy(text, "");
    for (int k = 1; k <= 20; k++) snprintf(text + strlen(text), sizeof text - strlen(text), "%d %g\n", k, 0.01 * k);
    assert_int_equal(read_text(&r, text, REPLAY_DETECT, 1), -1);
    assert_non_null(strstr(err, "do not look like ms"));
    assert_non_null(strstr(err, "--replay-time-unit s"));
    assert_int_equal(read_unit(&r, text, REPLAY_DETECT, REPLAY_UNIT_S), 0);
    assert_int_equal(r.spikes[19].t_ms, 200);       /* 0.2 s */
    assert_int_equal(r.spikes[19].neuron, 19);      /* sender 20, node ids from 1 */
    replay_free(&r);
}

/* Issue 17: what NumPy's savetxt writes by default, and saying which format
 * was guessed; a UTF-8 byte order mark. */
static void test_numpy_text(void **state)
{
    (void)state;
    Replay r;
    char d[400];
    /* np.savetxt(f, np.column_stack((M.i, M.t)), delimiter=',', header='i,t') */
    assert_int_equal(read_text(&r, "# i,t\n7.280000000000000000e+02,5.000000000000000104e-03\n"
                                   "2.000000000000000000e+00,1.000000000000000021e-03\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.format, REPLAY_BRIAN2);
    const int64_t t[] = { 1, 5 };
    const int32_t n[] = { 2, 728 };
    expect_spikes(&r, t, n, 2);
    replay_free(&r);
    /* np.savetxt's default: blanks, no header, floats: Brian2's (s), and said to be guessed */
    assert_int_equal(read_text(&r, "7.280000000000000000e+02 5.000000000000000104e-03\n"
                                   "2.000000000000000000e+00 1.000000000000000021e-03\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.format, REPLAY_BRIAN2);
    expect_spikes(&r, t, n, 2);
    replay_describe(&r, d, sizeof d);
    assert_non_null(strstr(d, "brian2, guessed: no header, blank-separated columns, the first written as floats"));
    assert_non_null(strstr(d, "t in s, assumed"));
    replay_free(&r);
    /* np.savetxt(f, np.column_stack((M.i, M.t)), header='i,t'): a comma header, blank rows */
    assert_int_equal(read_text(&r, "# i,t\n7.280000000000000000e+02 5.000000000000000104e-03\n"
                                   "2.000000000000000000e+00 1.000000000000000021e-03\n", REPLAY_DETECT, 1), 0);
    expect_spikes(&r, t, n, 2);
    replay_free(&r);
    /* integer ids, blanks: NEST's guess, said in the reading and in its errors */
    assert_int_equal(read_text(&r, "3 1.0\n", REPLAY_DETECT, 1), 0);
    replay_describe(&r, d, sizeof d);
    assert_non_null(strstr(d, "nest, guessed: no header, blank-separated columns; node ids from 1"));
    assert_non_null(strstr(d, "t in ms, assumed: NEST's unit"));
    replay_free(&r);
    assert_int_equal(read_text(&r, "3 1.0\n0 2.0\n", REPLAY_DETECT, 1), -1);
    assert_non_null(strstr(err, "f.csv:2: the sender (NEST's node id) 0 is out of range (1 ... "));
    assert_non_null(strstr(err, "[read as nest, guessed: no header, blank-separated columns"));
    /* an error under a header says the format too */
    assert_int_equal(read_text(&r, "i,t\nx,0.1\n", REPLAY_DETECT, 1), -1);
    assert_non_null(strstr(err, "f.csv:2: the neuron 'x' is not a whole number [read as brian2, by its header 'i,t'"));
    /* integral floats as NEST senders too; a fractional one is not a neuron */
    assert_int_equal(read_text(&r, "sender time_ms\n3.0 1.5\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.spikes[0].neuron, 2);
    replay_free(&r);
    assert_int_equal(read_text(&r, "# i,t\n2.5,0.1\n", REPLAY_DETECT, 1), -1);
    assert_non_null(strstr(err, "f.csv:2: the neuron '2.5' is not a whole number"));
    /* a UTF-8 byte order mark (a spreadsheet's "CSV UTF-8") before the header */
    assert_int_equal(read_text(&r, "\xef\xbb\xbft_ms,neuron\n4,2\n", REPLAY_DETECT, 1), 0);
    assert_int_equal(r.format, REPLAY_IZHISCOPE);
    assert_int_equal(r.spikes[0].t_ms, 4);
    replay_free(&r);
    Replay q = { 0 };
    const char *bom_trace = "\xef\xbb\xbft_ms,v_mV\n0,-65\n";
    FILE *fp = fmemopen((void *)bom_trace, strlen(bom_trace), "r");
    assert_int_equal(replay_read_trace(&q, fp, "v.csv", err, sizeof err), 0);
    fclose(fp);
    assert_int_equal(q.trace_len, 1);
    replay_free(&q);
    /* an HDF5 file met as a stream, a lone .npy: refused, saying how */
    assert_int_equal(read_bytes(&r, "\x89HDF\r\n\x1a\n\0\0\0\0", 12, REPLAY_DETECT, REPLAY_UNIT_AUTO, 1), -1);
    assert_non_null(strstr(err, "an HDF5 file (a SONATA spike report?) read as a stream"));
}

/* ---- .npz files, built here byte by byte as np.savez lays them out ------ */

static size_t put_le(unsigned char *b, size_t at, uint64_t v, int bytes)
{
    for (int k = 0; k < bytes; k++) b[at + (size_t)k] = (unsigned char)(v >> (8 * k));
    return at + (size_t)bytes;
}

/* A .npy: magic, version 1.0, the header padded with blanks to 64 bytes. */
static size_t npy_bytes(unsigned char *b, const char *descr, size_t count, const void *data, size_t size)
{
    char h[128];
    int hl = snprintf(h, sizeof h, "{'descr': '%s', 'fortran_order': False, 'shape': (%zu,), }", descr, count);
    while ((10 + hl + 1) % 64) h[hl++] = ' ';
    h[hl++] = '\n';
    memcpy(b, "\x93NUMPY\x01\x00", 8);
    size_t at = put_le(b, 8, (uint64_t)hl, 2);
    memcpy(b + at, h, (size_t)hl);
    memcpy(b + at + (size_t)hl, data, size);
    return at + (size_t)hl + size;
}

/* A zip of k entries, stored (method 0) or deflated (method 8: zlib's raw
 * deflate, the compressor np.savez_compressed uses through Python's
 * zipfile). Each entry's stored size is kept in zsize[] for the directory. */
static size_t zsize[4];
static size_t zip_bytes(unsigned char *out, int k, const char *const *names, unsigned char *const *files,
                        const size_t *lens, int method)
{
    size_t at = 0, offs[4];
    for (int e = 0; e < k; e++) {
        offs[e] = at;
        size_t hdr = at + 30 + strlen(names[e]);
        zsize[e] = lens[e];
        if (method == 8) {
            z_stream z;
            memset(&z, 0, sizeof z);
            assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
            z.next_in = files[e];
            z.avail_in = (uInt)lens[e];
            z.next_out = out + hdr;
            z.avail_out = (uInt)(lens[e] + 1024);
            assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
            zsize[e] = z.total_out;
            deflateEnd(&z);
        } else {
            memcpy(out + hdr, files[e], lens[e]);
        }
        memcpy(out + at, "PK\x03\x04", 4);
        at = put_le(out, at + 4, 20, 2);
        at = put_le(out, at, 0, 2);
        at = put_le(out, at, (uint64_t)method, 2);
        at = put_le(out, at, 0, 4);                 /* time, date */
        at = put_le(out, at, crc32(0, files[e], (uInt)lens[e]), 4);
        at = put_le(out, at, zsize[e], 4);
        at = put_le(out, at, lens[e], 4);
        at = put_le(out, at, strlen(names[e]), 2);
        at = put_le(out, at, 0, 2);
        memcpy(out + at, names[e], strlen(names[e]));
        at += strlen(names[e]) + zsize[e];
    }
    size_t cd = at;
    for (int e = 0; e < k; e++) {
        memcpy(out + at, "PK\x01\x02", 4);
        at = put_le(out, at + 4, 20, 2);
        at = put_le(out, at, 20, 2);
        at = put_le(out, at, 0, 2);
        at = put_le(out, at, (uint64_t)method, 2);
        at = put_le(out, at, 0, 4);
        at = put_le(out, at, crc32(0, files[e], (uInt)lens[e]), 4);
        at = put_le(out, at, zsize[e], 4);
        at = put_le(out, at, lens[e], 4);
        at = put_le(out, at, strlen(names[e]), 2);
        at = put_le(out, put_le(out, at, 0, 8), 0, 4);   /* extra, comment, disk, attributes */
        at = put_le(out, at, offs[e], 4);
        memcpy(out + at, names[e], strlen(names[e]));
        at += strlen(names[e]);
    }
    size_t cdlen = at - cd;
    memcpy(out + at, "PK\x05\x06", 4);
    at = put_le(out, at + 4, 0, 4);
    at = put_le(out, at, (uint64_t)k, 2);
    at = put_le(out, at, (uint64_t)k, 2);
    at = put_le(out, at, cdlen, 4);
    at = put_le(out, at, cd, 4);
    return put_le(out, at, 0, 2);
}

static void test_npz(void **state)
{
    (void)state;
    static unsigned char a[256], b[256], zip[1024];
    const int32_t ids[3] = { 7, 0, 7 };
    const double ts[3] = { 0.0125, 0.002, 0.0129 };            /* s: ms 12, 2, 12 */
    const double tms[3] = { 12.5, 2.0, 13.0 };
    size_t la = npy_bytes(a, "<i4", 3, ids, sizeof ids), lb = npy_bytes(b, "<f8", 3, ts, sizeof ts);
    unsigned char *files[2] = { a, b };
    size_t lens[2] = { la, lb };
    static const char *const it[2] = { "i.npy", "t.npy" };
    size_t n = zip_bytes(zip, 2, it, files, lens, 0);
    Replay r;
    assert_int_equal(read_bytes(&r, zip, n, REPLAY_DETECT, REPLAY_UNIT_AUTO, 1), 0);
    assert_int_equal(r.format, REPLAY_NUMPY);
    const int64_t t[] = { 2, 12 };
    const int32_t nn[] = { 0, 7 };                 /* neuron 7 twice in ms 12: once */
    expect_spikes(&r, t, nn, 2);
    char d[400];
    replay_describe(&r, d, sizeof d);
    assert_string_equal(d, "numpy, a NumPy .npz with the arrays i and t; t in s, assumed: Brian2's unit, the array t"
                           " does not say");
    replay_free(&r);
    /* t_ms names its unit */
    lb = npy_bytes(b, "<f8", 3, tms, sizeof tms);
    lens[1] = lb;
    static const char *const itms[2] = { "i.npy", "t_ms.npy" };
    n = zip_bytes(zip, 2, itms, files, lens, 0);
    assert_int_equal(read_bytes(&r, zip, n, REPLAY_DETECT, REPLAY_UNIT_AUTO, 1), 0);
    const int64_t t2[] = { 2, 12, 13 };
    const int32_t n2[] = { 0, 7, 7 };
    expect_spikes(&r, t2, n2, 3);
    replay_free(&r);
    assert_int_equal(read_bytes(&r, zip, n, REPLAY_DETECT, REPLAY_UNIT_S, 1), -1);
    assert_non_null(strstr(err, "f.csv: its array t_ms says ms, --replay-time-unit says s"));
    /* ms under the name t: whole-number times refused as s, read when stated */
    const double whole[3] = { 12, 2, 13 };
    lb = npy_bytes(b, "<f8", 3, whole, sizeof whole);
    lens[1] = lb;
    n = zip_bytes(zip, 2, it, files, lens, 0);
    assert_int_equal(read_bytes(&r, zip, n, REPLAY_DETECT, REPLAY_UNIT_AUTO, 1), -1);
    assert_non_null(strstr(err, "every one is a whole number"));
    assert_non_null(strstr(err, "or name the array t_ms (t_s)"));
    assert_int_equal(read_bytes(&r, zip, n, REPLAY_DETECT, REPLAY_UNIT_MS, 1), 0);
    expect_spikes(&r, t2, n2, 3);
    replay_free(&r);
    /* np.savez_compressed's (deflated): the same spikes as stored */
    n = zip_bytes(zip, 2, it, files, lens, 8);
    assert_true(zsize[1] < lens[1]);                 /* deflated indeed */
    assert_int_equal(read_bytes(&r, zip, n, REPLAY_DETECT, REPLAY_UNIT_MS, 1), 0);
    expect_spikes(&r, t2, n2, 3);
    replay_free(&r);
    /* ... its deflated data cut short or corrupt: refused, said */
    size_t t_data = 30 + strlen(it[0]) + zsize[0] + 30 + strlen(it[1]);
    zip[t_data + zsize[1] / 2] ^= 0x5a;
    assert_int_equal(read_bytes(&r, zip, n, REPLAY_DETECT, REPLAY_UNIT_MS, 1), -1);
    assert_non_null(strstr(err, "a damaged .npz (array t.npy"));
    /* ... a stored array whose bytes changed: its CRC-32 tells */
    n = zip_bytes(zip, 2, it, files, lens, 0);
    zip[30 + strlen(it[0]) + lens[0] + 30 + strlen(it[1]) + lens[1] - 1] ^= 0x01;
    assert_int_equal(read_bytes(&r, zip, n, REPLAY_DETECT, REPLAY_UNIT_MS, 1), -1);
    assert_non_null(strstr(err, "a damaged .npz (array t.npy: its CRC-32"));
    /* ... stating a size beyond what may be held: refused before inflating */
    n = zip_bytes(zip, 2, it, files, lens, 8);
    size_t cd0 = n - 22 - (46 + strlen(it[0])) - (46 + strlen(it[1]));
    put_le(zip, cd0 + 24, 0xfffffff0u, 4);
    Replay big;
    FILE *fp = fmemopen(zip, n, "rb");
    assert_non_null(fp);
    assert_int_equal(replay_read(&big, fp, "f.npz", REPLAY_DETECT, REPLAY_UNIT_MS, 1, 1000, err, sizeof err), -1);
    fclose(fp);
    assert_non_null(strstr(err, "f.npz: the array i says it inflates to 4294967280 bytes"));
    /* other names: refused, listing them */
    static const char *const xy[2] = { "x.npy", "y.npy" };
    n = zip_bytes(zip, 2, xy, files, lens, 0);
    assert_int_equal(read_bytes(&r, zip, n, REPLAY_DETECT, REPLAY_UNIT_AUTO, 1), -1);
    assert_non_null(strstr(err, "a .npz with the arrays x, y: izhiscope reads Brian2's spike arrays by name, i"));
    /* a negative id; arrays of different lengths */
    const int32_t neg[3] = { 7, -1, 7 };
    la = npy_bytes(a, "<i4", 3, neg, sizeof neg);
    lens[0] = la;
    n = zip_bytes(zip, 2, it, files, lens, 0);
    assert_int_equal(read_bytes(&r, zip, n, REPLAY_DETECT, REPLAY_UNIT_MS, 1), -1);
    assert_non_null(strstr(err, "f.csv: i[1] = -1 is not a neuron"));
    lens[0] = npy_bytes(a, "<i4", 2, ids, 2 * sizeof ids[0]);
    n = zip_bytes(zip, 2, it, files, lens, 0);
    assert_int_equal(read_bytes(&r, zip, n, REPLAY_DETECT, REPLAY_UNIT_MS, 1), -1);
    assert_non_null(strstr(err, "f.csv: the arrays i and t have 2 and 3 elements: one a spike each"));
    /* a lone .npy: names nothing, refused with the way to name it */
    lb = npy_bytes(b, "<f8", 3, ts, sizeof ts);
    assert_int_equal(read_bytes(&r, b, lb, REPLAY_DETECT, REPLAY_UNIT_AUTO, 1), -1);
    assert_non_null(strstr(err, "f.csv: a NumPy .npy array of shape (3,): one array says neither"));
    assert_non_null(strstr(err, "np.savez('spikes.npz', i=M.i, t_ms=M.t/ms)"));
}

/* Files written by Brian2 and NumPy themselves (tests/data/b2_*, made by
 * tests/reference/brian2_spike_files.py): the spikes its own reading says
 * (b2_*_expect.csv, binned there from Brian2's time steps). */
static void test_brian2_files(void **state)
{
    (void)state;
    static const struct { const char *file; ReplayUnit u; } CASES[] = {
        { "b2_dt1_s_header.csv", REPLAY_UNIT_AUTO },  { "b2_dt1_defaults.csv", REPLAY_UNIT_AUTO },
        { "b2_dt1_space.txt", REPLAY_UNIT_AUTO },     { "b2_dt1.npz", REPLAY_UNIT_AUTO },
        { "b2_dt1_tms.npz", REPLAY_UNIT_AUTO },       { "b2_dt1_ms_header.csv", REPLAY_UNIT_MS },
        { "b2_dt01_s_header.csv", REPLAY_UNIT_AUTO }, { "b2_dt01_defaults.csv", REPLAY_UNIT_AUTO },
        { "b2_dt01_space.txt", REPLAY_UNIT_AUTO },    { "b2_dt01.npz", REPLAY_UNIT_AUTO },
        { "b2_dt01_tms.npz", REPLAY_UNIT_AUTO },      { "b2_dt01_ms_header.csv", REPLAY_UNIT_MS },
        { "b2_dt1_hash_space.txt", REPLAY_UNIT_AUTO }, { "b2_dt01_hash_space.txt", REPLAY_UNIT_AUTO },
        { "b2_dt1_compressed.npz", REPLAY_UNIT_AUTO }, { "b2_dt01_compressed.npz", REPLAY_UNIT_AUTO },
    };
    for (size_t c = 0; c < sizeof CASES / sizeof CASES[0]; c++) {
        char path[256], want[256];
        snprintf(path, sizeof path, "tests/data/%s", CASES[c].file);
        snprintf(want, sizeof want, "tests/data/%.6s_expect.csv", CASES[c].file);
        if (!strncmp(CASES[c].file, "b2_dt01", 7)) snprintf(want, sizeof want, "tests/data/b2_dt01_expect.csv");
        FILE *fp = fopen(path, "rb"), *fe = fopen(want, "r");
        assert_non_null(fp);
        assert_non_null(fe);
        Replay r, e;
        if (replay_read(&r, fp, path, REPLAY_DETECT, CASES[c].u, 1, 0, err, sizeof err) != 0)
            fail_msg("%s: %s", path, err);
        assert_int_equal(replay_read(&e, fe, want, REPLAY_DETECT, REPLAY_UNIT_AUTO, 1, 0, err, sizeof err), 0);
        fclose(fp);
        fclose(fe);
        if (r.count != e.count) fail_msg("%s: %zu spikes, %s has %zu", path, r.count, want, e.count);
        for (size_t i = 0; i < r.count; i++)
            if (r.spikes[i].t_ms != e.spikes[i].t_ms || r.spikes[i].neuron != e.spikes[i].neuron)
                fail_msg("%s: spike %zu is (%lld ms, %d), %s says (%lld ms, %d)", path, i,
                         (long long)r.spikes[i].t_ms, r.spikes[i].neuron, want, (long long)e.spikes[i].t_ms,
                         e.spikes[i].neuron);
        replay_free(&r);
        replay_free(&e);
    }
    /* the ways that cannot be read as they are: refused, saying how */
    static const struct { const char *file; ReplayFormat f; const char *want; } BAD[] = {
        { "b2_dt1_ms_header.csv", REPLAY_DETECT, "every one is a whole number (the last 299)" },
        { "b2_dt01_ms_header.csv", REPLAY_DETECT, "all 250 are multiples of 0.01" },
        { "b2_dt1_noheader_ms.csv", REPLAY_DETECT, "name the format with --replay-format" },
        { "b2_dt1_noheader_ms.csv", REPLAY_BRIAN2, "every one is a whole number" },
        { "b2_dt1.npy", REPLAY_DETECT, "a NumPy .npy array of shape (259, 2)" },
    };
    for (size_t c = 0; c < sizeof BAD / sizeof BAD[0]; c++) {
        char path[256];
        snprintf(path, sizeof path, "tests/data/%s", BAD[c].file);
        FILE *fp = fopen(path, "rb");
        assert_non_null(fp);
        Replay r;
        int rc = replay_read(&r, fp, path, BAD[c].f, REPLAY_UNIT_AUTO, 1, 0, err, sizeof err);
        fclose(fp);
        if (rc != -1 || !strstr(err, BAD[c].want)) fail_msg("%s: rc %d, '%s', wanted '%s'", path, rc, err, BAD[c].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_izhiscope), cmocka_unit_test(test_metadata_comments),
        cmocka_unit_test(test_brian2),    cmocka_unit_test(test_nest),
        cmocka_unit_test(test_errors),    cmocka_unit_test(test_playback),
        cmocka_unit_test(test_trace),     cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_time_unit), cmocka_unit_test(test_numpy_text),
        cmocka_unit_test(test_npz),       cmocka_unit_test(test_brian2_files),
    };
    return cmocka_run_group_tests_name("replay", tests, NULL, NULL);
}
