/*
 * outfile.h - output files written whole or not at all, and never over an
 * existing file unless forced.
 *
 * outfile_open() checks what can be checked up front (the target exists;
 * is a folder, a socket or a symbolic link to nothing; its name is too
 * long; its folder is missing), then creates a hidden temporary beside the
 * target and hands out its FILE*. What is not a regular file is never
 * replaced: a device or a FIFO (/dev/null, /dev/stdout, a named pipe) is
 * written straight into, with or without force, as it is written (not
 * whole-or-nothing: nothing there to keep); a symbolic link is followed,
 * and with force the regular file it names is replaced, the link kept; a
 * socket or a symbolic link to nothing is refused. outfile_commit_all() flushes and syncs a set of them and
 * puts them all in place, or none: if one cannot be placed, those already
 * placed are taken back (new files removed, replaced ones restored).
 * Without `force` a file is placed by link(2), which fails rather than
 * replace a file that appeared meanwhile; where the file system has no
 * hard links (FAT, exFAT, some network and FUSE mounts) by
 * renameat2(RENAME_NOREPLACE), else by claiming the name with
 * O_CREAT|O_EXCL and renaming over that claim. With `force`, by rename(2)
 * after keeping the old file aside until all are placed.
 * A new file gets 0666 minus the umask; a replaced one keeps its mode.
 * outfile_abort() removes the temporary. Every temporary is also listed
 * for outfile_remove_temporaries(), which a signal handler may call after
 * outfile_end_claim(): creating and listing a temporary, and placing a set
 * of files with the callbacks saying so, are done whole before a handler
 * in any thread may end the process (a terminating signal meanwhile is
 * held and raised again right after), so a signal never leaves an old
 * file aside or a set half placed.
 * Errors come back as a message naming the file and the system's error.
 * Main thread only (open, commit, abort).
 */
#ifndef IZHI_OUTFILE_H
#define IZHI_OUTFILE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct OutFile {
    FILE *fp;            /* write here between open and commit */
    char *path;          /* the name given (owned copy), for messages */
    char *target;        /* where it is placed: path, or the file a symbolic
                            link there names (owned; NULL if direct) */
    char *tmp;           /* the temporary beside it (owned) */
    int force;
    mode_t mode;         /* what the placed file's mode will be */
    int slot;            /* in the temporaries' list, -1 none */
    int direct;          /* a device or FIFO, written straight into */
} OutFile;

/* Returns 0, or -1 with a message in err (existing target without force,
 * missing folder, no permission, name too long...). */
int outfile_open(OutFile *f, const char *path, int force, char *err, size_t errlen);
/* Puts files[0 ... n-1] in place, all or none (see above); each placed
 * path is passed to done(path, ctx) (may be NULL) once all are placed.
 * Returns 0, or -1 with a message; the temporaries are removed either way.
 * Entries whose fp is NULL are skipped. */
int outfile_commit_all(OutFile *const *files, int n, void (*done)(const char *path, void *ctx), void *ctx,
                       char *err, size_t errlen);
/* outfile_commit_all of one file. */
int outfile_commit(OutFile *f, char *err, size_t errlen);
/* Drops the output; safe on a closed or zeroed OutFile. */
void outfile_abort(OutFile *f);

/* Whether two output paths name the same file: the same folder (device and
 * inode) and name, or the same existing file (hard links). */
int outfile_same(const char *a, const char *b);
/* Unlinks every temporary still open; async-signal-safe. Call it after
 * outfile_end_claim() returned 1. */
void outfile_remove_temporaries(void);
/* For a signal handler about to end the process (async-signal-safe).
 * OUTFILE_END_HOLD (a terminating signal): 1 if the handler may go on;
 * 0 if the main thread is placing files: return from the handler, sig is
 * raised again when that is done. OUTFILE_END_WAIT (a crash in another
 * thread): waits until the main thread is done, then 1. OUTFILE_END_NOW
 * (a crash in the main thread, which cannot finish): 1 at once. Once a
 * handler has claimed the end, the main thread stops at its next file
 * operation and another handler never returns. */
enum { OUTFILE_END_HOLD, OUTFILE_END_WAIT, OUTFILE_END_NOW };
int outfile_end_claim(int sig, int how);
/* How many files outfile_commit_all has placed so far (async-signal-safe). */
int outfile_placed(void);

#endif
