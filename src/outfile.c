/*
 * outfile.c - atomic creation of output files (see outfile.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void release(OutFile *f)
{
    if (f->fp) fclose(f->fp);
    if (f->tmp) unlink(f->tmp);
    free(f->path);
    free(f->tmp);
    f->fp = NULL;
    f->path = f->tmp = NULL;
}

int outfile_open(OutFile *f, const char *path, int force, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, errlen, "%s: is a folder, not a file", path);
            return -1;
        }
        if (!force) {
            snprintf(err, errlen, "%s: file exists (use --force to replace it)", path);
            return -1;
        }
    }
    /* The temporary sits in the target's folder so that the final move is a
     * rename within one file system, hence atomic. */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    size_t len = strlen(path) + 32;
    f->path = strdup(path);
    f->tmp = malloc(len);
    if (!f->path || !f->tmp) {
        snprintf(err, errlen, "%s: out of memory", path);
        release(f);
        return -1;
    }
    snprintf(f->tmp, len, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create: %s", path, strerror(errno));
        free(f->tmp);
        f->tmp = NULL;
        release(f);
        return -1;
    }
    fchmod(fd, 0644);
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

int outfile_commit(OutFile *f, char *err, size_t errlen)
{
    int rc = 0;
    if (fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0) {
        snprintf(err, errlen, "%s: cannot write: %s", f->path, strerror(errno ? errno : EIO));
        rc = -1;
    }
    if (fclose(f->fp) != 0 && rc == 0) {
        snprintf(err, errlen, "%s: cannot write: %s", f->path, strerror(errno));
        rc = -1;
    }
    f->fp = NULL;
    if (rc == 0) {
        if (f->force) {
            if (rename(f->tmp, f->path) != 0) {
                snprintf(err, errlen, "%s: cannot create: %s", f->path, strerror(errno));
                rc = -1;
            }
        } else if (link(f->tmp, f->path) != 0) {
            if (errno == EEXIST)
                snprintf(err, errlen, "%s: file exists (use --force to replace it)", f->path);
            else
                snprintf(err, errlen, "%s: cannot create: %s", f->path, strerror(errno));
            rc = -1;
        }
    }
    release(f);   /* unlinks the temporary: gone after rename, a second name after link */
    return rc;
}

void outfile_abort(OutFile *f) { release(f); }
