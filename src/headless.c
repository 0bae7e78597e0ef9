/*
 * headless.c - izhiscope --headless: simulate, write the asked-for outputs
 * whole or not at all, print a summary.
 *
 * Every output is opened (as a temporary beside its target) before the
 * first step, so a bad path fails at once rather than after a long run; all
 * are moved into place only when everything succeeded. A signal (app.c)
 * removes the temporaries and exits 128 + its number.
 */
#define _POSIX_C_SOURCE 200809L
#include "app.h"
#include "clock.h"
#include "exchange.h"

#include <errno.h>
#include <math.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "analysis.h"
#include "figure.h"
#include "hist.h"
#include "net.h"
#include "outfile.h"
#include "record.h"
#include "replay.h"
#include "run.h"
#include "schedule.h"
#include "scope.h"
#include "stats.h"
#include "videorun.h"

/* The analysis measures as --stats prints them (docs/model.md "Analysis
 * measures"); NAN ones say why they are missing: whole, every neuron's v
 * and the weights were here (not a replay, one process), so it is the run's
 * numbers (a tester's 1 ms analysed, or v pinned at its cap). */
static void print_analysis(const AnalysisResult *r, int whole)
{
    if (isnan(r->chi[ANALYSIS_ALL]) && !whole)
        printf("synchrony chi: not available (needs every neuron's v: not from a replay or several processes)\n");
    else if (isnan(r->chi[ANALYSIS_ALL]))
        printf("synchrony chi: nan (over the %lld ms analysed no neuron's v varied, or too few ms)\n",
               (long long)r->steps);
    else
        printf("synchrony chi (sqrt of Golomb's variance ratio of v): excitatory %.4f, inhibitory %.4f, all %.4f\n",
               r->chi[ANALYSIS_E], r->chi[ANALYSIS_I], r->chi[ANALYSIS_ALL]);
    printf("Fano factor of the population spike count: %.3f in %d ms bins, %.3f in %d ms bins\n", r->fano[0],
           ANALYSIS_FANO_MS[0], r->fano[1], ANALYSIS_FANO_MS[1]);
    printf("ISIs: excitatory mean %.2f ms, CV %.3f (mean over %d neurons with >= 3 spikes); inhibitory mean %.2f "
           "ms, CV %.3f (over %d)\n", r->isi_mean_ms[0], r->cv_mean[0], r->cv_neurons[0], r->isi_mean_ms[1],
           r->cv_mean[1], r->cv_neurons[1]);
    if (isnan(r->peak_ei)) printf("E-I correlogram peak: nan (a population is silent, or its count never varies)\n");
    else printf("E-I correlogram peak: %+d ms (correlation %.3f; > 0: inhibitory after excitatory)\n", r->lag_ei_ms,
                r->peak_ei);
    if (!r->has_lfp) {
        if (whole) printf("LFP stand-in: not available (%lld ms analysed: it needs 2 or more)\n", (long long)r->steps);
        else printf("LFP stand-in: not available (needs the network's weights: not from a replay or several "
                    "processes)\n");
        return;
    }
    printf("LFP stand-in: mean %.2f, spectral peak %.2f Hz (1 ... 100 Hz)\n", r->lfp_mean, r->lfp_peak_hz);
    static const char *const band[2] = { "alpha 7.5-12.5 Hz", "gamma 27.5-100 Hz" };
    for (int b = 0; b < 2; b++) {
        /* a PLV of nan (no spikes of that population) has no phase to give */
        char ph[2][32];
        for (int q = 0; q < 2; q++)
            if (isnan(r->plv[b][q])) snprintf(ph[q], sizeof ph[q], "nan (no spikes)");
            else snprintf(ph[q], sizeof ph[q], "%.3f at %+.1f deg", r->plv[b][q], r->phase_deg[b][q]);
        printf("locking to the LFP's %s: excitatory PLV %s, inhibitory PLV %s\n", band[b], ph[0], ph[1]);
    }
}

/* The analysis figure's numbers as its metadata (PNG text, the PDF's
 * Subject, the SVG's comment), full precision: what the figure prints,
 * checkable against --analysis's header. */
static void meta_analysis(AppMeta *m, const AnalysisResult *r, int64_t from, int64_t to)
{
    app_meta_add(m, "analysis_from_ms", "%lld", (long long)from);
    app_meta_add(m, "analysis_to_ms", "%lld", (long long)to);
    for (int p = 0; p < 3; p++) app_meta_add(m, p == 0 ? "chi_E" : p == 1 ? "chi_I" : "chi_all", "%.17g", r->chi[p]);
    for (int p = 0; p < 2; p++) {
        app_meta_add(m, p ? "cv_mean_I" : "cv_mean_E", "%.17g", r->cv_mean[p]);
        app_meta_add(m, p ? "isi_mean_ms_I" : "isi_mean_ms_E", "%.17g", r->isi_mean_ms[p]);
    }
    app_meta_add(m, "fano_10ms", "%.17g", r->fano[0]);
    app_meta_add(m, "fano_100ms", "%.17g", r->fano[1]);
    app_meta_add(m, "lag_ei_ms", "%.0f", isnan(r->peak_ei) ? NAN : (double)r->lag_ei_ms);
    app_meta_add(m, "peak_ei", "%.17g", r->peak_ei);
    static const char *const plv[2][2] = { { "plv_alpha_E", "plv_alpha_I" }, { "plv_gamma_E", "plv_gamma_I" } };
    for (int b = 0; b < 2; b++)
        for (int p = 0; p < 2; p++) app_meta_add(m, plv[b][p], "%.17g", r->plv[b][p]);
    /* the title says what the figure is (app_metadata's names Fig. 3) */
    for (int i = 0; i < m->n - 1; i++)
        if (!strcmp(m->keys[i], "Title")) {
            app_meta_add(m, "Title", "izhiscope analysis: ISI and rate histograms, correlograms, synchrony, "
                                     "locking of %lld ... %lld ms", (long long)from, (long long)to);
            m->values[i] = m->values[--m->n];
            break;
        }
}

/* --analysis's rows (docs/model.md "File formats"). */
static void write_analysis(FILE *fp, const AnalysisResult *r, const AppMeta *meta)
{
    for (int i = 0; i < meta->n; i++) fprintf(fp, "# %s: %s\n", meta->keys[i], meta->values[i]);
    fprintf(fp, "# analysed_ms: %lld\n# skipped_ms: %d\n", (long long)r->steps, STATS_SKIP_MS);
    static const char *const pop[3] = { "E", "I", "all" };
    for (int p = 0; p < 3; p++) fprintf(fp, "# chi_%s: %.17g\n", pop[p], r->chi[p]);
    for (int f = 0; f < ANALYSIS_FANO_BINS; f++) fprintf(fp, "# fano_%dms: %.17g\n", ANALYSIS_FANO_MS[f], r->fano[f]);
    for (int p = 0; p < 2; p++)
        fprintf(fp, "# isi_count_%s: %lld\n# isi_mean_ms_%s: %.17g\n# cv_neurons_%s: %d\n# cv_mean_%s: %.17g\n",
                pop[p], (long long)r->isi_count[p], pop[p], r->isi_mean_ms[p], pop[p], r->cv_neurons[p], pop[p],
                r->cv_mean[p]);
    fprintf(fp, "# lag_ei_ms: %.0f\n# peak_ei: %.17g\n", isnan(r->peak_ei) ? NAN : (double)r->lag_ei_ms, r->peak_ei);
    fprintf(fp, "# lfp_mean: %.17g\n# lfp_peak_hz: %.17g\n", r->lfp_mean, r->lfp_peak_hz);
    static const char *const band[2] = { "alpha", "gamma" };
    for (int b = 0; b < 2; b++)
        for (int p = 0; p < 2; p++)
            fprintf(fp, "# plv_%s_%s: %.17g\n# phase_deg_%s_%s: %.17g\n", band[b], pop[p], r->plv[b][p], band[b],
                    pop[p], r->phase_deg[b][p]);
    fputs("measure,population,bin_lo,bin_hi,value\n", fp);
    for (int p = 0; p < 2; p++)
        for (int b = 0; b <= ANALYSIS_ISI_BINS; b++)
            if (b < ANALYSIS_ISI_BINS) fprintf(fp, "isi,%s,%d,%d,%.17g\n", pop[p], b, b + 1, r->isi_hist[p][b]);
            else fprintf(fp, "isi,%s,%d,inf,%.17g\n", pop[p], b, r->isi_hist[p][b]);
    for (int p = 0; p < 2; p++)
        for (int b = 0; b <= ANALYSIS_CV_BINS; b++)
            if (b < ANALYSIS_CV_BINS)
                fprintf(fp, "cv,%s,%.2f,%.2f,%.17g\n", pop[p], b * ANALYSIS_CV_WIDTH, (b + 1) * ANALYSIS_CV_WIDTH,
                        r->cv_hist[p][b]);
            else fprintf(fp, "cv,%s,%.2f,inf,%.17g\n", pop[p], b * ANALYSIS_CV_WIDTH, r->cv_hist[p][b]);
    for (int p = 0; p < 2; p++)
        for (int b = 0; b <= ANALYSIS_RATE_BINS; b++)
            if (b < ANALYSIS_RATE_BINS) fprintf(fp, "rate,%s,%d,%d,%.17g\n", pop[p], b, b + 1, r->rate_hist[p][b]);
            else fprintf(fp, "rate,%s,%d,inf,%.17g\n", pop[p], b, r->rate_hist[p][b]);
    static const char *const pair[3] = { "EE", "EI", "II" };
    for (int p = 0; p < 3; p++)
        for (int k = 0; k <= 2 * ANALYSIS_LAG; k++)
            fprintf(fp, "xcorr,%s,%g,%g,%.17g\n", pair[p], k - ANALYSIS_LAG - 0.5, k - ANALYSIS_LAG + 0.5,
                    r->xcorr[p][k]);
    for (int f = 0; f < ANALYSIS_PSD_HZ; f++) fprintf(fp, "lfp_psd,LFP,%d,%d,%.17g\n", f, f + 1, r->lfp_psd[f]);
}

static void print_stats(const Stats *st)
{
    StatsResult r;
    stats_result(st, &r);
    if (r.seconds <= 0) {
        printf("rates: run too short (the first %d ms are not analysed)\n", STATS_SKIP_MS);
        return;
    }
    printf("rates after the first %d ms (%.3f s): excitatory %.2f Hz, inhibitory %.2f Hz\n", STATS_SKIP_MS,
           r.seconds, r.rate_e, r.rate_i);
    char lines[APP_RHYTHM_TEXT];
    app_rhythm_text(&r.rhythm, lines, sizeof lines);
    fputs(lines, stdout);
}

/* --video's frame at the instant the run has reached (video.h): the noise,
 * knobs and traced neuron in force then. */
static int video_frame(VideoRun *v, const Config *cfg, const NetParams *live, const Net *net, const RunRunaway *ra)
{
    char err[8192];
    const int trace = net ? net_trace(net) : cfg->trace_neuron;
    if (videorun_frame(v, cfg->net.seed, live, trace, ra->now, err, sizeof err) == 0) return 0;
    fprintf(stderr, "izhiscope: --video %s; no output written\n", err);
    return -1;
}

int app_run_headless(Config *cfg)
{
    char err[8192];
    int code = APP_EXIT_FAIL;
    RunSource src;                        /* the network, or the replayed file */
    memset(&src, 0, sizeof src);
    Replay replay;
    memset(&replay, 0, sizeof replay);
    Scope *scope = NULL;
    Stats *stats = NULL;
    Analysis *an = NULL;
    Analysis *fan = NULL;                 /* --figure analysis: the last --window ms */
    double *lfp_w = NULL;                 /* the LFP stand-in's weights (analysis.h) */
    int64_t analysis_dropped_at = -1;     /* --stats alone: out of memory for them at this ms */
    Recorder rec;
    VideoRun *video = NULL;               /* --video (video.h) */
    OutFile png, acsv;
    memset(&rec, 0, sizeof rec);
    memset(&png, 0, sizeof png);
    memset(&acsv, 0, sizeof acsv);

    const char *font;
    if (cfg->replay_path) {
        int opened = app_open_replay(cfg, &replay);
        if (opened != APP_EXIT_OK) return opened;
    }
    /* --schedule: read (and its metadata checked) before anything is
     * written; a restart in it ends the run there, as it ends a window
     * session's recordings */
    static Schedule sched;
    memset(&sched, 0, sizeof sched);
    const int64_t follow_ms = cfg->duration_ms;       /* the other processes' (MPI): the command line's */
    if (cfg->schedule_path) {
        int opened = app_open_schedule(cfg, &sched);
        if (opened != APP_EXIT_OK) return opened;
        const int cut = sched.restart_ms >= 0 && sched.restart_ms < cfg->duration_ms;
        if (cut) {
            fprintf(stderr, "izhiscope: warning: --schedule %s: its restart at %lld ms ends the run there (a "
                            "restart ends a window session's recordings too)\n", cfg->schedule_path,
                    (long long)sched.restart_ms);
            cfg->duration_ms = sched.restart_ms;
        }
        /* (the restart that cut the run is not "not reached"; one at
         * --duration itself is, as any change there: a tester's) */
        int later = schedule_after(&sched, cfg->duration_ms) - cut;
        if (later > 0)
            fprintf(stderr, "izhiscope: warning: --schedule %s: %d change%s at or after %lld ms (--duration) "
                            "not reached\n", cfg->schedule_path, later, later == 1 ? " is" : "s are",
                    (long long)cfg->duration_ms);
    }
    int prepared = app_prepare(cfg, cfg->export_path != NULL || cfg->video_path != NULL, &font);
    if (prepared != APP_EXIT_OK) { replay_free(&replay); schedule_free(&sched); return prepared; }
    if (cfg->export_path && cfg->window_ms > cfg->duration_ms)
        fprintf(stderr, "izhiscope: warning: --window %d is longer than --duration %lld: the figure's last "
                        "%lld ms will be empty\n", cfg->window_ms, (long long)cfg->duration_ms,
                (long long)(cfg->window_ms - cfg->duration_ms));
    static AppMeta csv_meta;
    app_csv_metadata(&csv_meta, cfg);
    RecorderSpec spec = { .spikes = cfg->spikes_path, .trace = cfg->trace_csv, .rate = cfg->rate_csv,
                          .n = cfg->net.n, .ne = app_ne(cfg), .force = cfg->force, .meta_keys = csv_meta.keys,
                          /* a schedule may change the traced neuron: the trace says which, as the window's */
                          .trace_neuron_column = cfg->schedule_path != NULL,
                          .meta_values = (const char *const *)csv_meta.values, .n_meta = csv_meta.n };
    if (recorder_open(&rec, &spec, err, sizeof err) != 0 ||
        (cfg->export_path && outfile_open(&png, cfg->export_path, cfg->force, err, sizeof err) != 0) ||
        (cfg->analysis_csv && outfile_open(&acsv, cfg->analysis_csv, cfg->force, err, sizeof err) != 0)) {
        fprintf(stderr, "izhiscope: %s\n", err);
        recorder_abort(&rec);
        outfile_abort(&png);
        replay_free(&replay);
        schedule_free(&sched);
        return APP_EXIT_FAIL;
    }
    const int ne = app_ne(cfg);
    int64_t b0 = 0, b1 = 0;                   /* building the network, ns */
    if (cfg->replay_path) {
        if (run_source_replay(&src, &replay, cfg->net.n, ne, cfg->trace_neuron) != 0) {
            fprintf(stderr, "izhiscope: out of memory for the replay\n");
            goto done;
        }
    } else {
        b0 = clock_now_ns();
        RunBuild built;
        Net *net = run_net_create(&cfg->net, &built);
        b1 = clock_now_ns();
        if (!net) {
            app_say_build_failure(&cfg->net, &built);
            goto done;
        }
        net_set_trace(net, cfg->trace_neuron);
        run_source_net(&src, net, ne);
    }
    Net *const net = src.net;
    if ((cfg->export_path || cfg->video_path) && !(scope = scope_create(cfg->net.n, ne, cfg->window_ms))) {
        fprintf(stderr, "izhiscope: out of memory for the figure history\n");
        goto done;
    }
    if (scope) scope_restart(scope, cfg->net.seed, 0);
    if (cfg->video_path && !(video = videorun_open(cfg, scope, font, replay.format, err, sizeof err))) {
        fprintf(stderr, "izhiscope: --video %s\n", err);
        goto done;
    }
    /* the rhythm figure's spectrum is --stats's */
    const int need_stats = cfg->stats || (cfg->export_path && cfg->figure_rhythm == FIGURE_RHYTHM);
    if (need_stats && !(stats = stats_create(cfg->net.n, ne, STATS_SKIP_MS))) {
        fprintf(stderr, "izhiscope: out of memory for the statistics\n");
        goto done;
    }
    /* the analysis measures: every neuron's v and the weights are this
     * process's alone when several share the network (MPI): then none */
    const int whole = net && xc_size() == 1;
    const int fig_analysis = cfg->export_path && cfg->figure_rhythm == FIGURE_ANALYSIS;
    if (cfg->stats || cfg->analysis_csv || fig_analysis) {
        if (cfg->stats || cfg->analysis_csv) an = analysis_create(cfg->net.n, ne, STATS_SKIP_MS);
        /* the figure's span: the last --window ms (the figure's other layouts' too) */
        if (fig_analysis)
            fan = analysis_create(cfg->net.n, ne, cfg->duration_ms > cfg->window_ms ? cfg->duration_ms - cfg->window_ms : 0);
        if (whole && (lfp_w = malloc((size_t)cfg->net.n * sizeof *lfp_w))) analysis_lfp_weights(net, lfp_w);
        if ((!an && (cfg->stats || cfg->analysis_csv)) || (fig_analysis && !fan) || (whole && !lfp_w)) {
            fprintf(stderr, "izhiscope: out of memory for the analysis measures\n");
            goto done;
        }
    }

    int64_t total_e = 0, total_i = 0;
    /* the last second's spikes, for the Euler scheme's runaway (net.h); a
     * replay's spikes are not this scheme's */
    static RunRunaway runaway;
    run_runaway_reset(&runaway, cfg->net.scheme, cfg->net.n);
    const RunFanout out = { .rec = &rec, .scope = scope, .stats = stats, .runaway = net ? &runaway : NULL };
    NetParams live = cfg->net;                /* the noise and knobs in force (a schedule's changes) */
    const int64_t t0 = clock_now_ns();
    if (video && videorun_next(video) == 0 && video_frame(video, cfg, &live, net, &runaway) != 0) goto done;
    for (int64_t t = 0; t < cfg->duration_ms; t++) {
        Step st;
        /* the schedule's changes at t + 1 go with step t, as a window's
         * live ones (and every process's, MPI), applied after it */
        int sent = 0;
        if (sched.n && net && t + 1 < cfg->duration_ms) {       /* (a restart at the end: not built) */
            RunControls post = { 0 };
            sent = schedule_post(&sched, t + 1, &post, &live, NULL, NULL);
            if (post.flags) run_controls_send(&post);
        }
        run_source_step(&src, &st);
        total_e += st.count_e;
        total_i += st.count - st.count_e;
        if (run_fanout(&out, &st) != 0) {
            int64_t good;
            recorder_failure(&rec, err, sizeof err, &good);
            /* the other processes stop after the next step, as this one */
            if (net && t + 1 < cfg->duration_ms) run_controls_now(net, &(const RunControls){ .flags = RUN_CTL_STOP });
            fprintf(stderr, "izhiscope: cannot write %s at %" PRId64 " ms; no output written\n", err, t);
            goto done;
        }
        if (an || fan) {
            /* the weight scales in force for this step (a schedule's changes come after it) */
            const NetParams *lp = whole ? net_params(src.net) : NULL;
            double l = lp ? analysis_lfp(lfp_w, &st, ne, lp->weight_e / 0.5, lp->weight_i) : NAN;
            if (fan && analysis_add(fan, &st, whole ? net_v(src.net) : NULL, l) != 0) {
                if (net && t + 1 < cfg->duration_ms) run_controls_now(net, &(const RunControls){ .flags = RUN_CTL_STOP });
                fprintf(stderr, "izhiscope: out of memory for the analysis figure at %" PRId64 " ms; no output "
                                "written\n", t);
                goto done;
            }
        }
        if (an) {
            const NetParams *lp = whole ? net_params(src.net) : NULL;
            double l = lp ? analysis_lfp(lfp_w, &st, ne, lp->weight_e / 0.5, lp->weight_i) : NAN;
            if (analysis_add(an, &st, whole ? net_v(src.net) : NULL, l) != 0) {
                if (cfg->analysis_csv) {
                    /* an output asked for cannot be written: stop now, not after the run */
                    if (net && t + 1 < cfg->duration_ms)
                        run_controls_now(net, &(const RunControls){ .flags = RUN_CTL_STOP });
                    fprintf(stderr, "izhiscope: out of memory for the analysis measures at %" PRId64 " ms; no "
                                    "output written\n", t);
                    goto done;
                }
                /* --stats alone: the run and its other outputs go on without them */
                analysis_destroy(an);
                an = NULL;
                analysis_dropped_at = t;
            }
        }
        if (sent) {
            Net *applied = src.net;
            int failed = 0;
            run_controls_apply(&applied, &live, &failed);
            /* said where they act, as the window's events (record.h) */
            for (int i = sched.next - sent; i < sched.next; i++) {
                const ScheduleChange *c = &sched.at[i];
                Event e = { .t_ms = c->t_ms, .kind = c->kind, .after = c->value, .seed = c->seed };
                recorder_event(&rec, &e);
                if (video) scope_event(scope, &e);      /* the video's markers, as the window's */
            }
        }
        if (video && videorun_next(video) == t + 1 && video_frame(video, cfg, &live, net, &runaway) != 0) {
            if (net && t + 1 < cfg->duration_ms) run_controls_now(net, &(const RunControls){ .flags = RUN_CTL_STOP });
            goto done;
        }
    }
    /* a schedule's restart ended the run early: the other processes stop too */
    if (net && cfg->duration_ms < follow_ms) run_controls_now(net, &(const RunControls){ .flags = RUN_CTL_STOP });
    const int64_t runaway_at = runaway.at;
    double wall = 1e-9 * (double)(clock_now_ns() - t0);

    if (cfg->export_path) {
        static AppMeta meta;
        app_metadata(&meta, cfg, cfg->net.seed, (long long)cfg->duration_ms, cfg->net.sigma_e, cfg->net.sigma_i,
                     cfg->trace_neuron, cfg->window_ms);
        if (!cfg->replay_path) app_meta_knobs(&meta, &cfg->net);
        StatsResult sr;
        double density[RHYTHM_FMAX + RHYTHM_SMOOTH + 1];
        char title[64], trace_label[64];
        PlotSpectrum spectrum = { density, &sr.rhythm, title, STATS_SKIP_MS, cfg->duration_ms };
        PlotView view = {
            .t_end = cfg->duration_ms < cfg->window_ms ? cfg->window_ms : cfg->duration_ms,
            .window_ms = cfg->window_ms,
            .n = cfg->net.n,
            .n_exc = ne,
            .trace_neuron = cfg->trace_neuron,
            .trace_label = trace_label,
        };
        app_trace_label(cfg, cfg->trace_neuron, trace_label, sizeof trace_label);
        if (cfg->figure_rhythm == FIGURE_ANALYSIS) {
            static AnalysisResult fr;
            const int64_t from = cfg->duration_ms > cfg->window_ms ? cfg->duration_ms - cfg->window_ms : 0;
            if (analysis_result(fan, &fr) != 0) {
                fprintf(stderr, "izhiscope: out of memory for the analysis figure; no output written\n");
                goto done;
            }
            app_meta_add(&meta, "figure", "analysis");
            meta_analysis(&meta, &fr, from, cfg->duration_ms);
            if (figure_export_analysis(png.fp, cli_export_format(cfg), &fr, from, cfg->duration_ms, FIGURE_DEFAULT_W,
                                       FIGURE_DEFAULT_H, font, meta.keys, meta.values, meta.n, err, sizeof err) != 0) {
                fprintf(stderr, "izhiscope: %s: %s; no output written\n", cfg->export_path, err);
                goto done;
            }
        } else if (cfg->figure_rhythm == FIGURE_RHYTHM) {
            stats_result(stats, &sr);
            for (int m = 0; m <= RHYTHM_FMAX + RHYTHM_SMOOTH; m++) density[m] = stats_power(stats, m);
            snprintf(title, sizeof title, "the run after %d ms", STATS_SKIP_MS);
            app_meta_add(&meta, "figure", "rhythm");
            app_meta_rhythm(&meta, &sr.rhythm, STATS_SKIP_MS, (long long)cfg->duration_ms);
            view.panels = PLOT_PANELS_ALL;
            view.scope = scope;
            view.spectrum = &spectrum;
        }
        if (cfg->figure_rhythm != FIGURE_ANALYSIS &&
            figure_export(png.fp, cli_export_format(cfg), scope_hist(scope), &view, FIGURE_DEFAULT_W,
                          FIGURE_DEFAULT_H, font, meta.keys, meta.values, meta.n, err, sizeof err) != 0) {
            fprintf(stderr, "izhiscope: %s: %s; no output written\n", cfg->export_path, err);
            goto done;
        }
    }
    if (video && videorun_finish(video, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: --video %s; no output written\n", err);
        goto done;
    }
    static AnalysisResult ares;
    if (an && analysis_result(an, &ares) != 0) {
        if (cfg->analysis_csv) {
            fprintf(stderr, "izhiscope: out of memory for the analysis measures; no output written\n");
            goto done;
        }
        analysis_dropped_at = cfg->duration_ms;
    }
    if (acsv.fp) {
        static AppMeta ameta;
        app_csv_metadata(&ameta, cfg);
        write_analysis(acsv.fp, &ares, &ameta);
    }
    /* Move every output into place, all or none (a SONATA file completed first). */
    if (recorder_finish(&rec, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s; no output written\n", err);
        goto done;
    }
    OutFile *all[RECORD_FILES + 3];
    int nout = recorder_files(&rec, all);
    if (png.fp) all[nout++] = &png;
    if (acsv.fp) all[nout++] = &acsv;
    if (video) all[nout++] = videorun_file(video);
    if (outfile_commit_all(all, nout, app_print_wrote, NULL, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s; no output written\n", err);
        goto done;
    }
    double secs = (double)cfg->duration_ms / 1000.0;
    int ni = cfg->net.n - ne;
    printf("%s %lld ms: %lld spikes; whole run: excitatory %.2f Hz, inhibitory %.2f Hz\n",
           net ? "simulated" : "replayed", (long long)cfg->duration_ms, (long long)(total_e + total_i),
           ne ? total_e / (ne * secs) : 0.0, ni ? total_i / (ni * secs) : 0.0);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    /* every spike reaches K neurons on average (N K synapses, N sources) */
    double events = (double)(total_e + total_i) * cfg->net.k;
    char procs[48] = "";
    if (xc_size() > 1) snprintf(procs, sizeof procs, " x %d processes", xc_size());
    char mem[128];
    if (xc_size() > 1)
        snprintf(mem, sizeof mem, "peak memory %.1f MiB (process 0; estimated %.1f MiB for the %d processes on "
                 "this machine)", (double)ru.ru_maxrss / 1024.0, app_memory_need(cfg) / 1048576.0, xc_local_size());
    else
        snprintf(mem, sizeof mem, "peak memory %.1f MiB (estimated %.1f MiB)", (double)ru.ru_maxrss / 1024.0,
                 app_memory_need(cfg) / 1048576.0);
    if (net) {
        double count_s, fill_s;
        char passes[96] = "";
        net_build_seconds(net, &count_s, &fill_s);
        if (count_s > 0 || fill_s > 0)
            snprintf(passes, sizeof passes, " (drawing and counting %.3f s, drawing again and filling %.3f s)",
                     count_s, fill_s);
        printf("speed: %.4f s of computing, %.1fx real time, %.3g synaptic events/s, %d thread%s%s; %s; "
               "network built in %.3f s%s\n", wall, wall > 0 ? secs / wall : 0.0, wall > 0 ? events / wall : 0.0,
               net_workers(net), net_workers(net) == 1 ? "" : "s", procs, mem,
               1e-9 * (double)(b1 - b0), passes);
    }
    if (video) videorun_say(video);
    if (cfg->stats) {
        print_stats(stats);
        if (analysis_dropped_at >= 0)
            printf("analysis measures: not printed (out of memory at %lld ms: they keep 16 bytes a simulated ms)\n",
                   (long long)analysis_dropped_at);
        else if (ares.steps > 0) print_analysis(&ares, whole);
    }
    if (runaway_at >= 0)
        fprintf(stderr, "izhiscope: warning: the Euler scheme had run away by t = %lld ms: the population "
                        "fired at %.0f Hz or more over a second (every neuron every few ms). With dt = 1 ms this "
                        "is an artefact of the step, not of the model (README: The model); the paper scheme "
                        "does not do it\n", (long long)runaway_at, NET_RUNAWAY_HZ);
    code = APP_EXIT_OK;
done:
    recorder_abort(&rec);
    outfile_abort(&png);
    outfile_abort(&acsv);
    videorun_close(video);
    analysis_destroy(an);
    analysis_destroy(fan);
    free(lfp_w);
    stats_destroy(stats);
    scope_destroy(scope);
    run_source_free(&src);
    replay_free(&replay);
    schedule_free(&sched);
    return code;
}
