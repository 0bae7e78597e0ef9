/*
 * clock.h - the monotonic clock in ns and sleeping on it, written once for
 * the simulation's pacing, the window's frames and the start-up time.
 *
 * A test can put a clock of its own in the real one's place
 * (clock_test_use): then the pacing and lag logic run on a time the test
 * sets, and are checked exactly. The program never calls clock_test_use.
 */
#ifndef IZHISCOPE_CLOCK_H
#define IZHISCOPE_CLOCK_H

#include <stdint.h>

/* Now on CLOCK_MONOTONIC (or the test's clock), in ns. */
int64_t clock_now_ns(void);
/* Sleeps until clock_now_ns() >= t_ns (returns at once if it is). */
void clock_sleep_until_ns(int64_t t_ns);
/* Sleeps ns (nothing if ns <= 0). */
void clock_sleep_ns(int64_t ns);

/* Test-only: a clock in place of the real one (NULL: the real one again).
 * Set it before any thread that reads the clock starts. */
typedef struct ClockTest {
    int64_t (*now)(void *ctx);
    void (*sleep_until)(void *ctx, int64_t t_ns);
    void *ctx;
} ClockTest;
void clock_test_use(const ClockTest *c);

#endif
