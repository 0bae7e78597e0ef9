/*
 * pngio.c - PNG writer on libpng with setjmp error handling.
 */
#include "pngio.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

typedef struct ErrCtx {
    char *err;
    size_t errlen;
    FILE *fp;
    int write_errno;       /* the system's error of a failed write, 0 none */
} ErrCtx;

static void set_err(char *err, size_t errlen, const char *msg)
{
    if (err && errlen) snprintf(err, errlen, "png: %s", msg);
}

/* libpng calls this on a fatal error; it must not return. A failed write
 * is said with the system's error (a full disk, not "Write Error"). */
static void on_error(png_structp png, png_const_charp msg)
{
    ErrCtx *c = png_get_error_ptr(png);
    if (c->write_errno && c->err && c->errlen)
        snprintf(c->err, c->errlen, "cannot write: %s", strerror(c->write_errno));
    else
        set_err(c->err, c->errlen, msg);
    png_longjmp(png, 1);
}

static void write_data(png_structp png, png_bytep data, size_t len)
{
    ErrCtx *c = png_get_error_ptr(png);
    errno = 0;
    if (fwrite(data, 1, len, c->fp) != len) {
        c->write_errno = errno ? errno : EIO;
        png_error(png, "write error");
    }
}

static void flush_data(png_structp png) { (void)png; }

/* Warnings are not errors, and a library does not print. */
static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

static int key_ok(const char *k)
{
    size_t len = k ? strlen(k) : 0;
    if (len < 1 || len > 79) return 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)k[i];
        if (c < 32 || (c > 126 && c < 161)) return 0;
    }
    return 1;
}

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s > 126) return 0;
    return 1;
}

/* The libpng part, apart so that no local of the caller lives across the
 * setjmp (nothing here is modified after it). Returns 0 or -1, message set. */
static int png_emit(png_structp png, png_infop info, FILE *fp, const uint8_t *rgba,
                    int w, int h, int stride_bytes, png_textp text, int n_text,
                    uint8_t *row)
{
    if (setjmp(png_jmpbuf(png))) return -1;
    (void)fp;
    png_set_write_fn(png, png_get_error_ptr(png), write_data, flush_data);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 row ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (n_text) png_set_text(png, info, text, n_text);
    png_write_info(png, info);
    for (int y = 0; y < h; y++) {
        const uint8_t *src = rgba + (size_t)y * (size_t)stride_bytes;
        if (row) {
            for (int x = 0; x < w; x++) {
                row[3 * x + 0] = src[4 * x + 0];
                row[3 * x + 1] = src[4 * x + 1];
                row[3 * x + 2] = src[4 * x + 2];
            }
            png_write_row(png, row);
        } else {
            png_write_row(png, src);
        }
    }
    png_write_end(png, NULL);
    return 0;
}

int pngio_write(FILE *fp, const uint8_t *rgba, int w, int h, int stride_bytes,
                const char *const *keys, const char *const *values, int n_text,
                char *err, size_t errlen)
{
    ErrCtx ctx = {err, errlen, fp, 0};
    png_structp png = NULL;
    png_infop info = NULL;
    png_textp text = NULL;
    uint8_t *row = NULL;   /* an RGB row when the image is opaque, else NULL */
    int opaque = 1, rc = -1;

    if (!fp || !rgba || w < 1 || h < 1 || stride_bytes < 4 * w || n_text < 0 ||
        (n_text > 0 && (!keys || !values))) {
        set_err(err, errlen, "invalid argument");
        return -1;
    }
    for (int i = 0; i < n_text; i++)
        if (!key_ok(keys[i]) || !values[i]) {
            set_err(err, errlen, "text key must be 1..79 printable characters with a value");
            return -1;
        }
    for (int y = 0; y < h && opaque; y++) {
        const uint8_t *src = rgba + (size_t)y * (size_t)stride_bytes;
        for (int x = 0; x < w; x++)
            if (src[4 * x + 3] != 255) { opaque = 0; break; }
    }

    text = n_text ? calloc((size_t)n_text, sizeof *text) : NULL;
    row = opaque ? malloc((size_t)w * 3) : NULL;
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &ctx, on_error, on_warning);
    info = png ? png_create_info_struct(png) : NULL;
    if ((n_text && !text) || (opaque && !row) || !png || !info) {
        set_err(err, errlen, "out of memory");
        goto done;
    }
    for (int i = 0; i < n_text; i++) {
        /* libpng copies these and does not write through the pointers. */
        text[i].key = (png_charp)(uintptr_t)keys[i];
        text[i].text = (png_charp)(uintptr_t)values[i];
        text[i].compression = is_ascii(values[i]) ? PNG_TEXT_COMPRESSION_NONE
                                                  : PNG_ITXT_COMPRESSION_NONE;
    }
    if (png_emit(png, info, fp, rgba, w, h, stride_bytes, text, n_text, row) < 0) goto done;
    errno = 0;
    if (fflush(fp) != 0 || ferror(fp)) {
        snprintf(err, errlen, "cannot write: %s", strerror(errno ? errno : EIO));
        goto done;
    }
    rc = 0;

done:
    if (png) png_destroy_write_struct(&png, info ? &info : NULL);
    free(row);
    free(text);
    return rc;
}
