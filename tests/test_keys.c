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
#include "keys_sdl.h"
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
    assert_null(keys_find('j', 0));
    /* the keys the README has always promised */
    assert_int_equal(keys_find(' ', 0)->action, KEY_PAUSE);
    assert_int_equal(keys_find(KEYS_UP, 1)->action, KEY_NOISE_I);
    assert_int_equal(keys_find('r', 1)->arg, 1);
    assert_int_equal(keys_find(KEYS_ESCAPE, 0)->action, KEY_QUIT);
}

/* SDL's key codes reach the commands the table names (the table has its
 * own codes, so that it builds without SDL): each SDL key of the table as
 * it was written with SDL's names, by hand. */
static void test_sdl_keys_reach_their_commands(void **state)
{
    (void)state;
    static const struct { SDL_Keycode sym; int shift; KeyAction action; int arg; } want[] = {
        { SDLK_SPACE, 0, KEY_PAUSE, 0 }, { SDLK_PERIOD, 0, KEY_STEP, 0 }, { SDLK_KP_PERIOD, 1, KEY_STEP, 0 },
        { SDLK_UP, 0, KEY_NOISE_E, 1 }, { SDLK_DOWN, 0, KEY_NOISE_E, -1 }, { SDLK_UP, 1, KEY_NOISE_I, 1 },
        { SDLK_DOWN, 1, KEY_NOISE_I, -1 }, { SDLK_0, 0, KEY_NOISE_RESET, 0 }, { SDLK_KP_0, 0, KEY_NOISE_RESET, 0 },
        { SDLK_PLUS, 0, KEY_SPEED, 1 }, { SDLK_KP_PLUS, 0, KEY_SPEED, 1 }, { SDLK_EQUALS, 1, KEY_SPEED, 1 },
        { SDLK_MINUS, 0, KEY_SPEED, -1 }, { SDLK_KP_MINUS, 0, KEY_SPEED, -1 }, { SDLK_1, 0, KEY_SPEED_ONE, 0 },
        { SDLK_KP_1, 0, KEY_SPEED_ONE, 0 }, { SDLK_r, 0, KEY_RESTART, 0 }, { SDLK_r, 1, KEY_RESTART, 1 },
        { SDLK_s, 0, KEY_SAVE_SCREEN, 0 }, { SDLK_f, 0, KEY_SAVE_FIGURE, 0 }, { SDLK_l, 0, KEY_SPECTRUM_LENGTH, 0 },
        { SDLK_LEFT, 0, KEY_PAN, -1 }, { SDLK_RIGHT, 0, KEY_PAN, 1 }, { SDLK_RIGHTBRACKET, 0, KEY_ZOOM, -1 },
        { SDLK_LEFTBRACKET, 0, KEY_ZOOM, 1 }, { SDLK_HOME, 0, KEY_OLDEST, 0 }, { SDLK_END, 0, KEY_LIVE, 0 },
        { SDLK_b, 0, KEY_BAR, 0 }, { SDLK_h, 0, KEY_HELP, 0 }, { SDLK_F1, 0, KEY_HELP, 0 },
        { SDLK_QUESTION, 0, KEY_HELP, 0 }, { SDLK_SLASH, 1, KEY_HELP, 0 }, { SDLK_ESCAPE, 0, KEY_QUIT, 0 },
        { SDLK_q, 0, KEY_QUIT, 0 }, { SDLK_p, 0, KEY_PANEL, 1 }, { SDLK_g, 0, KEY_PANEL, 2 },
        { SDLK_w, 0, KEY_PANEL, 4 }, { SDLK_m, 0, KEY_PANEL, 8 },
        { SDLK_n, 0, KEY_ROWS_ZOOM, -1 }, { SDLK_n, 1, KEY_ROWS_ZOOM, 1 }, { SDLK_PAGEUP, 0, KEY_ROWS_PAN, 1 },
        { SDLK_PAGEDOWN, 0, KEY_ROWS_PAN, -1 }, { SDLK_z, 0, KEY_ROWS_ALL, 0 },
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const KeyCommand *c = keys_find(keys_from_sdl(want[i].sym), want[i].shift);
        if (!c || c->action != want[i].action || c->arg != want[i].arg)
            fail_msg("SDL key %s (shift %d) does not reach its command", SDL_GetKeyName(want[i].sym), want[i].shift);
    }
    /* keys the table does not name reach nothing */
    assert_null(keys_find(keys_from_sdl(SDLK_F2), 0));
    assert_null(keys_find(keys_from_sdl(SDLK_KP_2), 0));
    assert_null(keys_find(keys_from_sdl(SDLK_j), 0));
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
        cmocka_unit_test(test_sdl_keys_reach_their_commands),
        cmocka_unit_test(test_help_lists_every_key),
        cmocka_unit_test(test_window_md_table_is_the_table),
    };
    return cmocka_run_group_tests_name("keys", tests, NULL, NULL);
}
