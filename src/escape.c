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
