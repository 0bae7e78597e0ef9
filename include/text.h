/*
 * text.h - text for the figure and the window: one TrueType font rendered
 * once into a glyph atlas (ASCII 32..126 and the symbols the program
 * writes: subscript digits, α β γ δ θ σ × ÷ − µ · ± ≤ ≥ ° ² … – — arrows), drawn by
 * copying glyphs, tinted per call. Unknown characters are drawn as '?'.
 * One Text serves one renderer; main (render) thread only.
 */
#ifndef IZHI_TEXT_H
#define IZHI_TEXT_H

#include <stddef.h>

#include <SDL.h>

typedef struct Text Text;

/* Loads the font at font_px (the caller has called TTF_Init) and builds the
 * atlas on r. NULL with a message in err on failure. Destroy before r. */
Text *text_create(SDL_Renderer *r, const char *font_path, int font_px, char *err, size_t errlen);
/* Frees it; NULL is a no-op. */
void text_destroy(Text *t);

struct DrawSink;
/* Sends text_draw's text to sink (draw.h) instead of the renderer; NULL
 * goes back to the renderer. */
void text_set_sink(Text *t, const struct DrawSink *sink);
/* Draws UTF-8 text with its top-left corner at (x, y). Returns the width
 * drawn in pixels, or -1 on an SDL error. */
int text_draw(Text *t, int x, int y, const char *utf8, SDL_Color c);
/* Whether the atlas holds code point cp (else it is drawn as '?'). */
int text_has_glyph(uint32_t cp);
/* Width in pixels text_draw would draw. */
int text_width(const Text *t, const char *utf8);
/* Distance between two lines, the font's height, its ascent, and the
 * height of a digit above the baseline (for centring numbers on ticks). */
int text_line_height(const Text *t);
int text_font_height(const Text *t);
int text_ascent(const Text *t);
int text_digit_height(const Text *t);
/* The text as one white texture to tint, turned a quarter anticlockwise
 * (reading upwards: axis titles); *w, *h its size (the font's height by
 * the text's width). NULL with SDL_GetError() set on failure. The caller
 * destroys it. */
SDL_Texture *text_texture_up(Text *t, const char *utf8, int *w, int *h);

#endif
