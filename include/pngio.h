/*
 * pngio.h - writes an RGBA pixel buffer as an 8-bit PNG with text chunks
 * (libpng). Nothing is printed; errors come back as a message.
 *
 * Layout of the input: h rows, row y starting at rgba + y * stride_bytes,
 * each row w pixels of 4 bytes in the order R, G, B, A (stride_bytes >=
 * 4 * w). If every alpha byte is 255 the file is RGB (colour type 2),
 * otherwise RGBA (colour type 6).
 *
 * Text: one chunk per key/value pair, written before the image data. Keys
 * must be 1..79 printable Latin-1 characters (the PNG rule). A value that is
 * plain ASCII goes in a tEXt chunk; a value with other UTF-8 bytes goes in
 * an uncompressed iTXt chunk, because tEXt is Latin-1 and would garble it.
 */
#ifndef IZHI_PNGIO_H
#define IZHI_PNGIO_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Writes the image to fp (opened "wb"; not closed). keys/values may be NULL
 * when n_text is 0. Returns 0, or -1 with a message in err. */
int pngio_write(FILE *fp, const uint8_t *rgba, int w, int h, int stride_bytes,
                const char *const *keys, const char *const *values, int n_text,
                char *err, size_t errlen);

#endif
