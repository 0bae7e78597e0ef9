/*
 * vector.c - SVG and PDF figures through cairo (see vector.h).
 */
#include "vector.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <ft2build.h>
#include FT_FREETYPE_H

struct Vector {
    DrawSink sink;
    FILE *fp;
    VectorFormat format;
    cairo_surface_t *surface;
    cairo_t *cr;
    int write_failed;          /* and the errno of the first failed write */
    int write_errno;
    int discard;               /* aborted: what cairo still writes is dropped */
    /* SVG: the parameters' comment, written after the XML declaration */
    char *comment;
    int head_done;
    char last;
    /* rectangles of one colour are gathered into one path */
    int pending;
    SDL_Color pending_c;
};

/* The FreeType library and face behind the cairo font face, freed with it. */
typedef struct FontHold {
    FT_Library lib;
    FT_Face face;
} FontHold;

static const cairo_user_data_key_t FONT_KEY;

static void font_release(void *data)
{
    FontHold *h = data;
    FT_Done_Face(h->face);
    FT_Done_FreeType(h->lib);
    free(h);
}

static void set_err(char *err, size_t errlen, const char *what, const char *why)
{
    if (err && errlen) snprintf(err, errlen, "%s: %s", what, why);
}

static int put(Vector *v, const unsigned char *data, size_t len)
{
    if (len && !v->write_failed && fwrite(data, 1, len, v->fp) != len) {
        v->write_failed = 1;
        v->write_errno = errno;
    }
    return v->write_failed;
}

static cairo_status_t write_cb(void *closure, const unsigned char *data, unsigned int len)
{
    Vector *v = closure;
    if (v->discard) return CAIRO_STATUS_SUCCESS;
    if (v->comment && !v->head_done) {
        /* through the end of the XML declaration, then the comment */
        for (unsigned int i = 0; i < len && !v->head_done; i++) {
            const int end = v->last == '?' && data[i] == '>';
            v->last = (char)data[i];
            if (end) {
                put(v, data, i + 1);
                put(v, (const unsigned char *)v->comment, strlen(v->comment));
                v->head_done = 1;
                data += i + 1;
                len -= i + 1;
            }
        }
        if (!v->head_done) { put(v, data, len); len = 0; }
    }
    put(v, data, len);
    return v->write_failed ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static void source(cairo_t *cr, SDL_Color c)
{
    cairo_set_source_rgba(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0, c.a / 255.0);
}

static void flush_rects(Vector *v)
{
    if (!v->pending) return;
    source(v->cr, v->pending_c);
    cairo_fill(v->cr);
    v->pending = 0;
}

static void sink_rect(void *ctx, SDL_Color c, double x, double y, double w, double h)
{
    Vector *v = ctx;
    if (v->pending && memcmp(&c, &v->pending_c, sizeof c)) flush_rects(v);
    cairo_rectangle(v->cr, x, y, w, h);
    v->pending = 1;
    v->pending_c = c;
}

static void sink_lines(void *ctx, SDL_Color c, const SDL_Point *pts, int n, int lw)
{
    Vector *v = ctx;
    flush_rects(v);
    source(v->cr, c);
    if (n == 1) {
        cairo_rectangle(v->cr, pts[0].x, pts[0].y, lw, lw);
        cairo_fill(v->cr);
        return;
    }
    /* the pixels [x, x + lw) x [y, y + lw) the renderer covers, centred */
    const double o = lw / 2.0;
    cairo_move_to(v->cr, pts[0].x + o, pts[0].y + o);
    for (int i = 1; i < n; i++) cairo_line_to(v->cr, pts[i].x + o, pts[i].y + o);
    cairo_set_line_width(v->cr, lw);
    cairo_stroke(v->cr);
}

static void sink_text(void *ctx, SDL_Color c, double x, double y, int up, const char *utf8, const int *pen, int n)
{
    Vector *v = ctx;
    cairo_t *cr = v->cr;
    flush_rects(v);
    cairo_save(cr);
    source(cr, c);
    cairo_translate(cr, x, y);
    if (up) cairo_rotate(cr, -2 * atan(1.0));   /* a quarter turn anticlockwise */
    cairo_glyph_t *glyphs = NULL;
    cairo_text_cluster_t *clusters = NULL;
    int ng = 0, nc = 0;
    cairo_text_cluster_flags_t flags = 0;
    cairo_scaled_font_t *sf = cairo_get_scaled_font(cr);
    if (pen && cairo_scaled_font_text_to_glyphs(sf, 0, 0, utf8, -1, &glyphs, &ng, &clusters, &nc, &flags) ==
                   CAIRO_STATUS_SUCCESS && ng == n) {
        /* each character where the PNG's glyph advances put it */
        for (int i = 0; i < ng; i++) glyphs[i].x = pen[i] - x;
        cairo_show_text_glyphs(cr, utf8, -1, glyphs, ng, clusters, nc, flags);
    } else {
        cairo_move_to(cr, 0, 0);
        cairo_show_text(cr, utf8);
    }
    cairo_glyph_free(glyphs);
    cairo_text_cluster_free(clusters);
    cairo_restore(cr);
}

static void sink_image(void *ctx, const uint32_t *argb, int w, int h, int stride_px, SDL_Rect dst)
{
    Vector *v = ctx;
    flush_rects(v);
    /* a copy: the surface records the page and reads its images at the end */
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) { cairo_surface_destroy(img); return; }
    cairo_surface_flush(img);
    unsigned char *data = cairo_image_surface_get_data(img);
    const int stride = cairo_image_surface_get_stride(img);
    for (int y = 0; y < h; y++) memcpy(data + (size_t)y * stride, argb + (size_t)y * stride_px, (size_t)w * 4);
    cairo_surface_mark_dirty(img);
    cairo_save(v->cr);
    cairo_rectangle(v->cr, dst.x, dst.y, dst.w, dst.h);
    cairo_clip(v->cr);
    cairo_translate(v->cr, dst.x, dst.y);
    cairo_scale(v->cr, (double)dst.w / w, (double)dst.h / h);
    cairo_set_source_surface(v->cr, img, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(v->cr), CAIRO_FILTER_NEAREST);
    cairo_paint(v->cr);
    cairo_restore(v->cr);
    cairo_surface_destroy(img);
}

/* The length of the valid UTF-8 sequence at s (1 ... 4), or 0. */
static int utf8_len(const unsigned char *s)
{
    int len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 2 && s[0] < 0xC2) return 0;                       /* overlong */
    for (int k = 1; k < len; k++)
        if ((s[k] & 0xC0) != 0x80) return 0;
    return len;
}

/* Appends in to o, made safe for a PDF string or an SVG comment (what a
 * value holds, a replayed file's name say, comes from the user): bytes
 * that are not UTF-8 and control characters become '?', a line break a
 * space (PDF) or an indented next line (SVG), and a comment never holds
 * "--". At most 3 bytes out for each byte in. Returns the new end. */
static char *clean(char *o, const char *start, const char *in, int svg)
{
    for (const unsigned char *c = (const unsigned char *)in; *c;) {
        const int l = utf8_len(c);
        if (*c == '\n') {
            o += sprintf(o, svg ? "\n  " : " ");
        } else if (l == 0 || *c < 0x20 || *c == 0x7f) {
            *o++ = '?';
        } else {
            if (svg && *c == '-' && o > start && o[-1] == '-') *o++ = ' ';
            memcpy(o, c, (size_t)l);
            o += l;
        }
        c += l ? l : 1;
    }
    *o = '\0';
    return o;
}

/* A copy of s made safe for a PDF string (clean), or NULL. */
static char *clean_copy(const char *s)
{
    char *out = malloc(3 * strlen(s) + 1);
    if (out) clean(out, out, s, 0);
    return out;
}

/* "key: value" lines (SVG comment) or "key: value; ..." (PDF subject). */
static char *params_text(const char *const *keys, const char *const *values, int n, int svg)
{
    size_t len = 64;
    for (int i = 0; i < n; i++) len += 3 * (strlen(keys[i]) + strlen(values[i])) + 8;
    char *s = malloc(len), *o = s;
    if (!s) return NULL;
    if (svg) o += sprintf(o, "\n<!-- izhiscope figure\n");
    for (int i = 0; i < n; i++) {
        o = clean(o, s, keys[i], svg);
        o += sprintf(o, ": ");
        o = clean(o, s, values[i], svg);
        if (svg) *o++ = '\n';
        else if (i + 1 < n) o += sprintf(o, "; ");
    }
    if (svg && o > s && o[-1] == '-') *o++ = ' ';
    if (svg) o += sprintf(o, "-->");
    *o = '\0';
    return s;
}

Vector *vector_create(FILE *fp, VectorFormat format, int width, int height, const char *font_path,
                      int font_px, const char *const *keys, const char *const *values, int n_text,
                      char *err, size_t errlen)
{
    Vector *v = calloc(1, sizeof *v);
    FontHold *hold = calloc(1, sizeof *hold);
    cairo_font_face_t *ff = NULL;
    if (!v || !hold) { set_err(err, errlen, "the figure", "out of memory"); goto fail; }
    v->fp = fp;
    v->format = format;
    v->sink = (DrawSink){ v, sink_rect, sink_lines, sink_text, sink_image };

    if (FT_Init_FreeType(&hold->lib)) { set_err(err, errlen, "FreeType", "cannot start"); goto fail; }
    if (FT_New_Face(hold->lib, font_path, 0, &hold->face)) {
        set_err(err, errlen, font_path, "FreeType cannot read the font");
        goto fail;
    }

    if (format == VECTOR_SVG) {
        v->comment = params_text(keys, values, n_text, 1);
        if (!v->comment) { set_err(err, errlen, "the figure", "out of memory"); goto fail; }
        v->surface = cairo_svg_surface_create_for_stream(write_cb, v, width, height);
        cairo_svg_surface_restrict_to_version(v->surface, CAIRO_SVG_VERSION_1_1);
        cairo_svg_surface_set_document_unit(v->surface, CAIRO_SVG_UNIT_PX);
    } else {
        const double s = 72.0 / VECTOR_PDF_DPI;
        v->surface = cairo_pdf_surface_create_for_stream(write_cb, v, width * s, height * s);
        char *subject = params_text(keys, values, n_text, 0);
        if (!subject) { set_err(err, errlen, "the figure", "out of memory"); goto fail; }
        /* the PNG's Title and Software keys are the PDF's own fields */
        const char *title = "izhiscope figure", *creator = "izhiscope";
        for (int i = 0; i < n_text; i++) {
            if (!strcmp(keys[i], "Title")) title = values[i];
            if (!strcmp(keys[i], "Software")) creator = values[i];
        }
        char *t = clean_copy(title), *c = clean_copy(creator);
        if (t && c) {
            cairo_pdf_surface_set_metadata(v->surface, CAIRO_PDF_METADATA_TITLE, t);
            cairo_pdf_surface_set_metadata(v->surface, CAIRO_PDF_METADATA_CREATOR, c);
        }
        cairo_pdf_surface_set_metadata(v->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
        free(t);
        free(c);
        free(subject);
    }
    if (cairo_surface_status(v->surface) != CAIRO_STATUS_SUCCESS) {
        set_err(err, errlen, "cairo", cairo_status_to_string(cairo_surface_status(v->surface)));
        goto fail;
    }
    v->cr = cairo_create(v->surface);
    if (format == VECTOR_PDF) cairo_scale(v->cr, 72.0 / VECTOR_PDF_DPI, 72.0 / VECTOR_PDF_DPI);

    ff = cairo_ft_font_face_create_for_ft_face(hold->face, 0);
    if (cairo_font_face_set_user_data(ff, &FONT_KEY, hold, font_release) != CAIRO_STATUS_SUCCESS) {
        set_err(err, errlen, "cairo", "cannot hold the font");
        cairo_font_face_destroy(ff);
        ff = NULL;
        goto fail;
    }
    hold = NULL;   /* the font face frees it */
    cairo_set_font_face(v->cr, ff);
    cairo_font_face_destroy(ff);
    cairo_set_font_size(v->cr, font_px);
    cairo_font_options_t *fo = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
    cairo_set_font_options(v->cr, fo);
    cairo_font_options_destroy(fo);
    cairo_set_line_join(v->cr, CAIRO_LINE_JOIN_ROUND);
    if (cairo_status(v->cr) != CAIRO_STATUS_SUCCESS) {
        set_err(err, errlen, "cairo", cairo_status_to_string(cairo_status(v->cr)));
        goto fail;
    }
    return v;

fail:
    if (hold) {
        if (hold->face) FT_Done_Face(hold->face);
        if (hold->lib) FT_Done_FreeType(hold->lib);
        free(hold);
    }
    vector_abort(v);
    return NULL;
}

const DrawSink *vector_sink(Vector *v) { return &v->sink; }

int vector_finish(Vector *v, char *err, size_t errlen)
{
    flush_rects(v);
    cairo_show_page(v->cr);
    cairo_status_t st = cairo_status(v->cr);
    cairo_destroy(v->cr);
    v->cr = NULL;
    cairo_surface_finish(v->surface);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(v->surface);
    int rc = 0;
    if (v->write_failed) {
        set_err(err, errlen, "writing the figure", v->write_errno ? strerror(v->write_errno) : "write error");
        rc = -1;
    }
    else if (st != CAIRO_STATUS_SUCCESS) { set_err(err, errlen, "cairo", cairo_status_to_string(st)); rc = -1; }
    vector_abort(v);
    return rc;
}

void vector_abort(Vector *v)
{
    if (!v) return;
    v->discard = 1;
    if (v->cr) cairo_destroy(v->cr);
    if (v->surface) cairo_surface_destroy(v->surface);
    free(v->comment);
    free(v);
}

void vector_font_px(Vector *v, int px)
{
    if (!v || !v->cr) return;
    flush_rects(v);
    cairo_set_font_size(v->cr, px);
}
