/*
 * mappanel.h - draws the window's map panel (map.h): the noise-e x
 * noise-i grid, each cell coloured by its dominant rhythm's frequency as
 * the sweep figure colours it (sweepfig_color, viridis; grey: no clear
 * peak) and dimmed toward the background as that rhythm is weaker
 * (brightness = 0.35 + 0.65 strength / the strongest cell's), its band's
 * letter where the cell holds it; a cell not computed yet shows its
 * nearest computed neighbour's colour (map_nearest). Over it the live
 * point (crosshair) and the session's trail of noise changes. Main thread.
 */
#ifndef IZHI_MAPPANEL_H
#define IZHI_MAPPANEL_H

#include <SDL.h>

#include "map.h"
#include "plot.h"

/* The narrowest column the panel is drawn in (else it is dropped). */
#define MAPPANEL_MIN_W 150

/* What the panel draws beside the map. */
typedef struct MapPanelView {
    double sigma_e, sigma_i;            /* the live point */
    const double *trail;                /* trail_n points (sigma_e, sigma_i), oldest first */
    int trail_n;
    const char *source;                 /* "computed, seed 2003" or the --map file's name */
} MapPanelView;

/* What a draw put where (w = 0: not drawn, no room). */
typedef struct MapPanelDrawn {
    SDL_Rect cells;                     /* the grid (for mappanel_cell_at) */
    SDL_Rect bar;                       /* the colour bar: its left column lo_hz, its right hi_hz */
    double lo_hz, hi_hz;                /* the colours' range: the computed cells' rhythms */
} MapPanelDrawn;

/* Draws the panel in P; *out: where. 0, or -1 (SDL failed). */
int mappanel_draw(Map *m, Plot *p, SDL_Renderer *ren, SDL_Rect P, const PlotStyle *st, const MapPanelView *v,
                  MapPanelDrawn *out);
/* The cell (i0, i1) under pixel (x, y) of the grid drawn in cells: 0, or
 * -1 outside. */
int mappanel_cell_at(const Map *m, SDL_Rect cells, int x, int y, int *i0, int *i1);
/* A cell's numbers as the hover shows them: "σE 7.5, σI 5: E 8.21 Hz, I
 * 12.30 Hz; alpha 9.0 Hz, strength 41%" (or "not computed yet"). */
void mappanel_cell_text(const Map *m, int i0, int i1, char *out, size_t len);

#endif
