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
#include "scope.h"
#include "sim.h"

static void nap(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* Reads one record with the decoder the window uses; returns 0 if none is
 * ready. */
static int next_record(Ring *r, SimRecord *rec, int32_t *spikes)
{
    return sim_read(r, rec, spikes) != SIM_NONE;
}

static void test_ring_carries_the_run(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.seed = 21;
    Sim *s = sim_create(&p, net_count_excitatory(p.n), 0, NULL, 1u << 20, NULL);
    assert_non_null(s);
    atomic_store(&sim_controls(s)->speed_exp, SIM_SPEED_FASTEST);
    Net *ref = net_create(&p);
    static int32_t sp[1000];
    assert_int_equal(sim_start(s), 0);
    int64_t t = 0;
    long spikes = 0;
    while (t < 3000) {
        SimRecord rec;
        if (!next_record(sim_ring(s), &rec, sp)) { nap(1); continue; }
        assert_int_equal(rec.kind, SIM_STEP);
        int ns = net_step(ref);
        assert_int_equal(rec.t, t);
        assert_int_equal(rec.step.count, ns);
        assert_memory_equal(sp, net_spikes(ref), (size_t)ns * sizeof(int32_t));
        assert_true(rec.step.v == net_trace_v(ref));
        /* the summary crosses with the step: its E/I split, counted here by hand */
        int e = 0;
        for (int k = 0; k < ns; k++) e += net_spikes(ref)[k] < net_count_excitatory(p.n);
        assert_int_equal(rec.step.count_e, e);
        assert_ptr_equal(rec.step.spikes, sp);
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
    Sim *s = sim_create(&p, net_count_excitatory(p.n), 0, NULL, 1u << 20, NULL);
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
    static int32_t sp[1000];
    SimRecord rec;
    int events = 0;
    while (next_record(r, &rec, sp)) events += rec.kind == SIM_EVENT;
    assert_int_equal(events, 4);          /* paused 1 -> 0, noise_e, noise_i, speed */
    int64_t t1 = atomic_load(&st->time_ms);
    for (int i = 0; i < 20000 && atomic_load(&st->time_ms) < t1 + 150; i++) nap(1);
    long late = 0, records = 0;
    while (next_record(r, &rec, sp)) { late += rec.step.count; records++; }
    assert_true(records > 100);
    assert_int_equal(late, 0);
    /* restart: a marker with the seed, then time from 0 again */
    atomic_store(&c->speed_exp, 0);
    atomic_store(&c->restart_seed, 77);
    atomic_fetch_add(&c->restart_requests, 1);
    int seen = 0;
    for (int i = 0; i < 2000 && !seen; i++) {
        while (next_record(r, &rec, sp))
            if (rec.kind == SIM_RESTART) { seen = 1; assert_int_equal(rec.seed, 77); break; }
        if (!seen) nap(1);
    }
    assert_true(seen);
    for (int i = 0; i < 1000 && !(next_record(r, &rec, sp) && rec.kind == SIM_STEP); i++) nap(1);
    assert_int_equal(rec.t, 0);                                /* first step of the new run */
    assert_int_equal(atomic_load(&st->seed), 77);
    sim_stop(s);
    sim_destroy(s);
    sim_destroy(NULL);
}

/* A live change is stamped with the time of the first step it affects:
 * a Net stepped alone, given the same noise at that time, gives the same
 * spikes before and after. */
static void test_event_times_are_exact(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.seed = 8;
    Sim *s = sim_create(&p, net_count_excitatory(p.n), 0, NULL, 1u << 22, NULL);
    SimControls *c = sim_controls(s);
    Net *ref = net_create(&p);
    atomic_store(&c->speed_exp, 2);                  /* 4x; the changes wait for simulated time */
    assert_int_equal(sim_start(s), 0);
    static int32_t sp[1000];
    const SimStatus *st = sim_status(s);
    for (int i = 0; i < 20000 && atomic_load(&st->time_ms) < 100; i++) nap(1);
    sim_set_noise(c, 9.0f, 2.0f);
    for (int i = 0; i < 20000 && atomic_load(&st->time_ms) < 200; i++) nap(1);
    atomic_store(&c->trace_neuron, 812);
    for (int i = 0; i < 20000 && atomic_load(&st->time_ms) < 300; i++) nap(1);
    sim_stop(s);
    SimRecord rec;
    int changes = 0;
    while (next_record(sim_ring(s), &rec, sp)) {
        if (rec.kind == SIM_EVENT) {
            assert_int_equal(rec.t, net_time(ref));
            if (rec.event.kind == EVENT_NOISE_E) {
                assert_true(rec.event.before == 5.0 && rec.event.after == 9.0);
                net_set_noise(ref, 9.0f, 2.0f);
                changes++;
            } else if (rec.event.kind == EVENT_TRACE) {
                assert_true(rec.event.before == 0.0 && rec.event.after == 812.0);
                net_set_trace(ref, 812);
                changes++;
            }
            continue;
        }
        assert_int_equal(rec.kind, SIM_STEP);
        assert_int_equal(rec.t, net_time(ref));
        int ns = net_step(ref);
        assert_int_equal(rec.step.count, ns);
        assert_memory_equal(sp, net_spikes(ref), (size_t)ns * sizeof(int32_t));
        assert_true(rec.step.v == net_trace_v(ref));
    }
    assert_int_equal(changes, 2);
    assert_true(net_time(ref) >= 300);
    net_destroy(ref);
    sim_destroy(s);
}

/* One control path, one process or many: a noise change travels with the
 * next step's exchange (exchange_single.c hands it back) and acts from the
 * step after it, where its event is stamped. Paused, stepped one by one:
 * the change made before step 1 is stamped t = 2 (it acted at once, t = 1,
 * before the path was one), and a Net given it there gives the same
 * spikes. */
static void test_controls_travel_with_a_step(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.seed = 6;
    Sim *s = sim_create(&p, net_count_excitatory(p.n), 0, NULL, 1u << 20, NULL);
    SimControls *c = sim_controls(s);
    const SimStatus *st = sim_status(s);
    atomic_store(&c->paused, 1);
    assert_int_equal(sim_start(s), 0);
    atomic_fetch_add(&c->step_requests, 1);
    for (int i = 0; i < 20000 && atomic_load(&st->time_ms) < 1; i++) nap(1);
    sim_set_noise(c, 12.0f, 3.0f);
    for (int want = 2; want <= 4; want++) {
        atomic_fetch_add(&c->step_requests, 1);
        for (int i = 0; i < 20000 && atomic_load(&st->time_ms) < want; i++) nap(1);
    }
    sim_stop(s);
    Net *ref = net_create(&p);
    static int32_t sp[1000];
    SimRecord rec;
    int steps = 0, noise_at = -1;
    while (next_record(sim_ring(s), &rec, sp)) {
        if (rec.kind == SIM_EVENT) {
            if (rec.event.kind == EVENT_NOISE_E) {
                noise_at = (int)rec.t;
                assert_true(rec.event.before == 5.0 && rec.event.after == 12.0);
                net_set_noise(ref, 12.0f, 3.0f);
            }
            continue;
        }
        assert_int_equal(rec.kind, SIM_STEP);
        assert_int_equal(rec.t, net_time(ref));
        int ns = net_step(ref);
        assert_int_equal(rec.step.count, ns);
        assert_memory_equal(sp, net_spikes(ref), (size_t)ns * sizeof(int32_t));
        steps++;
    }
    assert_int_equal(steps, 4);
    assert_int_equal(noise_at, 2);
    net_destroy(ref);
    sim_destroy(s);
}

/* What labels the drawn data is the ring's restart record, not the status
 * seed: once the simulation thread has restarted (status seed new), a
 * consumer that has not read the marker yet still holds the old network's
 * steps, and they keep the old seed. */
static void test_seed_follows_the_data(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.seed = 3;
    Sim *s = sim_create(&p, net_count_excitatory(p.n), 0, NULL, 1u << 22, NULL);
    SimControls *c = sim_controls(s);
    Scope *sc = scope_create(1000, 800, 1000);
    scope_restart(sc, 3, 0);
    static int32_t sp[1000];
    atomic_store(&c->speed_exp, SIM_SPEED_FASTEST);
    assert_int_equal(sim_start(s), 0);
    SimRecord rec;
    while (scope_end(sc) < 500) {
        if (!next_record(sim_ring(s), &rec, sp)) { nap(1); continue; }
        if (rec.kind == SIM_STEP) scope_step(sc, &rec.step);
    }
    atomic_store(&c->paused, 1);
    atomic_store(&c->restart_seed, 99);
    atomic_fetch_add(&c->restart_requests, 1);
    for (int i = 0; i < 2000 && atomic_load(&sim_status(s)->seed) != 99; i++) nap(1);
    assert_int_equal(atomic_load(&sim_status(s)->seed), 99);
    assert_int_equal(scope_seed(sc), 3);             /* the data held is seed 3's */
    assert_true(scope_end(sc) >= 500);
    int restarted = 0;
    while (next_record(sim_ring(s), &rec, sp)) {
        if (rec.kind == SIM_STEP) scope_step(sc, &rec.step);
        else if (rec.kind == SIM_RESTART) { scope_restart(sc, rec.seed, 1); restarted = 1; }
        else scope_event(sc, &rec.event);
    }
    assert_true(restarted);
    assert_int_equal(scope_seed(sc), 99);
    assert_int_equal(scope_end(sc), 0);              /* paused right after the restart */
    sim_stop(s);
    scope_destroy(sc);
    sim_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ring_carries_the_run),
        cmocka_unit_test(test_pause_step_noise_restart),
        cmocka_unit_test(test_event_times_are_exact),
        cmocka_unit_test(test_controls_travel_with_a_step),
        cmocka_unit_test(test_seed_follows_the_data),
    };
    return cmocka_run_group_tests_name("sim", tests, NULL, NULL);
}
