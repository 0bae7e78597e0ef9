/*
 * test_outfile.c - outputs are written whole or not at all, and an existing
 * file is kept unless forced: one at a time and as a set (all or none),
 * on file systems without hard links too (link(2) is replaced below), with
 * the umask's mode, and names compared by what they are.
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <errno.h>
#include <fcntl.h>

#include "outfile.h"

/* link(2) as a file system without hard links has it (FAT, exFAT, some
 * network and FUSE mounts): EPERM. This definition takes the place of
 * libc's for outfile.c, linked into this test. */
static int no_hard_links;
int link(const char *from, const char *to)
{
    if (no_hard_links) { errno = EPERM; return -1; }
    return linkat(AT_FDCWD, from, AT_FDCWD, to, 0);
}

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

static void path_in(char *out, size_t len, const char *name) { snprintf(out, len, "%s/%s", dir, name); }

static OutFile *open_with(OutFile *f, const char *name, int force, const char *text)
{
    char path[512];
    path_in(path, sizeof path, name);
    assert_int_equal(outfile_open(f, path, force, err, sizeof err), 0);
    fputs(text, f->fp);
    return f;
}

/* Three outputs, the last one's target appears during the run: none is
 * placed, the replaced one is restored, no temporary is left. */
static void test_all_or_nothing(void **state)
{
    (void)state;
    char path[512], buf[64];
    path_in(path, sizeof path, "old.csv");
    FILE *o = fopen(path, "w");
    fputs("old\n", o);
    fclose(o);
    int before = entries();
    OutFile a, b, c;
    OutFile *set[3] = { open_with(&a, "new1.csv", 0, "1\n"), open_with(&b, "old.csv", 1, "2\n"),
                        open_with(&c, "late.png", 0, "3\n") };
    path_in(path, sizeof path, "late.png");
    o = fopen(path, "w");
    fputs("theirs\n", o);
    fclose(o);
    assert_int_equal(outfile_commit_all(set, 3, NULL, NULL, err, sizeof err), -1);
    assert_non_null(strstr(err, "late.png: file exists"));
    path_in(path, sizeof path, "new1.csv");
    assert_int_equal(access(path, F_OK), -1);             /* taken back */
    path_in(path, sizeof path, "old.csv");
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "old\n");                   /* restored */
    path_in(path, sizeof path, "late.png");
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "theirs\n");                /* never touched */
    assert_int_equal(entries(), before + 1);              /* only late.png is new; no temporary */
    unlink(path);
    /* and when all can be placed, all are */
    set[0] = open_with(&a, "new1.csv", 0, "1\n");
    set[1] = open_with(&b, "old.csv", 1, "2\n");
    set[2] = open_with(&c, "late.png", 0, "3\n");
    assert_int_equal(outfile_commit_all(set, 3, NULL, NULL, err, sizeof err), 0);
    path_in(path, sizeof path, "old.csv");
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "2\n");
    path_in(path, sizeof path, "new1.csv");
    unlink(path);
    path_in(path, sizeof path, "late.png");
    unlink(path);
    path_in(path, sizeof path, "old.csv");
    unlink(path);
}

/* Without hard links the no-overwrite promise still holds. */
static void test_no_hard_links(void **state)
{
    (void)state;
    char path[512], buf[64];
    no_hard_links = 1;
    OutFile f;
    open_with(&f, "fat.csv", 0, "on fat\n");
    assert_int_equal(outfile_commit(&f, err, sizeof err), 0);
    path_in(path, sizeof path, "fat.csv");
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "on fat\n");
    /* a file that appears meanwhile is still not replaced */
    open_with(&f, "fat2.csv", 0, "mine\n");
    path_in(path, sizeof path, "fat2.csv");
    FILE *o = fopen(path, "w");
    fputs("theirs\n", o);
    fclose(o);
    assert_int_equal(outfile_commit(&f, err, sizeof err), -1);
    assert_non_null(strstr(err, "file exists"));
    slurp(path, buf, sizeof buf);
    assert_string_equal(buf, "theirs\n");
    no_hard_links = 0;
    unlink(path);
    path_in(path, sizeof path, "fat.csv");
    unlink(path);
}

/* New files get 0666 minus the umask; --force keeps a replaced file's mode. */
static void test_modes(void **state)
{
    (void)state;
    char path[512];
    struct stat st;
    mode_t old = umask(027);
    OutFile f;
    open_with(&f, "m.csv", 0, "x\n");
    assert_int_equal(outfile_commit(&f, err, sizeof err), 0);
    path_in(path, sizeof path, "m.csv");
    assert_int_equal(stat(path, &st), 0);
    umask(old);
    /* the umask is read once per process: this test runs first of those that look */
    assert_int_equal(st.st_mode & 0777, 0640);
    chmod(path, 0600);
    open_with(&f, "m.csv", 1, "y\n");
    assert_int_equal(outfile_commit(&f, err, sizeof err), 0);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    unlink(path);
}

/* Checked up front: a dangling symlink is an existing name; a name too long
 * for the folder; the temporary's name never makes a legal name too long. */
static void test_up_front(void **state)
{
    (void)state;
    char path[512], target[512];
    OutFile f;
    path_in(path, sizeof path, "dangling.csv");
    path_in(target, sizeof target, "nowhere");
    assert_int_equal(symlink(target, path), 0);
    assert_int_equal(outfile_open(&f, path, 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "is a symbolic link to nothing"));
    unlink(path);
    char name[300];
    memset(name, 'n', 254);
    strcpy(name + 254, ".");                            /* 255 characters: the longest legal */
    path_in(path, sizeof path, name);
    assert_int_equal(outfile_open(&f, path, 0, err, sizeof err), 0);
    assert_int_equal(outfile_commit(&f, err, sizeof err), 0);
    assert_int_equal(access(path, F_OK), 0);
    unlink(path);
    strcpy(name + 254, "xx");                           /* 256 */
    path_in(path, sizeof path, name);
    assert_int_equal(outfile_open(&f, path, 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "longer than this folder allows"));
}

/* Names compared by what they are. */
static void test_same(void **state)
{
    (void)state;
    char a[512], b[512];
    path_in(a, sizeof a, "x.csv");
    snprintf(b, sizeof b, "%s/./x.csv", dir);
    assert_true(outfile_same(a, b));
    snprintf(b, sizeof b, "%s/../%s/x.csv", dir, strrchr(dir, '/') + 1);
    assert_true(outfile_same(a, b));
    path_in(b, sizeof b, "y.csv");
    assert_false(outfile_same(a, b));
    FILE *o = fopen(a, "w");
    fclose(o);
    assert_int_equal(link(a, b), 0);                    /* two names of one file */
    assert_true(outfile_same(a, b));
    unlink(a);
    unlink(b);
    assert_true(outfile_same("x.csv", "./x.csv"));
    assert_false(outfile_same("x.csv", "x.png"));
}

/* What a signal handler calls removes every temporary. */
static void test_remove_temporaries(void **state)
{
    (void)state;
    int before = entries();
    OutFile a, b;
    open_with(&a, "s1.csv", 0, "1");
    open_with(&b, "s2.csv", 0, "2");
    assert_int_equal(entries(), before + 2);
    outfile_remove_temporaries();
    assert_int_equal(entries(), before);
    outfile_abort(&a);
    outfile_abort(&b);
}

/* What is not a regular file is never replaced (issue 17 item 4): a FIFO or
 * a device is written straight into, --force or not, and stays what it
 * was, with no temporary beside it (as /dev/.null.XXXXXX was); a symbolic
 * link is followed (with force its file is replaced, the link kept); a
 * link to nothing and a socket are refused, force or not. */
static void test_not_regular(void **state)
{
    (void)state;
    char fifo[512], link_path[512], target[512], sock[512], buf[64];
    OutFile f;
    struct stat st;
    /* a FIFO, with and without force: what is written comes out of it */
    path_in(fifo, sizeof fifo, "pipe");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    for (int force = 0; force <= 1; force++) {
        int rd = open(fifo, O_RDONLY | O_NONBLOCK);   /* the reader, so that opening does not wait */
        assert_true(rd >= 0);
        assert_int_equal(outfile_open(&f, fifo, force, err, sizeof err), 0);
        assert_true(f.direct);
        assert_null(f.tmp);
        assert_int_equal(entries(), 1);               /* the FIFO alone: no temporary */
        fputs("through", f.fp);
        assert_int_equal(outfile_commit(&f, err, sizeof err), 0);
        ssize_t n = read(rd, buf, sizeof buf - 1);
        assert_int_equal(n, 7);
        buf[n] = '\0';
        assert_string_equal(buf, "through");
        close(rd);
        assert_int_equal(lstat(fifo, &st), 0);
        assert_true(S_ISFIFO(st.st_mode));
        assert_int_equal(entries(), 1);
    }
    /* a symbolic link to the FIFO: the same, the link kept */
    path_in(link_path, sizeof link_path, "to-pipe");
    assert_int_equal(symlink(fifo, link_path), 0);
    int rd = open(fifo, O_RDONLY | O_NONBLOCK);
    assert_int_equal(outfile_open(&f, link_path, 1, err, sizeof err), 0);
    fputs("x", f.fp);
    assert_int_equal(outfile_commit(&f, err, sizeof err), 0);
    assert_int_equal(read(rd, buf, sizeof buf), 1);
    close(rd);
    assert_int_equal(lstat(link_path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    unlink(link_path);
    unlink(fifo);
    /* /dev/null, forced: written into, no temporary made in /dev (never
     * committed otherwise: that would replace it, as root) */
    assert_int_equal(outfile_open(&f, "/dev/null", 1, err, sizeof err), 0);
    int direct = f.direct && !f.tmp;
    if (!direct) outfile_abort(&f);
    assert_true(direct);
    fputs("gone", f.fp);
    assert_int_equal(outfile_commit(&f, err, sizeof err), 0);
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    /* a symbolic link to a regular file: kept without force; with force the
     * file it names is replaced (its mode kept) and the link stays a link */
    path_in(target, sizeof target, "real.csv");
    path_in(link_path, sizeof link_path, "link.csv");
    FILE *fp = fopen(target, "w");
    fputs("old", fp);
    fclose(fp);
    chmod(target, 0640);
    assert_int_equal(symlink("real.csv", link_path), 0);   /* relative, as users make them */
    assert_int_equal(outfile_open(&f, link_path, 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "file exists (use --force"));
    assert_int_equal(outfile_open(&f, link_path, 1, err, sizeof err), 0);
    fputs("new", f.fp);
    assert_int_equal(outfile_commit(&f, err, sizeof err), 0);
    assert_int_equal(lstat(link_path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    slurp(target, buf, sizeof buf);
    assert_string_equal(buf, "new");
    assert_int_equal(stat(target, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);
    assert_int_equal(entries(), 2);                    /* the file and the link: nothing else */
    unlink(link_path);
    unlink(target);
    /* a link to nothing: refused, force or not, and left as it is */
    path_in(link_path, sizeof link_path, "dangling.csv");
    assert_int_equal(symlink("nowhere", link_path), 0);
    assert_int_equal(outfile_open(&f, link_path, 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "dangling.csv: is a symbolic link to nothing"));
    assert_int_equal(lstat(link_path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    unlink(link_path);
    /* a socket: refused, named */
    path_in(sock, sizeof sock, "sock");
    int sfd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    snprintf(addr.sun_path, sizeof addr.sun_path, "%.100s", sock);
    assert_int_equal(bind(sfd, (struct sockaddr *)&addr, sizeof addr), 0);
    assert_int_equal(outfile_open(&f, sock, 1, err, sizeof err), -1);
    assert_non_null(strstr(err, "sock: is a socket; not written"));
    close(sfd);
    unlink(sock);
    assert_int_equal(entries(), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_modes),
        cmocka_unit_test(test_all_or_nothing),
        cmocka_unit_test(test_no_hard_links),
        cmocka_unit_test(test_up_front),
        cmocka_unit_test(test_same),
        cmocka_unit_test(test_remove_temporaries),
        cmocka_unit_test(test_not_regular),
        cmocka_unit_test(test_commit_abort_exists),
        cmocka_unit_test(test_file_appears_meanwhile),
        cmocka_unit_test(test_bad_paths),
    };
    return cmocka_run_group_tests_name("outfile", tests, setup, teardown);
}
