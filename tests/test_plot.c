/*
 * test_plot.c - the Fig. 3 export, plot geometry and the PNG writer.
 *
 * Figures are exported to a tmpfile, read back with libpng and checked
 * pixel by pixel against positions computed here from the mapping that
 * plot.h documents (x from time, y from neuron, divider row, trace rows).
 * The panel rects come from a Plot laid out like figure_export's (same
 * size, font size and margin): the layout does not depend on the spikes.
 * Run with SDL_VIDEODRIVER=dummy; no display is needed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <errno.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "app.h"
#include "draw.h"
#include "figure.h"
#include "help.h"
#include "hist.h"
#include "keys.h"
#include "net.h"
#include "plot.h"
#include "plot_panels.h"
#include "scope.h"
#include "step.h"
#include "pngio.h"
#include "text.h"

/* The font: $IZHISCOPE_ASSETS/DejaVuSans.ttf (as tests/run_unit.sh sets
 * it), else assets/DejaVuSans.ttf from the repository root. */
static char font_path[4096] = "assets/DejaVuSans.ttf";
#define TEST_FONT_PATH font_path

/* ---- reading PNGs back ------------------------------------------------ */

typedef struct Img {
    int w, h, color_type;
    uint8_t *px;               /* RGBA, 4 * w per row */
    int ntext;
    char key[8][80], val[8][256];
} Img;

/* Everything the setjmp branch touches is allocated before it and not
 * reassigned after, so nothing can be clobbered by the longjmp. */
static int png_load(png_structp png, png_infop info, Img *im, png_bytep *rows,
                    uint8_t *px, int w, int h)
{
    if (setjmp(png_jmpbuf(png))) return -1;
    for (int y = 0; y < h; y++) rows[y] = px + (size_t)y * 4 * w;
    png_read_image(png, rows);
    png_read_end(png, info);
    png_textp t;
    int n = 0;
    png_get_text(png, info, &t, &n);
    im->ntext = n < 8 ? n : 8;
    for (int i = 0; i < im->ntext; i++) {
        snprintf(im->key[i], sizeof im->key[i], "%s", t[i].key);
        snprintf(im->val[i], sizeof im->val[i], "%s", t[i].text);
    }
    return 0;
}

static int png_head(png_structp png, png_infop info, FILE *fp, Img *im)
{
    if (setjmp(png_jmpbuf(png))) return -1;
    png_init_io(png, fp);
    png_set_sig_bytes(png, 8);
    png_read_info(png, info);
    im->w = (int)png_get_image_width(png, info);
    im->h = (int)png_get_image_height(png, info);
    im->color_type = png_get_color_type(png, info);
    if (png_get_bit_depth(png, info) != 8) return -1;
    if (!(im->color_type & PNG_COLOR_MASK_ALPHA)) png_set_add_alpha(png, 0xFF, PNG_FILLER_AFTER);
    png_read_update_info(png, info);
    return 0;
}

static void img_read(FILE *fp, Img *im)
{
    uint8_t sig[8];
    memset(im, 0, sizeof *im);
    rewind(fp);
    assert_int_equal(fread(sig, 1, 8, fp), 8);
    assert_int_equal(png_sig_cmp(sig, 0, 8), 0);   /* the PNG signature */
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    assert_non_null(png);
    png_infop info = png_create_info_struct(png);
    assert_non_null(info);
    int ok = png_head(png, info, fp, im) == 0;
    png_bytep *rows = ok ? malloc((size_t)im->h * sizeof *rows) : NULL;
    im->px = ok ? malloc((size_t)im->w * im->h * 4) : NULL;
    if (ok) ok = rows && im->px && png_load(png, info, im, rows, im->px, im->w, im->h) == 0;
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    assert_true(ok);
}

static const uint8_t *px_at(const Img *im, int x, int y)
{
    assert_true(x >= 0 && x < im->w && y >= 0 && y < im->h);
    return im->px + ((size_t)y * im->w + x) * 4;
}

static int is_dark(const Img *im, int x, int y)
{
    const uint8_t *p = px_at(im, x, y);
    return p[0] < 128 && p[1] < 128 && p[2] < 128;
}

static int is_white(const Img *im, int x, int y)
{
    const uint8_t *p = px_at(im, x, y);
    return p[0] == 255 && p[1] == 255 && p[2] == 255;
}

static const char *img_text(const Img *im, const char *key)
{
    for (int i = 0; i < im->ntext; i++)
        if (strcmp(im->key[i], key) == 0) return im->val[i];
    return NULL;
}

/* ---- the documented geometry ------------------------------------------ */

typedef struct Geo {
    SDL_Rect R, T;
    int64_t t0;
    int W, n, n_exc, lw;
} Geo;

/* The panel rects figure_export draws at this size, from an identical
 * layout on a scratch software renderer. */
static Geo geo_of(int width, int height, const PlotView *v)
{
    Geo g;
    char err[256] = "";
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(s);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    assert_int_equal(TTF_Init(), 0);
    Plot *p = plot_create(r, TEST_FONT_PATH, figure_font_px(width, height), err, sizeof err);
    assert_non_null(p);
    int m = figure_margin(width, height);
    SDL_Rect area = {m, m, width - 2 * m, height - 2 * m};
    assert_int_equal(plot_draw(p, area, NULL, v, &PLOT_STYLE_PAPER), 0);
    assert_int_equal(plot_raster_rect(p, &g.R), 0);
    assert_int_equal(plot_trace_rect(p, &g.T), 0);
    plot_destroy(p);
    TTF_Quit();
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    g.t0 = v->t_end - v->window_ms;
    g.W = v->window_ms;
    g.n = v->n;
    g.n_exc = v->n_exc;
    int mn = area.w < area.h ? area.w : area.h;
    g.lw = (mn + 300) / 600 > 1 ? (mn + 300) / 600 : 1;
    /* Sanity of the layout itself: 3:1 panels sharing the time axis. */
    assert_int_equal(g.R.x, g.T.x);
    assert_int_equal(g.R.w, g.T.w);
    assert_true(g.T.y > g.R.y + g.R.h);
    assert_true(abs(g.R.h - 3 * g.T.h) <= 3);
    return g;
}

static int x_of(const Geo *g, int64_t t) { return g->R.x + (int)((t - g->t0) * g->R.w / g->W); }
static int y_of(const Geo *g, int i)
{
    return g->R.y + g->R.h - 1 - (int)((2 * (int64_t)i + 1) * g->R.h / (2 * (int64_t)g->n));
}
static int divider_y(const Geo *g) { return g->R.y + g->R.h - (int)((int64_t)g->n_exc * g->R.h / g->n); }
static int mark_w(const Geo *g)
{
    if (g->R.w < g->W) return 1;
    int c = (g->R.w + g->W - 1) / g->W;
    return c > 2 ? c : 2;
}
static int mark_h(const Geo *g) { return g->R.h / g->n >= 3 ? (g->R.h / g->n) / 3 : 1; }
static int tx_of(const Geo *g, int64_t t)
{
    return g->R.x + (int)((2 * (t - g->t0) + 1) * g->R.w / (2 * (int64_t)g->W));
}
static int ty_of(const Geo *g, float v)
{
    if (v > NET_V_PEAK) v = NET_V_PEAK;
    if (v < PLOT_V_MIN) v = PLOT_V_MIN;
    return g->T.y + (int)lround((PLOT_V_MAX - v) * (g->T.h - 1) / (double)(PLOT_V_MAX - PLOT_V_MIN));
}

static FILE *export(const Hist *h, const PlotView *v, int w, int hgt)
{
    static const char *const keys[] = {"Title", "Software", "Parameters"};
    static const char *const vals[] = {"Izhikevich 2003 Fig. 3", "izhiscope",
                                       "\xCF\x83" "E=5 \xCF\x83" "I=2"};   /* σE=5 σI=2 */
    char err[256] = "";
    FILE *fp = tmpfile();
    assert_non_null(fp);
    int rc = figure_export(fp, FIGURE_FORMAT_PNG, h, v, w, hgt, TEST_FONT_PATH, keys, vals, 3, err, sizeof err);
    if (rc != 0) fail_msg("figure_export: %s", err);
    return fp;
}

/* ---- the Fig. 3 export ------------------------------------------------- */

/* Spikes of the main test: every 5th neuron once, at a time in [10, 230),
 * away from the divider so every mark is checked exactly. */
static int64_t spike_time(int i) { return 10 + ((int64_t)i * 37) % 220; }
static int has_spike(int i) { return i % 5 == 0 && (i < 795 || i > 805); }

/* 1000 neurons, 1000 ms of those spikes; v = -70 but for an equalized
 * spike at 600 ms, 200 mV at 700 (to be clipped) and a gap 800 ... 809. */
static Hist *marks_hist(void)
{
    const int n = 1000;
    Hist *h = hist_create(n, 1000);
    assert_non_null(h);
    int32_t *buf = malloc(n * sizeof *buf);
    assert_non_null(buf);
    for (int64_t t = 0; t < 1000; t++) {
        int c = 0;
        for (int i = 0; i < n; i++)
            if (has_spike(i) && spike_time(i) == t) buf[c++] = i;
        float v = -70.0f;
        if (t == 600) v = 30.0f;                 /* an equalized spike */
        if (t == 700) v = 200.0f;                /* beyond the peak: must be clipped */
        if (t >= 800 && t < 810) v = NAN;        /* a gap in the trace */
        hist_push(h, t, buf, c, v);
    }
    free(buf);
    return h;
}

static void test_export_marks(void **state)
{
    (void)state;
    const int n = 1000;
    Hist *h = marks_hist();
    PlotView v = {.t_end = 1000, .window_ms = 1000, .n = n, .n_exc = 800, .trace_neuron = 0};
    Geo g = geo_of(FIGURE_DEFAULT_W, FIGURE_DEFAULT_H, &v);
    FILE *fp = export(h, &v, FIGURE_DEFAULT_W, FIGURE_DEFAULT_H);
    Img im;
    img_read(fp, &im);
    fclose(fp);

    assert_int_equal(im.w, 1600);
    assert_int_equal(im.h, 1200);
    assert_int_equal(im.color_type, PNG_COLOR_TYPE_RGB);    /* opaque figure */
    assert_non_null(img_text(&im, "Title"));
    assert_string_equal(img_text(&im, "Title"), "Izhikevich 2003 Fig. 3");
    assert_string_equal(img_text(&im, "Software"), "izhiscope");
    assert_string_equal(img_text(&im, "Parameters"), "\xCF\x83" "E=5 \xCF\x83" "I=2");

    /* At 1600 x 1200 each ms has more than one column: 2 px dashes. */
    assert_true(g.R.w >= 1000 && g.R.w < 2000);
    assert_int_equal(mark_w(&g), 2);
    assert_int_equal(mark_h(&g), 1);

    /* Known spikes are black marks where the mapping puts them. */
    assert_true(is_dark(&im, x_of(&g, spike_time(0)), y_of(&g, 0)));
    assert_true(is_dark(&im, x_of(&g, spike_time(455)), y_of(&g, 455)));
    assert_true(is_dark(&im, x_of(&g, spike_time(455)) + 1, y_of(&g, 455)));
    assert_true(is_dark(&im, x_of(&g, spike_time(900)), y_of(&g, 900)));
    assert_true(is_dark(&im, x_of(&g, spike_time(995)), y_of(&g, 995)));
    /* ...and nothing where there is no spike: neuron 455's row just before
     * its mark, neuron 456 (no spike) at the same time. */
    assert_true(is_white(&im, x_of(&g, spike_time(455)) - 1, y_of(&g, 455)));
    assert_true(is_white(&im, x_of(&g, spike_time(455)) + 2, y_of(&g, 455)));
    assert_true(is_white(&im, x_of(&g, 500), y_of(&g, 300)));

    /* The exact set: in the left quarter of the panel (no words there),
     * a pixel is dark if and only if a mark covers it. */
    const int qw = x_of(&g, 250) - g.R.x, mw = mark_w(&g), mh = mark_h(&g);
    uint8_t *want = calloc((size_t)qw * g.R.h, 1);
    assert_non_null(want);
    for (int i = 0; i < n; i++) {
        if (!has_spike(i)) continue;
        int x0 = x_of(&g, spike_time(i)) - g.R.x, y0 = y_of(&g, i) - g.R.y - mh / 2;
        for (int dy = 0; dy < mh; dy++)
            for (int dx = 0; dx < mw; dx++)
                if (x0 + dx < qw && y0 + dy >= 0 && y0 + dy < g.R.h)
                    want[(size_t)(y0 + dy) * qw + x0 + dx] = 1;
    }
    const int ydiv = divider_y(&g);
    int wrong = 0, marks = 0;
    for (int y = 0; y < g.R.h; y++) {
        if (abs(g.R.y + y - ydiv) <= g.lw) continue;
        for (int x = 0; x < qw; x++) {
            int d = is_dark(&im, g.R.x + x, g.R.y + y);
            int wh = is_white(&im, g.R.x + x, g.R.y + y);
            marks += want[(size_t)y * qw + x];
            if (want[(size_t)y * qw + x] ? !d : !wh) wrong++;
        }
    }
    free(want);
    assert_true(marks > 300);
    assert_int_equal(wrong, 0);

    /* The divider: dark across the whole panel width. */
    for (int x = g.R.x; x < g.R.x + g.R.w; x++) assert_true(is_dark(&im, x, ydiv));
    /* The frame: left and bottom lines of the raster panel. */
    assert_true(is_dark(&im, g.R.x - 1, g.R.y + g.R.h / 3));
    assert_true(is_dark(&im, g.R.x + g.R.w / 3, g.R.y + g.R.h));
    /* A time tick under the trace panel at 500 ms. */
    assert_true(is_dark(&im, x_of(&g, 500), g.T.y + g.T.h + g.lw + 1));

    /* The trace: its spike peaks at the +30 mV row... */
    int peak = 0;
    for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
            peak |= is_dark(&im, tx_of(&g, 600) + dx, ty_of(&g, 30.0f) + dy);
    assert_true(peak);
    assert_true(is_dark(&im, tx_of(&g, 300), ty_of(&g, -70.0f)));
    /* ...200 mV is clipped to the same +30 row: nothing above it. */
    for (int y = g.T.y; y < ty_of(&g, 30.0f) - 1; y++)
        for (int x = g.T.x; x < g.T.x + g.T.w; x++)
            if (!is_white(&im, x, y)) fail_msg("trace pixel above +30 mV at (%d, %d)", x, y);
    peak = 0;
    for (int dx = -1; dx <= 1; dx++) peak |= is_dark(&im, tx_of(&g, 700) + dx, ty_of(&g, 30.0f));
    assert_true(peak);
    /* ...and the NAN gap stays empty. */
    for (int x = tx_of(&g, 801); x <= tx_of(&g, 808); x++)
        for (int y = g.T.y; y < g.T.y + g.T.h; y++) assert_true(is_white(&im, x, y));

    free(im.px);
    hist_destroy(h);
}

/* No spikes: the raster panel holds only the divider and the two words. */
static void test_export_empty(void **state)
{
    (void)state;
    Hist *h = hist_create(1000, 1000);
    assert_non_null(h);
    for (int64_t t = 0; t < 1000; t++) hist_push(h, t, NULL, 0, -65.0f);
    PlotView v = {.t_end = 1000, .window_ms = 1000, .n = 1000, .n_exc = 800};
    Geo g = geo_of(FIGURE_DEFAULT_W, FIGURE_DEFAULT_H, &v);
    FILE *fp = export(h, &v, FIGURE_DEFAULT_W, FIGURE_DEFAULT_H);
    Img im;
    img_read(fp, &im);
    fclose(fp);

    const int ydiv = divider_y(&g);
    const int yexc = g.R.y + g.R.h - 400 * g.R.h / 1000, yinh = g.R.y + g.R.h - 900 * g.R.h / 1000;
    const int cx = g.R.x + g.R.w / 2;
    int stray = 0, word_exc = 0, word_inh = 0;
    for (int y = g.R.y; y < g.R.y + g.R.h; y++)
        for (int x = g.R.x; x < g.R.x + g.R.w; x++) {
            if (!is_dark(&im, x, y)) continue;
            if (abs(y - ydiv) <= g.lw) continue;
            int in_words = abs(x - cx) < g.R.w / 8;
            if (in_words && abs(y - yexc) < g.R.h / 20) { word_exc++; continue; }
            if (in_words && abs(y - yinh) < g.R.h / 20) { word_inh++; continue; }
            stray++;
        }
    assert_int_equal(stray, 0);
    assert_true(word_exc > 50);   /* "excitatory" is written */
    assert_true(word_inh > 50);   /* "inhibitory" is written */
    for (int x = g.R.x; x < g.R.x + g.R.w; x++) assert_true(is_dark(&im, x, ydiv));
    /* The word boxes are white: just left of "excitatory" is background. */
    assert_true(is_white(&im, cx - g.R.w / 8, yexc));

    free(im.px);
    hist_destroy(h);
}

/* The tail of a 10 s run: absolute times; a view shorter than the history
 * and ending before it shows nothing outside [t_end - window, t_end). */
static void test_export_late_window(void **state)
{
    (void)state;
    Hist *h = hist_create(1000, 1000);
    assert_non_null(h);
    for (int64_t t = 0; t < 10000; t++) {
        int32_t s[2];
        int c = 0;
        if (t == 9399) s[c++] = 100;   /* just before the view */
        if (t == 9400) s[c++] = 200;   /* its first ms */
        if (t == 9800) s[c++] = 300;
        if (t == 9899) s[c++] = 600;   /* its last ms */
        if (t == 9950) s[c++] = 700;   /* after the view */
        hist_push(h, t, s, c, -65.0f);
    }
    PlotView v = {.t_end = 9900, .window_ms = 500, .n = 1000, .n_exc = 800};
    Geo g = geo_of(FIGURE_DEFAULT_W, FIGURE_DEFAULT_H, &v);
    FILE *fp = export(h, &v, FIGURE_DEFAULT_W, FIGURE_DEFAULT_H);
    Img im;
    img_read(fp, &im);
    fclose(fp);
    assert_true(g.R.w > 1000);
    assert_int_equal(mark_w(&g), (g.R.w + 499) / 500 > 2 ? (g.R.w + 499) / 500 : 2);
    assert_true(is_dark(&im, g.R.x, y_of(&g, 200)));               /* first column */
    assert_true(is_dark(&im, x_of(&g, 9800), y_of(&g, 300)));
    assert_true(is_dark(&im, x_of(&g, 9899), y_of(&g, 600)));
    assert_true(is_dark(&im, g.R.x + g.R.w - 1, y_of(&g, 600)));  /* last ms, last column */
    for (int x = g.R.x; x < g.R.x + g.R.w; x++) {
        assert_true(is_white(&im, x, y_of(&g, 100)));
        assert_true(is_white(&im, x, y_of(&g, 700)));
    }
    free(im.px);
    hist_destroy(h);
}

/* A large network: pixels aggregate many cells and show intensity. */
static void test_export_intensity(void **state)
{
    (void)state;
    const int n = 64000;
    Hist *h = hist_create(n, 1000);
    assert_non_null(h);
    int32_t *all = malloc(n * sizeof *all);
    assert_non_null(all);
    for (int i = 0; i < n; i++) all[i] = i;
    const int32_t lone = 32000;
    for (int64_t t = 0; t < 1000; t++) {
        if (t == 100) hist_push(h, t, &lone, 1, -65.0f);
        else if (t == 200) hist_push(h, t, all, n, -65.0f);
        else hist_push(h, t, NULL, 0, -65.0f);
    }
    free(all);
    PlotView v = {.t_end = 1000, .window_ms = 1000, .n = n, .n_exc = 51200};
    Geo g = geo_of(FIGURE_DEFAULT_W, FIGURE_DEFAULT_H, &v);
    FILE *fp = export(h, &v, FIGURE_DEFAULT_W, FIGURE_DEFAULT_H);
    Img im;
    img_read(fp, &im);
    fclose(fp);

    /* cap = (neurons per row) x (ms per column) / PLOT_FULL_SHARE, at least 1. */
    const double cap = fmax(1.0, ((double)n / g.R.h) * ((double)g.W / g.R.w) / PLOT_FULL_SHARE);
    assert_true(cap > 2.0);
    /* One spike in a pixel: strength 1 / cap of black over white. */
    const int grey = 255 - (int)(255.0 / cap);
    const uint8_t *p = px_at(&im, x_of(&g, 100), y_of(&g, lone));
    assert_true(abs(p[0] - grey) <= 1 && abs(p[1] - grey) <= 1 && abs(p[2] - grey) <= 1);
    /* Every neuron at once: every row saturates to black. */
    for (int i = 0; i < n; i += 997)
        if (abs(y_of(&g, i) - divider_y(&g)) > g.lw) assert_true(is_dark(&im, x_of(&g, 200), y_of(&g, i)));
    free(im.px);
    hist_destroy(h);
}

/* ---- the vector figure's primitives ------------------------------------ */

/* A DrawSink that records what it is given. */
typedef struct Rec {
    int nrect, nimage, nlines, ntext;
    struct { SDL_Color c; double x, y, w, h; } rect[40000];
    SDL_Rect image_dst;
    int image_w, image_h;
    int lines_lw, lines_pts;
    SDL_Point first_pt;
    SDL_Color line_c[400];      /* each polyline's colour */
    char text[200][64];
    int text_up[200];
    SDL_Color text_c[200];
    int text_pen_ok;            /* every run's pens start at x and increase */
} Rec;

static void rec_rect(void *ctx, SDL_Color c, double x, double y, double w, double h)
{
    Rec *r = ctx;
    if (r->nrect < (int)(sizeof r->rect / sizeof r->rect[0])) {
        r->rect[r->nrect].c = c;
        r->rect[r->nrect].x = x, r->rect[r->nrect].y = y, r->rect[r->nrect].w = w, r->rect[r->nrect].h = h;
    }
    r->nrect++;
}
static void rec_lines(void *ctx, SDL_Color c, const SDL_Point *pts, int n, int lw)
{
    Rec *r = ctx;
    if (r->nlines < 400) r->line_c[r->nlines] = c;
    if (n > r->lines_pts) { r->lines_pts = n; r->lines_lw = lw; r->first_pt = pts[0]; }
    r->nlines++;
}
static void rec_text(void *ctx, SDL_Color c, double x, double y, int up, const char *utf8, const int *pen, int n)
{
    Rec *r = ctx;
    (void)y;
    if (r->ntext < 200) {
        r->text_c[r->ntext] = c;
        snprintf(r->text[r->ntext], sizeof r->text[0], "%s", utf8);
        r->text_up[r->ntext] = up;
    }
    r->ntext++;
    if (pen && (n < 1 || pen[0] != (int)x)) r->text_pen_ok = 0;
    for (int i = 1; pen && i < n; i++)
        if (pen[i] <= pen[i - 1]) r->text_pen_ok = 0;
}
static void rec_image(void *ctx, const uint32_t *argb, int w, int h, int stride_px, SDL_Rect dst)
{
    Rec *r = ctx;
    (void)argb; (void)stride_px;
    r->nimage++;
    r->image_dst = dst;
    r->image_w = w;
    r->image_h = h;
}

/* A Plot at font_px on a software renderer of a w x h surface (its
 * drawing goes to a sink when one is set). */
typedef struct SinkPlot { SDL_Surface *s; SDL_Renderer *r; Plot *p; } SinkPlot;

static SinkPlot sink_plot(int font_px, int w, int h)
{
    SinkPlot k;
    char err[256] = "";
    k.s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(k.s);
    k.r = SDL_CreateSoftwareRenderer(k.s);
    assert_non_null(k.r);
    assert_int_equal(TTF_Init(), 0);
    k.p = plot_create(k.r, TEST_FONT_PATH, font_px, err, sizeof err);
    if (!k.p) fail_msg("plot_create: %s", err);
    return k;
}

static void sink_plot_end(SinkPlot *k)
{
    plot_destroy(k->p);
    TTF_Quit();
    SDL_DestroyRenderer(k->r);
    SDL_FreeSurface(k->s);
}

/* Draws h through a recording sink, laid out like figure_export's. */
static Rec *vector_draw(const Hist *h, const PlotView *v, const PlotStyle *st)
{
    static Rec rec;
    memset(&rec, 0, sizeof rec);
    rec.text_pen_ok = 1;
    const DrawSink sink = { &rec, rec_rect, rec_lines, rec_text, rec_image };
    SinkPlot k = sink_plot(figure_font_px(FIGURE_DEFAULT_W, FIGURE_DEFAULT_H), 1, 1);
    plot_set_sink(k.p, &sink);
    const int m = figure_margin(FIGURE_DEFAULT_W, FIGURE_DEFAULT_H);
    SDL_Rect area = {m, m, FIGURE_DEFAULT_W - 2 * m, FIGURE_DEFAULT_H - 2 * m};
    assert_int_equal(plot_draw(k.p, area, h, v, st), 0);
    sink_plot_end(&k);
    return &rec;
}

static int same_color(SDL_Color a, SDL_Color b) { return a.r == b.r && a.g == b.g && a.b == b.b; }

static int rec_has_text(const Rec *r, const char *s, int up)
{
    for (int i = 0; i < r->ntext && i < 200; i++)
        if (!strcmp(r->text[i], s) && r->text_up[i] == up) return 1;
    return 0;
}

/* A vector figure (SVG, PDF) gets the raster as one rectangle per spike
 * where plot.h's mapping puts the PNG's mark (x(t), y(i), the dash's width
 * and thickness, computed here), coloured by class; the text as text; the
 * trace as one polyline of the PNG's line width. Above PLOT_VECTOR_MAX_MARKS
 * spikes, or when a pixel aggregates more than PLOT_FULL_SHARE cells, the
 * raster is one image on the raster panel instead. */
static void test_vector_primitives(void **state)
{
    (void)state;
    const int n = 1000;
    Hist *h = marks_hist();
    int32_t *buf = malloc(n * sizeof *buf);
    assert_non_null(buf);
    int want_e = 0, want_i = 0;
    for (int i = 0; i < n; i++)
        if (has_spike(i)) {
            if (i < 800) want_e++;
            else want_i++;
        }
    PlotView v = {.t_end = 1000, .window_ms = 1000, .n = n, .n_exc = 800, .trace_neuron = 0};
    const PlotStyle *st = &PLOT_STYLE_PAPER_WINDOW;       /* E and I told apart by colour */
    Geo g = geo_of(FIGURE_DEFAULT_W, FIGURE_DEFAULT_H, &v);
    const Rec *r = vector_draw(h, &v, st);

    int got_e = 0, got_i = 0, misplaced = 0;
    const int mw = mark_w(&g), mh = mark_h(&g);
    for (int k = 0; k < r->nrect; k++) {
        const int e = same_color(r->rect[k].c, st->exc), in = same_color(r->rect[k].c, st->inh);
        if (!e && !in) continue;
        got_e += e;
        got_i += in;
        /* which spike: the neuron whose row and time match */
        int found = 0;
        for (int i = 0; i < n && !found; i++) {
            if (!has_spike(i) || (i >= 800) != in) continue;
            found = r->rect[k].x == x_of(&g, spike_time(i)) && r->rect[k].y == y_of(&g, i) - mh / 2 &&
                    r->rect[k].w == mw && r->rect[k].h == mh;
        }
        misplaced += !found;
    }
    assert_int_equal(got_e, want_e);
    assert_int_equal(got_i, want_i);
    assert_int_equal(misplaced, 0);
    assert_int_equal(r->nimage, 0);
    /* text as text: the words, the numbers, the titles turned upwards */
    assert_true(rec_has_text(r, "excitatory", 0));
    assert_true(rec_has_text(r, "inhibitory", 0));
    assert_true(rec_has_text(r, "time, ms", 0));
    assert_true(rec_has_text(r, "1000", 0));
    assert_true(rec_has_text(r, "\xE2\x88\x92" "80", 0));     /* −80 */
    assert_true(rec_has_text(r, "v(t) of neuron 0", 0));     /* 0-based, as everywhere */
    assert_true(rec_has_text(r, "neuron number", 1));
    assert_true(rec_has_text(r, "mV", 1));
    assert_true(r->text_pen_ok);
    /* the trace: one polyline through the ms centres, the PNG's width */
    assert_true(v.window_ms <= 2 * g.T.w);                  /* not decimated: a point a ms */
    assert_int_equal(r->lines_pts, 800);                    /* the longest: 0 ... 799, before the gap */
    assert_int_equal(r->lines_lw, g.lw);
    assert_int_equal(r->first_pt.x, tx_of(&g, 0));
    assert_int_equal(r->first_pt.y, ty_of(&g, -70.0f));

    /* 200 ms of every neuron: 200,000 marks > PLOT_VECTOR_MAX_MARKS */
    Hist *dense = hist_create(n, 1000);
    assert_non_null(dense);
    for (int i = 0; i < n; i++) buf[i] = i;
    for (int64_t t = 0; t < 1000; t++) hist_push(dense, t, buf, t < 200 ? n : 0, -70.0f);
    assert_true(200 * n > PLOT_VECTOR_MAX_MARKS);
    r = vector_draw(dense, &v, st);
    assert_int_equal(r->nimage, 1);
    assert_int_equal(r->image_dst.x, g.R.x);
    assert_int_equal(r->image_dst.y, g.R.y);
    assert_int_equal(r->image_dst.w, g.R.w);
    assert_int_equal(r->image_dst.h, g.R.h);
    for (int k = 0; k < r->nrect; k++)
        assert_false(same_color(r->rect[k].c, st->exc) || same_color(r->rect[k].c, st->inh));
    /* a few spikes of a network whose pixels aggregate cells: the image too */
    Hist *big = hist_create(64000, 1000);
    assert_non_null(big);
    const int32_t lone = 100;
    for (int64_t t = 0; t < 1000; t++) hist_push(big, t, &lone, t == 10, -70.0f);
    PlotView vb = {.t_end = 1000, .window_ms = 1000, .n = 64000, .n_exc = 51200};
    r = vector_draw(big, &vb, st);
    assert_int_equal(r->nimage, 1);
    free(buf);
    hist_destroy(h);
    hist_destroy(dense);
    hist_destroy(big);
}

/* ---- the live window's path: dark style, picking, text ---------------- */

static void test_dark_style_and_picking(void **state)
{
    (void)state;
    const int W = 1280, H = 800;
    char err[256] = "";
    Hist *h = hist_create(1000, 1000);
    assert_non_null(h);
    for (int64_t t = 0; t < 1000; t++) {
        int32_t s[4] = {100, 790, 810, 900};
        hist_push(h, t, s, t == 300 ? 4 : 0, -65.0f);
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(s);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    assert_int_equal(TTF_Init(), 0);
    Plot *p = plot_create(r, TEST_FONT_PATH, 18, err, sizeof err);
    if (!p) fail_msg("plot_create: %s", err);
    SDL_Rect probe;
    assert_int_equal(plot_raster_rect(p, &probe), -1);      /* nothing drawn yet */
    assert_int_equal(plot_neuron_at(p, W / 2, H / 2), -1);

    PlotView v = {.t_end = 1000, .window_ms = 1000, .n = 1000, .n_exc = 800};
    SDL_Rect area = {0, 0, W, H - 40};
    /* Drawn twice: the second frame reuses the buffers and must match. */
    assert_int_equal(plot_draw(p, area, h, &v, &PLOT_STYLE_DARK), 0);
    assert_int_equal(plot_draw(p, area, h, &v, &PLOT_STYLE_DARK), 0);
    assert_int_equal(SDL_RenderFlush(r), 0);

    Geo g = {.t0 = 0, .W = 1000, .n = 1000, .n_exc = 800};
    assert_int_equal(plot_raster_rect(p, &g.R), 0);
    assert_int_equal(plot_trace_rect(p, &g.T), 0);
    const uint8_t *px = s->pixels;
#define PX(x, y) (px + (size_t)(y) * s->pitch + (size_t)(x) * 4)
    const uint8_t *e = PX(x_of(&g, 300), y_of(&g, 100));
    const uint8_t *i = PX(x_of(&g, 300), y_of(&g, 900));
    const uint8_t *b = PX(x_of(&g, 600), y_of(&g, 100));
    SDL_Color ce = PLOT_STYLE_DARK.exc, ci = PLOT_STYLE_DARK.inh, cb = PLOT_STYLE_DARK.bg;
    assert_true(e[0] == ce.r && e[1] == ce.g && e[2] == ce.b);
    assert_true(i[0] == ci.r && i[1] == ci.g && i[2] == ci.b);
    assert_true(b[0] == cb.r && b[1] == cb.g && b[2] == cb.b);
    /* The class follows the row: 790 is excitatory, 810 inhibitory. */
    e = PX(x_of(&g, 300), y_of(&g, 790));
    i = PX(x_of(&g, 300), y_of(&g, 810));
    assert_true(e[0] == ce.r && e[1] == ce.g && e[2] == ce.b);
    assert_true(i[0] == ci.r && i[1] == ci.g && i[2] == ci.b);
#undef PX

    /* Picking: a row maps back to its neuron (within the row's share). */
    for (int n = 0; n < 1000; n += 50) assert_true(abs(plot_neuron_at(p, g.R.x + 10, y_of(&g, n)) - n) <= 1);
    assert_int_equal(plot_neuron_at(p, g.R.x, g.R.y + g.R.h - 1), 0);
    assert_int_equal(plot_neuron_at(p, g.R.x + g.R.w - 1, g.R.y), 999);
    assert_int_equal(plot_neuron_at(p, g.R.x - 1, g.R.y + 5), -1);
    assert_int_equal(plot_neuron_at(p, g.R.x + 5, g.R.y + g.R.h), -1);
    assert_int_equal(plot_neuron_at(p, g.T.x + 5, g.T.y + 5), -1);

    /* Text API: widths add up, drawing returns the width. */
    int w1 = plot_text_width(p, "1"), w10 = plot_text_width(p, "10");
    assert_true(w1 > 0 && w10 == 2 * w1);   /* DejaVu digits are tabular */
    assert_int_equal(plot_text(p, 5, H - 30, "\xCF\x83 = 5 \xC3\x97 2 \xE2\x88\x92 1", PLOT_STYLE_DARK.fg),
                     plot_text_width(p, "\xCF\x83 = 5 \xC3\x97 2 \xE2\x88\x92 1"));
    assert_true(plot_line_height(p) >= 18);
    /* Unknown code points and broken UTF-8 draw as '?'. */
    assert_int_equal(plot_text_width(p, "\xE4\xB8\xAD"), plot_text_width(p, "?"));
    assert_int_equal(plot_text_width(p, "\xFF"), plot_text_width(p, "?"));

    /* Too small an area is an error, not a crash. */
    SDL_Rect tiny = {0, 0, 40, 30};
    assert_int_equal(plot_draw(p, tiny, h, &v, &PLOT_STYLE_DARK), -1);

    plot_destroy(p);
    plot_destroy(NULL);
    TTF_Quit();
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    hist_destroy(h);
}

/* ---- the window's additions: time lookup, the traced row, dots, time in s */

static void test_window_view(void **state)
{
    (void)state;
    const int W = 1280, H = 800;
    char err[256] = "";
    Hist *h = hist_create(1000, 2000);
    assert_non_null(h);
    for (int64_t t = 0; t < 20000; t++) {
        int32_t sp[1] = { 300 };
        hist_push(h, t, sp, t == 19500 ? 1 : 0, -65.0f);
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(s);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    assert_int_equal(TTF_Init(), 0);
    Plot *p = plot_create(r, TEST_FONT_PATH, 15, err, sizeof err);
    if (!p) fail_msg("plot_create: %s", err);
    int64_t t;
    assert_int_equal(plot_time_at(p, 100, &t), -1);         /* nothing drawn yet */
    /* a view in the past: [18800, 19800), neuron 500 traced and highlighted, dots of 3 px */
    PlotView v = {.t_end = 19800, .window_ms = 1000, .n = 1000, .n_exc = 800, .trace_neuron = 500,
                  .highlight = 1, .dot = 3};
    SDL_Rect area = {0, 0, W, H};
    assert_int_equal(plot_draw(p, area, h, &v, &PLOT_STYLE_DARK), 0);
    assert_int_equal(SDL_RenderFlush(r), 0);
    Geo g = {.t0 = 18800, .W = 1000, .n = 1000, .n_exc = 800};
    assert_int_equal(plot_raster_rect(p, &g.R), 0);
    /* time at a column: x(t) = R.x + floor((t - t0) R.w / W) inverted (plot.h) */
    assert_int_equal(plot_time_at(p, g.R.x, &t), 0);
    assert_int_equal(t, 18800);
    assert_int_equal(plot_time_at(p, g.R.x + g.R.w / 2, &t), 0);
    assert_int_equal(t, 18800 + (int64_t)(g.R.w / 2) * 1000 / g.R.w);
    assert_int_equal(plot_time_at(p, g.R.x - 1, &t), -1);    /* left of the strips */
    assert_true(t < 18800);
    assert_int_equal(plot_time_at(p, g.R.x + g.R.w, &t), -1);
    const uint8_t *px = s->pixels;
#define PX(x, y) (px + (size_t)(y) * s->pitch + (size_t)(x) * 4)
    /* dot 3: the raster is built at R / 3 and stretched, so the spike of
     * neuron 300 at 19500 paints a block at least 3 x 3 pixels */
    const int tw = g.R.w / 3, th = g.R.h / 3;
    const int cx = (int)((19500 - 18800) * tw / 1000), cy = th - 1 - (int)((2 * 300 + 1) * (int64_t)th / 2000);
    const SDL_Color ce = PLOT_STYLE_DARK.exc, cb = PLOT_STYLE_DARK.bg;
    int painted = 0;
    for (int y = g.R.y; y < g.R.y + g.R.h; y++)
        for (int x = g.R.x; x < g.R.x + g.R.w; x++) {
            const uint8_t *q = PX(x, y);
            if (q[0] == ce.r && q[1] == ce.g && q[2] == ce.b) {
                painted++;
                /* inside the stretched texel(s) of the spike */
                assert_true((x - g.R.x) * tw / g.R.w >= cx && (x - g.R.x) * tw / g.R.w < cx + 3);
                assert_true(abs((y - g.R.y) * th / g.R.h - cy) <= 1);
            }
        }
    assert_true(painted >= 9);
    /* the traced row: dashed tint of the trace colour in its empty pixels,
     * marks in the trace colour just outside the frame on both sides */
    const int yrow = g.R.y + (int)(((int64_t)(th - 1 - (int)((2 * 500 + 1) * (int64_t)th / 2000)) * g.R.h + g.R.h / 2) / th);
    int tinted = 0, plain = 0;
    for (int x = g.R.x; x < g.R.x + g.R.w; x++) {
        const uint8_t *q = PX(x, yrow);
        if (q[0] == cb.r && q[1] == cb.g && q[2] == cb.b) plain++;
        else tinted++;
    }
    assert_true(tinted > g.R.w / 3 && plain > g.R.w / 3);      /* dashed: both, about half each */
    const SDL_Color ct = PLOT_STYLE_DARK.trace;
    int marks = 0;
    for (int x = 0; x < g.R.x; x++) {
        const uint8_t *q = PX(x, yrow);
        marks += q[0] == ct.r && q[1] == ct.g && q[2] == ct.b;
    }
    for (int x = g.R.x + g.R.w; x < W; x++) {
        const uint8_t *q = PX(x, yrow);
        marks += q[0] == ct.r && q[1] == ct.g && q[2] == ct.b;
    }
    assert_true(marks >= 6);
    /* without the highlight neither the tint nor the marks */
    v.highlight = 0;
    assert_int_equal(plot_draw(p, area, h, &v, &PLOT_STYLE_DARK), 0);
    assert_int_equal(SDL_RenderFlush(r), 0);
    for (int x = g.R.x; x < g.R.x + g.R.w; x++) {
        const uint8_t *q = PX(x, yrow);
        assert_true(q[0] == cb.r && q[1] == cb.g && q[2] == cb.b);
    }
#undef PX
    plot_destroy(p);
    TTF_Quit();
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    hist_destroy(h);
}

/* Beyond 10 s the time axis is in seconds, and its labels never touch.
 * The label texts are checked by hand against plot.h's rule; then, drawn
 * as the window draws (its font, 15 px) in areas from 360 x 260 (the
 * smallest window's) to 1600 x 1000, at times from 9.5 s to 607.6 s (the
 * issue's "607600") and spans from 50 ms to 60 s, every two neighbouring
 * tick labels, centred on their ticks (x(t) of plot.h), are at least 2 px
 * apart, and there are at least two ticks. */
static void test_time_axis_labels(void **state)
{
    (void)state;
    static const struct { int64_t t, t_end, step; const char *want; } LABELS[] = {
        { 9500, 10000, 100, "9500" },          /* ms up to 10 s */
        { 607600, 608000, 100, "607.6" },      /* the 607600 */
        { 608000, 608000, 1000, "608" },
        { 607650, 608000, 50, "607.65" },
        { 10005, 10010, 5, "10.005" },
        { -500, 20000, 500, "\xe2\x88\x92" "0.5" },
        { -40000, 9500, 20000, "\xe2\x88\x92" "40000" },
    };
    char buf[64];
    for (size_t i = 0; i < sizeof LABELS / sizeof LABELS[0]; i++) {
        plot_time_label(buf, sizeof buf, LABELS[i].t, LABELS[i].t_end, LABELS[i].step);
        assert_string_equal(buf, LABELS[i].want);
    }
    static const int64_t ENDS[] = { 9500, 10001, 65432, 607600 };
    static const int SPANS[] = { 50, 1000, 7300, 60000 };
    static const int SIZES[][2] = { { 360, 260 }, { 520, 300 }, { 800, 500 }, { 1600, 1000 } };
    char err[256] = "";
    assert_int_equal(TTF_Init(), 0);
    for (size_t z = 0; z < sizeof SIZES / sizeof SIZES[0]; z++) {
        const int w = SIZES[z][0], hgt = SIZES[z][1];
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, hgt, 32, SDL_PIXELFORMAT_RGBA32);
        assert_non_null(s);
        SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
        assert_non_null(r);
        Plot *p = plot_create(r, TEST_FONT_PATH, 15, err, sizeof err);
        if (!p) fail_msg("plot_create: %s", err);
        for (size_t e = 0; e < sizeof ENDS / sizeof ENDS[0]; e++)
            for (size_t k = 0; k < sizeof SPANS / sizeof SPANS[0]; k++) {
                PlotView v = {.t_end = ENDS[e], .window_ms = SPANS[k], .n = 1000, .n_exc = 800};
                SDL_Rect area = {0, 0, w, hgt};
                assert_int_equal(plot_draw(p, area, NULL, &v, &PLOT_STYLE_PAPER), 0);
                Geo g = {.t0 = v.t_end - v.window_ms, .W = v.window_ms};
                int64_t step;
                assert_int_equal(plot_raster_rect(p, &g.R), 0);
                assert_int_equal(plot_time_step(p, &step), 0);
                int64_t first = g.t0 >= 0 ? (g.t0 + step - 1) / step * step : -((-g.t0) / step) * step;
                int ticks = 0, prev_right = -1000000;
                for (int64_t t = first; t <= v.t_end; t += step, ticks++) {
                    plot_time_label(buf, sizeof buf, t, v.t_end, step);
                    int tw = plot_text_width(p, buf), x = x_of(&g, t);
                    if (x - tw / 2 - prev_right < 2)
                        fail_msg("t_end %lld, span %d, %dx%d: the label '%s' at %d touches the one before",
                                 (long long)ENDS[e], SPANS[k], w, hgt, buf, x);
                    prev_right = x - tw / 2 + tw;
                }
                if (ticks < 2) fail_msg("t_end %lld, span %d, %dx%d: %d ticks", (long long)ENDS[e], SPANS[k], w, hgt, ticks);
            }
        plot_destroy(p);
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(s);
    }
    TTF_Quit();
}

/* Colour-blind safety of the window's two themes: the excitatory and
 * inhibitory marks against each other and against the background, in
 * CIELAB (D65) distance (CIE76), seen with normal colour vision and as
 * simulated for protanopia, deuteranopia and tritanopia by Machado,
 * Oliveira & Fernandes (2009), severity 1.0, on linear sRGB. The matrices
 * are the paper's; the distances were also computed independently in
 * Python (tests/README.md): e.g. dark E-I 84.5 and paper E-I 91.9 for
 * protanopia, the smallest pair is paper E-background 58.8 (tritanopia).
 * Required: 40 or more (a just noticeable difference is about 2.3). The
 * Fig. 3 export (PLOT_STYLE_PAPER) is black on white as the paper's:
 * E and I there are told apart by the divider, not by colour. */
static double srgb_lin(int c)
{
    double x = c / 255.0;
    return x <= 0.04045 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4);
}

static void lab_of(SDL_Color c, const double m[3][3], double out[3])
{
    double l[3] = { srgb_lin(c.r), srgb_lin(c.g), srgb_lin(c.b) }, s[3];
    for (int i = 0; i < 3; i++) {
        s[i] = m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2];
        s[i] = s[i] < 0 ? 0 : s[i] > 1 ? 1 : s[i];
    }
    double X = 0.4124564 * s[0] + 0.3575761 * s[1] + 0.1804375 * s[2];
    double Y = 0.2126729 * s[0] + 0.7151522 * s[1] + 0.0721750 * s[2];
    double Z = 0.0193339 * s[0] + 0.1191920 * s[1] + 0.9503041 * s[2];
    double f[3] = { X / 0.95047, Y, Z / 1.08883 };
    for (int i = 0; i < 3; i++) f[i] = f[i] > 216.0 / 24389 ? cbrt(f[i]) : (24389.0 / 27 * f[i] + 16) / 116;
    out[0] = 116 * f[1] - 16;
    out[1] = 500 * (f[0] - f[1]);
    out[2] = 200 * (f[1] - f[2]);
}

static double delta_e(SDL_Color a, SDL_Color b, const double m[3][3])
{
    double x[3], y[3];
    lab_of(a, m, x);
    lab_of(b, m, y);
    return sqrt((x[0] - y[0]) * (x[0] - y[0]) + (x[1] - y[1]) * (x[1] - y[1]) + (x[2] - y[2]) * (x[2] - y[2]));
}

static void test_colour_blind_safety(void **state)
{
    (void)state;
    static const double VISION[4][3][3] = {
        { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
        { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } },
        { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } },
        { { 1.255528, -0.076749, -0.178779 }, { -0.078411, 0.930809, 0.147602 }, { 0.004733, 0.691367, 0.303900 } },
    };
    static const char *const NAME[4] = { "normal", "protanopia", "deuteranopia", "tritanopia" };
    const PlotStyle *themes[2] = { &PLOT_STYLE_DARK, &PLOT_STYLE_PAPER_WINDOW };
    for (int t = 0; t < 2; t++)
        for (int k = 0; k < 4; k++) {
            const PlotStyle *st = themes[t];
            double ei = delta_e(st->exc, st->inh, VISION[k]), eb = delta_e(st->exc, st->bg, VISION[k]),
                   ib = delta_e(st->inh, st->bg, VISION[k]);
            if (ei < 40 || eb < 40 || ib < 40)
                fail_msg("%s theme, %s: E-I %.1f, E-bg %.1f, I-bg %.1f (40 needed)", t ? "paper" : "dark", NAME[k],
                         ei, eb, ib);
        }
    /* the independent Python figures, to 0.1 */
    assert_true(fabs(delta_e(PLOT_STYLE_DARK.exc, PLOT_STYLE_DARK.inh, VISION[1]) - 84.5) < 0.1);
    assert_true(fabs(delta_e(PLOT_STYLE_PAPER_WINDOW.exc, PLOT_STYLE_PAPER_WINDOW.inh, VISION[1]) - 91.9) < 0.1);
    assert_true(fabs(delta_e(PLOT_STYLE_PAPER_WINDOW.exc, PLOT_STYLE_PAPER_WINDOW.bg, VISION[3]) - 58.8) < 0.1);
    /* the export's paper style draws both classes black (the check above would fail on it) */
    assert_true(delta_e(PLOT_STYLE_PAPER.exc, PLOT_STYLE_PAPER.inh, VISION[0]) < 0.01);
}

static void test_create_errors(void **state)
{
    (void)state;
    char err[256] = "";
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    assert_int_equal(TTF_Init(), 0);
    assert_null(plot_create(r, "/nonexistent/font.ttf", 20, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/font.ttf"));
    TTF_Quit();
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);

    FILE *fp = tmpfile();
    assert_non_null(fp);
    PlotView v = {.t_end = 1000, .window_ms = 1000, .n = 1000, .n_exc = 800};
    err[0] = 0;
    assert_int_equal(figure_export(fp, FIGURE_FORMAT_PNG, NULL, &v, 1600, 1200, "/nonexistent/font.ttf",
                                   NULL, NULL, 0, err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    err[0] = 0;
    assert_int_equal(figure_export(fp, FIGURE_FORMAT_PNG, NULL, &v, 10, 10, TEST_FONT_PATH, NULL, NULL, 0,
                                   err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    fclose(fp);
}

/* ---- pngio ------------------------------------------------------------ */

static void test_pngio(void **state)
{
    (void)state;
    /* 3 x 2, stride larger than a row, one translucent pixel: RGBA. */
    uint8_t px[2][16] = {
        {255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 128, 9, 9, 9, 9},
        {1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255, 9, 9, 9, 9},
    };
    const char *const keys[] = {"Comment"};
    const char *const vals[] = {"hello"};
    char err[128] = "";
    FILE *fp = tmpfile();
    assert_non_null(fp);
    assert_int_equal(pngio_write(fp, &px[0][0], 3, 2, 16, keys, vals, 1, err, sizeof err), 0);
    Img im;
    img_read(fp, &im);
    fclose(fp);
    assert_int_equal(im.w, 3);
    assert_int_equal(im.h, 2);
    assert_int_equal(im.color_type, PNG_COLOR_TYPE_RGB_ALPHA);
    assert_memory_equal(im.px, px[0], 12);
    assert_memory_equal(im.px + 12, px[1], 12);
    assert_string_equal(img_text(&im, "Comment"), "hello");
    free(im.px);

    const char *const bad[] = {""};
    fp = tmpfile();
    assert_non_null(fp);
    assert_int_equal(pngio_write(fp, &px[0][0], 3, 2, 16, bad, vals, 1, err, sizeof err), -1);
    assert_true(strlen(err) > 0);
    assert_int_equal(pngio_write(fp, &px[0][0], 3, 2, 8, NULL, NULL, 0, err, sizeof err), -1);
    fclose(fp);
    assert_int_equal(pngio_write(NULL, &px[0][0], 3, 2, 16, NULL, NULL, 0, err, sizeof err), -1);
}


/* ---- every character the program writes is in the glyph atlas ---------- */

/* The bytes of one C string literal starting after its opening quote at
 * *s (escapes decoded as C does: \x takes every hex digit); *s ends after
 * the closing quote. */
static size_t literal_bytes(const char **s, unsigned char *out, size_t cap, size_t o)
{
    const char *q = *s;
    while (*q && *q != '"' && *q != '\n') {
        int c = (unsigned char)*q++;
        if (c == '\\' && *q) {
            c = (unsigned char)*q++;
            if (c == 'x') {
                c = 0;
                while (*q && strchr("0123456789abcdefABCDEF", *q)) {
                    int d = *q <= '9' ? *q - '0' : (*q | 0x20) - 'a' + 10;
                    c = (c * 16 + d) & 0xFF;
                    q++;
                }
            } else if (c >= '0' && c <= '7') {
                c -= '0';
                for (int k = 0; k < 2 && *q >= '0' && *q <= '7'; k++) c = c * 8 + *q++ - '0';
            } else {
                c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
            }
        }
        if (o < cap) out[o++] = (unsigned char)c;
    }
    *s = *q == '"' ? q + 1 : q;
    return o;
}

/* Code points >= 0x80 in the string literals of one source file (adjacent
 * literals joined, comments and character constants skipped) that are
 * not in the atlas or not in the font; prints each. */
static int file_missing_glyphs(const char *path, TTF_Font *font)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    static char src[1 << 20];
    size_t n = fread(src, 1, sizeof src - 1, fp);
    fclose(fp);
    src[n] = '\0';
    int missing = 0;
    const char *s = src;
    while (*s) {
        if (s[0] == '/' && s[1] == '*') { const char *e = strstr(s + 2, "*/"); s = e ? e + 2 : s + strlen(s); continue; }
        if (s[0] == '/' && s[1] == '/') { while (*s && *s != '\n') s++; continue; }
        if (s[0] == '\'') {                       /* '"' and the like */
            s++;
            while (*s && *s != '\'') s += (*s == '\\' && s[1]) ? 2 : 1;
            if (*s) s++;
            continue;
        }
        if (*s != '"') { s++; continue; }
        static unsigned char buf[8192];
        size_t o = 0;
        for (;;) {                                /* "a" "b" is one string */
            s++;
            o = literal_bytes(&s, buf, sizeof buf - 1, o);
            const char *t = s;
            while (*t == ' ' || *t == '\n' || *t == '\t') t++;
            if (*t != '"') break;
            s = t;
        }
        buf[o] = '\0';
        for (size_t i = 0; i < o;) {
            uint32_t c = buf[i];
            int len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
            if (len > 1) {
                /* not UTF-8 (a file signature such as NumPy's "\x93NUMPY"):
                 * bytes matched, never drawn; nor is a byte-order mark */
                int bytes = c >= 0xF8 || (c & 0xC0) == 0x80 || i + (size_t)len > o;
                for (int k = 1; k < len && !bytes; k++) bytes = (buf[i + k] & 0xC0) != 0x80;
                if (bytes) break;
                c &= len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07;
                for (int k = 1; k < len && i + k < o; k++) c = (c << 6) | (buf[i + k] & 0x3Fu);
                if (c == 0xFEFF) break;
                if (!text_has_glyph(c) || !TTF_GlyphIsProvided32(font, c)) {
                    print_message("  %s: U+%04X in \"%s\" is not in the glyph atlas%s\n", path, (unsigned)c,
                                  (const char *)buf, TTF_GlyphIsProvided32(font, c) ? "" : " (nor in the font)");
                    missing++;
                }
            }
            i += (size_t)len;
        }
    }
    return missing;
}

/* Issue 17: the spectrum tooltip printed "Hz?/Hz" (no ² in the atlas).
 * Every string literal of src/ and include/ is walked: each character
 * beyond ASCII must be in the atlas and in the font. */
static void test_atlas_covers_every_string(void **state)
{
    (void)state;
    assert_int_equal(TTF_Init(), 0);
    TTF_Font *font = TTF_OpenFont(font_path, 20);
    assert_non_null(font);
    int files = 0, missing = 0;
    static const char *const dirs[] = { "src", "include" };
    for (int d = 0; d < 2; d++) {
        DIR *dir = opendir(dirs[d]);
        if (!dir) fail_msg("%s: run from the source tree (%s)", dirs[d], strerror(errno));
        struct dirent *e;
        while ((e = readdir(dir))) {
            size_t l = strlen(e->d_name);
            if (l < 3 || (strcmp(e->d_name + l - 2, ".c") && strcmp(e->d_name + l - 2, ".h"))) continue;
            char path[512];
            snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
            missing += file_missing_glyphs(path, font);
            files++;
        }
        closedir(dir);
    }
    TTF_CloseFont(font);
    TTF_Quit();
    print_message("  %d files walked, %d characters missing\n", files, missing);
    assert_true(files > 30);
    assert_int_equal(missing, 0);
    /* the walker itself sees what it must: the tooltip's ² is there */
    assert_true(text_has_glyph(0xB2));
    assert_false(text_has_glyph(0x2603));
}

/* Issue 20: up to four traced neurons, each in its colour: the label names
 * them (0-based, each id in its trace's colour), one polyline each in that
 * colour, each one's row marked outside the frame in it; U's u(t) labelled
 * with its unit. The colours, in every style: WCAG contrast >= 3:1 against
 * the background (computed here from the sRGB definition) and apart from
 * each other. */
static double lin(int c8)
{
    const double c = c8 / 255.0;
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}
static double luminance(SDL_Color c) { return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b); }
static double contrast(SDL_Color a, SDL_Color b)
{
    const double x = luminance(a), y = luminance(b);
    return (x > y ? x + 0.05 : y + 0.05) / (x > y ? y + 0.05 : x + 0.05);
}

static void test_traced_neurons_drawn(void **state)
{
    (void)state;
    const PlotStyle *styles[3] = { &PLOT_STYLE_PAPER, &PLOT_STYLE_PAPER_WINDOW, &PLOT_STYLE_DARK };
    for (int k = 0; k < 3; k++)
        for (int j = 0; j < STEP_TRACE_MAX; j++) {
            const SDL_Color c = plot_trace_color(styles[k], j);
            if (contrast(c, styles[k]->bg) < 3.0)
                fail_msg("style %d trace %d: contrast %.2f against the background", k, j, contrast(c, styles[k]->bg));
            for (int m = 0; m < j; m++) {
                const SDL_Color o = plot_trace_color(styles[k], m);
                assert_true(abs(c.r - o.r) + abs(c.g - o.g) + abs(c.b - o.b) > 120);
            }
        }
    const int n = 1000, ids[3] = { 5, 953, 848 };
    Hist *h = hist_create(n, 1000);
    assert_non_null(h);
    for (int t = 0; t < 1000; t++) {
        hist_push(h, t, NULL, 0, -70.0f);
        StepTraces tr = { .k = 3 };
        for (int j = 0; j < 3; j++) {
            tr.neuron[j] = ids[j];
            tr.v[j] = -70.0f + 10.0f * j;
            tr.u[j] = -14.0f + j;
            tr.i[j] = (float)j;
        }
        hist_set_traces(h, &tr);
    }
    for (int what = HIST_V; what <= HIST_U; what++) {
        PlotView v = { .t_end = 1000, .window_ms = 1000, .n = n, .n_exc = 800, .trace_neuron = 5, .highlight = 1,
                       .n_traced = 3, .traced = { 5, 953, 848 }, .trace_what = what };
        const PlotStyle *st = &PLOT_STYLE_DARK;
        const Rec *r = vector_draw(h, &v, st);
        assert_true(rec_has_text(r, what == HIST_V ? "v(t) of neurons " : "u(t) of neurons ", 0));
        if (what == HIST_U) assert_true(rec_has_text(r, " (mV)", 0));
        static const char *const num[3] = { "5,", "953,", "848" };
        for (int j = 0; j < 3; j++) {
            int found = 0;
            for (int q = 0; q < r->ntext && q < 200; q++)
                found |= !strcmp(r->text[q], num[j]) && same_color(r->text_c[q], plot_trace_color(st, j));
            if (!found) fail_msg("'%s' in trace %d's colour not drawn", num[j], j);
            int lines = 0, marks = 0;
            for (int q = 0; q < r->nlines && q < 400; q++) lines += same_color(r->line_c[q], plot_trace_color(st, j));
            for (int q = 0; q < r->nrect; q++) marks += same_color(r->rect[q].c, plot_trace_color(st, j));
            assert_int_equal(lines, 1);           /* one polyline each: no gap in its data */
            assert_int_equal(marks, 2);           /* its row, both sides of the frame */
        }
    }
    hist_destroy(h);
}

/* Issue 17: "v₁(t)" was neuron 0 while "v(t) of neuron 1" was neuron 1.
 * One numbering, docs/model.md's 0-based ids (--trace-neuron, the CSVs):
 * the label of neuron k names k, and no subscript digit appears. */
static void test_trace_label_numbering(void **state)
{
    (void)state;
    Config cfg;
    memset(&cfg, 0, sizeof cfg);
    static const int ids[] = { 0, 1, 2, 799, 999 };
    for (size_t k = 0; k < sizeof ids / sizeof ids[0]; k++) {
        char label[64], want[64];
        app_trace_label(&cfg, ids[k], label, sizeof label);
        snprintf(want, sizeof want, "v(t) of neuron %d", ids[k]);
        assert_string_equal(label, want);
        assert_null(strstr(label, "\xE2\x82"));             /* no ₀ … ₉ */
    }
}

/* Issue 17: "hovering a spike never says a spike: a pixel row covers 3-4
 * neurons and the tooltip names one of them"; "the raster tooltip gives ms
 * while the axis is in s". N = 4000 on a raster a few hundred rows high: a
 * spike of a neuron that is not the row's middle one is named under its
 * mark; a row without a spike names the neurons it covers (computed here
 * from plot.h's row mapping); times in the axis's unit. */
static void test_raster_tip(void **state)
{
    (void)state;
    const int W = 1280, H = 800, n = 4000;
    char err[256] = "", tip[160], want[160];
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(s);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    assert_int_equal(TTF_Init(), 0);
    Plot *p = plot_create(r, TEST_FONT_PATH, 15, err, sizeof err);
    if (!p) fail_msg("plot_create: %s", err);
    for (int late = 0; late < 2; late++) {
        const int64_t t_end = late ? 12000 : 1000, ts = t_end - 500;
        Hist *h = hist_create(n, 1000);
        assert_non_null(h);
        /* the neuron: 3 above a row's first (found below once R is known) */
        PlotView v = {.t_end = t_end, .window_ms = 1000, .n = n, .n_exc = 3200, .dot = 1};
        SDL_Rect area = {0, 0, W, H};
        assert_int_equal(plot_draw(p, area, NULL, &v, &PLOT_STYLE_DARK), 0);
        SDL_Rect R;
        assert_int_equal(plot_raster_rect(p, &R), 0);
        /* plot.h: neuron i's centre row R.y + R.h - 1 - floor((2i + 1) R.h / (2n)) */
#define ROW(i) (R.y + R.h - 1 - (int)((2 * (int64_t)(i) + 1) * R.h / (2 * (int64_t)n)))
        int lo = 1000;
        while (ROW(lo - 1) == ROW(1000)) lo--;
        int hi = lo;
        while (ROW(hi + 1) == ROW(lo)) hi++;
        assert_true(hi - lo >= 3);                   /* 3-4 neurons a row, as the issue saw */
        const int k = lo + 3 > hi ? hi : lo + 3;
        for (int64_t t = t_end - 1000; t < t_end; t++) {
            int32_t sp[1] = { k };
            hist_push(h, t, sp, t == ts, -65.0f);
        }
        assert_int_equal(plot_draw(p, area, h, &v, &PLOT_STYLE_DARK), 0);
        const int x = R.x + (int)((ts - (t_end - 1000)) * R.w / 1000), y = ROW(k);
        /* the old tooltip's neuron is another one of the row */
        assert_true(plot_neuron_at(p, x, y) != k);
        assert_int_equal(plot_raster_tip(p, h, 3200, x + 1, y, tip, sizeof tip, NULL), 0);   /* on the dash */
        snprintf(want, sizeof want, "neuron %d (excitatory): a spike at %s", k, late ? "11.500 s" : "500 ms");
        print_message("  %s\n", tip);
        assert_string_equal(tip, want);
        /* the same row 200 ms later: no spike; the row's neurons */
        const int x2 = R.x + (int)((ts + 200 - (t_end - 1000)) * R.w / 1000);
        int64_t t2;
        assert_int_equal(plot_time_at(p, x2, &t2), 0);
        assert_int_equal(plot_raster_tip(p, h, 3200, x2, y, tip, sizeof tip, NULL), 0);
        if (late) snprintf(want, sizeof want, "neurons %d\xe2\x80\x93%d (excitatory), %.3f s", lo, hi, (double)t2 / 1000);
        else snprintf(want, sizeof want, "neurons %d\xe2\x80\x93%d (excitatory), %lld ms", lo, hi, (long long)t2);
        print_message("  %s\n", tip);
        assert_string_equal(tip, want);
        assert_int_equal(plot_raster_tip(p, h, 3200, R.x - 1, y, tip, sizeof tip, NULL), -1);
#undef ROW
        hist_destroy(h);
    }
    plot_destroy(p);
    TTF_Quit();
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* Issue 20: the neuron axis zoomed to neurons [790, 810) of 1000 (plot.h:
 * neuron i is row R.y + R.h - 1 - floor((2 (i - 790) + 1) R.h / 40), the
 * divider at R.y + R.h - floor(10 R.h / 20)): a spike of 795 is painted
 * on its row in the excitatory colour, one of 805 in the inhibitory, one
 * of 700 (not shown) nowhere; the rows map back to their neurons; the tip
 * names 795's spike on it and, along its row, the spike nearest the
 * pointer's time. */
static void test_neuron_zoom(void **state)
{
    (void)state;
    const int W = 1280, H = 800, n = 1000;
    char err[256] = "", tip[256], want[256];
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(s);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    assert_int_equal(TTF_Init(), 0);
    Plot *p = plot_create(r, TEST_FONT_PATH, 15, err, sizeof err);
    if (!p) fail_msg("plot_create: %s", err);
    Hist *h = hist_create(n, 1000);
    assert_non_null(h);
    for (int64_t t = 0; t < 1000; t++) {
        int32_t sp[3] = { 795, 805, 700 };
        hist_push(h, t, sp, t == 300 ? 3 : t == 700 ? 1 : 0, -65.0f);   /* 795 spikes at 300 and 700 */
    }
    PlotView v = {.t_end = 1000, .window_ms = 1000, .n = n, .n_exc = 800, .dot = 1,
                  .neuron_from = 790, .neuron_to = 810};
    SDL_Rect area = {0, 0, W, H};
    assert_int_equal(plot_draw(p, area, h, &v, &PLOT_STYLE_DARK), 0);
    assert_int_equal(SDL_RenderFlush(r), 0);
    SDL_Rect R;
    assert_int_equal(plot_raster_rect(p, &R), 0);
    int from, to;
    assert_int_equal(plot_neuron_range(p, &from, &to), 0);
    assert_int_equal(from, 790);
    assert_int_equal(to, 810);
#define ROW(i) (R.y + R.h - 1 - (int)((2 * (int64_t)((i) - 790) + 1) * R.h / 40))
#define COL(t) (R.x + (int)((int64_t)(t) * R.w / 1000))
#define PX(x, y) ((const uint8_t *)s->pixels + (size_t)(y) * s->pitch + (size_t)(x) * 4)
#define IS(p, c) ((p)[0] == (c).r && (p)[1] == (c).g && (p)[2] == (c).b)
    assert_true(IS(PX(COL(300), ROW(795)), PLOT_STYLE_DARK.exc));
    assert_true(IS(PX(COL(300), ROW(805)), PLOT_STYLE_DARK.inh));
    assert_true(IS(PX(COL(500), ROW(795)), PLOT_STYLE_DARK.bg));
    /* 700 is not shown: nothing of it in the raster's column of t = 300 */
    for (int y = R.y; y < R.y + R.h; y++) {
        /* the marks are a third of a row thick (plot.h) */
        if (abs(y - ROW(795)) <= R.h / 60 || abs(y - ROW(805)) <= R.h / 60) continue;
        const uint8_t *q = PX(COL(300), y);
        assert_false(IS(q, PLOT_STYLE_DARK.exc) || IS(q, PLOT_STYLE_DARK.inh));
    }
    /* the divider (a divider-coloured row across the raster) */
    const int yd = R.y + R.h - (int)((int64_t)10 * R.h / 20);
    assert_true(IS(PX(R.x + R.w / 4, yd), PLOT_STYLE_DARK.divider));
    for (int i = 790; i < 810; i++) assert_int_equal(plot_neuron_at(p, R.x + 10, ROW(i)), i);
    assert_int_equal(plot_neuron_at(p, R.x + 10, R.y + R.h - 1), 790);
    assert_int_equal(plot_neuron_at(p, R.x + 10, R.y), 809);
    /* the axis's value at its edges */
    assert_true(fabs(plot_neuron_value_at(p, R.y + R.h) - 790.0) < 1e-9);
    assert_true(fabs(plot_neuron_value_at(p, R.y) - 810.0) < 1e-9);
    /* the tip: on the spike, then along the row at 600 ms: 700 is nearer than 300 */
    int named = -1;
    assert_int_equal(plot_raster_tip(p, h, 800, COL(300), ROW(795), tip, sizeof tip, &named), 0);
    assert_string_equal(tip, "neuron 795 (excitatory): a spike at 300 ms");
    assert_int_equal(named, 795);
    int64_t t6;
    assert_int_equal(plot_time_at(p, COL(600), &t6), 0);
    assert_int_equal(plot_raster_tip(p, h, 800, COL(600), ROW(795), tip, sizeof tip, &named), 0);
    snprintf(want, sizeof want, "neuron 795 (excitatory), %lld ms: nearest spike 700 ms, 2 in the span shown",
             (long long)t6);
    assert_string_equal(tip, want);
    assert_int_equal(named, 795);
    assert_int_equal(plot_raster_tip(p, h, 800, COL(600), ROW(801), tip, sizeof tip, &named), 0);
    snprintf(want, sizeof want, "neuron 801 (inhibitory), %lld ms: no spike in the span shown", (long long)t6);
    assert_string_equal(tip, want);
    /* all neurons again: the rows of 1000 */
    v.neuron_from = v.neuron_to = 0;
    assert_int_equal(plot_draw(p, area, h, &v, &PLOT_STYLE_DARK), 0);
    assert_int_equal(plot_neuron_range(p, &from, &to), 0);
    assert_int_equal(to - from, 1000);
#undef ROW
#undef COL
#undef PX
#undef IS
    hist_destroy(h);
    plot_destroy(p);
    TTF_Quit();
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

/* Found by a tester (session 10): a stimulus span that is over was drawn
 * over the edges of the rows chosen after it. Rows 500-696 at the start,
 * on 200-400 ms; then moved to 100-147 (two events at 600) and on
 * 700-900. The marks along each span's rows (lines a line-width thick,
 * marker colour, docs/window.md) lie over the rows in force then: by
 * plot.h's mapping, rows [a, b] span (b - a + 1) / n of the raster's
 * height, so the first span's two lines are 197/48 times as far apart as
 * the second's, and higher (larger ids are higher). */
static void test_stim_spans_at_their_rows(void **state)
{
    (void)state;
    Scope *sc = scope_create(1000, 800, 1000);
    assert_non_null(sc);
    scope_restart(sc, 1, 0);
    for (int64_t t = 0; t < 1000; t++) {
        Step st = step_of(t, NULL, 0, 800, 0, -65.0f);
        scope_step(sc, &st);
    }
    const Event ev[] = { { .t_ms = 200, .kind = EVENT_STIM, .before = 0, .after = 1 },
                         { .t_ms = 400, .kind = EVENT_STIM, .before = 1, .after = 0 },
                         { .t_ms = 600, .kind = EVENT_STIM_FROM, .before = 500, .after = 100 },
                         { .t_ms = 600, .kind = EVENT_STIM_TO, .before = 696, .after = 147 },
                         { .t_ms = 700, .kind = EVENT_STIM, .before = 0, .after = 1 },
                         { .t_ms = 900, .kind = EVENT_STIM, .before = 1, .after = 0 } };
    for (size_t k = 0; k < sizeof ev / sizeof ev[0]; k++) scope_event(sc, &ev[k]);
    PlotView v = { .t_end = 1000, .window_ms = 1000, .n = 1000, .n_exc = 800, .trace_neuron = 0, .scope = sc,
                   .stim_shown = 1, .stim_from = 100, .stim_to = 147, .stim_start = 0, .stim_now = 0,
                   .stim_start_from = 500, .stim_start_to = 696 };
    const PlotStyle *st = &PLOT_STYLE_DARK;
    const Rec *r = vector_draw(scope_hist(sc), &v, st);
    /* the long horizontal marks in the marker colour, left of the bar beside the raster */
    double maxx = 0, lw = 1e9;
    for (int q = 0; q < r->nrect && q < 40000; q++)
        if (same_color(r->rect[q].c, st->marker)) {
            if (r->rect[q].x > maxx) maxx = r->rect[q].x;
            if (r->rect[q].h < lw) lw = r->rect[q].h;
        }
    double y1[2], y2[2], x1 = -1, x2 = -1;
    int n1 = 0, n2 = 0;
    for (int q = 0; q < r->nrect && q < 40000; q++) {
        const double x = r->rect[q].x, y = r->rect[q].y, w = r->rect[q].w, h = r->rect[q].h;
        if (!same_color(r->rect[q].c, st->marker) || h != lw || w < 10 * h || x >= maxx) continue;
        if (x1 < 0 || x == x1) { x1 = x; if (n1 < 2) y1[n1] = y; n1++; }
        else if (x2 < 0 || x == x2) { x2 = x; if (n2 < 2) y2[n2] = y; n2++; }
    }
    assert_int_equal(n1, 2);
    assert_int_equal(n2, 2);
    assert_true(x1 < x2);
    const double d1 = fabs(y1[0] - y1[1]) + lw, d2 = fabs(y2[0] - y2[1]) + lw;
    if (fabs(d1 / d2 - 197.0 / 48.0) > 0.1 * 197.0 / 48.0)
        fail_msg("the spans' rows: %.1f and %.1f px apart, ratio %.2f (want 197/48 = %.2f)", d1, d2, d1 / d2,
                 197.0 / 48.0);
    assert_true(fmax(y1[0], y1[1]) < fmin(y2[0], y2[1]));
    scope_destroy(sc);
}

/* Found by a tester (session 10): in low strips (1152x720 at --ui-scale 2,
 * or 480x320) the y-axis labels were drawn over each other ("50" over "0"
 * in the rate strip, "30" over "0" in v(t)). Drawn through a recording
 * sink at a font of 30 px in 1152x720 with the rate and spectrogram
 * strips: no two numeric labels left of the raster overlap (their runs'
 * x ranges meet and their baselines are closer than 0.75 of the font,
 * DejaVu's digit height). Before the fix: "30" at y 560 over "0" at 581. */
static struct { double x, y, x_end; char s[16]; } clear_labels[200];
static int clear_n;
static void clear_rect(void *ctx, SDL_Color c, double x, double y, double w, double h)
{ (void)ctx; (void)c; (void)x; (void)y; (void)w; (void)h; }
static void clear_lines(void *ctx, SDL_Color c, const SDL_Point *pts, int n, int lw)
{ (void)ctx; (void)c; (void)pts; (void)n; (void)lw; }
static void clear_image(void *ctx, const uint32_t *argb, int w, int h, int stride_px, SDL_Rect dst)
{ (void)ctx; (void)dst; (void)argb; (void)w; (void)h; (void)stride_px; }
static void clear_text(void *ctx, SDL_Color c, double x, double y, int up, const char *utf8, const int *pen, int n)
{
    (void)ctx; (void)c;
    const char *q = utf8;
    if (up || n < 1 || clear_n >= 200) return;
    if (!strncmp(q, "\xe2\x88\x92", 3)) q += 3;    /* the minus sign */
    else if (*q == '-') q++;
    if (!*q || strspn(q, "0123456789") != strlen(q)) return;
    clear_labels[clear_n].x = x;
    clear_labels[clear_n].y = y;
    clear_labels[clear_n].x_end = pen[n - 1] + 20;   /* the last digit's start and about its width */
    snprintf(clear_labels[clear_n].s, sizeof clear_labels[0].s, "%s", utf8);
    clear_n++;
}

static void test_axis_labels_clear(void **state)
{
    (void)state;
    const int font = 30;
    SinkPlot k = sink_plot(font, 1, 1);
    Plot *p = k.p;
    Scope *sc = scope_create(1000, 800, 1000);
    assert_non_null(sc);
    scope_restart(sc, 1, 0);
    for (int64_t t = 0; t < 1000; t++) {
        int32_t sp[2] = { (int32_t)(t % 800), (int32_t)(800 + t % 200) };
        Step st = step_of(t, sp, t % 3 == 0 ? 2 : 0, 800, 0, -65.0f + (float)(t % 100));
        scope_step(sc, &st);
    }
    const DrawSink sink = { NULL, clear_rect, clear_lines, clear_text, clear_image };
    plot_set_sink(p, &sink);
    PlotView v = { .t_end = 1000, .window_ms = 1000, .n = 1000, .n_exc = 800, .trace_neuron = 0, .scope = sc,
                   .panels = PLOT_PANEL_RATE | PLOT_PANEL_SPECTROGRAM };
    clear_n = 0;
    assert_int_equal(plot_draw(p, (SDL_Rect){ 0, 0, 1152, 720 }, scope_hist(sc), &v, &PLOT_STYLE_DARK), 0);
    SDL_Rect R;
    assert_int_equal(plot_raster_rect(p, &R), 0);
    int left = 0;
    for (int i = 0; i < clear_n; i++) {
        if (clear_labels[i].x >= R.x) continue;
        left++;
        for (int j = 0; j < i; j++) {
            if (clear_labels[j].x >= R.x) continue;
            const int meet = clear_labels[i].x < clear_labels[j].x_end && clear_labels[j].x < clear_labels[i].x_end;
            if (meet && fabs(clear_labels[i].y - clear_labels[j].y) < 0.75 * font)
                fail_msg("'%s' at y %.0f over '%s' at y %.0f", clear_labels[i].s, clear_labels[i].y,
                         clear_labels[j].s, clear_labels[j].y);
        }
    }
    assert_true(left >= 5);      /* the neuron axis's and at least one of each strip's */
    scope_destroy(sc);
    sink_plot_end(&k);
}

/* Found by a tester (session 10): the help overlay cut descriptions short
 * with "..." while pages were spare (at 640x420: 0, K, R, O, D, N, ...).
 * Drawn at 640x420 in a 13 px font through a text recorder, page by page:
 * no text is cut ("..."), and every key's whole description is there, its
 * lines joined with spaces. */
static char help_seen[40000];
static size_t help_at;
static void help_text(void *ctx, SDL_Color c, double x, double y, int up, const char *utf8, const int *pen, int n)
{
    (void)ctx; (void)c; (void)x; (void)y; (void)up; (void)pen; (void)n;
    const int m = snprintf(help_seen + help_at, sizeof help_seen - help_at, "%s ", utf8);
    if (m > 0 && (size_t)m < sizeof help_seen - help_at) help_at += (size_t)m;
}

static void test_help_wrapped(void **state)
{
    (void)state;
    SinkPlot k = sink_plot(13, 640, 420);
    Plot *p = k.p;
    SDL_Renderer *r = k.r;
    const DrawSink sink = { NULL, clear_rect, clear_lines, help_text, clear_image };
    plot_set_sink(p, &sink);
    help_at = 0;
    help_seen[0] = '\0';
    int page = 0, pages = 1;
    for (int q = 0; q < pages && q < 20; q++) {
        page = q;
        help_draw(p, r, (SDL_Rect){ 0, 30, 640, 390 }, &PLOT_STYLE_DARK, &page, &pages);
    }
    assert_true(pages >= 2);
    assert_null(strstr(help_seen, "\xe2\x80\xa6 "));
    for (int i = 0; i < KEYS_COUNT; i++)
        if (!strstr(help_seen, KEYS[i].help)) fail_msg("'%s' not drawn whole", KEYS[i].help);
    sink_plot_end(&k);
}

/* Issue 17: "at 520×360 the rotated 'neuron number' is clipped". The
 * window's font at that size (11 px) on the software renderer: the turned
 * titles ("neuron number", "mV") in the left column have as many inked
 * pixels (over half way from background to foreground) as SDL_ttf's own
 * rendering of the words has pixels over half alpha, all inside the area. */
static void test_axis_titles_whole(void **state)
{
    (void)state;
    const int W = 520, H = 230, px = 11;
    char err[256] = "";
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(s);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    assert_int_equal(TTF_Init(), 0);
    Plot *p = plot_create(r, TEST_FONT_PATH, px, err, sizeof err);
    if (!p) fail_msg("plot_create: %s", err);
    PlotView v = {.t_end = 1000, .window_ms = 1000, .n = 1000, .n_exc = 800};
    const PlotStyle *st = &PLOT_STYLE_DARK;
    assert_int_equal(plot_draw(p, (SDL_Rect){0, 0, W, H}, NULL, &v, st), 0);
    assert_int_equal(SDL_RenderFlush(r), 0);
    SDL_Rect R;
    assert_int_equal(plot_raster_rect(p, &R), 0);
    /* the title column: left of the widest tick label ("1000", "−80") */
    const int col = R.x - plot_text_width(p, "1000") - 12;
    int drawn = 0;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < col; x++) {
            const uint8_t *q = (const uint8_t *)s->pixels + (size_t)y * s->pitch + 4 * (size_t)x;
            drawn += abs(q[0] - st->bg.r) * 2 > abs(st->fg.r - st->bg.r);
        }
    TTF_Font *font = TTF_OpenFont(font_path, px);
    assert_non_null(font);
    int want = 0;
    static const char *const words[] = { "neuron number", "mV" };
    for (int k = 0; k < 2; k++) {
        SDL_Surface *t0 = TTF_RenderUTF8_Blended(font, words[k], (SDL_Color){255, 255, 255, 255});
        assert_non_null(t0);
        SDL_Surface *t = SDL_ConvertSurfaceFormat(t0, SDL_PIXELFORMAT_ARGB8888, 0);
        assert_non_null(t);
        for (int y = 0; y < t->h; y++)
            for (int x = 0; x < t->w; x++)
                want += (((const uint32_t *)((const uint8_t *)t->pixels + (size_t)y * t->pitch))[x] >> 24) > 128;
        SDL_FreeSurface(t);
        SDL_FreeSurface(t0);
    }
    TTF_CloseFont(font);
    print_message("  turned titles: %d inked pixels, the words have %d\n", drawn, want);
    assert_true(abs(drawn - want) <= want / 50);
    plot_destroy(p);
    TTF_Quit();
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

int main(void)
{
    const char *assets = getenv("IZHISCOPE_ASSETS");
    if (assets && *assets) snprintf(font_path, sizeof font_path, "%s/DejaVuSans.ttf", assets);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_marks),
        cmocka_unit_test(test_export_empty),
        cmocka_unit_test(test_export_late_window),
        cmocka_unit_test(test_export_intensity),
        cmocka_unit_test(test_vector_primitives),
        cmocka_unit_test(test_dark_style_and_picking),
        cmocka_unit_test(test_window_view),
        cmocka_unit_test(test_time_axis_labels),
        cmocka_unit_test(test_colour_blind_safety),
        cmocka_unit_test(test_create_errors),
        cmocka_unit_test(test_pngio),
        cmocka_unit_test(test_atlas_covers_every_string),
        cmocka_unit_test(test_trace_label_numbering),
        cmocka_unit_test(test_traced_neurons_drawn),
        cmocka_unit_test(test_raster_tip),
        cmocka_unit_test(test_neuron_zoom),
        cmocka_unit_test(test_stim_spans_at_their_rows),
        cmocka_unit_test(test_axis_labels_clear),
        cmocka_unit_test(test_help_wrapped),
        cmocka_unit_test(test_axis_titles_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
