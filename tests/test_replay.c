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

static char err[512];

/* Reads text as a spike file; the return value of replay_read. */
static int read_text(Replay *r, const char *text, ReplayFormat f, int first_id)
{
    FILE *fp = fmemopen((void *)text, strlen(text), "r");
    assert_non_null(fp);
    err[0] = '\0';
    int rc = replay_read(r, fp, "f.csv", f, first_id, 0, err, sizeof err);
    fclose(fp);
    return rc;
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
    assert_non_null(strstr(err, "f.csv:2: the sender 100 is out of range (101 ... "));
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
        assert_int_equal(replay_read(&q, fp, "f.csv", REPLAY_DETECT, 1, 2, err, sizeof err), -1);
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
    /* the neuron changed during the session: none */
    assert_int_equal(read_trace(&r, "t_ms,v_mV,neuron\n0,-65,7\n1,-60,8\n2,-60,7\n"), 0);
    assert_int_equal(r.trace_neuron, -1);
    /* malformed traces */
    assert_int_equal(read_trace(&r, "t,v\n0,1\n"), -1);
    assert_non_null(strstr(err, "v.csv:1: expected the header t_ms,v_mV"));
    assert_int_equal(read_trace(&r, "t_ms,v_mV\n0,-65\n1,x\n"), -1);
    assert_non_null(strstr(err, "v.csv:3: expected 't_ms,v_mV' or 't_ms,v_mV,neuron', found '1,x'"));
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
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_izhiscope), cmocka_unit_test(test_metadata_comments),
        cmocka_unit_test(test_brian2),    cmocka_unit_test(test_nest),
        cmocka_unit_test(test_errors),    cmocka_unit_test(test_playback),
        cmocka_unit_test(test_trace),     cmocka_unit_test(test_format_names),
    };
    return cmocka_run_group_tests_name("replay", tests, NULL, NULL);
}
