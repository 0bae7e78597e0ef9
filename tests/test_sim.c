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

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "clock.h"
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

/* Issue 20: the traced neurons cross the ring with each step (sim.h): three
 * set before the start, a fourth added live by the main thread while paused
 * (a trace_add event at the step it acts on); every step's record carries
 * the neurons and their v, u and I bit for bit as a network stepped here
 * with the same set from the event's step on. */
static void test_ring_carries_traces(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.seed = 22;
    Sim *s = sim_create(&p, net_count_excitatory(p.n), 0, NULL, 1u << 20, NULL);
    assert_non_null(s);
    SimControls *c = sim_controls(s);
    const SimStatus *st = sim_status(s);
    const int three[3] = { 3, 900, 500 }, four[4] = { 3, 900, 500, 77 };
    sim_set_traces(c, three, 3);
    atomic_store(&c->paused, 1);
    Net *ref = net_create(&p);
    assert_int_equal(net_set_traces(ref, three, 3), 0);
    static int32_t sp[1000];
    assert_int_equal(sim_start(s), 0);
    atomic_fetch_add(&c->step_requests, 200);
    for (int i = 0; i < 20000 && atomic_load(&st->time_ms) < 200; i++) nap(1);
    int got[STEP_TRACE_MAX];
    assert_int_equal(sim_get_traces(c, got), 3);
    sim_set_traces(c, four, 4);
    assert_int_equal(sim_get_traces(c, got), 4);
    assert_int_equal(got[3], 77);
    atomic_fetch_add(&c->step_requests, 200);
    int64_t t = 0;
    int events = 0;
    while (t < 400) {
        SimRecord rec;
        if (!next_record(sim_ring(s), &rec, sp)) { nap(1); continue; }
        if (rec.kind == SIM_EVENT) {
            assert_int_equal(rec.event.kind, EVENT_TRACE_ADD);
            assert_int_equal((int)rec.event.after, 77);
            assert_int_equal(rec.t, t);
            assert_int_equal(net_set_traces(ref, four, 4), 0);
            events++;
            continue;
        }
        assert_int_equal(rec.kind, SIM_STEP);
        net_step(ref);
        const StepTraces *a = rec.step.traces, *b = net_traces(ref);
        assert_non_null(a);
        assert_int_equal(a->k, b->k);
        for (int j = 0; j < b->k; j++) {
            assert_int_equal(a->neuron[j], b->neuron[j]);
            assert_memory_equal(&a->v[j], &b->v[j], sizeof(float));
            assert_memory_equal(&a->u[j], &b->u[j], sizeof(float));
            assert_memory_equal(&a->i[j], &b->i[j], sizeof(float));
        }
        t++;
    }
    assert_int_equal(events, 1);
    sim_stop(s);
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
    for (int i = 0; i < 20000 && atomic_load(&st->time_ms) < 3; i++) nap(1);
    nap(20);
    assert_int_equal(atomic_load(&st->time_ms), 3);           /* exactly three steps */
    /* unpaused, it runs on (how fast: test_pacing_on_a_fake_clock, exactly;
     * a check of ~300 ms in 300 ms on the real clock failed under load) */
    atomic_store(&c->paused, 0);
    for (int i = 0; i < 20000 && atomic_load(&st->time_ms) < 23; i++) nap(1);
    assert_true(atomic_load(&st->time_ms) >= 23);
    /* silence: no noise, and after the last spikes settle, no spikes */
    sim_set_noise(c, 0.0f, 0.0f);
    atomic_store(&c->speed_exp, SIM_SPEED_FASTEST);
    Ring *r = sim_ring(s);
    static int32_t sp[1000];
    SimRecord rec;
    int events = 0;
    /* paused 1 -> 0, noise_e, noise_i, speed: until the thread has taken
     * them (and no fifth: counted on below too) */
    for (int i = 0; i < 20000 && events < 4; i++) {
        while (next_record(r, &rec, sp)) events += rec.kind == SIM_EVENT;
        if (events < 4) nap(1);
    }
    assert_int_equal(events, 4);
    /* the last spikes settle: 300 simulated ms without noise, drained */
    const int64_t t0 = atomic_load(&st->time_ms);
    for (int i = 0; i < 20000 && atomic_load(&st->time_ms) < t0 + 300; i++) {
        while (next_record(r, &rec, sp)) events += rec.kind == SIM_EVENT;
        nap(1);
    }
    while (next_record(r, &rec, sp)) events += rec.kind == SIM_EVENT;
    int64_t t1 = atomic_load(&st->time_ms);
    for (int i = 0; i < 20000 && atomic_load(&st->time_ms) < t1 + 150; i++) nap(1);
    long late = 0, records = 0;
    while (next_record(r, &rec, sp)) {
        if (rec.kind == SIM_EVENT) events++;
        else { late += rec.step.count; records++; }
    }
    assert_true(records > 100);
    assert_int_equal(late, 0);
    assert_int_equal(events, 4);
    /* restart: a marker with the seed, then time from 0 again */
    atomic_store(&c->speed_exp, 0);
    atomic_store(&c->restart_seed, 77);
    atomic_fetch_add(&c->restart_requests, 1);
    int seen = 0;
    for (int i = 0; i < 20000 && !seen; i++) {
        while (next_record(r, &rec, sp))
            if (rec.kind == SIM_RESTART) { seen = 1; assert_int_equal(rec.seed, 77); break; }
        if (!seen) nap(1);
    }
    assert_true(seen);
    for (int i = 0; i < 20000 && !(next_record(r, &rec, sp) && rec.kind == SIM_STEP); i++) nap(1);
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
    for (int i = 0; i < 20000 && atomic_load(&sim_status(s)->seed) != 99; i++) nap(1);
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

/* ---- pacing on a fake clock (clock.h's test clock) ------------------------
 * Time moves only when the test moves it; the simulation thread's sleeps
 * block until then. "Settled": the thread sleeps until a time still to
 * come, so it has done every step due. */
typedef struct Fake {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int64_t now, wake;
    int sleeping, released;
} Fake;

static int64_t fake_now(void *ctx)
{
    Fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    int64_t t = f->now;
    pthread_mutex_unlock(&f->mu);
    return t;
}

static void fake_sleep_until(void *ctx, int64_t t_ns)
{
    Fake *f = ctx;
    pthread_mutex_lock(&f->mu);
    f->sleeping = 1;
    f->wake = t_ns;
    pthread_cond_broadcast(&f->cv);
    while (f->now < t_ns && !f->released) pthread_cond_wait(&f->cv, &f->mu);
    f->sleeping = 0;
    pthread_mutex_unlock(&f->mu);
}

/* Moves the clock on by ns and waits until the thread has settled. */
static void fake_advance(Fake *f, int64_t ns)
{
    pthread_mutex_lock(&f->mu);
    f->now += ns;
    pthread_cond_broadcast(&f->cv);
    while (!(f->sleeping && f->wake > f->now)) pthread_cond_wait(&f->cv, &f->mu);
    pthread_mutex_unlock(&f->mu);
}

/* sim.c's pacing, exactly: at speed s, s * k ms simulated in k ms; the
 * backlog of a stall longer than LAG_WALL_MS (100 ms) is dropped and
 * "lagging" said, for LAG_CLEAR_NS (1 s) after the stall (sim.c). */
static void test_pacing_on_a_fake_clock(void **state)
{
    (void)state;
    static Fake f = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 5000000000LL, 0, 0, 0 };
    static const ClockTest ct = { fake_now, fake_sleep_until, &f };
    clock_test_use(&ct);
    NetParams p;
    net_params_default(&p);
    p.n = 100; p.k = 10; p.seed = 3;
    Sim *s = sim_create(&p, net_count_excitatory(p.n), 0, NULL, 1u << 22, NULL);
    assert_non_null(s);
    SimControls *c = sim_controls(s);
    const SimStatus *st = sim_status(s);
    assert_int_equal(sim_start(s), 0);
    fake_advance(&f, 0);
    assert_int_equal(atomic_load(&st->time_ms), 0);     /* nothing due yet */
    /* speed 1: one step per ms of clock, on the ms */
    for (int k = 1; k <= 300; k++) {
        fake_advance(&f, 1000000);
        if (atomic_load(&st->time_ms) != k) fail_msg("speed 1: at %d ms, %d steps", k, (int)atomic_load(&st->time_ms));
    }
    fake_advance(&f, 99000000);                           /* a stall of 99 ms: caught up */
    assert_int_equal(atomic_load(&st->time_ms), 399);
    assert_int_equal(atomic_load(&st->lagging), 0);
    fake_advance(&f, 250000);                             /* not a whole ms: no step */
    assert_int_equal(atomic_load(&st->time_ms), 399);
    fake_advance(&f, 750000);
    assert_int_equal(atomic_load(&st->time_ms), 400);
    /* a stall of 150 ms: the backlog is dropped, re-anchored at the stall's
     * end with its one step (due = t + 1), lagging said for 1 s after it */
    fake_advance(&f, 150000000);
    assert_int_equal(atomic_load(&st->time_ms), 401);
    assert_int_equal(atomic_load(&st->lagging), 1);
    for (int k = 1; k <= 1001; k++) {
        fake_advance(&f, 1000000);
        int64_t want = 400 + (k > 1 ? k : 1);
        if (atomic_load(&st->time_ms) != want)
            fail_msg("after the stall: at +%d ms, t %d, not %d", k, (int)atomic_load(&st->time_ms), (int)want);
        if (atomic_load(&st->lagging) != (k <= 1000))
            fail_msg("lagging %d at %d ms after the stall", (int)atomic_load(&st->lagging), k);
    }
    /* speed 4 (2^2) and 1/4 (2^-2): from the change on (re-anchored where
     * the change is seen, before that ms's step) */
    int64_t t0 = 1401;
    atomic_store(&c->speed_exp, 2);
    fake_advance(&f, 1000000);                            /* seen: re-anchored here */
    assert_int_equal(atomic_load(&st->time_ms), t0);
    for (int k = 1; k <= 50; k++) {
        fake_advance(&f, 1000000);
        if (atomic_load(&st->time_ms) != t0 + 4 * k) fail_msg("speed 4: at %d ms, t %d", k, (int)atomic_load(&st->time_ms));
    }
    t0 += 200;
    atomic_store(&c->speed_exp, -2);
    fake_advance(&f, 1000000);
    assert_int_equal(atomic_load(&st->time_ms), t0);
    for (int k = 1; k <= 40; k++) {
        fake_advance(&f, 1000000);
        if (atomic_load(&st->time_ms) != t0 + k / 4) fail_msg("speed 1/4: at %d ms, t %d", k, (int)atomic_load(&st->time_ms));
    }
    /* the achieved speed shown: measured over 1/4 s of clock */
    atomic_store(&c->speed_exp, 0);
    for (int k = 0; k < 1000; k++) fake_advance(&f, 1000000);
    float factor;
    unsigned bits = atomic_load(&st->factor_bits);
    memcpy(&factor, &bits, sizeof factor);
    assert_true(factor == 1.0f);
    pthread_mutex_lock(&f.mu);
    f.released = 1;                                       /* sleeps return: the thread can see quit */
    pthread_cond_broadcast(&f.cv);
    pthread_mutex_unlock(&f.mu);
    sim_stop(s);
    sim_destroy(s);
    clock_test_use(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ring_carries_the_run),
        cmocka_unit_test(test_ring_carries_traces),
        cmocka_unit_test(test_pause_step_noise_restart),
        cmocka_unit_test(test_event_times_are_exact),
        cmocka_unit_test(test_controls_travel_with_a_step),
        cmocka_unit_test(test_seed_follows_the_data),
        cmocka_unit_test(test_pacing_on_a_fake_clock),
    };
    return cmocka_run_group_tests_name("sim", tests, NULL, NULL);
}
