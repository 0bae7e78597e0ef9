/*
 * window.c - the live window: izhiscope without --headless.
 *
 * Initialization, then the main loop (events -> drain the ring into the
 * history -> draw -> present, paced to ~60 fps), then de-initialization.
 * The main thread owns the window, renderer, fonts, the history and the
 * files saved with S and F; the simulation thread (sim.c) owns the network
 * and the --spikes/--trace recording. They share only SimControls (written
 * here), SimStatus (read here) and the ring (consumed here).
 */
#define _POSIX_C_SOURCE 200809L
#include "app.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "figure.h"
#include "hist.h"
#include "outfile.h"
#include "plot.h"
#include "pngio.h"
#include "record.h"
#include "rng.h"
#include "sim.h"

#define WIN_W 1280
#define WIN_H 800
#define WIN_FONT_PX 15
#define FRAME_NS 16666667LL             /* 60 fps when the renderer has no vsync */
#define RING_WORDS (1u << 22)           /* 16 MiB: > 1 s of the fastest Fig. 3 run */
#define DRAIN_MAX_WORDS (1u << 21)      /* per frame, so a frame stays short */
#define RATE_MS 1000                    /* rates over the last second */
#define FRAME_LOG 8192                  /* frame times kept for the percentiles */
#define MESSAGE_NS 6000000000LL         /* a message stays 6 s */
#define NOISE_STEP 0.5f
#define NOISE_MAX 50.0f

/* Spike counts of the last RATE_MS ms, per class, as records arrive. */
typedef struct Rates {
    int32_t e[RATE_MS], i[RATE_MS];
    int64_t sum_e, sum_i;
    int64_t end;                        /* one past the last time added */
} Rates;

typedef struct Frames {
    float ms[FRAME_LOG];                /* ring of intervals between presents */
    float draw_ms[FRAME_LOG];           /* ring of time spent drawing a frame */
    float present_ms[FRAME_LOG];        /* ring of time SDL_RenderPresent took */
    int64_t count;
    int64_t first_ns;                   /* time of the first present */
} Frames;

typedef struct Window {
    Config *cfg;
    SDL_Window *win;
    SDL_Renderer *ren;
    Plot *plot;
    Hist *hist;
    Sim *sim;
    SimControls *ctl;
    const SimStatus *st;
    int n, ne;
    uint32_t *scratch;                  /* one record's spikes, n words */
    Rates rates;
    Frames frames;
    int help;
    int save_screen, save_figure;       /* requested by S / F, done after drawing */
    char message[12288];
    int message_bad;
    int64_t message_ns;
    int64_t start_ns;
    char trace_label[64];
} Window;

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void say(Window *w, int bad, const char *fmt, const char *a, const char *b)
{
    snprintf(w->message, sizeof w->message, fmt, a, b);
    w->message_bad = bad;
    w->message_ns = now_ns();
    FILE *to = bad ? stderr : stdout;
    fprintf(to, bad ? "izhiscope: %s\n" : "%s\n", w->message);
    fflush(to);
}

/* ---- receiving from the simulation thread ------------------------------ */

static void rates_clear(Rates *r) { memset(r, 0, sizeof *r); }

static void rates_add(Rates *r, int64_t t, int ce, int ci)
{
    /* zero the slots of skipped times (and the one reused now) */
    int64_t from = t - r->end >= RATE_MS ? t - RATE_MS + 1 : r->end;
    for (int64_t x = from; x <= t; x++) {
        int s = (int)(x % RATE_MS);
        r->sum_e -= r->e[s];
        r->sum_i -= r->i[s];
        r->e[s] = r->i[s] = 0;
    }
    int s = (int)(t % RATE_MS);
    r->e[s] = ce;
    r->i[s] = ci;
    r->sum_e += ce;
    r->sum_i += ci;
    r->end = t + 1;
}

static void drain(Window *w)
{
    Ring *ring = sim_ring(w->sim);
    size_t budget = DRAIN_MAX_WORDS;
    while (budget >= SIM_REC_HEADER && ring_readable(ring) >= SIM_REC_HEADER) {
        uint32_t h[SIM_REC_HEADER];
        ring_peek(ring, 0, h, SIM_REC_HEADER);
        if (h[2] == SIM_REC_RESTART) {
            hist_clear(w->hist);
            rates_clear(&w->rates);
            ring_consume(ring, SIM_REC_HEADER);
            continue;
        }
        size_t count = h[2];
        int64_t t = (int64_t)((uint64_t)h[0] | ((uint64_t)h[1] << 32));
        float v;
        memcpy(&v, &h[3], sizeof v);
        ring_peek(ring, SIM_REC_HEADER, w->scratch, count);
        ring_consume(ring, SIM_REC_HEADER + count);
        budget -= SIM_REC_HEADER + count < budget ? SIM_REC_HEADER + count : budget;
        hist_push(w->hist, t, (const int32_t *)w->scratch, (int)count, v);
        int ce = 0;
        for (size_t k = 0; k < count; k++) ce += (int)w->scratch[k] < w->ne;
        rates_add(&w->rates, t, ce, (int)count - ce);
    }
}

/* ---- files ------------------------------------------------------------- */

/* Opens DIR/PREFIX-seedS-tT.png, or with a -1, -2 ... suffix if taken. */
static int open_unique(Window *w, OutFile *f, const char *prefix, uint64_t seed, int64_t t, char *err,
                       size_t errlen)
{
    char path[4096];
    for (int k = 0; k < 1000; k++) {
        char suffix[16] = "";
        if (k) snprintf(suffix, sizeof suffix, "-%d", k);
        snprintf(path, sizeof path, "%s/%s-seed%" PRIu64 "-t%" PRId64 "%s.png", w->cfg->out_dir, prefix,
                 seed, t, suffix);
        if (outfile_open(f, path, 0, err, errlen) == 0) return 0;
        if (!strstr(err, "file exists")) return -1;
    }
    snprintf(err, errlen, "%.900s: too many files of that name", path);
    return -1;
}

/* The live values a saved window records beside the run's metadata. */
typedef struct LiveMeta { char rate_e[32], rate_i[32], paused[8], speed[16]; } LiveMeta;

static double rate_of(const Window *w, int inhibitory)
{
    double secs = w->rates.end < RATE_MS ? (double)w->rates.end / 1000.0 : 1.0;
    int cells = inhibitory ? w->n - w->ne : w->ne;
    int64_t sum = inhibitory ? w->rates.sum_i : w->rates.sum_e;
    return secs > 0 && cells ? (double)sum / (cells * secs) : 0.0;
}

static int metadata(Window *w, const Config *cfg, const char *keys[], const char *values[], char *store,
                    int64_t t, LiveMeta *live)
{
    float se = sim_get_float(&w->ctl->sigma_e_bits), si = sim_get_float(&w->ctl->sigma_i_bits);
    Config c = *cfg;
    c.net.seed = atomic_load(&w->st->seed);
    c.trace_neuron = atomic_load(&w->ctl->trace_neuron);
    int n = app_metadata(&c, (long long)t, se, si, keys, values, store);
    if (live && n + 4 <= APP_META_MAX) {
        snprintf(live->rate_e, sizeof live->rate_e, "%.3f", rate_of(w, 0));
        snprintf(live->rate_i, sizeof live->rate_i, "%.3f", rate_of(w, 1));
        snprintf(live->paused, sizeof live->paused, "%d", atomic_load(&w->ctl->paused));
        int e = atomic_load(&w->ctl->speed_exp);
        if (e >= SIM_SPEED_FASTEST) snprintf(live->speed, sizeof live->speed, "max");
        else snprintf(live->speed, sizeof live->speed, "%g", ldexp(1.0, e));
        keys[n] = "rate_e_hz"; values[n++] = live->rate_e;
        keys[n] = "rate_i_hz"; values[n++] = live->rate_i;
        keys[n] = "paused"; values[n++] = live->paused;
        keys[n] = "speed"; values[n++] = live->speed;
    }
    return n;
}

static void save_screen(Window *w)
{
    int width, height;
    char err[1024];
    if (SDL_GetRendererOutputSize(w->ren, &width, &height) != 0) {
        say(w, 1, "cannot save the window: %s%s", SDL_GetError(), "");
        return;
    }
    uint8_t *px = malloc((size_t)width * height * 4);
    if (!px) {
        say(w, 1, "cannot save the window: %s%s", "out of memory", "");
        return;
    }
    if (SDL_RenderReadPixels(w->ren, NULL, SDL_PIXELFORMAT_ABGR8888, px, width * 4) != 0) {
        say(w, 1, "cannot save the window: %s%s", SDL_GetError(), "");
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
    int64_t t = hist_end(w->hist);
    OutFile f;
    if (open_unique(w, &f, "izhiscope-screen", atomic_load(&w->st->seed), t, err, sizeof err) != 0) {
        say(w, 1, "cannot save the window: %s%s", err, "");
        free(px);
        return;
    }
    const char *keys[APP_META_MAX], *values[APP_META_MAX];
    char store[APP_META_STORE];
    LiveMeta live;
    int nmeta = metadata(w, w->cfg, keys, values, store, t, &live);
    char path[4096];
    snprintf(path, sizeof path, "%s", f.path);
    if (pngio_write(f.fp, px, width, height, width * 4, keys, values, nmeta, err, sizeof err) != 0) {
        outfile_abort(&f);
        say(w, 1, "cannot save the window: %s: %s", path, err);
    } else if (outfile_commit(&f, err, sizeof err) != 0) {
        say(w, 1, "cannot save the window: %s%s", err, "");
    } else {
        say(w, 0, "saved %s%s", path, "");
    }
    free(px);
}

static void save_figure(Window *w)
{
    char err[1024];
    int64_t t = hist_end(w->hist);
    OutFile f;
    if (open_unique(w, &f, "izhiscope-fig3", atomic_load(&w->st->seed), t, err, sizeof err) != 0) {
        say(w, 1, "cannot export the figure: %s%s", err, "");
        return;
    }
    const char *keys[APP_META_MAX], *values[APP_META_MAX];
    char store[APP_META_STORE];
    Config c = *w->cfg;
    c.window_ms = 1000;
    int nmeta = metadata(w, &c, keys, values, store, t, NULL);
    PlotView view = {
        .t_end = t < 1000 ? 1000 : t,
        .window_ms = 1000,
        .n = w->n,
        .n_exc = w->ne,
        .trace_neuron = atomic_load(&w->ctl->trace_neuron),
        .trace_label = w->trace_label,
    };
    char path[4096];
    snprintf(path, sizeof path, "%s", f.path);
    if (figure_export(f.fp, w->hist, &view, FIGURE_DEFAULT_W, FIGURE_DEFAULT_H, app_font_path(), keys, values,
                      nmeta, err, sizeof err) != 0) {
        outfile_abort(&f);
        say(w, 1, "cannot export the figure: %s: %s", path, err);
    } else if (outfile_commit(&f, err, sizeof err) != 0) {
        say(w, 1, "cannot export the figure: %s%s", err, "");
    } else {
        say(w, 0, "saved %s%s", path, "");
    }
}

/* ---- input --------------------------------------------------------------- */

static void nudge_noise(Window *w, int inhibitory, float delta)
{
    float se = sim_get_float(&w->ctl->sigma_e_bits), si = sim_get_float(&w->ctl->sigma_i_bits);
    float *x = inhibitory ? &si : &se;
    *x += delta;
    if (*x < 0.0f) *x = 0.0f;
    if (*x > NOISE_MAX) *x = NOISE_MAX;
    sim_set_noise(w->ctl, se, si);
}

static void set_speed(Window *w, int exp)
{
    if (exp < SIM_SPEED_MIN_EXP) exp = SIM_SPEED_MIN_EXP;
    if (exp > SIM_SPEED_FASTEST) exp = SIM_SPEED_FASTEST;
    atomic_store(&w->ctl->speed_exp, exp);
}

static void set_trace(Window *w, int neuron)
{
    atomic_store(&w->ctl->trace_neuron, neuron);
    if (neuron == 0) snprintf(w->trace_label, sizeof w->trace_label, "v\xe2\x82\x81(t)");
    else snprintf(w->trace_label, sizeof w->trace_label, "v(t) of neuron %d", neuron);
}

static void restart(Window *w, int new_seed)
{
    uint64_t seed = new_seed ? rng_clock_seed() : atomic_load(&w->st->seed);
    atomic_store(&w->ctl->restart_seed, seed);
    atomic_fetch_add(&w->ctl->restart_requests, 1);
    char s[32];
    snprintf(s, sizeof s, "%" PRIu64, seed);
    say(w, 0, new_seed ? "restarted with a new seed %s%s" : "restarted with seed %s%s", s, "");
}

/* Returns 0 to quit. */
static int on_key(Window *w, const SDL_KeyboardEvent *k)
{
    SDL_Keycode key = k->keysym.sym;
    int shift = (k->keysym.mod & KMOD_SHIFT) != 0;
    switch (key) {
    case SDLK_ESCAPE: case SDLK_q: return 0;
    case SDLK_SPACE: atomic_store(&w->ctl->paused, !atomic_load(&w->ctl->paused)); break;
    case SDLK_PERIOD: case SDLK_KP_PERIOD:
        if (atomic_load(&w->ctl->paused)) atomic_fetch_add(&w->ctl->step_requests, 1);
        break;
    case SDLK_UP: nudge_noise(w, shift, NOISE_STEP); break;
    case SDLK_DOWN: nudge_noise(w, shift, -NOISE_STEP); break;
    case SDLK_0: case SDLK_KP_0: sim_set_noise(w->ctl, 5.0f, 2.0f); break;
    case SDLK_PLUS: case SDLK_KP_PLUS: set_speed(w, atomic_load(&w->ctl->speed_exp) + 1); break;
    case SDLK_EQUALS: if (shift) set_speed(w, atomic_load(&w->ctl->speed_exp) + 1); break;
    case SDLK_MINUS: case SDLK_KP_MINUS: {
        int e = atomic_load(&w->ctl->speed_exp);
        set_speed(w, e >= SIM_SPEED_FASTEST ? SIM_SPEED_MAX_EXP : e - 1);
        break;
    }
    case SDLK_1: case SDLK_KP_1: set_speed(w, 0); break;
    case SDLK_r: restart(w, shift); break;
    case SDLK_s: w->save_screen = 1; break;
    case SDLK_f: w->save_figure = 1; break;
    case SDLK_h: case SDLK_F1: w->help = !w->help; break;
    case SDLK_SLASH: if (shift) w->help = !w->help; break;
    case SDLK_QUESTION: w->help = !w->help; break;
    default: break;
    }
    return 1;
}

/* ---- drawing ------------------------------------------------------------- */

static const char *const HELP[][2] = {
    { "Space", "pause / resume" },
    { ".", "one 1 ms step while paused" },
    { "Up / Down", "\xcf\x83" "E + 0.5 / \xe2\x88\x92 0.5 (0 ... 50)" },
    { "Shift+Up / Shift+Down", "\xcf\x83" "I + 0.5 / \xe2\x88\x92 0.5 (0 ... 50)" },
    { "0", "\xcf\x83" "E and \xcf\x83" "I back to 5 and 2" },
    { "+ / \xe2\x88\x92", "speed twice / half as fast (1/16 ... 64, then max)" },
    { "1", "real time again" },
    { "R / Shift+R", "restart with the same seed / a new seed" },
    { "S", "save the window as PNG" },
    { "F", "export the Fig. 3 figure (last 1000 ms) as PNG" },
    { "click a raster row", "trace that neuron" },
    { "H, F1, ?", "this help" },
    { "Esc, Q", "quit" },
};

static void speed_text(int e, char *out, size_t len)
{
    if (e >= SIM_SPEED_FASTEST) snprintf(out, len, "max");
    else if (e >= 0) snprintf(out, len, "%d\xc3\x97", 1 << e);
    else snprintf(out, len, "1/%d\xc3\x97", 1 << -e);
}

static double fps(const Frames *f)
{
    int n = f->count < 60 ? (int)f->count : 60;
    double sum = 0;
    for (int i = 1; i <= n; i++) sum += f->ms[(f->count - i) % FRAME_LOG];
    return n && sum > 0 ? 1000.0 * n / sum : 0.0;
}

static void draw_status(Window *w, SDL_Rect area, const PlotStyle *style)
{
    char asked[32], line[512];
    const SimStatus *st = w->st;
    int paused = atomic_load(&w->ctl->paused);
    speed_text(atomic_load(&w->ctl->speed_exp), asked, sizeof asked);
    double re = rate_of(w, 0), ri = rate_of(w, 1);
    float factor = paused ? 0.0f : sim_get_float(&st->factor_bits);
    uint64_t dropped = ring_dropped(sim_ring(w->sim));
    int n = snprintf(line, sizeof line,
                     "t %.3f s   %.2f\xc3\x97 real time (asked %s)   %.0f fps   \xcf\x83" "E %.1f  \xcf\x83" "I %.1f   %s   "
                     "seed %" PRIu64 "   E %.1f Hz  I %.1f Hz",
                     (double)atomic_load(&st->time_ms) / 1000.0, (double)factor, asked, fps(&w->frames),
                     (double)sim_get_float(&w->ctl->sigma_e_bits), (double)sim_get_float(&w->ctl->sigma_i_bits),
                     w->cfg->net.scheme == NET_SCHEME_EULER ? "euler" : "paper", (uint64_t)atomic_load(&st->seed),
                     re, ri);
    if (paused) n += snprintf(line + n, sizeof line - n, "   PAUSED");
    if (atomic_load(&st->lagging) && !paused)
        n += snprintf(line + n, sizeof line - n, "   CANNOT KEEP UP");
    if (dropped) n += snprintf(line + n, sizeof line - n, "   dropped %" PRIu64, dropped);
    if (atomic_load(&st->failed))
        n += snprintf(line + n, sizeof line - n, "   RESTART FAILED (out of memory)");
    if (atomic_load(&st->recording)) snprintf(line + n, sizeof line - n, "   REC");
    int lh = plot_line_height(w->plot);
    plot_text(w->plot, area.x + 8, area.y + 4, line, style->fg);
    if (w->message[0] && now_ns() - w->message_ns < MESSAGE_NS) {
        SDL_Color bad = { 255, 90, 70, 255 };
        plot_text(w->plot, area.x + 8, area.y + 4 + lh, w->message, w->message_bad ? bad : style->fg);
    } else {
        plot_text(w->plot, area.x + 8, area.y + 4 + lh, "H: help", style->fg);
    }
}

static void draw_help(Window *w, SDL_Rect area, const PlotStyle *style)
{
    int lh = plot_line_height(w->plot), rows = (int)(sizeof HELP / sizeof HELP[0]);
    int kw = 0, dw = 0;
    for (int i = 0; i < rows; i++) {
        int a = plot_text_width(w->plot, HELP[i][0]), b = plot_text_width(w->plot, HELP[i][1]);
        if (a > kw) kw = a;
        if (b > dw) dw = b;
    }
    SDL_Rect box = { 0, 0, kw + dw + 60, (rows + 2) * lh + 20 };
    box.x = area.x + (area.w - box.w) / 2;
    box.y = area.y + (area.h - box.h) / 2;
    SDL_SetRenderDrawBlendMode(w->ren, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(w->ren, style->bg.r, style->bg.g, style->bg.b, 235);
    SDL_RenderFillRect(w->ren, &box);
    SDL_SetRenderDrawColor(w->ren, style->fg.r, style->fg.g, style->fg.b, 255);
    SDL_RenderDrawRect(w->ren, &box);
    int y = box.y + 10;
    plot_text(w->plot, box.x + 20, y, "Keys", style->fg);
    y += lh * 3 / 2;
    for (int i = 0; i < rows; i++, y += lh) {
        plot_text(w->plot, box.x + 20, y, HELP[i][0], style->fg);
        plot_text(w->plot, box.x + 40 + kw, y, HELP[i][1], style->fg);
    }
}

static int draw(Window *w)
{
    const PlotStyle *style = w->cfg->theme_paper ? &PLOT_STYLE_PAPER : &PLOT_STYLE_DARK;
    int width, height;
    if (SDL_GetRendererOutputSize(w->ren, &width, &height) != 0) return -1;
    SDL_SetRenderDrawColor(w->ren, style->bg.r, style->bg.g, style->bg.b, 255);
    SDL_RenderClear(w->ren);
    int status_h = 2 * plot_line_height(w->plot) + 8;
    SDL_Rect status = { 0, 0, width, status_h };
    SDL_Rect area = { 0, status_h, width, height - status_h };
    int64_t end = hist_end(w->hist);
    PlotView view = {
        .t_end = end < w->cfg->window_ms ? w->cfg->window_ms : end,
        .window_ms = w->cfg->window_ms,
        .n = w->n,
        .n_exc = w->ne,
        .trace_neuron = atomic_load(&w->ctl->trace_neuron),
        .trace_label = w->trace_label,
    };
    if (area.w > 40 && area.h > 40 && plot_draw(w->plot, area, w->hist, &view, style) != 0) return -1;
    draw_status(w, status, style);
    if (w->help) draw_help(w, area, style);
    return 0;
}

/* x with thousands separators: 100000000 -> "100,000,000". */
static void grouped(uint64_t x, char *out, size_t len)
{
    char digits[24];
    int nd = snprintf(digits, sizeof digits, "%" PRIu64, x), o = 0;
    for (int i = 0; i < nd && (size_t)o + 2 < len; i++) {
        if (i > 0 && (nd - i) % 3 == 0) out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = 0;
}

/* Building a large network takes seconds (~7 s at N = 100,000, K = 1000)
 * before the first frame: say so in the window meanwhile. */
static void show_building(Window *w)
{
    const PlotStyle *style = w->cfg->theme_paper ? &PLOT_STYLE_PAPER : &PLOT_STYLE_DARK;
    int width, height;
    char line[160], neurons[32], synapses[32];
    if (SDL_GetRendererOutputSize(w->ren, &width, &height) != 0) return;
    grouped((uint64_t)w->cfg->net.n, neurons, sizeof neurons);
    grouped((uint64_t)w->cfg->net.n * (uint64_t)w->cfg->net.k, synapses, sizeof synapses);
    snprintf(line, sizeof line, "Building the network: %s neurons, %s synapses ...", neurons, synapses);
    SDL_SetRenderDrawColor(w->ren, style->bg.r, style->bg.g, style->bg.b, 255);
    SDL_RenderClear(w->ren);
    plot_text(w->plot, (width - plot_text_width(w->plot, line)) / 2, height / 2, line, style->fg);
    SDL_RenderPresent(w->ren);
    SDL_PumpEvents();
}

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

static void frame_done(Window *w, int64_t t_start, int64_t t_drawn, int64_t t_prev, int64_t t_now)
{
    Frames *f = &w->frames;
    if (f->count == 0) f->first_ns = t_now;
    else f->ms[(f->count - 1) % FRAME_LOG] = (float)((double)(t_now - t_prev) / 1e6);
    f->draw_ms[f->count % FRAME_LOG] = (float)((double)(t_drawn - t_start) / 1e6);
    f->present_ms[f->count % FRAME_LOG] = (float)((double)(t_now - t_drawn) / 1e6);
    f->count++;
}

/* The p-th percentile (0..1) of n values, sorted in scratch. */
static double percentile(const float *v, int n, double p, float *scratch)
{
    if (n <= 0) return 0.0;
    memcpy(scratch, v, (size_t)n * sizeof *scratch);
    qsort(scratch, (size_t)n, sizeof *scratch, cmp_float);
    int i = (int)(p * n);
    return scratch[i < n ? i : n - 1];
}

static void report(Window *w, int64_t end_ns)
{
    Frames *f = &w->frames;
    int64_t n = f->count > 1 ? f->count - 1 : 0;
    int kept = n < FRAME_LOG ? (int)n : FRAME_LOG;
    int worked = f->count < FRAME_LOG ? (int)f->count : FRAME_LOG;
    static float sorted[FRAME_LOG];
    double wall = (double)(end_ns - w->start_ns) / 1e9;
    double span = f->count > 1 ? (double)(end_ns - f->first_ns) / 1e9 : 0.0;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double cpu = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
                 ru.ru_stime.tv_usec / 1e6;
    printf("window: %" PRId64 " frames in %.1f s (%.1f fps); frame time p50 / p99: drawing %.2f / %.2f ms, "
           "presenting %.2f / %.2f ms, between frames %.2f / %.2f ms; first frame %.0f ms after start\n",
           f->count, span, span > 0 ? (double)n / span : 0.0, percentile(f->draw_ms, worked, 0.5, sorted),
           percentile(f->draw_ms, worked, 0.99, sorted), percentile(f->present_ms, worked, 0.5, sorted),
           percentile(f->present_ms, worked, 0.99, sorted), percentile(f->ms, kept, 0.5, sorted),
           percentile(f->ms, kept, 0.99, sorted), f->count ? (double)(f->first_ns - w->start_ns) / 1e6 : 0.0);
    printf("simulation: %.3f s simulated in %.1f s, dropped %" PRIu64 " events; cpu %.1f s (%.0f%% of one core)\n",
           (double)atomic_load(&w->st->steps_total) / 1000.0, wall, ring_dropped(sim_ring(w->sim)), cpu,
           wall > 0 ? 100.0 * cpu / wall : 0.0);
}

/* ---- the program --------------------------------------------------------- */

int app_run_window(Config *cfg, int64_t start_ns)
{
    char err[1024];
    int code = APP_EXIT_FAIL;
    Window w;
    memset(&w, 0, sizeof w);
    w.cfg = cfg;
    w.start_ns = start_ns;
    Recorder rec;
    memset(&rec, 0, sizeof rec);

    struct stat sb;
    if (stat(cfg->out_dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        fprintf(stderr, "izhiscope: --out-dir %s: %s\n", cfg->out_dir,
                stat(cfg->out_dir, &sb) != 0 ? strerror(errno) : "not a folder");
        return APP_EXIT_FAIL;
    }
    const char *font;
    int prepared = app_prepare(cfg, 1, &font);
    if (prepared != APP_EXIT_OK) return prepared;
    /* No display: say so in one line. Without DISPLAY or WAYLAND_DISPLAY,
     * SDL would fall back to its invisible "offscreen" driver (and the
     * Wayland client library would print its own complaint first), so ask
     * SDL only when there is a display to find or a driver was named. */
    const char *named = getenv("SDL_VIDEODRIVER");
    int named_driver = named && *named;
    if (!named_driver && !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY")) {
        fprintf(stderr, "izhiscope: cannot open a window: no display (DISPLAY and WAYLAND_DISPLAY are "
                        "not set); use --headless to run without one\n");
        return APP_EXIT_FAIL;
    }
    /* With only an X display named, go straight to X11: SDL would try
     * Wayland first and the Wayland library prints its own complaint. */
    if (!named_driver && !getenv("WAYLAND_DISPLAY")) setenv("SDL_VIDEODRIVER", "x11", 0);
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, "izhiscope: cannot open a window (%s); no display? Use --headless to run "
                        "without one\n", SDL_GetError());
        return APP_EXIT_FAIL;
    }
    const char *driver = SDL_GetCurrentVideoDriver();
    if (!named_driver && driver && (!strcmp(driver, "offscreen") || !strcmp(driver, "dummy"))) {
        fprintf(stderr, "izhiscope: cannot open a window: no display found (SDL fell back to its "
                        "'%s' driver); use --headless to run without one\n", driver);
        SDL_Quit();
        return APP_EXIT_FAIL;
    }
    if (TTF_Init() != 0) {
        fprintf(stderr, "izhiscope: cannot start SDL_ttf: %s\n", TTF_GetError());
        SDL_Quit();
        return APP_EXIT_FAIL;
    }
    w.win = SDL_CreateWindow("izhiscope \xe2\x80\x94 Izhikevich (2003) network", SDL_WINDOWPOS_CENTERED,
                             SDL_WINDOWPOS_CENTERED, WIN_W, WIN_H, SDL_WINDOW_RESIZABLE);
    if (!w.win) {
        fprintf(stderr, "izhiscope: cannot open a window (%s); no display? Use --headless to run "
                        "without one\n", SDL_GetError());
        goto out;
    }
    SDL_SetWindowMinimumSize(w.win, 200, 150);
    w.ren = SDL_CreateRenderer(w.win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (!w.ren) w.ren = SDL_CreateRenderer(w.win, -1, SDL_RENDERER_SOFTWARE);
    if (!w.ren) {
        fprintf(stderr, "izhiscope: cannot draw in the window: %s\n", SDL_GetError());
        goto out;
    }
    w.plot = plot_create(w.ren, font, WIN_FONT_PX, err, sizeof err);
    if (!w.plot) {
        fprintf(stderr, "izhiscope: %s\n", err);
        goto out;
    }
    w.n = cfg->net.n;
    w.ne = net_count_excitatory(cfg->net.n);
    w.hist = hist_create(w.n, cfg->window_ms > 1000 ? cfg->window_ms : 1000);
    w.scratch = malloc((size_t)w.n * sizeof *w.scratch);
    if (!w.hist || !w.scratch) {
        fprintf(stderr, "izhiscope: out of memory for the history\n");
        goto out;
    }
    if (recorder_open(&rec, cfg->spikes_csv, cfg->trace_csv, cfg->force, err, sizeof err) != 0) {
        fprintf(stderr, "izhiscope: %s\n", err);
        goto out;
    }
    if ((double)cfg->net.n * cfg->net.k >= 1e7) show_building(&w);
    w.sim = sim_create(&cfg->net, cfg->trace_neuron, &rec, RING_WORDS);
    if (!w.sim) {
        fprintf(stderr, "izhiscope: cannot build the network (%d neurons, in-degree %d): %s\n", cfg->net.n,
                cfg->net.k, strerror(errno));
        recorder_abort(&rec);
        goto out;
    }
    w.ctl = sim_controls(w.sim);
    w.st = sim_status(w.sim);
    atomic_store(&w.ctl->speed_exp, cfg->speed_exp);
    set_trace(&w, cfg->trace_neuron);
    if (sim_start(w.sim) != 0) {
        fprintf(stderr, "izhiscope: cannot start the simulation thread\n");
        goto out;
    }

    int running = 1;
    int64_t deadline = now_ns(), last_present = 0;
    while (running) {
        int64_t frame_start = now_ns();
        SDL_Event ev;
        while (SDL_PollEvent(&ev)) {
            if (ev.type == SDL_QUIT) running = 0;
            else if (ev.type == SDL_KEYDOWN) running = on_key(&w, &ev.key) && running;
            else if (ev.type == SDL_MOUSEBUTTONDOWN && ev.button.button == SDL_BUTTON_LEFT) {
                int neuron = plot_neuron_at(w.plot, ev.button.x, ev.button.y);
                if (neuron >= 0) set_trace(&w, neuron);
            }
        }
        drain(&w);
        if (draw(&w) != 0) {
            fprintf(stderr, "izhiscope: drawing failed: %s\n", SDL_GetError());
            break;
        }
        if (w.save_screen) { w.save_screen = 0; save_screen(&w); }
        if (w.save_figure) { w.save_figure = 0; save_figure(&w); }
        int64_t drawn = now_ns();
        SDL_RenderPresent(w.ren);
        int64_t t = now_ns();
        frame_done(&w, frame_start, drawn, last_present, t);
        last_present = t;
        /* Pace to 60 fps: with working vsync, present has already waited
         * until about the deadline; without it (or with a driver that claims
         * vsync and does not wait), sleep the rest of the frame. */
        deadline += FRAME_NS;
        if (deadline < t - FRAME_NS) deadline = t;
        if (deadline > t) {
            struct timespec ts = { (time_t)(deadline / 1000000000LL), (long)(deadline % 1000000000LL) };
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
        }
    }
    code = APP_EXIT_OK;
out:
    if (w.sim) {
        int64_t end = now_ns();
        sim_stop(w.sim);
        report(&w, end);
        if (recorder_commit(sim_recorder(w.sim), app_print_wrote, NULL, err, sizeof err) != 0) {
            fprintf(stderr, "izhiscope: %s\n", err);
            code = APP_EXIT_FAIL;
        }
    }
    sim_destroy(w.sim);
    free(w.scratch);
    hist_destroy(w.hist);
    plot_destroy(w.plot);
    if (w.ren) SDL_DestroyRenderer(w.ren);
    if (w.win) SDL_DestroyWindow(w.win);
    TTF_Quit();
    SDL_Quit();
    return code;
}
