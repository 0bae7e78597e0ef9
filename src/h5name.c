/*
 * h5name.c - telling HDF5 files by name and by signature (sonata.h), without
 * the HDF5 library: the lean izhiscope asks before handing a run to
 * izhiscope-gfx.
 */
#define _POSIX_C_SOURCE 200809L
#include "sonata.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

int sonata_is_h5_name(const char *path)
{
    const char *dot = path ? strrchr(path, '.') : NULL;
    return dot && (!strcasecmp(dot, ".h5") || !strcasecmp(dot, ".hdf5"));
}

int sonata_is_h5_file(const char *path)
{
    static const unsigned char sig[8] = { 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n' };
    unsigned char head[8];
    /* only a regular file is looked into: reading a pipe, a FIFO or
     * /dev/stdin would take its first bytes (stdio: its first 4 KiB) away
     * from the reader, and opening a FIFO twice waits for a second writer.
     * A stream is told by its name (or --replay-format) alone. */
    struct stat st;
    if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
    FILE *fp = fopen(path, "rb");
    if (!fp) return 0;
    size_t n = fread(head, 1, sizeof head, fp);
    fclose(fp);
    return n == sizeof head && !memcmp(head, sig, sizeof sig);
}
