/*
 * status.c - the window's status line (see status.h).
 */
#include "status.h"

#include <inttypes.h>
#include <stdio.h>

#include "event.h"

/* The status line: labelled fields, each with a priority; in a narrow
 * window the least important go first (fps, scheme, seed, rates ...) so
 * that what matters (time, the state flags, the noise) always shows. */
typedef struct Field { char text[160]; int prio; } Field;   /* prio 0: always */

void status_draw(Plot *p, SDL_Rect area, const PlotStyle *style, const Frame *f, const StatusInfo *in)
{
    Field fl[16];
    int nf = 0;
    char asked[32];
    event_speed_text(f->speed_exp, asked, sizeof asked);
#define FIELD(prio_, ...) do { if (nf < 16) { snprintf(fl[nf].text, sizeof fl[nf].text, __VA_ARGS__); fl[nf++].prio = (prio_); } } while (0)
    FIELD(0, "t %.3f s", (double)f->t_end / 1000.0);
    if (f->paused) FIELD(0, "PAUSED");
    if (f->ended) FIELD(0, "END of the file (R: again)");
    if (f->behind > 0) FIELD(0, "viewing \xe2\x88\x92%.1f s (End: live)", (double)f->behind / 1000.0);
    if (f->lagging) FIELD(0, "CANNOT KEEP UP");
    if (f->runaway) FIELD(0, "EULER RUNAWAY (dt = 1 ms artefact)");
    if (f->failed) FIELD(0, "RESTART FAILED (out of memory)");
    if (f->recording) FIELD(0, "REC");
    else if (f->rec_failed) FIELD(0, "REC STOPPED");
    if (f->dropped) FIELD(1, "dropped %" PRIu64, f->dropped);
    FIELD(1, "speed %.2f\xc3\x97 (asked %s)", (double)f->factor, asked);
    if (in->replay_name) {
        FIELD(1, "replay %.60s (%s)", in->replay_name, in->replay_format);
    } else {
        FIELD(1, "\xcf\x83" "E %.1f  \xcf\x83" "I %.1f", (double)f->sigma_e, (double)f->sigma_i);
        /* the other knobs once one is not the paper's (docs/model.md "Knobs") */
        const NetParams *k = &f->knobs;
        if (k->weight_e != 0.5f || k->weight_i != 1.0f)
            FIELD(1, "gE %.2f  gI %.2f", (double)k->weight_e, (double)k->weight_i);
        if (k->current_e != 0.0f || k->current_i != 0.0f)
            FIELD(1, "JE %.1f  JI %.1f", (double)k->current_e, (double)k->current_i);
        if (k->stim_on) FIELD(0, "STIM %d-%d", k->stim_from, k->stim_to);
    }
    FIELD(2, "rates E %.1f Hz, I %.1f Hz", f->rate_e, f->rate_i);
    if (!in->replay_name) FIELD(3, "seed %" PRIu64, f->seed);
    if (!in->replay_name) FIELD(4, "scheme %s", in->euler ? "euler" : "paper");
    if (!in->replay_name && in->processes > 1) FIELD(4, "%d processes (MPI)", in->processes);
    if (in->fps >= 0) FIELD(4, "%.0f fps", in->fps);    /* < 0: none (a video's frame: not the machine's) */
#undef FIELD
    const int gap = plot_text_width(p, "   "), room = area.w - 16;
    int drop = 5;                               /* fields of this priority and above are left out */
    for (;;) {
        int width = 0, k = 0;
        for (int i = 0; i < nf; i++)
            if (fl[i].prio < drop) width += (k++ ? gap : 0) + plot_text_width(p, fl[i].text);
        if (width <= room || drop == 1) break;
        drop--;
    }
    char line[1024];
    size_t at = 0;
    for (int i = 0, k = 0; i < nf; i++)
        if (fl[i].prio < drop)
            at += (size_t)snprintf(line + at, sizeof line - at, "%s%s", k++ ? "   " : "", fl[i].text);
    int lh = plot_line_height(p);
    plot_text(p, area.x + 8, area.y + 4, line, style->fg);
    if (in->message && in->message[0]) {
        SDL_Color bad = { 255, 90, 70, 255 };
        plot_text(p, area.x + 8, area.y + 4 + lh, in->message, in->message_bad ? bad : style->fg);
    } else {
        plot_text(p, area.x + 8, area.y + 4 + lh, "H: help", style->fg);
    }
}
