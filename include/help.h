/*
 * help.h - the window's help overlay: the key table (keys.h), walked, in
 * as many columns as fit and in pages (H turns them) when even that is too
 * little; a description wider than its column is wrapped at spaces onto
 * the lines below.
 */
#ifndef IZHI_HELP_H
#define IZHI_HELP_H

#include <SDL.h>

#include "plot.h"

/* Draws the overlay centred in area. *page is the page shown (0 ...; kept
 * below *pages), *pages is set to how many the area needs (1 when there is
 * no room at all: nothing is drawn). */
void help_draw(Plot *p, SDL_Renderer *ren, SDL_Rect area, const PlotStyle *style, int *page, int *pages);

#endif
