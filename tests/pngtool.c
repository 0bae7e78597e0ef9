/*
 * pngtool.c - a small PNG inspector for the end-to-end tests (libpng only,
 * independent of izhiscope's own writer).
 *   pngtool info FILE               "size W H" then "text KEY=VALUE" lines
 *   pngtool dark FILE X0 Y0 X1 Y1   number of dark pixels (luma < 128) in
 *                                   [X0,X1) x [Y0,Y1)
 *   pngtool diff A B                number of pixels that differ
 *   pngtool diffbox A B X0 Y0 X1 Y1 the same within [X0,X1) x [Y0,Y1)
 *   pngtool lines FILE              rows crossed by one straight line: y of
 *                                   each row whose middle half is >= 95% one
 *                                   colour that is not the background (the
 *                                   colour at the far left of the row)
 *   pngtool where FILE RRGGBB X0 Y0 X1 Y1
 *                                   "x y" of the first pixel of that colour in
 *                                   [X0,X1) x [Y0,Y1), scanning columns left to
 *                                   right, each top down (nothing if none)
 *   pngtool match A B R             two renderings of one figure (the PNG and
 *                                   an SVG / PDF drawn by another renderer):
 *                                   "dark DA DB unmatched UA UB" with DA the
 *                                   dark pixels of A, UA those of them with no
 *                                   dark pixel of B within R pixels (a square),
 *                                   likewise for B
 * Exit 1 if a file is not a readable PNG.
 */
#define _POSIX_C_SOURCE 200809L
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Img { int w, h; unsigned char *px; png_textp text; int ntext; } Img;

static int load(const char *path, Img *img)
{
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return -1; }
    unsigned char sig[8];
    if (fread(sig, 1, 8, f) != 8 || png_sig_cmp(sig, 0, 8)) {
        fprintf(stderr, "%s: not a PNG (bad signature)\n", path);
        fclose(f);
        return -1;
    }
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    if (setjmp(png_jmpbuf(png))) {
        fprintf(stderr, "%s: broken PNG\n", path);
        fclose(f);
        return -1;
    }
    png_init_io(png, f);
    png_set_sig_bytes(png, 8);
    png_read_info(png, info);
    png_set_expand(png);
    png_set_strip_16(png);
    png_set_gray_to_rgb(png);
    png_set_filler(png, 0xFF, PNG_FILLER_AFTER);
    png_read_update_info(png, info);
    img->w = (int)png_get_image_width(png, info);
    img->h = (int)png_get_image_height(png, info);
    img->px = malloc((size_t)img->w * img->h * 4);
    png_bytep *rows = malloc(sizeof(png_bytep) * img->h);
    for (int y = 0; y < img->h; y++) rows[y] = img->px + (size_t)y * img->w * 4;
    png_read_image(png, rows);
    png_read_end(png, info);
    png_textp text;
    int n = 0;
    png_get_text(png, info, &text, &n);
    img->ntext = n;
    img->text = malloc(sizeof *text * (n ? n : 1));
    for (int i = 0; i < n; i++) {
        img->text[i].key = strdup(text[i].key);
        img->text[i].text = strdup(text[i].text);
    }
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    fclose(f);
    return 0;
}

static int dark(const Img *m, int x, int y)
{
    const unsigned char *p = m->px + ((size_t)y * m->w + x) * 4;
    return 299 * p[0] + 587 * p[1] + 114 * p[2] < 128 * 1000;
}

int main(int argc, char **argv)
{
    Img a, b;
    if (argc == 3 && !strcmp(argv[1], "info")) {
        if (load(argv[2], &a)) return 1;
        printf("size %d %d\n", a.w, a.h);
        for (int i = 0; i < a.ntext; i++) printf("text %s=%s\n", a.text[i].key, a.text[i].text);
        return 0;
    }
    if (argc == 7 && !strcmp(argv[1], "dark")) {
        if (load(argv[2], &a)) return 1;
        int x0 = atoi(argv[3]), y0 = atoi(argv[4]), x1 = atoi(argv[5]), y1 = atoi(argv[6]);
        long c = 0;
        for (int y = y0; y < y1 && y < a.h; y++)
            for (int x = x0; x < x1 && x < a.w; x++) c += dark(&a, x, y);
        printf("%ld\n", c);
        return 0;
    }
    if (argc == 4 && !strcmp(argv[1], "diff")) {
        if (load(argv[2], &a) || load(argv[3], &b)) return 1;
        if (a.w != b.w || a.h != b.h) { printf("size differs\n"); return 0; }
        long c = 0;
        for (size_t i = 0; i < (size_t)a.w * a.h; i++) c += memcmp(a.px + i * 4, b.px + i * 4, 3) != 0;
        printf("%ld\n", c);
        return 0;
    }
    if (argc == 8 && !strcmp(argv[1], "diffbox")) {
        if (load(argv[2], &a) || load(argv[3], &b)) return 1;
        if (a.w != b.w || a.h != b.h) { printf("size differs\n"); return 0; }
        int x0 = atoi(argv[4]), y0 = atoi(argv[5]), x1 = atoi(argv[6]), y1 = atoi(argv[7]);
        long c = 0;
        for (int y = y0 < 0 ? 0 : y0; y < y1 && y < a.h; y++)
            for (int x = x0 < 0 ? 0 : x0; x < x1 && x < a.w; x++) {
                size_t i = (size_t)y * a.w + x;
                c += memcmp(a.px + i * 4, b.px + i * 4, 3) != 0;
            }
        printf("%ld\n", c);
        return 0;
    }
    if (argc == 5 && !strcmp(argv[1], "match")) {
        if (load(argv[2], &a) || load(argv[3], &b)) return 1;
        if (a.w != b.w || a.h != b.h) { printf("size differs\n"); return 0; }
        const int r = atoi(argv[4]);
        long d[2] = { 0, 0 }, u[2] = { 0, 0 };
        for (int k = 0; k < 2; k++) {
            const Img *p = k ? &b : &a, *q = k ? &a : &b;
            for (int y = 0; y < p->h; y++)
                for (int x = 0; x < p->w; x++) {
                    if (!dark(p, x, y)) continue;
                    d[k]++;
                    int found = 0;
                    for (int yy = y - r; yy <= y + r && !found; yy++)
                        for (int xx = x - r; xx <= x + r && !found; xx++)
                            found = yy >= 0 && yy < q->h && xx >= 0 && xx < q->w && dark(q, xx, yy);
                    u[k] += !found;
                }
        }
        printf("dark %ld %ld unmatched %ld %ld\n", d[0], d[1], u[0], u[1]);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "lines")) {
        if (load(argv[2], &a)) return 1;
        for (int y = 0; y < a.h; y++) {
            const unsigned char *row = a.px + (size_t)y * a.w * 4;
            int x0 = a.w / 4, x1 = 3 * a.w / 4, same = 0;
            const unsigned char *c = row + (size_t)(a.w / 2) * 4;
            if (!memcmp(c, row, 3)) continue;            /* the background */
            for (int x = x0; x < x1; x++) same += !memcmp(row + (size_t)x * 4, c, 3);
            if (same * 100 >= (x1 - x0) * 95) printf("%d\n", y);
        }
        return 0;
    }
    if (argc == 8 && !strcmp(argv[1], "where")) {
        if (load(argv[2], &a)) return 1;
        unsigned long rgb = strtoul(argv[3], NULL, 16);
        unsigned char c[3] = { (unsigned char)(rgb >> 16), (unsigned char)(rgb >> 8), (unsigned char)rgb };
        int x0 = atoi(argv[4]), y0 = atoi(argv[5]), x1 = atoi(argv[6]), y1 = atoi(argv[7]);
        for (int x = x0 < 0 ? 0 : x0; x < x1 && x < a.w; x++)
            for (int y = y0 < 0 ? 0 : y0; y < y1 && y < a.h; y++)
                if (!memcmp(a.px + ((size_t)y * a.w + x) * 4, c, 3)) { printf("%d %d\n", x, y); return 0; }
        return 0;
    }
    fprintf(stderr, "usage: pngtool info FILE | dark FILE X0 Y0 X1 Y1 | diff A B | lines FILE | "
                    "where FILE RRGGBB X0 Y0 X1 Y1 | diffbox A B X0 Y0 X1 Y1 | match A B R\n");
    return 2;
}
