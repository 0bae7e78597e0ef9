/*
 * plot_panels.h - the optional panels of the live window and the "rhythm"
 * figure, as bits. Apart from plot.h, and without SDL, because the key
 * table (keys.c, part of the lean izhiscope's option parser) names them.
 */
#ifndef IZHI_PLOT_PANELS_H
#define IZHI_PLOT_PANELS_H

enum {
    PLOT_PANEL_RATE = 1,          /* population rate strip under the raster */
    PLOT_PANEL_SPECTROGRAM = 2,   /* spectrogram strip on the time axis */
    PLOT_PANEL_SPECTRUM = 4,      /* Welch spectrum beside the raster */
    PLOT_PANEL_MARKERS = 8,       /* event markers on the time axis */
    PLOT_PANELS_ALL = 15
};

#endif
