/*
 * anasync.c - the analysis panel's re-simulated chi and locking, as the
 * window asks for and shows them (anasync.h).
 */
#include "anasync.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "resim.h"

int anasync_open(AnaSync *s, const NetParams *start, int ne, const char *none_why)
{
    memset(s, 0, sizeof *s);
    s->none_why = none_why;
    if (start && !(s->resim = resim_create(start, ne))) return -1;
    return 0;
}

void anasync_close(AnaSync *s)
{
    resim_destroy(s->resim);
    free(s->result);
    memset(s, 0, sizeof *s);
}

int anasync_event(AnaSync *s, const Event *e) { return s->resim ? resim_event(s->resim, e) : 0; }

void anasync_restart(AnaSync *s, uint64_t seed)
{
    if (s->resim) resim_restart(s->resim, seed);
    s->asked_ns = 0;              /* the new run's first span asked at once */
    /* nothing of the old run shown, not even until the next update (the
     * panel's are 4 a second: e2e_window saw the old span at 188 ms) */
    s->seq = 0;
    s->show = 0;
    s->from = s->to = -1;
    s->state = RESIM_NONE;
}

void anasync_update(AnaSync *s, int64_t from, int64_t to, int64_t now_ns)
{
    if (!s->resim) {
        snprintf(s->note, sizeof s->note, "chi, locking: n/a (%s:\nno network here to re-run)",
                 s->none_why ? s->none_why : "no network");
        return;
    }
    if ((from != s->from || to != s->to) && from < to && (!s->asked_ns || now_ns - s->asked_ns >= 500000000)) {
        resim_ask(s->resim, from, to);
        s->asked_ns = now_ns;
    }
    if (!s->result && !(s->result = malloc(sizeof *s->result))) return;
    s->state = (int)resim_poll(s->resim, NULL, &s->from, &s->to);
    s->seq = resim_last(s->resim, s->seq, s->result, &s->res_from, &s->res_to);
    /* a span shown that is not asked yet (the live edge between two asks)
     * is being computed as far as the reader is concerned */
    const int waiting = from < to && (from != s->from || to != s->to);
    const ResimState st = waiting ? (to > RESIM_MAX_MS ? RESIM_TOO_LONG : RESIM_COMPUTING) : (ResimState)s->state;
    /* while the span shown is computed the newest result is shown, with its span */
    s->show = s->seq && (st == RESIM_COMPUTING || st == RESIM_DONE);
    if (s->show) {
        s->note[0] = '\0';
        return;
    }
    switch (st) {
    case RESIM_COMPUTING:
        snprintf(s->note, sizeof s->note, "chi, locking: computing\xe2\x80\xa6\n(re-simulating 0 \xe2\x80\xa6 %.1f s)",
                 (double)to / 1000);
        break;
    case RESIM_TOO_LONG:
        snprintf(s->note, sizeof s->note, "chi, locking: not re-simulated\n(sessions over %d min)",
                 RESIM_MAX_MS / 60000);
        break;
    case RESIM_FAILED:
        snprintf(s->note, sizeof s->note, "chi, locking: n/a (out of memory)");
        break;
    default:
        s->note[0] = '\0';
        break;
    }
}

const struct AnalysisResult *anasync_result(const AnaSync *s, int64_t *from, int64_t *to)
{
    if (!s->resim || !s->result || !s->show) return NULL;
    *from = s->res_from;
    *to = s->res_to;
    return s->result;
}

void anasync_status(const AnaSync *s, char *out, size_t len)
{
    static const char *const state[] = { "none", "computing", "done", "too_long", "failed" };
    int at = snprintf(out, len, "ana_sync %s %" PRId64 " %" PRId64 "\nana_resim_ms %" PRId64 "\n",
                      s->resim ? state[s->state] : "n/a", s->from, s->to,
                      s->resim ? resim_progress_ms(s->resim) : (int64_t)0);
    int64_t from, to;
    const struct AnalysisResult *r = anasync_result(s, &from, &to);
    if (!r || at < 0 || (size_t)at >= len) return;
    snprintf(out + at, len - (size_t)at,
             "ana_sync_of %" PRId64 " %" PRId64 "\n"
             "ana_chi %.17g %.17g %.17g\nana_plv %.17g %.17g %.17g %.17g\nana_phase %.17g %.17g %.17g %.17g\n",
             from, to, r->chi[0], r->chi[1], r->chi[2], r->plv[0][0], r->plv[0][1], r->plv[1][0], r->plv[1][1],
             r->phase_deg[0][0], r->phase_deg[0][1], r->phase_deg[1][0], r->phase_deg[1][1]);
}
