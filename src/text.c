/*
 * text.c - a glyph atlas and text drawing (see text.h).
 */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL_ttf.h>

#include "draw.h"

/* Symbols beyond ASCII the program writes, ascending (binary-searched).
 * test_plot walks every string literal of src/ and include/ and fails
 * when one holds a character missing here (issue 17: "Hz?/Hz"). */
static const uint32_t EXTRA_CPS[] = {
    0x00B0, 0x00B1, 0x00B2, 0x00B5, 0x00B7, 0x00D7, 0x00F7, 0x0394,
    0x03B1, 0x03B2, 0x03B3, 0x03B4, 0x03B8, 0x03BC, 0x03C3,
    0x2013, 0x2014, 0x2026,
    0x2080, 0x2081, 0x2082, 0x2083, 0x2084, 0x2085, 0x2086, 0x2087, 0x2088, 0x2089,
    0x2190, 0x2191, 0x2192, 0x2193, 0x2212, 0x2264, 0x2265,
};
#define N_ASCII 95   /* 32..126 */
#define N_EXTRA ((int)(sizeof EXTRA_CPS / sizeof EXTRA_CPS[0]))
#define N_GLYPHS (N_ASCII + N_EXTRA)
#define ATLAS_W 1024

typedef struct Glyph {
    SDL_Rect src;   /* in the atlas; w == 0 for a glyph with no pixels */
    int xoff;       /* where the bitmap starts relative to the pen */
    int adv;        /* pen advance */
} Glyph;

struct Text {
    SDL_Renderer *r;
    const DrawSink *sink;      /* vector output instead of r, when set */
    TTF_Font *font;
    SDL_Texture *atlas;        /* white glyphs, tinted with colour mod */
    Glyph glyphs[N_GLYPHS];    /* ASCII first, then EXTRA_CPS order */
    int font_h, ascent, line_h, digit_h;
};

static void set_err(char *err, size_t errlen, const char *what, const char *why)
{
    if (err && errlen) snprintf(err, errlen, "%s: %s", what, why);
}

/* ---- text ------------------------------------------------------------- */

static uint32_t glyph_cp(int k)
{
    return k < N_ASCII ? (uint32_t)(32 + k) : EXTRA_CPS[k - N_ASCII];
}

static const Glyph *glyph_find(const Text *p, uint32_t cp)
{
    if (cp >= 32 && cp <= 126) return &p->glyphs[cp - 32];
    int lo = 0, hi = N_EXTRA - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (EXTRA_CPS[mid] == cp) return &p->glyphs[N_ASCII + mid];
        if (EXTRA_CPS[mid] < cp) lo = mid + 1; else hi = mid - 1;
    }
    return &p->glyphs['?' - 32];
}

int text_has_glyph(uint32_t cp)
{
    if (cp >= 32 && cp <= 126) return 1;
    for (int k = 0; k < N_EXTRA; k++)
        if (EXTRA_CPS[k] == cp) return 1;
    return 0;
}

/* Decodes one UTF-8 sequence and advances *s; malformed bytes give U+FFFD
 * (drawn as '?') and never read past a NUL. */
static uint32_t utf8_next(const char **s)
{
    const unsigned char *u = (const unsigned char *)*s;
    uint32_t c = u[0];
    int len;
    if (c < 0x80) { *s += 1; return c; }
    if ((c & 0xE0) == 0xC0) { len = 2; c &= 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; c &= 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; c &= 0x07; }
    else { *s += 1; return 0xFFFD; }
    for (int k = 1; k < len; k++) {
        if ((u[k] & 0xC0) != 0x80) { *s += k; return 0xFFFD; }
        c = (c << 6) | (u[k] & 0x3Fu);
    }
    *s += len;
    return c;
}

int text_width(const Text *p, const char *utf8)
{
    int w = 0;
    for (const char *q = utf8; *q;) w += glyph_find(p, utf8_next(&q))->adv;
    return w;
}

int text_line_height(const Text *p) { return p->line_h; }

void text_set_sink(Text *p, const DrawSink *sink) { p->sink = sink; }

/* To a sink: the text as characters (unknown ones as '?', as drawn) with
 * the pen positions of the atlas's advances, in runs of at most RUN. */
static int text_to_sink(Text *p, int x, int y, const char *utf8, SDL_Color c)
{
    enum { RUN = 128 };
    char buf[4 * RUN + 1];
    int pen[RUN], n = 0, pos = x;
    size_t o = 0;
    for (const char *q = utf8; *q;) {
        const char *start = q;
        const uint32_t cp = utf8_next(&q);
        const Glyph *g = glyph_find(p, cp);
        if (g == &p->glyphs['?' - 32] && cp != '?') {
            buf[o++] = '?';
        } else {
            memcpy(buf + o, start, (size_t)(q - start));
            o += (size_t)(q - start);
        }
        pen[n++] = pos;
        pos += g->adv;
        if (n == RUN || !*q) {
            buf[o] = '\0';
            p->sink->text(p->sink->ctx, c, x, y + p->ascent, 0, buf, pen, n);
            n = 0;
            o = 0;
        }
    }
    return pos - x;
}

int text_draw(Text *p, int x, int y, const char *utf8, SDL_Color c)
{
    if (p->sink) return text_to_sink(p, x, y, utf8, c);
    int bad = SDL_SetTextureColorMod(p->atlas, c.r, c.g, c.b) < 0;
    bad |= SDL_SetTextureAlphaMod(p->atlas, c.a) < 0;
    int pen = x;
    for (const char *q = utf8; *q;) {
        const Glyph *g = glyph_find(p, utf8_next(&q));
        if (g->src.w > 0) {
            SDL_Rect dst = {pen + g->xoff, y, g->src.w, g->src.h};
            bad |= SDL_RenderCopy(p->r, p->atlas, &g->src, &dst) < 0;
        }
        pen += g->adv;
    }
    return bad ? -1 : pen - x;
}

int text_font_height(const Text *p) { return p->font_h; }
int text_ascent(const Text *p) { return p->ascent; }
int text_digit_height(const Text *p) { return p->digit_h; }

Text *text_create(SDL_Renderer *r, const char *font_path, int font_px, char *err, size_t errlen)
{
    static const SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *gs[N_GLYPHS] = {0};
    SDL_Surface *atlas = NULL;
    Text *p = NULL;

    if (!r || !font_path || font_px < 4 || font_px > 400) {
        set_err(err, errlen, "text_create", "invalid argument");
        return NULL;
    }
    p = calloc(1, sizeof *p);
    if (!p) { set_err(err, errlen, "text_create", "out of memory"); return NULL; }
    p->r = r;
    p->font = TTF_OpenFont(font_path, font_px);
    if (!p->font) { set_err(err, errlen, font_path, TTF_GetError()); goto fail; }
    p->font_h = TTF_FontHeight(p->font);
    p->ascent = TTF_FontAscent(p->font);
    p->line_h = TTF_FontLineSkip(p->font);

    /* Render every glyph once and shelf-pack them into one atlas. SDL_ttf
     * renders a glyph as a one-character string: font_h tall, baseline at
     * the ascent, the bitmap starting at min(0, minx) from the pen. */
    int x = 0, y = 0, shelf = 0;
    for (int k = 0; k < N_GLYPHS; k++) {
        uint32_t cp = glyph_cp(k);
        int minx, maxx, miny, maxy, adv;
        Glyph *g = &p->glyphs[k];
        if (!TTF_GlyphIsProvided32(p->font, cp) ||
            TTF_GlyphMetrics32(p->font, cp, &minx, &maxx, &miny, &maxy, &adv) < 0) {
            g->adv = -1;                /* missing: becomes '?' below */
            continue;
        }
        if (cp == '0') p->digit_h = maxy;
        g->adv = adv;
        g->xoff = minx < 0 ? minx : 0;
        if (cp == ' ') continue;        /* nothing to draw */
        gs[k] = TTF_RenderGlyph32_Blended(p->font, cp, white);
        if (!gs[k]) { set_err(err, errlen, "rendering a glyph", TTF_GetError()); goto fail; }
        if (x + gs[k]->w > ATLAS_W) { x = 0; y += shelf + 1; shelf = 0; }
        g->src = (SDL_Rect){x, y, gs[k]->w, gs[k]->h};
        x += gs[k]->w + 1;
        if (gs[k]->h > shelf) shelf = gs[k]->h;
    }
    if (p->glyphs['?' - 32].adv < 0) {
        set_err(err, errlen, font_path, "the font has no '?' glyph");
        goto fail;
    }
    for (int k = 0; k < N_GLYPHS; k++)
        if (p->glyphs[k].adv < 0) p->glyphs[k] = p->glyphs['?' - 32];
    atlas = SDL_CreateRGBSurfaceWithFormat(0, ATLAS_W, y + shelf, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!atlas) { set_err(err, errlen, "glyph atlas", SDL_GetError()); goto fail; }
    for (int k = 0; k < N_GLYPHS; k++) {
        if (!gs[k]) continue;
        SDL_Rect dst = p->glyphs[k].src;
        /* Copy alpha as is instead of blending onto the empty atlas. */
        if (SDL_SetSurfaceBlendMode(gs[k], SDL_BLENDMODE_NONE) < 0 ||
            SDL_BlitSurface(gs[k], NULL, atlas, &dst) < 0) {
            set_err(err, errlen, "glyph atlas", SDL_GetError());
            goto fail;
        }
    }
    p->atlas = SDL_CreateTextureFromSurface(r, atlas);
    if (!p->atlas || SDL_SetTextureBlendMode(p->atlas, SDL_BLENDMODE_BLEND) < 0) {
        set_err(err, errlen, "glyph atlas texture", SDL_GetError());
        goto fail;
    }

    SDL_FreeSurface(atlas);
    for (int k = 0; k < N_GLYPHS; k++) SDL_FreeSurface(gs[k]);
    return p;

fail:
    SDL_FreeSurface(atlas);
    for (int k = 0; k < N_GLYPHS; k++) SDL_FreeSurface(gs[k]);
    text_destroy(p);
    return NULL;
}

void text_destroy(Text *p)
{
    if (!p) return;
    if (p->atlas) SDL_DestroyTexture(p->atlas);
    if (p->font) TTF_CloseFont(p->font);
    free(p);
}

SDL_Texture *text_texture_up(Text *p, const char *utf8, int *w, int *h)
{
    static const SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *s0 = TTF_RenderUTF8_Blended(p->font, utf8, white);
    if (!s0) { SDL_SetError("rendering '%s': %s", utf8, TTF_GetError()); return NULL; }
    SDL_Surface *s = SDL_ConvertSurfaceFormat(s0, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(s0);
    if (!s) return NULL;
    /* turned here, pixel by pixel: a renderer's own rotation (the software
     * one's, under Xvfb) dropped strokes of the small window's title
     * (issue 17); the text's top becomes the left edge */
    SDL_Surface *u = SDL_CreateRGBSurfaceWithFormat(0, s->h, s->w, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Texture *tex = NULL;
    if (u) {
        for (int y = 0; y < u->h; y++)
            for (int x = 0; x < u->w; x++)
                ((uint32_t *)((uint8_t *)u->pixels + (size_t)y * u->pitch))[x] =
                    ((const uint32_t *)((const uint8_t *)s->pixels + (size_t)x * s->pitch))[s->w - 1 - y];
        tex = SDL_CreateTextureFromSurface(p->r, u);
        if (tex && SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND) < 0) { SDL_DestroyTexture(tex); tex = NULL; }
        if (tex) { *w = u->w; *h = u->h; }
        SDL_FreeSurface(u);
    }
    SDL_FreeSurface(s);
    return tex;
}
