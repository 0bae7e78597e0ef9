/*
 * test_resim.c - the analysis panel's re-simulation (resim.h) against a
 * run written here from the definitions: net.h stepped from 0, a change
 * at t_ms set after step t_ms - 1 (event.h: it acts from step t_ms on),
 * analysis.c fed every v and the LFP stand-in at the weight scales in
 * force (docs/model.md "Analysis measures"). Same arithmetic, so the same
 * bits. Also: a restart forgets the changes, pause and speed change
 * nothing, a span past RESIM_MAX_MS is not run, a stale job is replaced.
 * And the window's side of it (anasync.h): what it asks and when, the
 * panel's note, its result for the span shown only, the test hook's lines,
 * the worker's progress (stored every 64 steps: the last of [0, 600) is
 * 576, by hand).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "anasync.h"
#include "resim.h"
#include "step.h"

enum { N = 200, NE = 160 };

static NetParams params(uint64_t seed)
{
    NetParams p;
    net_params_default(&p);
    p.n = N;
    p.k = N;
    p.seed = seed;
    return p;
}

/* The reference: [from, to) of the network p with sigma_E se from step
 * t_noise on (t_noise < 0: none) and g_E ge from step t_weight on. */
static void reference(const NetParams *p, int64_t from, int64_t to, int64_t t_noise, float se, int64_t t_weight,
                      float ge, AnalysisResult *out)
{
    Net *net = net_create(p);
    Analysis *an = analysis_create(N, NE, from);
    double *w = malloc(N * sizeof *w);
    assert_non_null(net);
    assert_non_null(an);
    assert_non_null(w);
    analysis_lfp_weights(net, w);
    float g_e = p->weight_e;
    for (int64_t t = 0; t < to; t++) {
        const int ns = net_step(net);
        const Step st = step_of(t, net_spikes(net), ns, NE, -1, NAN);
        assert_int_equal(analysis_add(an, &st, net_v(net), analysis_lfp(w, &st, NE, g_e / 0.5, p->weight_i)), 0);
        if (t + 1 == t_noise) net_set_noise(net, se, p->sigma_i);
        if (t + 1 == t_weight) { g_e = ge; net_set_weights(net, ge, p->weight_i); }
    }
    assert_int_equal(analysis_result(an, out), 0);
    free(w);
    analysis_destroy(an);
    net_destroy(net);
}

/* Polls until the state is not COMPUTING; gives up only when the worker's
 * progress has not moved for 60 s (it runs at nice 19: beside a busy
 * machine, make test's other lanes, it is slow, not stuck). */
static ResimState wait_done(Resim *r, AnalysisResult *out)
{
    int64_t from, to, seen = -1;
    for (int idle = 0; idle < 6000; idle++) {
        ResimState s = resim_poll(r, out, &from, &to);
        if (s != RESIM_COMPUTING) return s;
        const int64_t now = resim_progress_ms(r);
        if (now != seen) { seen = now; idle = 0; }
        nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
    }
    return RESIM_COMPUTING;
}

static void same(const AnalysisResult *a, const AnalysisResult *b)
{
    assert_int_equal(a->steps, b->steps);
    assert_memory_equal(a->chi, b->chi, sizeof a->chi);
    assert_memory_equal(a->plv, b->plv, sizeof a->plv);
    assert_memory_equal(a->phase_deg, b->phase_deg, sizeof a->phase_deg);
    assert_int_equal(a->has_lfp, 1);
    assert_true(a->chi[0] > 0 && a->chi[0] <= 1);
}

static void test_changes_act_from_their_step(void **state)
{
    (void)state;
    const NetParams p = params(4);
    Resim *r = resim_create(&p, NE);
    assert_non_null(r);
    /* a pause and a speed change: nothing to re-run */
    assert_int_equal(resim_event(r, &(Event){ .t_ms = 50, .kind = EVENT_PAUSED, .after = 1 }), 0);
    assert_int_equal(resim_event(r, &(Event){ .t_ms = 120, .kind = EVENT_NOISE_E, .before = 5, .after = 9 }), 0);
    assert_int_equal(resim_event(r, &(Event){ .t_ms = 60, .kind = EVENT_SPEED, .after = 3 }), 0);
    assert_int_equal(resim_event(r, &(Event){ .t_ms = 300, .kind = EVENT_WEIGHT_E, .before = 0.5, .after = 0.75 }),
                     0);
    static AnalysisResult got, want, none;
    resim_ask(r, 200, 600);
    assert_int_equal(wait_done(r, &got), RESIM_DONE);
    reference(&p, 200, 600, 120, 9, 300, 0.75f, &want);
    same(&got, &want);
    /* without the changes the numbers differ: the test sees them */
    reference(&p, 200, 600, -1, 0, -1, 0, &none);
    assert_true(memcmp(got.chi, none.chi, sizeof none.chi) != 0);
    /* a change one step later is another run */
    reference(&p, 200, 600, 121, 9, 300, 0.75f, &none);
    assert_true(memcmp(got.chi, none.chi, sizeof none.chi) != 0);
    resim_destroy(r);
}

static void test_restart_forgets_the_changes(void **state)
{
    (void)state;
    const NetParams p = params(4);
    Resim *r = resim_create(&p, NE);
    assert_non_null(r);
    assert_int_equal(resim_event(r, &(Event){ .t_ms = 100, .kind = EVENT_NOISE_E, .after = 9 }), 0);
    resim_ask(r, 100, 400);
    /* a restart: nothing asked (the old span is one the new run has not
     * reached: a tester saw such numbers shown after R) until asked */
    resim_restart(r, 11);
    static AnalysisResult got, want;
    int64_t f0, t0;
    assert_int_equal(resim_poll(r, NULL, &f0, &t0), RESIM_NONE);
    assert_int_equal(resim_last(r, 0, NULL, &f0, &t0), 0);
    resim_ask(r, 100, 400);
    assert_int_equal(wait_done(r, &got), RESIM_DONE);
    const NetParams q = params(11);
    reference(&q, 100, 400, -1, 0, -1, 0, &want);
    same(&got, &want);
    /* another span replaces the one asked */
    resim_ask(r, 0, 200);
    resim_ask(r, 50, 250);
    int64_t from, to;
    assert_int_equal(wait_done(r, &got), RESIM_DONE);
    (void)resim_poll(r, NULL, &from, &to);
    assert_int_equal(from, 50);
    assert_int_equal(to, 250);
    reference(&q, 50, 250, -1, 0, -1, 0, &want);
    same(&got, &want);
    resim_destroy(r);
}

/* A job running is not cancelled by a newer span (the live edge moves
 * on while it runs): both finish, the first's result is shown meanwhile
 * (resim_last), and results count 1, 2. A restart or a change before the
 * end asked makes them stale: none until the next. */
static void test_running_job_finishes(void **state)
{
    (void)state;
    const NetParams p = params(4);
    Resim *r = resim_create(&p, NE);
    assert_non_null(r);
    static AnalysisResult got, want;
    int64_t from, to;
    /* A long enough to be running when B is asked: its progress seen */
    resim_ask(r, 5000, 6000);
    for (int i = 0; i < 60000 && resim_progress_ms(r) == 0; i++) nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
    assert_true(resim_progress_ms(r) > 0);
    resim_ask(r, 5500, 6500);
    assert_int_equal(wait_done(r, &got), RESIM_DONE);
    (void)resim_poll(r, NULL, &from, &to);
    assert_int_equal(from, 5500);
    /* both ran: the first was not cancelled */
    assert_int_equal(resim_last(r, 0, NULL, &from, &to), 2);
    assert_int_equal(from, 5500);
    assert_int_equal(to, 6500);
    reference(&p, 5500, 6500, -1, 0, -1, 0, &want);
    same(&got, &want);
    /* the same number: not copied again */
    memset(&got, 0, sizeof got);
    assert_int_equal(resim_last(r, 2, &got, &from, &to), 2);
    assert_int_equal(got.steps, 0);
    /* a change after the end asked keeps the result; one before it does not */
    assert_int_equal(resim_event(r, &(Event){ .t_ms = 6600, .kind = EVENT_NOISE_E, .after = 9 }), 0);
    assert_int_equal(resim_last(r, 2, NULL, &from, &to), 2);
    assert_int_equal(resim_event(r, &(Event){ .t_ms = 6400, .kind = EVENT_NOISE_E, .after = 8 }), 0);
    assert_int_equal(resim_last(r, 2, NULL, &from, &to), 0);
    assert_int_equal(wait_done(r, &got), RESIM_DONE);
    assert_int_equal(resim_last(r, 2, NULL, &from, &to), 3);
    resim_restart(r, 5);
    assert_int_equal(resim_last(r, 3, NULL, &from, &to), 0);
    resim_destroy(r);
}

static void test_too_long_is_not_run(void **state)
{
    (void)state;
    const NetParams p = params(4);
    Resim *r = resim_create(&p, NE);
    assert_non_null(r);
    int64_t from, to;
    assert_int_equal(resim_poll(r, NULL, &from, &to), RESIM_NONE);
    resim_ask(r, RESIM_MAX_MS - 1000, RESIM_MAX_MS + 1);
    assert_int_equal(resim_poll(r, NULL, &from, &to), RESIM_TOO_LONG);
    assert_int_equal(to, RESIM_MAX_MS + 1);
    resim_destroy(r);
    resim_destroy(NULL);
}

/* anasync: without a network (a replay) there is nothing to ask and the
 * panel says why; with one, a span is asked, its note says "computing"
 * until done, the result is given for that span only, a new span within
 * 500 ms of the last ask waits, and the status lines carry the numbers. */
static void test_anasync(void **state)
{
    (void)state;
    AnaSync none;
    char out[1024];
    assert_int_equal(anasync_open(&none, NULL, NE, "a replay"), 0);
    anasync_update(&none, 200, 600, 1);
    assert_non_null(strstr(none.note, "n/a (a replay:"));
    int64_t f, t;
    assert_null(anasync_result(&none, &f, &t));
    anasync_status(&none, out, sizeof out);
    assert_string_equal(out, "ana_sync n/a 0 0\nana_resim_ms 0\n");
    assert_int_equal(anasync_event(&none, &(Event){ .t_ms = 5, .kind = EVENT_NOISE_E, .after = 9 }), 0);
    anasync_close(&none);

    const NetParams p = params(4);
    AnaSync s;
    assert_int_equal(anasync_open(&s, &p, NE, NULL), 0);
    assert_int_equal(anasync_event(&s, &(Event){ .t_ms = 120, .kind = EVENT_NOISE_E, .before = 5, .after = 9 }), 0);
    const int64_t t0 = 1000000000;
    anasync_update(&s, 200, 600, t0);
    assert_non_null(strstr(s.note, "computing"));
    /* another span within 500 ms of the ask is not asked yet: still "computing" */
    anasync_update(&s, 300, 700, t0 + 1);
    assert_int_equal(s.from, 200);
    if (!anasync_result(&s, &f, &t)) assert_non_null(strstr(s.note, "re-simulating 0 \xe2\x80\xa6 0.7 s"));
    for (int i = 0; i < 6000 && s.state != RESIM_DONE; i++) {
        nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
        anasync_update(&s, 200, 600, t0 + 2);
    }
    static AnalysisResult want;
    reference(&p, 200, 600, 120, 9, -1, 0, &want);
    const AnalysisResult *got = anasync_result(&s, &f, &t);
    assert_non_null(got);
    assert_int_equal(f, 200);
    assert_int_equal(t, 600);
    same(got, &want);
    assert_string_equal(s.note, "");
    anasync_status(&s, out, sizeof out);
    char want_chi[128];
    snprintf(want_chi, sizeof want_chi, "ana_chi %.17g %.17g %.17g\n", want.chi[0], want.chi[1], want.chi[2]);
    static const char head[] = "ana_sync done 200 600\nana_resim_ms 576\nana_sync_of 200 600\n";
    assert_true(strncmp(out, head, strlen(head)) == 0);
    assert_non_null(strstr(out, want_chi));
    /* past 500 ms the new span is asked (a long run: 60 s from 0) */
    anasync_update(&s, 59600, 60000, t0 + 600000000);
    int64_t from, to;
    (void)resim_poll(s.resim, NULL, &from, &to);
    assert_int_equal(from, 59600);
    assert_int_equal(to, 60000);
    /* while it is computed the panel shows [200, 600)'s, with its span */
    anasync_update(&s, 59600, 60000, t0 + 600000001);
    if (s.state == RESIM_COMPUTING) {
        assert_ptr_equal(anasync_result(&s, &f, &t), got);
        assert_int_equal(f, 200);
        assert_int_equal(t, 600);
        assert_string_equal(s.note, "");
    } else {
        print_message("test_anasync: [59600, 60000) done before it was looked at: the show-while-computing check not run\n");
    }
    /* a restart: nothing shown until the new network's result */
    anasync_restart(&s, 5);
    assert_null(anasync_result(&s, &f, &t));      /* at once, before the next update */
    anasync_update(&s, 59600, 60000, t0 + 600000002);
    if (s.state == RESIM_COMPUTING) {
        assert_null(anasync_result(&s, &f, &t));
        assert_non_null(strstr(s.note, "computing"));
    }
    anasync_close(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_changes_act_from_their_step),
        cmocka_unit_test(test_restart_forgets_the_changes),
        cmocka_unit_test(test_running_job_finishes),
        cmocka_unit_test(test_too_long_is_not_run),
        cmocka_unit_test(test_anasync),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
