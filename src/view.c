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

/* ---- the neuron axis ----------------------------------------------------- */

void view_rows_range(const ViewRows *r, int n, int *from, int *to)
{
    if (r->to <= r->from || r->from < 0 || r->to > n) { *from = 0; *to = n; return; }
    *from = r->from;
    *to = r->to;
}

void view_rows_clamp(ViewRows *r, int n)
{
    const int least = n < VIEW_MIN_ROWS ? n : VIEW_MIN_ROWS;
    int count = r->to - r->from;
    if (count <= 0 || count >= n) { r->from = r->to = 0; return; }
    if (count < least) count = least;
    if (r->from < 0) r->from = 0;
    if (r->from > n - count) r->from = n - count;
    r->to = r->from + count;
    if (count >= n) r->from = r->to = 0;
}

void view_rows_zoom(ViewRows *r, double factor, double at, int n)
{
    int from, to;
    view_rows_range(r, n, &from, &to);
    const int count = to - from;
    if (!(at >= from && at <= to)) at = from + count / 2.0;
    long want = lround(count * factor);
    if (want == count) want += factor > 1 ? 1 : -1;
    const int least = n < VIEW_MIN_ROWS ? n : VIEW_MIN_ROWS;
    if (want < least) want = least;
    if (want >= n) { r->from = r->to = 0; return; }
    /* the value at stays at the same fraction of the axis's height */
    const double frac = count > 0 ? (at - from) / count : 0.5;
    long f = lround(at - frac * (double)want);
    if (f < 0) f = 0;
    if (f > n - want) f = n - want;
    r->from = (int)f;
    r->to = (int)(f + want);
}

void view_rows_pan(ViewRows *r, int d, int n)
{
    int from, to;
    view_rows_range(r, n, &from, &to);
    if (to - from >= n) return;
    const int count = to - from;
    long f = (long)from + d;
    if (f < 0) f = 0;
    if (f > n - count) f = n - count;
    r->from = (int)f;
    r->to = (int)(f + count);
}
