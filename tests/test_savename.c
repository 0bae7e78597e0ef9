/*
 * test_savename.c - the names of the window's saves (savename.h, carved
 * out of window.c, where they were tested only end to end): what a
 * simulation's and a replay's names say, and the -1, -2 ... of a name
 * taken. Expected names written out by hand.
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
#include <unistd.h>

#include "savename.h"

static void test_what(void **state)
{
    (void)state;
    char what[96];
    savename_what(what, sizeof what, NULL, 42);
    assert_string_equal(what, "seed42");
    savename_what(what, sizeof what, NULL, 18446744073709551615ull);
    assert_string_equal(what, "seed18446744073709551615");
    /* a replay: the name without folder, cut at its first '.', a blank as '_' */
    savename_what(what, sizeof what, "/data/run 1.v2.csv", 42);
    assert_string_equal(what, "replay-run_1");
    savename_what(what, sizeof what, "b2_spikes-x.npz", 0);
    assert_string_equal(what, "replay-b2_spikes-x");
    savename_what(what, sizeof what, "old.d/\xc3\xa9t\xc3\xa9\x1b.csv", 0);   /* "été" and an escape: é é (2 bytes each), ESC: 5 bytes as '_', t kept */
    assert_string_equal(what, "replay-__t___");
    /* cut to the buffer: "replay-" and two letters in 10 bytes */
    savename_what(what, 10, "abcdef.csv", 0);
    assert_string_equal(what, "replay-ab");
}

static void test_open_takes_the_next_free_name(void **state)
{
    (void)state;
    char dir[] = "/tmp/izhi_savename_XXXXXX";
    assert_non_null(mkdtemp(dir));
    char err[512], want[256];
    for (int k = 0; k < 3; k++) {
        OutFile f;
        assert_int_equal(savename_open(&f, dir, "izhiscope-screen", "seed5", 1000, ".png", err, sizeof err), 0);
        if (k == 0) snprintf(want, sizeof want, "%s/izhiscope-screen-seed5-t1000.png", dir);
        else snprintf(want, sizeof want, "%s/izhiscope-screen-seed5-t1000-%d.png", dir, k);
        assert_string_equal(f.path, want);
        assert_int_equal(outfile_commit(&f, err, sizeof err), 0);
        assert_int_equal(access(want, F_OK), 0);
    }
    /* a folder that is not there: refused with the system's reason */
    OutFile g;
    char gone[300];
    snprintf(gone, sizeof gone, "%s/nothing", dir);
    assert_int_equal(savename_open(&g, gone, "izhiscope-fig3", "seed5", 7, ".svg", err, sizeof err), -1);
    assert_non_null(strstr(err, "nothing"));
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_what),
        cmocka_unit_test(test_open_takes_the_next_free_name),
    };
    return cmocka_run_group_tests_name("savename", tests, NULL, NULL);
}
