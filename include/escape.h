/*
 * escape.h - user text made one printable line for a message: what a user
 * typed, a file's name, a line of a file read. One escaper for the model
 * (replay.c's errors) and the program (cli.c, app.c, window.c), so it sits
 * with the model, below both.
 */
#ifndef IZHI_ESCAPE_H
#define IZHI_ESCAPE_H

#include <stddef.h>

/* Copies in to out (outlen bytes, always terminated when outlen > 0) with
 * control bytes written as escapes: "\n", "\t", else "\xNN" (DEL too);
 * other bytes, UTF-8 included, unchanged. Cut before an escape that would
 * not fit whole. Returns the length written. */
size_t escape_text(char *out, size_t outlen, const char *in);
/* escape_text of text, in place (as much as text's buffer of len bytes
 * holds); text unchanged if no memory for the copy. */
void escape_in_place(char *text, size_t len);

/* Edit distance (insertions, deletions, substitutions) of a[0..la) and b,
 * for "did you mean": names under 63 characters, else (size_t)-1. */
size_t text_edit_distance(const char *a, size_t la, const char *b);

#endif
