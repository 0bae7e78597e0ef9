/*
 * window_save.c - S and F in the live window (window_state.h): the window's
 * pixels as a PNG, the figure of the span shown (--figure: Fig. 3, the
 * rhythm panels, the analysis), each named by what it shows (savename.h),
 * written whole or not at all (outfile.h), tagged with the run's text.
 */
#define _POSIX_C_SOURCE 200809L
#include "window_state.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "event.h"
#include "figure.h"
#include "outfile.h"
#include "pngio.h"
#include "savename.h"


/* Opens the save's file, named by what the frame shows (savename.h) and
 * the time t it is of: the simulated time (S, a video), or the end of the
 * span shown (F: a tester's figure of 34.5 s was named t100008). */
int win_open_unique(Window *w, OutFile *f, const char *prefix, int64_t t, const char *ending, char *err,
                    size_t errlen)
{
    char what[96];
    savename_what(what, sizeof what, w->replaying ? w->cfg->replay_path : NULL, w->frame.seed);
    return savename_open(f, w->cfg->out_dir, prefix, what, t, ending, err, errlen);
}

/* The PNG text of a save: the run as the frame shows it, its rhythm
 * readouts, its events; with `live` also the status line's values. */
static void window_meta(Window *w, AppMeta *m, int window_ms, int live)
{
    const Frame *f = &w->frame;
    app_metadata(m, w->cfg, f->seed, (long long)f->t_end, f->sigma_e, f->sigma_i, f->trace_neuron, window_ms);
    if (!w->replaying) {
        char ids[64];
        win_traced_text(f, ids, sizeof ids, " ");
        app_meta_add(m, "trace_neurons", "%s", ids);
    }
    if (!w->replaying) app_meta_knobs(m, &f->knobs);
    if (live) {
        char speed[16];
        event_speed_text(f->speed_exp, speed, sizeof speed);
        app_meta_add(m, "rate_e_hz", "%.3f", f->rate_e);
        app_meta_add(m, "rate_i_hz", "%.3f", f->rate_i);
        app_meta_add(m, "paused", "%d", f->paused);
        if (f->speed_exp >= SIM_SPEED_FASTEST) app_meta_add(m, "speed", "max");
        else app_meta_add(m, "speed", "%g", ldexp(1.0, f->speed_exp));
        app_meta_add(m, "panels", "%s%s%s%s%s", w->panels & PLOT_PANEL_RATE ? "rate " : "",
                     w->panels & PLOT_PANEL_SPECTROGRAM ? "spectrogram " : "",
                     w->panels & PLOT_PANEL_SPECTRUM ? "spectrum " : "", w->panels & PLOT_PANEL_MARKERS ? "markers" : "",
                     w->ana_shown ? " analysis" : "");
        app_meta_add(m, "spectrum_s", "%d", w->an.seconds);
        app_meta_add(m, "euler_runaway", "%d", f->runaway);
        app_meta_add(m, "bar", "%s", w->bar_shown ? w->bar_text : "");
        /* what the status bar says of the recordings (REC, REC STOPPED) */
        app_meta_add(m, "recording", "%s", f->recording ? "on" : f->rec_failed ? "stopped" : "off");
    }
    app_meta_add(m, "view_from_ms", "%lld", (long long)(f->view_end - f->view_span));
    app_meta_add(m, "view_to_ms", "%lld", (long long)f->view_end);
    int nf, nt;
    view_rows_range(&w->rows, scope_n(w->scope), &nf, &nt);
    app_meta_add(m, "neuron_from", "%d", nf);     /* the neuron axis shown: [neuron_from, neuron_to) */
    app_meta_add(m, "neuron_to", "%d", nt);
    app_meta_rhythm(m, &w->an.result, (long long)w->an.from, (long long)w->an.to);
    char events[APP_META_STORE / 2];
    size_t at = (size_t)snprintf(events, sizeof events, "t_ms,event,value\n");
    for (int k = 0; k < scope_event_count(w->scope) && at < sizeof events; k++) {
        const Event *e = scope_event_at(w->scope, k);
        char v[32];
        event_value(e, v, sizeof v);
        at += (size_t)snprintf(events + at, sizeof events - at, "%" PRId64 ",%s,%s\n", e->t_ms,
                               event_name(e->kind), v);
    }
    app_meta_add(m, "events", "%s", events);
}

void win_save_screen(Window *w, int presses)
{
    int width, height;
    char err[8192];
    if (SDL_GetRendererOutputSize(w->ren, &width, &height) != 0) {
        win_say(w, 1, "cannot save the window: %s", SDL_GetError());
        return;
    }
    uint8_t *px = malloc((size_t)width * height * 4);
    if (!px) {
        win_say(w, 1, "cannot save the window: out of memory");
        return;
    }
    if (SDL_RenderReadPixels(w->ren, NULL, SDL_PIXELFORMAT_ABGR8888, px, width * 4) != 0) {
        win_say(w, 1, "cannot save the window: %s", SDL_GetError());
        free(px);
        return;
    }
    /* ABGR8888 is R, G, B, A in memory on little-endian machines */
    if (SDL_BYTEORDER == SDL_BIG_ENDIAN)
        for (size_t i = 0; i < (size_t)width * height; i++) {
            uint8_t *p = px + 4 * i, t0 = p[0], t1 = p[1];
            p[0] = p[3]; p[1] = p[2]; p[2] = t1; p[3] = t0;
        }
    for (size_t i = 0; i < (size_t)width * height; i++) px[4 * i + 3] = 255;
    OutFile f;
    if (win_open_unique(w, &f, "izhiscope-screen", w->frame.t_end, ".png", err, sizeof err) != 0) {
        win_say(w, 1, "cannot save the window: %s", err);
        free(px);
        return;
    }
    static AppMeta meta;
    window_meta(w, &meta, w->frame.view_span, 1);
    char path[4096];
    snprintf(path, sizeof path, "%s", f.path);
    if (pngio_write(f.fp, px, width, height, width * 4, meta.keys, meta.values, meta.n, err, sizeof err) != 0) {
        outfile_abort(&f);
        win_say(w, 1, "cannot save the window: %s: %s", path, err);
    } else if (outfile_commit(&f, err, sizeof err) != 0) {
        win_say(w, 1, "cannot save the window: %s", err);
    } else {
        win_say(w, 0, presses > 1 ? "saved %s (%d presses of S in one frame: one save)" : "saved %s", path, presses);
    }
    free(px);
}

/* F with --figure analysis: the analysis panel's measures of the span
 * shown (the spikes' alone, as the panel: anapanel.h), computed now. */
static int save_analysis_figure(Window *w, FILE *fp, int format, AppMeta *meta, char *err, size_t errlen)
{
    if (!w->ana && !(w->ana = anapanel_create(scope_n(w->scope), scope_ne(w->scope)))) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    const int64_t to = w->frame.view_end;
    if (anapanel_compute(w->ana, w->scope, to - w->frame.view_span, to) != 0) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int64_t from, end;
    const struct AnalysisResult *r = anapanel_result(w->ana, &from, &end);
    app_meta_add(meta, "figure", "analysis");
    app_meta_add(meta, "analysis_from_ms", "%lld", (long long)from);
    app_meta_add(meta, "analysis_to_ms", "%lld", (long long)end);
    return figure_export_analysis(fp, format, r, from, end, FIGURE_DEFAULT_W, FIGURE_DEFAULT_H, app_font_path(),
                                  meta->keys, meta->values, meta->n, err, errlen);
}

/* F: the figure (--figure: Fig. 3, or with the rhythm panels) of the
 * span the window shows. */
void win_save_figure(Window *w, int presses)
{
    char err[8192];
    const int span = w->frame.view_span;
    OutFile f;
    const int format = cli_window_figure_format(w->cfg);
    /* named by its layout: izhiscope-fig3-... or izhiscope-rhythm-... */
    const char *prefix = w->cfg->figure_rhythm == FIGURE_RHYTHM     ? "izhiscope-rhythm"
                         : w->cfg->figure_rhythm == FIGURE_ANALYSIS ? "izhiscope-analysis"
                                                                    : "izhiscope-fig3";
    if (win_open_unique(w, &f, prefix, w->frame.view_end, cli_format_ending(format), err, sizeof err) != 0) {
        win_say(w, 1, "cannot export the figure: %s", err);
        return;
    }
    static AppMeta meta;
    window_meta(w, &meta, span, 0);
    char title[64];
    snprintf(title, sizeof title, "last %d s, L", w->an.seconds);
    const PlotSpectrum spectrum = { w->an.density, &w->an.result, title, w->an.from, w->an.to };
    PlotView view = {
        .t_end = w->frame.view_end,
        .window_ms = span,
        .n = scope_n(w->scope),
        .n_exc = scope_ne(w->scope),
        .trace_neuron = w->frame.trace_neuron,
        .trace_label = w->trace_label,
        .neuron_from = w->rows.from,
        .neuron_to = w->rows.to,
        .n_traced = w->replaying ? 0 : w->frame.n_traced,
        .trace_what = w->trace_what,
    };
    memcpy(view.traced, w->frame.traced, sizeof view.traced);
    if (w->cfg->figure_rhythm == FIGURE_RHYTHM) {
        app_meta_add(&meta, "figure", "rhythm");
        view.panels = PLOT_PANELS_ALL;
        view.scope = w->scope;
        view.spectrum = &spectrum;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s", f.path);
    int failed;
    if (w->cfg->figure_rhythm == FIGURE_ANALYSIS) failed = save_analysis_figure(w, f.fp, format, &meta, err, sizeof err);
    else failed = figure_export(f.fp, format, scope_hist(w->scope), &view, FIGURE_DEFAULT_W, FIGURE_DEFAULT_H,
                                app_font_path(), meta.keys, meta.values, meta.n, err, sizeof err);
    if (failed != 0) {
        outfile_abort(&f);
        win_say(w, 1, "cannot export the figure: %s: %s", path, err);
    } else if (outfile_commit(&f, err, sizeof err) != 0) {
        win_say(w, 1, "cannot export the figure: %s", err);
    } else {
        win_say(w, 0, presses > 1 ? "saved %s (%d presses of F in one frame: one export)" : "saved %s", path, presses);
    }
}

