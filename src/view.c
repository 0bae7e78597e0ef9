/*
 * view.c - the time-travel view's arithmetic (see view.h).
 */
#include "view.h"

#include <math.h>

void view_clamp(View *v, const ViewKept *k)
{
    if (v->span > k->most) v->span = (int)k->most;
    if (v->span < VIEW_MIN_MS) v->span = VIEW_MIN_MS;
    if (v->end == VIEW_LIVE) return;
    if (v->end >= k->newest) { v->end = VIEW_LIVE; return; }
    if (v->end < k->oldest + v->span) v->end = k->oldest + v->span;
    if (v->end >= k->newest) v->end = VIEW_LIVE;
}

int64_t view_end_at(const View *v, int64_t newest)
{
    int64_t e = v->end == VIEW_LIVE ? newest : v->end;
    return e < v->span ? v->span : e;
}

void view_pan(View *v, int64_t dt, const ViewKept *k)
{
    v->end = view_end_at(v, k->newest) + dt;
    view_clamp(v, k);
}

void view_zoom(View *v, double factor, int64_t at, const ViewKept *k)
{
    int64_t end = view_end_at(v, k->newest), start = end - v->span;
    if (at < start || at > end) at = end;
    int span = (int)lround(v->span * factor);
    if (span == v->span) span += factor > 1 ? 1 : -1;
    int was_live = v->end == VIEW_LIVE;
    v->span = span;
    view_clamp(v, k);
    if (was_live && at == end) return;            /* zooming at the live edge stays live */
    /* keep the time under the pointer where it is */
    double frac = (double)(at - start) / (double)(end - start > 0 ? end - start : 1);
    v->end = at + (int64_t)lround((1.0 - frac) * v->span);
    view_clamp(v, k);
}

int64_t view_pan_step(const View *v)
{
    return v->span / 10 > 1 ? v->span / 10 : 1;
}
