/*
 * savename.c - the names of the window's saves (see savename.h).
 */
#include "savename.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

void savename_what(char *out, size_t len, const char *replay_path, uint64_t seed)
{
    if (len == 0) return;
    if (!replay_path) {
        snprintf(out, len, "seed%" PRIu64, seed);
        return;
    }
    const char *base = strrchr(replay_path, '/');
    base = base ? base + 1 : replay_path;
    size_t o = (size_t)snprintf(out, len, "replay-");
    if (o >= len) return;
    for (const char *c = base; *c && *c != '.' && o + 1 < len; c++)
        out[o++] = isalnum((unsigned char)*c) || *c == '-' || *c == '_' ? *c : '_';
    out[o] = '\0';
}

int savename_open(OutFile *f, const char *dir, const char *prefix, const char *what, int64_t t_end,
                  const char *ending, char *err, size_t errlen)
{
    char path[4096];
    for (int k = 0; k < 1000; k++) {
        char suffix[16] = "";
        if (k) snprintf(suffix, sizeof suffix, "-%d", k);
        snprintf(path, sizeof path, "%s/%s-%s-t%" PRId64 "%s%s", dir, prefix, what, t_end, suffix, ending);
        if (outfile_open(f, path, 0, err, errlen) == 0) return 0;
        if (!strstr(err, "file exists")) return -1;
    }
    snprintf(err, errlen, "%.900s: too many files of that name", path);
    return -1;
}
