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

enum { WRAP_MAX = 8 };   /* lines a description may take (more: cut at the column's foot) */

/* Breaks text into the lines it takes in width pixels, at spaces: line k
 * is text[at[k] ... at[k] + len[k]) (a word wider than the width alone on
 * its line, cut with "…" when drawn). Returns the number of lines (1 ...
 * WRAP_MAX). */
static int wrap(Plot *p, const char *text, int width, size_t at[WRAP_MAX], size_t len[WRAP_MAX])
{
    int lines = 0;
    size_t i = 0;
    char buf[256];
    while (text[i] && lines < WRAP_MAX) {
        /* the longest run of whole words from i that fits, at least one word */
        size_t fit = 0, n = 0;
        for (;;) {
            while (text[i + n] && text[i + n] != ' ') n++;
            snprintf(buf, sizeof buf, "%.*s", (int)(n < sizeof buf - 1 ? n : sizeof buf - 1), text + i);
            if (fit && plot_text_width(p, buf) > width) break;
            fit = n;
            if (!text[i + n] || plot_text_width(p, buf) > width) break;
            n++;
        }
        at[lines] = i;
        len[lines++] = fit;
        i += fit;
        while (text[i] == ' ') i++;
    }
    if (!lines) { at[0] = len[0] = 0; lines = 1; }
    return lines;
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
    if (colw > room_w) colw = room_w;                    /* the descriptions are wrapped to fit */
    if (colw < 4 * em || room_h < lh) { *pages = 1; return; }   /* no room at all */
    const int per_col = room_h / lh;
    const int kcol = kw < colw / 3 ? kw : colw / 3;      /* the keys' column */
    const int dcol = colw - kcol - em;                   /* the descriptions' */
    int most_cols = (room_w + 2 * em) / (colw + 2 * em);
    if (most_cols < 1) most_cols = 1;
    /* each key's place: its description's lines fill a column downwards,
     * most_cols columns a page (a tester saw lines cut with "…" while
     * pages were spare: they are wrapped now) */
    int pg[KEYS_COUNT], col[KEYS_COUNT], row[KEYS_COUNT], nl[KEYS_COUNT];
    size_t at[KEYS_COUNT][WRAP_MAX], len[KEYS_COUNT][WRAP_MAX];
    int cpage = 0, ccol = 0, crow = 0;
    for (int i = 0; i < KEYS_COUNT; i++) {
        nl[i] = wrap(p, KEYS[i].help, dcol, at[i], len[i]);
        if (nl[i] > per_col) nl[i] = per_col;            /* (cut at the column's foot) */
        if (crow > 0 && crow + nl[i] > per_col) {
            crow = 0;
            if (++ccol == most_cols) { ccol = 0; cpage++; }
        }
        pg[i] = cpage;
        col[i] = ccol;
        row[i] = crow;
        crow += nl[i];
    }
    *pages = cpage + 1;
    if (*page >= *pages) *page = *pages - 1;
    int used_cols = 0, rows = 0;
    for (int i = 0; i < KEYS_COUNT; i++)
        if (pg[i] == *page) {
            if (col[i] + 1 > used_cols) used_cols = col[i] + 1;
            if (row[i] + nl[i] > rows) rows = row[i] + nl[i];
        }
    char title[96], buf[256], line[256];
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
    for (int i = 0; i < KEYS_COUNT; i++) {
        if (pg[i] != *page) continue;
        int x = box.x + inner + col[i] * (colw + 2 * em), y = box.y + inner + (row[i] + 2) * lh;
        plot_text(p, x, y, fit_text(p, KEYS[i].keys, kcol, buf, sizeof buf), style->fg);
        for (int k = 0; k < nl[i]; k++) {
            snprintf(line, sizeof line, "%.*s", (int)len[i][k], KEYS[i].help + at[i][k]);
            plot_text(p, x + kcol + em, y + k * lh, fit_text(p, line, dcol, buf, sizeof buf), style->fg);
        }
    }
}
