/*
 * outfile.c - whole-or-nothing output files (see outfile.h).
 */
#define _GNU_SOURCE
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 32
#define TMP_BASE_MAX 200        /* of the target's name in the temporary's */

/* The temporaries that exist, for a signal handler to remove: a slot is
 * filled before its flag is raised and the flag lowered before it is
 * reused, so the handler reads only whole paths. */
static char tmp_paths[SLOTS][PATH_MAX];
static volatile sig_atomic_t tmp_used[SLOTS];

void outfile_remove_temporaries(void)
{
    for (int i = 0; i < SLOTS; i++)
        if (tmp_used[i]) unlink(tmp_paths[i]);
}

static int slot_take(const char *tmp)
{
    if (strlen(tmp) >= PATH_MAX) return -1;
    for (int i = 0; i < SLOTS; i++)
        if (!tmp_used[i]) {
            strcpy(tmp_paths[i], tmp);
            tmp_used[i] = 1;
            return i;
        }
    return -1;
}

static void slot_drop(int i)
{
    if (i >= 0 && i < SLOTS) tmp_used[i] = 0;
}

/* Placing files, and creating or removing a listed temporary, are done
 * whole before a signal handler may end the process: the handler may run in
 * any thread, so the main thread and the handler claim the files with one
 * atomic word, and a terminating signal that comes while the main thread
 * holds them is held (held_sig) and raised again when it lets go. */
enum { FREE, BUSY, ENDING };
static atomic_int claim = FREE;
static int depth;                           /* nested busy_enter (main thread) */
static volatile sig_atomic_t held_sig;     /* a signal held until busy_leave */
static volatile sig_atomic_t placed_total; /* files placed so far */

static void busy_enter(void)
{
    if (depth++ > 0) return;
    int expect = FREE;
    if (!atomic_compare_exchange_strong(&claim, &expect, BUSY))
        for (;;) pause();   /* a handler in another thread is ending the process */
}

static void busy_leave(void)
{
    if (--depth > 0) return;
    atomic_store(&claim, FREE);
    int sig = held_sig;
    if (sig) {
        held_sig = 0;
        raise(sig);
    }
}

int outfile_end_claim(int sig, int how)
{
    if (how == OUTFILE_END_NOW) {
        atomic_store(&claim, ENDING);
        return 1;
    }
    for (;;) {
        /* held first, then claimed: busy_leave either sees it or had let go */
        if (how == OUTFILE_END_HOLD) held_sig = sig;
        int expect = FREE;
        if (atomic_compare_exchange_strong(&claim, &expect, ENDING)) return 1;
        if (expect == ENDING)
            for (;;) pause();   /* another handler is ending the process */
        if (how == OUTFILE_END_HOLD) return 0;
        struct timespec ms = { 0, 1000000 };
        nanosleep(&ms, NULL);   /* OUTFILE_END_WAIT: the main thread finishes placing */
    }
}

int outfile_placed(void)
{
    return placed_total;
}

/* The mode new files get: 0666 minus the umask, read once (the first open
 * is made before any other thread starts). */
static mode_t new_mode(void)
{
    static int known;
    static mode_t mode;
    if (!known) {
        mode_t m = umask(022);
        umask(m);
        mode = 0666 & ~m;
        known = 1;
    }
    return mode;
}

static void release(OutFile *f)
{
    if (f->fp) fclose(f->fp);
    busy_enter();
    if (f->tmp) unlink(f->tmp);
    slot_drop(f->slot);
    busy_leave();
    free(f->path);
    free(f->target);
    free(f->tmp);
    f->fp = NULL;
    f->path = f->target = f->tmp = NULL;
    f->direct = 0;
    f->slot = -1;
}

static void split(const char *path, char *dir, size_t dirlen, const char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) { snprintf(dir, dirlen, "."); *base = path; return; }
    size_t n = (size_t)(slash - path);
    if (n == 0) n = 1;                       /* "/name": the root */
    snprintf(dir, dirlen, "%.*s", (int)(n < dirlen ? n : dirlen - 1), path);
    *base = slash + 1;
}

int outfile_same(const char *a, const char *b)
{
    if (!a || !b) return 0;
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino) return 1;
    char da[PATH_MAX], db[PATH_MAX];
    const char *na, *nb;
    split(a, da, sizeof da, &na);
    split(b, db, sizeof db, &nb);
    if (strcmp(na, nb) != 0) return 0;
    if (stat(da, &sa) != 0 || stat(db, &sb) != 0) return strcmp(da, db) == 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* A device or a FIFO (/dev/null, a terminal, a named pipe): nothing to
 * replace and nowhere to put a temporary, so written straight into (a FIFO
 * waits here for its reader, as a shell's redirection does). */
static int open_direct(OutFile *f, const char *path, int force, char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    f->path = strdup(path);
    f->fp = f->path ? fdopen(fd, "wb") : NULL;
    if (!f->fp) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(f->path ? errno : ENOMEM));
        close(fd);
        free(f->path);
        f->path = NULL;
        return -1;
    }
    f->direct = 1;
    f->force = force;
    return 0;
}

static const char *kind_of(mode_t m)
{
    return S_ISSOCK(m) ? "a socket" : "not a regular file";
}

int outfile_open(OutFile *f, const char *path, int force, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    f->slot = -1;
    f->mode = new_mode();
    char dir[PATH_MAX];
    const char *base;
    split(path, dir, sizeof dir, &base);
    if (!*base) {
        snprintf(err, errlen, "%s: is a folder, not a file", path);
        return -1;
    }
    long name_max = pathconf(dir, _PC_NAME_MAX);
    if (name_max > 0 && (long)strlen(base) > name_max) {
        snprintf(err, errlen, "%.200s...: the file name is longer than this folder allows (%ld)", path, name_max);
        return -1;
    }
    /* where the file goes: path, or the file a symbolic link names (the
     * link stays, as with a shell's redirection) */
    const char *where = path;
    char resolved[PATH_MAX];
    struct stat st, tgt;
    if (lstat(path, &st) == 0) {
        int linked = S_ISLNK(st.st_mode);
        if (!linked) tgt = st;
        else if (stat(path, &tgt) != 0) {
            snprintf(err, errlen, "%s: is a symbolic link to nothing; not written, --force or not (name the file "
                                  "itself)", path);
            return -1;
        }
        if (S_ISDIR(tgt.st_mode)) {
            snprintf(err, errlen, "%s: is a folder, not a file", path);
            return -1;
        }
        if (S_ISCHR(tgt.st_mode) || S_ISBLK(tgt.st_mode) || S_ISFIFO(tgt.st_mode))
            return open_direct(f, path, force, err, errlen);
        if (!S_ISREG(tgt.st_mode)) {
            snprintf(err, errlen, "%s: is %s; not written", path, kind_of(tgt.st_mode));
            return -1;
        }
        if (!force) {
            snprintf(err, errlen, "%s: file exists (use --force to replace it)", path);
            return -1;
        }
        f->mode = tgt.st_mode & 07777;   /* a replaced file keeps its mode */
        if (linked) {
            if (!realpath(path, resolved)) {
                snprintf(err, errlen, "%s: cannot follow the symbolic link: %s", path, strerror(errno));
                return -1;
            }
            where = resolved;
            split(where, dir, sizeof dir, &base);
        }
    }
    /* The temporary sits in the target's folder so that the final move is a
     * rename within one file system, hence atomic. */
    size_t dirlen = (size_t)(base - where), len = dirlen + TMP_BASE_MAX + 16;
    f->path = strdup(path);
    f->target = strdup(where);
    f->tmp = malloc(len);
    if (!f->path || !f->target || !f->tmp) {
        snprintf(err, errlen, "%s: out of memory", path);
        release(f);
        return -1;
    }
    snprintf(f->tmp, len, "%.*s.%.*s.XXXXXX", (int)dirlen, where, TMP_BASE_MAX, base);
    busy_enter();   /* created and listed as one */
    int fd = mkstemp(f->tmp);
    int e = errno;
    if (fd >= 0) f->slot = slot_take(f->tmp);
    busy_leave();
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create: %s", path, strerror(e));
        free(f->tmp);
        f->tmp = NULL;
        release(f);
        return -1;
    }
    f->fp = fdopen(fd, "wb");
    if (!f->fp) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        close(fd);
        release(f);
        return -1;
    }
    f->force = force;
    return 0;
}

/* Flushes, syncs, sets the mode and closes the temporary (a device or
 * FIFO: flushes and closes). */
static int finish(OutFile *f, char *err, size_t errlen)
{
    int rc = 0;
    errno = 0;
    if (fflush(f->fp) != 0 || ferror(f->fp) ||
        (!f->direct && (fchmod(fileno(f->fp), f->mode) != 0 || fsync(fileno(f->fp)) != 0))) {
        snprintf(err, errlen, "%s: cannot write: %s", f->path, strerror(errno ? errno : EIO));
        rc = -1;
    }
    if (fclose(f->fp) != 0 && rc == 0) {
        snprintf(err, errlen, "%s: cannot write: %s", f->path, strerror(errno));
        rc = -1;
    }
    f->fp = NULL;
    return rc;
}

/* Puts tmp at path where nothing is: by link, else without hard links.
 * Returns 0, or -1 with errno (EEXIST: something is there). */
static int place_new(const char *tmp, const char *path)
{
    if (link(tmp, path) == 0) return unlink(tmp), 0;
    if (errno == EEXIST) return -1;
    if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP && errno != EXDEV && errno != EMLINK &&
        errno != ENOSYS)
        return -1;
    /* no hard links here */
    if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0) return 0;
    if (errno == EEXIST) return -1;
    int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0600);   /* claim the name... */
    if (fd < 0) return -1;
    close(fd);
    if (rename(tmp, path) == 0) return 0;                      /* ...and fill it */
    int e = errno;
    unlink(path);
    errno = e;
    return -1;
}

int outfile_commit_all(OutFile *const *files, int n, void (*done)(const char *path, void *ctx), void *ctx,
                       char *err, size_t errlen)
{
    int rc = 0, placed = 0;
    char (*aside)[PATH_MAX] = calloc((size_t)(n > 0 ? n : 1), sizeof *aside);   /* replaced files, kept aside */
    if (!aside) { snprintf(err, errlen, "out of memory"); rc = -1; }
    for (int i = 0; i < n && rc == 0; i++)
        if (files[i]->fp && finish(files[i], err, errlen) != 0) rc = -1;
    /* from the first move to the last removal, and the callbacks saying
     * what was written: whole, a signal held until the end */
    busy_enter();
    for (; placed < n && rc == 0; placed++) {
        OutFile *f = files[placed];
        if (!f->tmp || !f->target) continue;   /* a device or FIFO: written already */
        struct stat st;
        if (f->force && lstat(f->target, &st) == 0) {
            snprintf(aside[placed], PATH_MAX, "%s.old", f->tmp);
            if (rename(f->target, aside[placed]) != 0) {
                snprintf(err, errlen, "%s: cannot replace: %s", f->path, strerror(errno));
                aside[placed][0] = '\0';
                rc = -1;
                break;
            }
        }
        if ((f->force ? rename(f->tmp, f->target) : place_new(f->tmp, f->target)) != 0) {
            if (errno == EEXIST)
                snprintf(err, errlen, "%s: file exists (use --force to replace it)", f->path);
            else
                snprintf(err, errlen, "%s: cannot create: %s", f->path, strerror(errno));
            if (aside[placed][0]) rename(aside[placed], f->target);
            rc = -1;
            break;
        }
    }
    if (rc != 0) {
        /* take back what was placed: remove the new, restore the replaced */
        for (int i = 0; i < placed && i < n; i++) {
            OutFile *f = files[i];
            if (!f->target || !f->tmp) continue;
            if (aside && aside[i][0]) rename(aside[i], f->target);
            else unlink(f->target);
        }
    } else {
        for (int i = 0; i < n; i++) {
            if (aside[i][0]) unlink(aside[i]);
            if (files[i]->path) {
                placed_total++;
                if (done) done(files[i]->path, ctx);
            }
        }
    }
    free(aside);
    for (int i = 0; i < n; i++) release(files[i]);   /* unlinks any temporary left */
    busy_leave();
    return rc;
}

int outfile_commit(OutFile *f, char *err, size_t errlen)
{
    OutFile *one[1] = { f };
    return outfile_commit_all(one, 1, NULL, NULL, err, errlen);
}

void outfile_abort(OutFile *f)
{
    if (!f->path && !f->tmp && !f->fp) { f->slot = -1; return; }
    release(f);
}
