/*
 * test_outfile.c - outputs are written whole or not at all, and an existing
 * file is kept unless forced.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

static char dir[] = "/tmp/izhi-outfile-XXXXXX";
static char err[512];

static int entries(void)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
    closedir(d);
    return n;
}

static void slurp(const char *path, char *buf, size_t len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd);
}

static void test_commit_abort_exists(void **state)
{
    (void)state;
    char path[256], buf[64];
    snprintf(path, sizeof path, "%s/a.csv", dir);
    OutFile f;
    assert_int_equal(outfile_open(&f, path, 0, err, sizeof err), 0);
    fputs("hello\n", f.fp);
    assert_int_equal(access(path, F_OK), -1);       /* nothing visible before commit */
    assert_int_equal(entries(), 1);                 /* just the temporary */
    assert_int_equal(outfile_commit(&f, err, sizeof err), 0);
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "hello\n");
    assert_int_equal(entries(), 1);                 /* temporary gone */

    /* exists, no force: refused up front, file unchanged */
    assert_int_equal(outfile_open(&f, path, 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "a.csv: file exists (use --force"));
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "hello\n");

    /* abort leaves nothing */
    char other[256];
    snprintf(other, sizeof other, "%s/b.csv", dir);
    assert_int_equal(outfile_open(&f, other, 0, err, sizeof err), 0);
    fputs("partial", f.fp);
    outfile_abort(&f);
    assert_int_equal(access(other, F_OK), -1);
    assert_int_equal(entries(), 1);
    outfile_abort(&f);                              /* twice is harmless */

    /* force replaces */
    assert_int_equal(outfile_open(&f, path, 1, err, sizeof err), 0);
    fputs("new\n", f.fp);
    assert_int_equal(outfile_commit(&f, err, sizeof err), 0);
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "new\n");
    assert_int_equal(entries(), 1);
}

static void test_file_appears_meanwhile(void **state)
{
    (void)state;
    char path[256], buf[64];
    snprintf(path, sizeof path, "%s/race.csv", dir);
    OutFile f;
    assert_int_equal(outfile_open(&f, path, 0, err, sizeof err), 0);
    fputs("mine\n", f.fp);
    FILE *o = fopen(path, "w");
    fputs("theirs\n", o);
    fclose(o);
    assert_int_equal(outfile_commit(&f, err, sizeof err), -1);
    assert_non_null(strstr(err, "file exists"));
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "theirs\n");           /* never overwritten silently */
    unlink(path);
}

static void test_bad_paths(void **state)
{
    (void)state;
    OutFile f;
    char path[256];
    assert_int_equal(outfile_open(&f, "/nonexistent-izhi/x.csv", 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent-izhi/x.csv: cannot create: No such file or directory"));
    snprintf(path, sizeof path, "%s/plain", dir);
    FILE *o = fopen(path, "w");
    fclose(o);
    snprintf(path, sizeof path, "%s/plain/x.csv", dir);
    assert_int_equal(outfile_open(&f, path, 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "Not a directory"));
    assert_int_equal(outfile_open(&f, dir, 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "is a folder"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_commit_abort_exists),
        cmocka_unit_test(test_file_appears_meanwhile),
        cmocka_unit_test(test_bad_paths),
    };
    return cmocka_run_group_tests_name("outfile", tests, setup, teardown);
}
