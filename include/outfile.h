/*
 * outfile.h - output files written whole or not at all.
 *
 * outfile_open() creates a hidden temporary file beside the target and hands
 * out its FILE*; outfile_commit() flushes, syncs and moves it into place:
 * without `force` by link(2), which fails rather than replace a file that
 * appeared meanwhile; with `force` by rename(2). outfile_abort() removes the
 * temporary. So a failed or interrupted run leaves no half-written output.
 * Errors come back as a message naming the file and the system's error.
 */
#ifndef IZHI_OUTFILE_H
#define IZHI_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct OutFile {
    FILE *fp;            /* write here between open and commit */
    char *path;          /* the target (owned copy) */
    char *tmp;           /* the temporary beside it (owned) */
    int force;
} OutFile;

/* Returns 0, or -1 with a message in err (existing target without force,
 * missing folder, no permission...). */
int outfile_open(OutFile *f, const char *path, int force, char *err, size_t errlen);
/* Returns 0, or -1 with a message; the temporary is removed either way. */
int outfile_commit(OutFile *f, char *err, size_t errlen);
/* Drops the output; safe on a closed or zeroed OutFile. */
void outfile_abort(OutFile *f);

#endif
