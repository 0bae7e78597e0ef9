/*
 * test_map.c - the map panel's pure parts (map.h): the coarse-to-fine
 * order visits every cell once and covers the grid at every stage; the
 * nearest computed cell; cell <-> pixel mapping is a partition of the
 * span, inverted exactly; --map's reader refuses what is not a sweep CSV
 * of noise-e x noise-i.
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

#include "map.h"

static void test_order_visits_every_cell_once(void **state)
{
    (void)state;
    static const int sizes[][2] = { { 21, 21 }, { 1, 1 }, { 1, 7 }, { 16, 16 }, { 17, 5 }, { 3, 40 } };
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        const int n0 = sizes[s][0], n1 = sizes[s][1], n = n0 * n1;
        int *order = malloc((size_t)n * sizeof *order), *seen = calloc((size_t)n, sizeof *seen);
        assert_int_equal(map_order(n0, n1, order), 0);
        for (int k = 0; k < n; k++) {
            assert_true(order[k] >= 0 && order[k] < n);
            seen[order[k]]++;
        }
        for (int c = 0; c < n; c++) assert_int_equal(seen[c], 1);
        free(order);
        free(seen);
    }
    assert_int_equal(map_order(0, 3, NULL), -1);
}

/* Coarse to fine on 21 x 21: the first 9 cells are the corners, edges'
 * middles and centre of a 16-spaced lattice ((0|16) x (0|16), i.e. 4),
 * then the 8-spaced ones; after the first 4 every cell is within 16 of a
 * visited one, and each stage halves that. */
static void test_order_is_coarse_to_fine(void **state)
{
    (void)state;
    int order[441];
    map_order(21, 21, order);
    /* stage 1: indices multiples of 16: (0,0) (0,16) (16,0) (16,16) */
    const int first[4] = { 0, 16, 16 * 21, 16 * 21 + 16 };
    for (int k = 0; k < 4; k++) assert_int_equal(order[k], first[k]);
    /* stage 2 (multiples of 8, not of 16): 3 x 3 - 4 = 5 cells */
    for (int k = 4; k < 9; k++) {
        const int i0 = order[k] / 21, i1 = order[k] % 21;
        assert_int_equal(i0 % 8, 0);
        assert_int_equal(i1 % 8, 0);
    }
    /* once the multiples of 2 are done (11 x 11 = 121), every cell has a visited neighbour within 1 */
    unsigned char done[441] = { 0 };
    for (int k = 0; k < 121; k++) done[order[k]] = 1;
    for (int c = 0; c < 441; c++) {
        const int i0 = c / 21, i1 = c % 21;
        assert_true(done[(i0 - i0 % 2) * 21 + (i1 - i1 % 2)]);
    }
}

static void test_nearest(void **state)
{
    (void)state;
    unsigned char done[12] = { 0 };
    int shown[12];
    map_nearest(3, 4, done, shown);
    for (int c = 0; c < 12; c++) assert_int_equal(shown[c], -1);
    done[0] = 1;                /* (0,0) */
    done[2 * 4 + 3] = 1;        /* (2,3) */
    map_nearest(3, 4, done, shown);
    assert_int_equal(shown[0], 0);
    assert_int_equal(shown[11], 11);
    assert_int_equal(shown[1], 0);          /* (0,1): 1 from (0,0) */
    assert_int_equal(shown[2 * 4 + 2], 11); /* (2,2): 1 from (2,3) */
    assert_int_equal(shown[1 * 4 + 1], 0);  /* (1,1): 2 from (0,0), 5 from (2,3) */
}

/* Every pixel of a span belongs to exactly the cell whose start is at or
 * before it and whose successor's start is after it: hand-checked rule. */
static void test_cell_pixel_mapping(void **state)
{
    (void)state;
    for (int len = 1; len < 400; len += 7)
        for (int n = 1; n <= 25; n++) {
            assert_int_equal(map_cell_start(len, n, 0), 0);
            assert_int_equal(map_cell_start(len, n, n), len);
            for (int p = 0; p < len; p++) {
                int i = map_cell_at(len, n, p);
                assert_true(i >= 0 && i < n);
                assert_true(map_cell_start(len, n, i) <= p);
                assert_true(p < map_cell_start(len, n, i + 1));
            }
            assert_int_equal(map_cell_at(len, n, -1), -1);
            assert_int_equal(map_cell_at(len, n, len), -1);
        }
    /* 300 px, 21 cells: 14 or 15 px each; pixel 14 is cell 0 (floor(300/21) = 14: cell 1 starts there) */
    assert_int_equal(map_cell_start(300, 21, 1), 14);
    assert_int_equal(map_cell_at(300, 21, 13), 0);
    assert_int_equal(map_cell_at(300, 21, 14), 1);
}

static int read_text(const char *text, char *err, size_t errlen)
{
    char path[] = "/tmp/test_map-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs(text, fp);
    fclose(fp);
    SweepSpec spec;
    int seeds;
    SweepRow *rows = NULL;
    int rc = map_read_csv(path, &spec, &seeds, &rows, err, errlen);
    free(rows);
    remove(path);
    return rc;
}

#define HEAD "noise-e,noise-i,seed,rate_e_hz,rate_i_hz,delta_hz,delta_strength,theta_hz,theta_strength,alpha_hz," \
             "alpha_strength,beta_hz,beta_strength,gamma_hz,gamma_strength,chi_e,chi_i,chi,fano_10ms,fano_100ms," \
             "lag_ei_ms,plv_alpha_e,plv_alpha_i,plv_gamma_e,plv_gamma_i,runaway\n"
/* the analysis measures of a row (not shown by the panel; nan where a run
 * could not compute one) */
#define MEASURES "0.12,0.22,0.13,1.5,3.0,1,0.13,0.17,0.15,0.38"

static void test_read_csv(void **state)
{
    (void)state;
    char err[2048];
    assert_int_equal(read_text("# sweep: noise-e=1:2:1,noise-i=3:3:1\n# seeds: 1\n" HEAD
                               "1,3,7,5.00,6.00,,,,,8.0,40,,,30.0,20," MEASURES ",0\n"
                               "2,3,7,5.50,6.50,,,,,,,,,,,nan,nan,nan,0.8,0.5,nan,nan,0.2,nan,0.9,1\n",
                               err, sizeof err), 0);
    /* one axis: refused, naming what it sweeps */
    assert_int_equal(read_text("# sweep: noise-e=1:2:1\n# seeds: 1\nnoise-e,seed\n", err, sizeof err), -1);
    assert_non_null(strstr(err, "the map panel shows noise-e x noise-i"));
    /* numbers a sweep does not write (a tester's hand-edited file): a rate
     * below 0, an alpha peak at 999 Hz, hex, a leading blank */
    static const char *const odd[][2] = {
        { "1,3,7,-5.00,6.00,,,,,,,,,,,", ":4: not what a sweep writes: a rate below 0 Hz" },
        { "1,3,7,5.00,6.00,,,,,999.0,40,,,,,", "alpha_hz 999 outside the alpha band" },
        { "1,3,7,0x10,6.00,,,,,,,,,,,", ":4: not a row" },
        { "1,3,7,1e300,6.00,,,,,,,,,,,", ":4: not what a sweep writes: a rate above 1000 Hz" },
        { "1,3,7, 5.00,6.00,,,,,,,,,,,", ":4: not a row" },
    };
    for (size_t k = 0; k < sizeof odd / sizeof odd[0]; k++) {
        char text[1024];
        snprintf(text, sizeof text, "# sweep: noise-e=1:1:1,noise-i=3:3:1\n# seeds: 1\n" HEAD "%s" MEASURES ",0\n",
                 odd[k][0]);
        assert_int_equal(read_text(text, err, sizeof err), -1);
        if (!strstr(err, odd[k][1])) fail_msg("'%s': said '%s', not '%s'", odd[k][0], err, odd[k][1]);
    }
    /* a byte order mark before the first line: read (a tester's, refused before) */
    assert_int_equal(read_text("\xef\xbb\xbf# sweep: noise-e=1:1:1,noise-i=3:3:1\n# seeds: 1\n" HEAD
                               "1,3,7,5.00,6.00,,,,,,,,,,," MEASURES ",0\n", err, sizeof err), 0);
    /* '# seeds:' not a whole number of seeds (was atoi: "2x" read as 2, a tester's) */
    assert_int_equal(read_text("# sweep: noise-e=1:2:1,noise-i=3:3:1\n# seeds: 2x\n" HEAD, err, sizeof err), -1);
    assert_non_null(strstr(err, ":2: '# seeds:' is not a whole number"));
    assert_int_equal(read_text("# sweep: noise-e=1:2:1,noise-i=3:3:1\n# seeds: 0\n" HEAD, err, sizeof err), -1);
    /* not a sweep CSV at all */
    assert_int_equal(read_text("t_ms,neuron\n1,2\n", err, sizeof err), -1);
    assert_non_null(strstr(err, "not a sweep CSV"));
    /* a row short of its numbers, and rows missing */
    assert_int_equal(read_text("# sweep: noise-e=1:2:1,noise-i=3:3:1\n# seeds: 1\n" HEAD "1,3,7,5.00\n", err,
                               sizeof err), -1);
    assert_non_null(strstr(err, ":4: not a row"));
    assert_int_equal(read_text("# sweep: noise-e=1:2:1,noise-i=3:3:1\n# seeds: 1\n" HEAD
                               "1,3,7,5.00,6.00,,,,,8.0,40,,,30.0,20," MEASURES ",0\n", err, sizeof err), -1);
    assert_non_null(strstr(err, "1 rows of the 2"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_visits_every_cell_once),
        cmocka_unit_test(test_order_is_coarse_to_fine),
        cmocka_unit_test(test_nearest),
        cmocka_unit_test(test_cell_pixel_mapping),
        cmocka_unit_test(test_read_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
