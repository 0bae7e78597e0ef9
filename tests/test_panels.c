/*
 * test_panels.c - the rhythm panels drawn from a Scope whose answers are
 * known by construction, checked pixel by pixel against the mappings
 * panels.h and plot.h document: a population firing at 20 + 15 cos(2 pi
 * 40 t) spikes a ms (1000 neurons) must light the spectrogram at 40 Hz and
 * nowhere else strongly; the rate strip must rise and fall with it; an
 * event must put a marker at its time's column; without panels the figure
 * is Fig. 3's. Drawn with the software renderer into a surface; no display.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "draw.h"
#include "panels.h"
#include "plot.h"
#include "scope.h"

#define W_PX 1600
#define H_PX 1200
#define SPAN 1000
#define T_END 3000
#define EVENT_T 2500

static char font_path[4096] = "assets/DejaVuSans.ttf";

typedef struct Fixture {
    SDL_Surface *s;
    SDL_Renderer *r;
    Plot *p;
    Scope *sc;
} Fixture;

/* 40 Hz: e + i = 20 + 15 cos(2 pi 40 t / 1000) spikes, 4 in 5 excitatory */
static int spikes_at(int64_t t, int32_t *sp)
{
    int c = (int)lround(20 + 15 * cos(6.283185307179586 * 40 * (double)t / 1000));
    int ce = c * 4 / 5;
    for (int k = 0; k < ce; k++) sp[k] = (int32_t)(k * 37 % 800);
    for (int k = ce; k < c; k++) sp[k] = (int32_t)(800 + k * 7 % 200);
    /* ascending is not needed by the Scope */
    return c;
}

static int setup(void **state)
{
    const char *env = getenv("IZHISCOPE_ASSETS");
    if (env && *env) snprintf(font_path, sizeof font_path, "%s/DejaVuSans.ttf", env);
    static Fixture f;
    if (SDL_Init(0) != 0 || TTF_Init() != 0) return -1;
    f.s = SDL_CreateRGBSurfaceWithFormat(0, W_PX, H_PX, 32, SDL_PIXELFORMAT_RGBA32);
    f.r = f.s ? SDL_CreateSoftwareRenderer(f.s) : NULL;
    char err[256];
    f.p = f.r ? plot_create(f.r, font_path, 20, err, sizeof err) : NULL;
    f.sc = scope_create(1000, 800, SPAN);
    if (!f.p || !f.sc) return -1;
    scope_restart(f.sc, 1, 0);
    int32_t sp[64];
    for (int64_t t = 0; t < T_END; t++) {
        int c = spikes_at(t, sp);
        scope_step(f.sc, t, sp, c, -65.0f);
    }
    Event e = { .t_ms = EVENT_T, .kind = EVENT_NOISE_E, .before = 5, .after = 7.5 };
    scope_event(f.sc, &e);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    scope_destroy(f->sc);
    plot_destroy(f->p);
    SDL_DestroyRenderer(f->r);
    SDL_FreeSurface(f->s);
    TTF_Quit();
    SDL_Quit();
    return 0;
}

static const uint8_t *px(const Fixture *f, int x, int y)
{
    assert_true(x >= 0 && x < W_PX && y >= 0 && y < H_PX);
    return (const uint8_t *)f->s->pixels + (size_t)y * f->s->pitch + 4 * (size_t)x;
}

static int same(const uint8_t *p, SDL_Color c) { return p[0] == c.r && p[1] == c.g && p[2] == c.b; }

/* Lightness of viridis rises monotonically from its dark purple to its
 * yellow: red + green orders it. */
static int light(const uint8_t *p) { return p[0] + p[1]; }

static void draw(Fixture *f, unsigned panels, RhythmResult *res, double *density)
{
    scope_spectrum(f->sc, 2000, res, density, NULL);
    static PlotSpectrum sp;
    sp = (PlotSpectrum){ density, res, "test", 0, 0 };
    PlotView v = { .t_end = T_END, .window_ms = SPAN, .n = 1000, .n_exc = 800, .panels = panels,
                   .scope = f->sc, .spectrum = &sp };
    SDL_Rect area = { 30, 30, W_PX - 60, H_PX - 60 };
    SDL_SetRenderDrawColor(f->r, 255, 255, 255, 255);
    SDL_RenderClear(f->r);
    assert_int_equal(plot_draw(f->p, area, scope_hist(f->sc), &v, &PLOT_STYLE_DARK), 0);
    SDL_RenderFlush(f->r);
}

static void test_spectrogram_lights_40_hz(void **state)
{
    Fixture *f = *state;
    RhythmResult res;
    double density[RHYTHM_FMAX + RHYTHM_SMOOTH + 1];
    draw(f, PLOT_PANELS_ALL, &res, density);
    SDL_Rect G;
    assert_int_equal(plot_panel_rect(f->p, PLOT_PANEL_SPECTROGRAM, &G), 0);
    /* at 2300 ms the 250 ms around it are all there */
    int x = G.x + (int)((2300 - (T_END - SPAN)) * (int64_t)G.w / SPAN);
    /* the rows at the brightest colour (the tone saturates the map over
     * a few Hz): their middle */
    int bestl = -1, first = -1, last = -1;
    for (int y = G.y + 24; y < G.y + G.h; y++) {    /* below the strip's title */
        int l = light(px(f, x, y));
        if (l > bestl) { bestl = l; first = last = y; }
        else if (l == bestl) last = y;
    }
    int best = (first + last) / 2;
    /* row y shows bin round((G.h - 1 - (y - G.y)) * 100 / (G.h - 1)) */
    int bin = (int)lround((double)(G.h - 1 - (best - G.y)) * RHYTHM_FMAX / (G.h - 1));
    print_message("  brightest rows %d ... %d, their middle at %d Hz (lightness %d)\n", first, last, bin, bestl);
    assert_true(bin >= 39 && bin <= 41);
    /* it is the map's top colour: 40 Hz stands > PANELS_SG_DB_HI over the floor */
    assert_true(bestl > 0xfd + 0xe7 - 20);
    /* 10 Hz and 80 Hz are dark */
    int y10 = G.y + G.h - 1 - (int)lround(10.0 * (G.h - 1) / RHYTHM_FMAX);
    int y80 = G.y + G.h - 1 - (int)lround(80.0 * (G.h - 1) / RHYTHM_FMAX);
    assert_true(light(px(f, x, y10)) < bestl / 2);
    assert_true(light(px(f, x, y80)) < bestl / 2);
    /* the last 125 ms have no centred column yet: hatched (issue 17, item
     * 13: they were plain background, unexplained), background and the
     * divider's colour in stripes; a computable column has no stripe */
    for (int xe = G.x + G.w - 20; xe < G.x + G.w - 2; xe += 5) {
        int nbg = 0, nhatch = 0;
        for (int y = G.y; y < G.y + G.h / 2; y++) {
            nbg += same(px(f, xe, y), PLOT_STYLE_DARK.bg);
            nhatch += same(px(f, xe, y), PLOT_STYLE_DARK.divider);
        }
        assert_true(nbg > G.h / 4 && nhatch > G.h / 16);
    }
    int nstripe = 0;
    for (int y = G.y + 24; y < G.y + G.h; y++) nstripe += same(px(f, x, y), PLOT_STYLE_DARK.divider);
    assert_int_equal(nstripe, 0);
    /* and the measures found the 40 Hz gamma */
    assert_true(res.band[4].found);
    assert_float_equal(res.band[4].freq_hz, 40.0, 0.2);
}

static void test_rate_strip_follows_the_rate(void **state)
{
    Fixture *f = *state;
    RhythmResult res;
    double density[RHYTHM_FMAX + RHYTHM_SMOOTH + 1];
    draw(f, PLOT_PANELS_ALL, &res, density);
    SDL_Rect P;
    assert_int_equal(plot_panel_rect(f->p, PLOT_PANEL_RATE, &P), 0);
    /* excitatory rate: 0.8 * (20 + 15 cos) * 1000 / 800 Hz, 35 at a crest,
     * 5 at a trough (25 ms apart at 40 Hz); the y axis tops at 50 Hz */
    int64_t crest = 2475, trough = 2487;        /* cos(2 pi 40 t) = 1 at t = 2475, about -1 at 2487.5 */
    int top_c = -1, top_t = -1;
    for (int k = 0; k < 2; k++) {
        int64_t t = k ? trough : crest;
        int x = P.x + (int)((t - (T_END - SPAN)) * (int64_t)P.w / SPAN);
        int top = -1;
        for (int y = P.y; y < P.y + P.h; y++)
            if (same(px(f, x, y), PLOT_STYLE_DARK.exc)) { top = y; break; }
        if (k) top_t = top; else top_c = top;
    }
    print_message("  excitatory line: row %d at a crest, %d at a trough (strip %d ... %d)\n", top_c, top_t, P.y,
                  P.y + P.h);
    assert_true(top_c >= P.y && top_t >= P.y);
    assert_true(top_t - top_c > P.h / 3);
    /* By hand: the excitatory counts floor(0.8 c) average 0.8 * 20 - 0.4,
     * i.e. 19.5 Hz; the 2 ms Gaussian passes exp(-(2 pi 40 0.002)^2 / 2) =
     * 0.882 of the 15 Hz swing: 19.5 + 13.2 = 32.7 Hz at a crest, on an
     * axis up to 50 Hz (PANELS: 10, 20, 50 ...). Within 2 Hz. */
    double hz_per_row = 50.0 / (P.h - 1);
    double crest_hz = (P.y + P.h - 1 - top_c) * hz_per_row;
    print_message("  crest drawn at %.1f Hz (32.7 expected)\n", crest_hz);
    assert_true(fabs(crest_hz - 32.7) <= 2.0);
}

static void test_marker_at_its_time(void **state)
{
    Fixture *f = *state;
    RhythmResult res;
    double density[RHYTHM_FMAX + RHYTHM_SMOOTH + 1];
    SDL_Rect R;
    draw(f, PLOT_PANELS_ALL, &res, density);
    assert_int_equal(plot_raster_rect(f->p, &R), 0);
    int x = R.x + (int)((EVENT_T - (T_END - SPAN)) * (int64_t)R.w / SPAN);
    int marked = 0;
    for (int y = R.y + R.h / 2; y < R.y + R.h; y++) marked += same(px(f, x, y), PLOT_STYLE_DARK.marker);
    assert_true(marked > R.h / 3);
    /* markers off: none */
    draw(f, PLOT_PANELS_ALL & ~PLOT_PANEL_MARKERS, &res, density);
    marked = 0;
    for (int y = R.y + R.h / 2; y < R.y + R.h; y++) marked += same(px(f, x, y), PLOT_STYLE_DARK.marker);
    assert_int_equal(marked, 0);
}

static void test_no_panels_is_fig3(void **state)
{
    Fixture *f = *state;
    RhythmResult res;
    double density[RHYTHM_FMAX + RHYTHM_SMOOTH + 1];
    SDL_Rect R1, T1, R0, T0, tmp;
    draw(f, PLOT_PANELS_ALL, &res, density);
    plot_raster_rect(f->p, &R1);
    plot_trace_rect(f->p, &T1);
    draw(f, 0, &res, density);
    plot_raster_rect(f->p, &R0);
    plot_trace_rect(f->p, &T0);
    assert_int_equal(plot_panel_rect(f->p, PLOT_PANEL_RATE, &tmp), -1);
    assert_int_equal(plot_panel_rect(f->p, PLOT_PANEL_SPECTRUM, &tmp), -1);
    /* Fig. 3: raster 3 : trace 1 (plot.h), all the width */
    assert_true(abs(R0.h - 3 * T0.h) <= 3);
    assert_true(R0.w > R1.w);
    assert_true(R1.h < R0.h);
}

/* ---- what the readouts say (issue 17, items 13, 14, 15) ------------------- */

/* A DrawSink that keeps the texts drawn. */
typedef struct Texts {
    int n;
    char s[400][128];
    SDL_Color c[400];
} Texts;

static void t_rect(void *ctx, SDL_Color c, double x, double y, double w, double h)
{
    (void)ctx; (void)c; (void)x; (void)y; (void)w; (void)h;
}
static void t_lines(void *ctx, SDL_Color c, const SDL_Point *pts, int n, int lw)
{
    (void)ctx; (void)c; (void)pts; (void)n; (void)lw;
}
static void t_text(void *ctx, SDL_Color c, double x, double y, int up, const char *utf8, const int *pen, int n)
{
    Texts *t = ctx;
    (void)x; (void)y; (void)up; (void)pen; (void)n;
    if (t->n < 400) { snprintf(t->s[t->n], sizeof t->s[0], "%s", utf8); t->c[t->n] = c; t->n++; }
}
static void t_image(void *ctx, const uint32_t *argb, int w, int h, int stride_px, SDL_Rect dst)
{
    (void)ctx; (void)argb; (void)w; (void)h; (void)stride_px; (void)dst;
}

/* The index of the first text containing needle, or -1. */
static int texts_find(const Texts *t, const char *needle)
{
    for (int i = 0; i < t->n; i++) if (strstr(t->s[i], needle)) return i;
    return -1;
}

static Texts *draw_texts(Fixture *f, const PlotSpectrum *sp)
{
    static Texts t;
    memset(&t, 0, sizeof t);
    const DrawSink sink = { &t, t_rect, t_lines, t_text, t_image };
    PlotView v = { .t_end = T_END, .window_ms = SPAN, .n = 1000, .n_exc = 800, .panels = PLOT_PANELS_ALL,
                   .scope = f->sc, .spectrum = sp };
    plot_set_sink(f->p, &sink);
    SDL_Rect area = { 30, 30, W_PX - 60, H_PX - 60 };
    assert_int_equal(plot_draw(f->p, area, scope_hist(f->sc), &v, &PLOT_STYLE_DARK), 0);
    plot_set_sink(f->p, NULL);
    return &t;
}

static void test_readouts_say_their_span(void **state)
{
    Fixture *f = *state;
    RhythmResult res;
    static double density[RHYTHM_FMAX + RHYTHM_SMOOTH + 1];
    int64_t from;
    scope_spectrum(f->sc, 2000, &res, density, &from);
    /* the span, in seconds, where the readouts are; the frequency first */
    PlotSpectrum sp = { density, &res, "last 2 s, L", 1000, 3000 };
    Texts *t = draw_texts(f, &sp);
    assert_true(texts_find(t, "spectrum of 1.0\xe2\x80\x93" "3.0 s (last 2 s, L)") >= 0);
    int g = texts_find(t, "40.0 Hz");
    assert_true(g >= 0);
    assert_string_equal(t->s[g + 1], "\xce\xb3 gamma");      /* the band after the frequency */
    /* the σE change at 2.5 s lies inside 1 ... 3 s: said, and the values in the marker colour */
    int m = texts_find(t, "\xcf\x83" "E 5 \xe2\x86\x92 7.5 at 2.5 s");
    assert_true(m >= 0 && strncmp(t->s[m], "mixes", 5) == 0);
    assert_true(t->c[g].r == PLOT_STYLE_DARK.marker.r && t->c[g].g == PLOT_STYLE_DARK.marker.g);
    /* the spectrogram's newest 125 ms: said why they are empty */
    assert_true(texts_find(t, "125 ms") >= 0);
    assert_true(texts_find(t, "past the end") >= 0);
    /* a 40 Hz rate of 20 + 15 cos: strength 75 %, nothing to explain */
    assert_true(res.band[4].strength < 1.0);
    assert_int_equal(texts_find(t, "100 %"), -1);
    /* a span after the change: no mixing said, values in the text colour */
    sp.from_ms = 2600;
    t = draw_texts(f, &sp);
    assert_int_equal(texts_find(t, "mixes"), -1);
    g = texts_find(t, "40.0 Hz");
    assert_true(t->c[g].r == PLOT_STYLE_DARK.fg.r && t->c[g].g == PLOT_STYLE_DARK.fg.g);
    /* a strength above 100 % is explained where it is shown */
    res.band[4].strength = 1.53;
    t = draw_texts(f, &sp);
    assert_true(texts_find(t, "strength 153%") >= 0);
    assert_true(texts_find(t, "> 100 %") >= 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spectrogram_lights_40_hz),
        cmocka_unit_test(test_rate_strip_follows_the_rate),
        cmocka_unit_test(test_marker_at_its_time),
        cmocka_unit_test(test_no_panels_is_fig3),
        cmocka_unit_test(test_readouts_say_their_span),
    };
    return cmocka_run_group_tests_name("panels", tests, setup, teardown);
}
