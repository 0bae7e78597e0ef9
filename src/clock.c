/*
 * clock.c - the monotonic clock and sleeping on it (clock.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "clock.h"

#include <errno.h>
#include <stddef.h>
#include <time.h>

static const ClockTest *test_clock;     /* NULL: the real clock */

int64_t clock_now_ns(void)
{
    if (test_clock) return test_clock->now(test_clock->ctx);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void clock_sleep_until_ns(int64_t t_ns)
{
    if (test_clock) { test_clock->sleep_until(test_clock->ctx, t_ns); return; }
    struct timespec ts = { (time_t)(t_ns / 1000000000LL), (long)(t_ns % 1000000000LL) };
    /* a signal's handler returns here: sleep on to the same time */
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR) {}
}

void clock_sleep_ns(int64_t ns)
{
    if (ns > 0) clock_sleep_until_ns(clock_now_ns() + ns);
}

void clock_test_use(const ClockTest *c)
{
    test_clock = c;
}
