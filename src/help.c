/*
 * help.c - the help overlay (see help.h).
 */
#include "help.h"

#include <stdio.h>
#include <string.h>

#include "keys.h"

/* text cut to at most width pixels, ending in "…" when cut (UTF-8 safe). */
static const char *fit_text(Plot *p, const char *text, int width, char *buf, size_t len)
{
    if (plot_text_width(p, text) <= width) return text;
    size_t n = strlen(text) < len - 4 ? strlen(text) : len - 4;
    for (;;) {
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;   /* not inside a character */
        memcpy(buf, text, n);
        memcpy(buf + n, "\xe2\x80\xa6", 4);
        if (n == 0 || plot_text_width(p, buf) <= width) return buf;
        n--;
    }
}

void help_draw(Plot *p, SDL_Renderer *ren, SDL_Rect area, const PlotStyle *style, int *page, int *pages)
{
    const int lh = plot_line_height(p), em = plot_text_width(p, "m");
    int kw = 0, dw = 0;
    for (int i = 0; i < KEYS_COUNT; i++) {
        int a = plot_text_width(p, KEYS[i].keys), b = plot_text_width(p, KEYS[i].help);
        if (a > kw) kw = a;
        if (b > dw) dw = b;
    }
    const int margin = em, inner = em;           /* around the box, inside it */
    int colw = kw + em + dw;
    const int room_w = area.w - 2 * margin - 2 * inner, room_h = area.h - 2 * margin - 2 * inner - 2 * lh;
    if (colw > room_w) colw = room_w;                    /* the texts are cut to fit */
    if (colw < 4 * em || room_h < lh) { *pages = 1; return; }   /* no room at all */
    const int per_col = room_h / lh;
    int cols = (KEYS_COUNT + per_col - 1) / per_col;
    const int most_cols = (room_w + 2 * em) / (colw + 2 * em);
    if (cols > most_cols) cols = most_cols > 0 ? most_cols : 1;
    const int per_page = cols * per_col;
    *pages = (KEYS_COUNT + per_page - 1) / per_page;
    if (*page >= *pages) *page = *pages - 1;
    const int first = *page * per_page;
    int rows = KEYS_COUNT - first < per_page ? KEYS_COUNT - first : per_page;
    if (rows > per_col) rows = per_col;
    const int used_cols = (KEYS_COUNT - first + per_col - 1) / per_col < cols ? (KEYS_COUNT - first + per_col - 1) / per_col : cols;
    char title[96], buf[256];
    if (*pages > 1)
        snprintf(title, sizeof title, "Keys (%d/%d)   H: next page   Esc closes", *page + 1, *pages);
    else
        snprintf(title, sizeof title, "Keys   Esc or H closes");
    int boxw = used_cols * colw + (used_cols - 1) * 2 * em + 2 * inner;
    int tw = plot_text_width(p, title) + 2 * inner;
    if (boxw < tw) boxw = tw < area.w - 2 * margin ? tw : area.w - 2 * margin;
    SDL_Rect box = { 0, 0, boxw, (rows + 2) * lh + 2 * inner };
    box.x = area.x + (area.w - box.w) / 2;
    box.y = area.y + (area.h - box.h) / 2;
    SDL_SetRenderDrawBlendMode(ren, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(ren, style->bg.r, style->bg.g, style->bg.b, 240);
    SDL_RenderFillRect(ren, &box);
    SDL_SetRenderDrawColor(ren, style->fg.r, style->fg.g, style->fg.b, 255);
    SDL_RenderDrawRect(ren, &box);
    plot_text(p, box.x + inner, box.y + inner, fit_text(p, title, box.w - 2 * inner, buf, sizeof buf), style->fg);
    const int kcol = kw < colw / 3 ? kw : colw / 3;      /* the keys' column */
    for (int i = first; i < KEYS_COUNT && i < first + per_page; i++) {
        int c = (i - first) / per_col, r = (i - first) % per_col;
        int x = box.x + inner + c * (colw + 2 * em), y = box.y + inner + (r + 2) * lh;
        plot_text(p, x, y, fit_text(p, KEYS[i].keys, kcol, buf, sizeof buf), style->fg);
        plot_text(p, x + kcol + em, y, fit_text(p, KEYS[i].help, colw - kcol - em, buf, sizeof buf), style->fg);
    }
}
