/*
 * framestats.c - the window's frame statistics (see framestats.h).
 */
#include "framestats.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static int cmp_float(const void *a, const void *b)
{
    float x = *(const float *)a, y = *(const float *)b;
    return (x > y) - (x < y);
}

void framestats_done(Frames *f, int64_t t_start, int64_t t_drawn, int64_t t_prev, int64_t t_now)
{
    if (f->count == 0) f->first_ns = t_now;
    else f->ms[(f->count - 1) % FRAME_LOG] = (float)((double)(t_now - t_prev) / 1e6);
    f->draw_ms[f->count % FRAME_LOG] = (float)((double)(t_drawn - t_start) / 1e6);
    f->present_ms[f->count % FRAME_LOG] = (float)((double)(t_now - t_drawn) / 1e6);
    f->count++;
}

double framestats_fps(const Frames *f)
{
    int n = f->count < 60 ? (int)f->count : 60;
    double sum = 0;
    for (int i = 1; i <= n; i++) sum += f->ms[(f->count - i) % FRAME_LOG];
    return n && sum > 0 ? 1000.0 * n / sum : 0.0;
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

void framestats_print(const Frames *f, int64_t start_ns, int64_t end_ns, FILE *to)
{
    int64_t n = f->count > 1 ? f->count - 1 : 0;
    int kept = n < FRAME_LOG ? (int)n : FRAME_LOG;
    int worked = f->count < FRAME_LOG ? (int)f->count : FRAME_LOG;
    static float sorted[FRAME_LOG];
    double span = f->count > 1 ? (double)(end_ns - f->first_ns) / 1e9 : 0.0;
    fprintf(to, "window: %" PRId64 " frames in %.1f s (%.1f fps); frame time p50 / p99: drawing %.2f / %.2f ms, "
            "presenting %.2f / %.2f ms, between frames %.2f / %.2f ms; first frame %.0f ms after start\n",
            f->count, span, span > 0 ? (double)n / span : 0.0, percentile(f->draw_ms, worked, 0.5, sorted),
            percentile(f->draw_ms, worked, 0.99, sorted), percentile(f->present_ms, worked, 0.5, sorted),
            percentile(f->present_ms, worked, 0.99, sorted), percentile(f->ms, kept, 0.5, sorted),
            percentile(f->ms, kept, 0.99, sorted), f->count ? (double)(f->first_ns - start_ns) / 1e6 : 0.0);
}
