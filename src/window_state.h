/*
 * window_state.h - the live window's own state, shared by the files it is
 * carved into (private to src/; window.h is the interface):
 *   window.c         open, the frame (events, drain, update, draw, present), close
 *   window_input.c   keys, the mouse and the control bar's asks, and the commands they run
 *   window_draw.c    the picture of a frame, hover readouts, the text's scale
 *   window_save.c    S and F: the screen's PNG and the figure, named and tagged
 *   window_video.c   offscreen drawing (the seam for --video) and O's recording
 * The analysis panel's re-simulated chi is anasync.c's, the view's
 * arithmetic view.c's, the status line status.c's: they take values, not
 * the Window. Main (render) thread only.
 */
#ifndef IZHI_WINDOW_STATE_H
#define IZHI_WINDOW_STATE_H

#include <stdint.h>

#include <SDL.h>

#include "anapanel.h"
#include "anasync.h"
#include "bar.h"
#include "cli.h"
#include "frame.h"
#include "framestats.h"
#include "map.h"
#include "mappanel.h"
#include "neuroncard.h"
#include "plot.h"
#include "replay.h"
#include "rhythm.h"
#include "run.h"
#include "schedule.h"
#include "scope.h"
#include "sim.h"
#include "ui.h"
#include "uiscale.h"
#include "view.h"
#include "window.h"

#define WIN_W UISCALE_W                  /* the starting size, and the size of scale 1 */
#define WIN_H UISCALE_H
#define WIN_MIN_W 480                   /* the program keeps the window at least this big */
#define WIN_MIN_H 320
#define WIN_FONT_PX UISCALE_FONT_PX     /* the text at scale 1 */
#define FRAME_NS 16666667LL             /* 60 fps when the renderer has no vsync */
#define RING_WORDS (1u << 22)           /* 16 MiB: > 1 s of the fastest Fig. 3 run */
#define DRAIN_MAX_WORDS (1u << 21)      /* per frame, so a frame stays short */
#define RATE_MS 1000                    /* the status line's rates: the last second */
#define MESSAGE_NS 6000000000LL         /* a message stays 6 s */
#define ANALYSIS_NS 250000000LL         /* the spectrum is redrawn 4 times a second */
#define SPECTRUM_S_DEFAULT 8            /* the spectrum's length, s: 2, 4, 8 or 16 */
#define SPECTRUM_S_MAX 16
#define DRAG_PX 4                       /* a press that moves less is a click */
#define MAP_PANEL_BIT 0x100             /* the map in draw()'s order of panels dropped */
#define ANA_PANEL_BIT 0x200             /* the analysis panel, likewise */
#define MAP_TRAIL 256                   /* the map's trail: the newest noise changes drawn */
#define CARD_DELAY_MS UI_TIP_DELAY_MS   /* a neuron's card after resting on it: the tooltips' delay */


/* The spectrum of the last seconds and its readouts. */
typedef struct Analysis {
    RhythmResult result;
    double density[RHYTHM_FMAX + RHYTHM_SMOOTH + 1];
    int64_t from, to;           /* the span analysed */
    int seconds;                /* its asked length */
    int64_t done_ns;
} Analysis;

struct Window {
    const Config *cfg;
    SDL_Window *win;
    SDL_Renderer *ren;
    Plot *plot;
    const char *font;                   /* its file */
    int font_px, dot;                   /* the scale it was made for (see rescale) */
    double px_x, px_y;                  /* drawable pixels per window point (high DPI) */
    int asked_w, asked_h;               /* the last size too small that we resized away from */
    int capped;                         /* drawing in the renderer's largest size, said (cap_size) */
    int help_page, help_pages;          /* the help's page shown (0 ...) of how many */
    Sim *sim;
    Schedule sched;                     /* --schedule, until the Sim takes it over */
    Replay replay;                      /* --replay: the file shown instead of a network */
    int replaying;
    SimControls *ctl;
    const SimStatus *st;
    int started;                        /* the simulation thread runs */
    Scope *scope;
    RunRunaway runaway;                 /* the Euler runaway watch, fed as the Scope (run.h) */
    int32_t *spikes;                    /* one step's spikes, n words */
    Frame frame;
    Analysis an;
    unsigned panels;                    /* PLOT_PANEL_* shown */
    unsigned left_out;                  /* of those, the map and the analysis panel: left out for room (said) */
    View view;                          /* the span shown (view.h) */
    int dragging, drag_x0, drag_moved;  /* a left-button drag pans the view */
    ViewRows rows;                      /* the neuron axis's zoom (view.h) */
    int rows_drag, rows_drag_y0;        /* a drag of the neuron numbers pans it */
    ViewRows rows_drag_from;            /* the rows when that drag began */
    int card_neuron;                    /* the neuron hovered (-1: none), since card_since (SDL ticks) */
    Uint32 card_since;
    NeuronCard card;
    char card_text[512];                /* the card as drawn ("" none) */
    char hover_tip[1024];               /* the raster's tooltip as drawn, card included (the test hook) */
    int stim_pick;                      /* 1 + the row a Shift+drag over the raster began on; 0: none */
    unsigned shift;                     /* Shift held as of the event being handled (1 left, 2 right), as ctrl */
    unsigned ctrl;                  /* Ctrl held as of the event being handled (1 left, 2 right):
                                       SDL's own state is the newest, not the queued event's */
    int64_t drag_t0;                    /* the view's right edge when the drag began */
    int help;                           /* the help overlay is shown */
    Map *map;                           /* the map panel's (A; --map): made when first shown */
    int map_shown;
    MapPanelDrawn map_drawn;            /* where its grid and colour bar were drawn (w = 0: not) */
    char map_source[160];               /* computed (the seed) or --map's file */
    char map_hover[256];                /* the cell under the pointer, as the tip says it ("" none) */
    double trail[2 * (MAP_TRAIL + 1)];  /* (sigma_e, sigma_i) of the session, oldest first */
    AnaPanel *ana;                      /* the analysis panel's (D): made when first shown */
    int ana_shown;
    int64_t ana_ns;                     /* when it was last computed (0: at the next frame) */
    SDL_Rect ana_at;                    /* where it was drawn (w = 0: not) */
    AnaSync sync;                       /* its chi and locking, re-simulated (anasync.h) */
    Ui ui;                              /* the mouse's controls */
    int bar_shown;                      /* the control bar (B) */
    SDL_Rect bar_rect;                  /* where it was drawn (w = 0: not) */
    BarAsk bar_ask;                     /* what it was asked as drawn, done after the drawing (win_bar_act) */
    char bar_text[1024];                /* its buttons' labels as last drawn, '|' between (S's metadata) */
    int rec_told;                       /* a failed recording was reported */
    int save_screen, save_figure;       /* presses of S / F this frame, done after drawing */
    uint64_t seed_asked;                /* the last seed asked for (R repeats it) */
    char trace_label[64];               /* the one trace's label (a replay's, the export's) */
    int trace_what;                     /* the trace strip shows HIST_V, HIST_U or HIST_I (U) */
    char message[8192];
    int message_bad;
    int64_t message_ns;
    Frames frames;
    int64_t start_ns, deadline_ns, last_present_ns;
    /* drawing offscreen (window_offscreen_draw): no display, no pointer,
     * no message; the status line's fps is the video's */
    int offscreen;
    double offscreen_fps;
    unsigned restarts_seen;             /* restart records drained (a video ends at one) */
    struct WindowVideo *video;          /* O: the view recorded to a video (window_video_*) */
    int64_t frame_ns;                   /* FRAME_NS, or the test hook's pace (testhook_fps) */
};

/* window_input.c */
/* The events queued since the last frame: 0 when the user quit. */
int win_handle_events(Window *w);
/* What the control bar was asked while drawn, done as a key's command. */
void win_bar_act(Window *w);
/* The one traced neuron (its label too). */
void win_set_trace(Window *w, int neuron);

/* window_draw.c */
/* Shows a message in the window for a while and prints it (stderr when bad). */
void win_say(Window *w, int bad, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The spectrum of the last an.seconds, a few times a second (now: at once). */
void win_analysis_update(Window *w, int now);
/* The analysis panel's measures of the span shown, likewise. */
void win_analysis_panel_update(Window *w, int now);
/* The whole window from w->frame: 0, or -1 (SDL's error). */
int win_draw(Window *w);
/* The traced neurons as "3 17 512", sep between. */
void win_traced_text(const Frame *f, char *out, size_t len, const char *sep);
/* What the history holds, for the view's arithmetic (view.h). */
ViewKept win_view_kept(const Window *w);
/* A replay shown to its end. */
int win_replay_at_end(const Window *w);
/* Whether (x, y) is over the raster's neuron numbers. */
int win_over_neuron_axis(const Window *w, int x, int y);
/* The text's scale for a drawable of width x height (a new Plot when its
 * font size changes). */
void win_rescale(Window *w, int width, int height);

/* window_save.c */
/* Opens a save's file, named by what the frame shows (savename.h) and the
 * time t it is of (S: the simulated time; F: the span shown's end). */
int win_open_unique(Window *w, struct OutFile *f, const char *prefix, int64_t t, const char *ending, char *err,
                    size_t errlen);
/* S (presses of it this frame): the window as a PNG with the run's text. */
void win_save_screen(Window *w, int presses);
/* F: the figure (--figure) of the span shown. */
void win_save_figure(Window *w, int presses);

/* window_video.c */
/* O: starts recording the view, or stops and completes the recording. */
void win_video_toggle(Window *w);
/* Draws and adds the instants the simulation has passed since the last frame. */
void win_video_catch_up(Window *w);
/* Completes the recording (why: said after it; NULL says nothing). */
void win_video_stop(Window *w, const char *why);

#endif
