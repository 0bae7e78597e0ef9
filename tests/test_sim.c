/*
 * test_sim.c - the simulation thread through its public face: what crosses
 * the ring is exactly what a Net stepped alone produces (so a window
 * session shows and records the headless run), pause and single steps,
 * live noise, restart. Run under ThreadSanitizer by `make test`.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "net.h"
#include "sim.h"

static void nap(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* Reads one record; returns 0 if none is ready. */
static int next_record(Ring *r, uint32_t h[SIM_REC_HEADER], uint32_t *spikes)
{
    if (ring_readable(r) < SIM_REC_HEADER) return 0;
    ring_peek(r, 0, h, SIM_REC_HEADER);
    size_t n = h[2] == SIM_REC_RESTART ? 0 : h[2];
    ring_peek(r, SIM_REC_HEADER, spikes, n);
    ring_consume(r, SIM_REC_HEADER + n);
    return 1;
}

static void test_ring_carries_the_run(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.seed = 21;
    Sim *s = sim_create(&p, 0, NULL, 1u << 20);
    assert_non_null(s);
    atomic_store(&sim_controls(s)->speed_exp, SIM_SPEED_FASTEST);
    Net *ref = net_create(&p);
    static uint32_t sp[1000];
    assert_int_equal(sim_start(s), 0);
    int64_t t = 0;
    long spikes = 0;
    while (t < 3000) {
        uint32_t h[SIM_REC_HEADER];
        if (!next_record(sim_ring(s), h, sp)) { nap(1); continue; }
        int ns = net_step(ref);
        assert_int_equal((int64_t)h[0] | ((int64_t)h[1] << 32), t);
        assert_int_equal(h[2], ns);
        assert_memory_equal(sp, net_spikes(ref), (size_t)ns * sizeof(int32_t));
        float v;
        memcpy(&v, &h[3], sizeof v);
        assert_true(v == net_trace_v(ref));
        spikes += ns;
        t++;
    }
    sim_stop(s);
    assert_int_equal(ring_dropped(sim_ring(s)), 0);
    assert_true(spikes > 15000);
    net_destroy(ref);
    sim_destroy(s);
}

static void test_pause_step_noise_restart(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.seed = 4;
    Sim *s = sim_create(&p, 0, NULL, 1u << 20);
    SimControls *c = sim_controls(s);
    const SimStatus *st = sim_status(s);
    atomic_store(&c->paused, 1);
    assert_int_equal(sim_start(s), 0);
    nap(50);
    assert_int_equal(atomic_load(&st->time_ms), 0);           /* paused from the start */
    atomic_fetch_add(&c->step_requests, 3);
    for (int i = 0; i < 1000 && atomic_load(&st->time_ms) < 3; i++) nap(1);
    nap(20);
    assert_int_equal(atomic_load(&st->time_ms), 3);           /* exactly three steps */
    /* at 1x, about 300 ms of simulated time in 300 ms */
    atomic_store(&c->paused, 0);
    nap(300);
    int64_t t = atomic_load(&st->time_ms);
    assert_true(t > 150 && t < 600);
    /* silence: no noise, and after the last spikes settle, no spikes */
    sim_set_noise(c, 0.0f, 0.0f);
    atomic_store(&c->speed_exp, SIM_SPEED_FASTEST);
    nap(100);
    Ring *r = sim_ring(s);
    static uint32_t sp[1000];
    uint32_t h[SIM_REC_HEADER];
    while (next_record(r, h, sp)) {}
    nap(50);
    long late = 0, records = 0;
    while (next_record(r, h, sp)) { late += h[2]; records++; }
    assert_true(records > 100);
    assert_int_equal(late, 0);
    /* restart: a marker, then time from 0 again */
    atomic_store(&c->speed_exp, 0);
    atomic_store(&c->restart_seed, 77);
    atomic_fetch_add(&c->restart_requests, 1);
    int seen = 0;
    for (int i = 0; i < 2000 && !seen; i++) {
        while (next_record(r, h, sp))
            if (h[2] == SIM_REC_RESTART) { seen = 1; assert_int_equal(h[0], 77); break; }
        if (!seen) nap(1);
    }
    assert_true(seen);
    for (int i = 0; i < 1000 && !next_record(r, h, sp); i++) nap(1);
    assert_int_equal(h[0], 0);                                 /* first step of the new run */
    assert_int_equal(atomic_load(&st->seed), 77);
    sim_stop(s);
    sim_destroy(s);
    sim_destroy(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ring_carries_the_run),
        cmocka_unit_test(test_pause_step_noise_restart),
    };
    return cmocka_run_group_tests_name("sim", tests, NULL, NULL);
}
