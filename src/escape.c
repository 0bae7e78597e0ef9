/*
 * escape.c - user text made one printable line (see escape.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "escape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t escape_text(char *out, size_t outlen, const char *in)
{
    size_t o = 0;
    if (outlen == 0) return 0;
    for (const unsigned char *p = (const unsigned char *)in; *p && o + 5 < outlen; p++) {
        if (*p >= 0x20 && *p != 0x7f) out[o++] = (char)*p;
        else if (*p == '\n') { out[o++] = '\\'; out[o++] = 'n'; }
        else if (*p == '\t') { out[o++] = '\\'; out[o++] = 't'; }
        else o += (size_t)snprintf(out + o, outlen - o, "\\x%02x", *p);
    }
    out[o] = '\0';
    return o;
}

void escape_in_place(char *text, size_t len)
{
    char *copy = strdup(text);
    if (!copy) return;
    escape_text(text, len, copy);
    free(copy);
}

/* Edit distance (insertions, deletions, substitutions) of a[0..la) and b. */
size_t text_edit_distance(const char *a, size_t la, const char *b)
{
    size_t lb = strlen(b), row[64];
    if (la >= 63 || lb >= 63) return (size_t)-1;
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}
