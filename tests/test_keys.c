/*
 * test_keys.c - the one key table: every binding finds its own command
 * (no key shadows another), --help lists every row, and the window's
 * manual's key table (docs/window.md) is the table, row for row (between
 * <!-- keys --> and <!-- /keys -->). A manual out of date fails here and
 * prints the rows it should have.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "keys.h"
#include "readme_table.h"

static void test_every_binding_finds_its_command(void **state)
{
    (void)state;
    int bindings = 0;
    for (int i = 0; i < KEYS_COUNT; i++)
        for (int b = 0; b < 4 && KEYS[i].bind[b].sym; b++) {
            const KeyBind *kb = &KEYS[i].bind[b];
            if (kb->shift != KEYS_SHIFT) assert_ptr_equal(keys_find(kb->sym, 0), &KEYS[i]);
            if (kb->shift != KEYS_NO_SHIFT) assert_ptr_equal(keys_find(kb->sym, 1), &KEYS[i]);
            bindings++;
        }
    assert_true(bindings >= KEYS_COUNT);
    assert_null(keys_find(SDLK_z, 0));
    /* the keys the README has always promised */
    assert_int_equal(keys_find(SDLK_SPACE, 0)->action, KEY_PAUSE);
    assert_int_equal(keys_find(SDLK_UP, 1)->action, KEY_NOISE_I);
    assert_int_equal(keys_find(SDLK_r, 1)->arg, 1);
    assert_int_equal(keys_find(SDLK_ESCAPE, 0)->action, KEY_QUIT);
}

static void test_help_lists_every_key(void **state)
{
    (void)state;
    const char *usage = cli_usage();
    for (int i = 0; i < KEYS_COUNT; i++) {
        char line[256];
        snprintf(line, sizeof line, "  %s", KEYS[i].keys);
        const char *at = strstr(usage, line);
        assert_non_null(at);
        assert_non_null(strstr(at, KEYS[i].help));
    }
}

static void test_window_md_table_is_the_table(void **state)
{
    (void)state;
    const char *a = doc_table("docs/window.md", "keys");
    assert_non_null(a);
    static char want[16384];
    keys_text(want, sizeof want, 1);
    if (strcmp(a, want) != 0) {
        print_error("docs/window.md's key table differs from the key table (src/keys.c); it should read:\n%s", want);
        fail();
    }
}

/* Issue 17: R ended the recordings and only "REC" leaving the status line
 * said so. Every restart command's help (--help, the overlay, the man
 * page, docs/window.md) says it ends them. */
static void test_restart_says_recordings_end(void **state)
{
    (void)state;
    int restarts = 0;
    for (int i = 0; i < KEYS_COUNT; i++)
        if (KEYS[i].action == KEY_RESTART) {
            restarts++;
            assert_non_null(strstr(KEYS[i].help, "ends the recordings"));
        }
    assert_int_equal(restarts, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_restart_says_recordings_end),
        cmocka_unit_test(test_every_binding_finds_its_command),
        cmocka_unit_test(test_help_lists_every_key),
        cmocka_unit_test(test_window_md_table_is_the_table),
    };
    return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}
