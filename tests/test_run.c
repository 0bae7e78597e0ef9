/*
 * test_run.c - one step of a run (run.h, step.h): the summary's E/I split against a
 * hand count, the source stepping a Net as net_step alone and a Replay as
 * replay_step alone, the runaway watch against a hand computation (missing
 * steps silent), the fan-out feeding every consumer the same summary, the
 * agreed build's failure returned in a value, the controls' words with one
 * process. (A recorder's failed write stopping the run: e2e_headless.sh's
 * full-disk checks.)
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <string.h>

#include "net.h"
#include "record.h"
#include "replay.h"
#include "run.h"
#include "scope.h"
#include "stats.h"

/* ne = 800: 0, 799 excitatory; 800, 999 inhibitory (a hand count: 2 and 2). */
static void test_summary_splits_once(void **state)
{
    (void)state;
    const int32_t sp[] = { 0, 5, 799, 800, 999 };
    Step st = step_of(7, sp, 5, 800, 3, -61.5f);
    assert_int_equal(st.t, 7);
    assert_ptr_equal(st.spikes, sp);
    assert_int_equal(st.count, 5);
    assert_int_equal(st.count_e, 3);
    assert_int_equal(st.trace, 3);
    assert_true(st.v == -61.5f);
    st = step_of(0, sp, 5, 0, 0, 0.0f);      /* no excitatory neuron */
    assert_int_equal(st.count_e, 0);
    st = step_of(0, sp, 5, 1000, 0, 0.0f);   /* all excitatory */
    assert_int_equal(st.count_e, 5);
}

/* The source's steps are the Net's, bit for bit, with their E/I split. */
static void test_source_is_the_net(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.seed = 11;
    RunBuild b;
    Net *net = run_net_create(&p, &b);
    assert_non_null(net);
    assert_int_equal(b.status, 0);
    Net *ref = net_create(&p);
    net_set_trace(net, 17);
    net_set_trace(ref, 17);
    RunSource src;
    run_source_net(&src, net, 800);
    long spikes = 0;
    for (int t = 0; t < 1000; t++) {
        Step st;
        assert_int_equal(run_source_time(&src), t);
        run_source_step(&src, &st);
        int ns = net_step(ref);
        assert_int_equal(st.t, t);
        assert_int_equal(st.count, ns);
        assert_memory_equal(st.spikes, net_spikes(ref), (size_t)ns * sizeof(int32_t));
        int e = 0;
        for (int k = 0; k < ns; k++) e += net_spikes(ref)[k] < 800;
        assert_int_equal(st.count_e, e);
        assert_int_equal(st.trace, 17);
        assert_true(st.v == net_trace_v(ref));
        spikes += ns;
    }
    assert_true(spikes > 1000);
    run_source_free(&src);
    run_source_free(&src);          /* freed is a no-op */
    net_destroy(ref);
}

/* A replay's steps are its file's, ms by ms; rewound, the same again. */
static void test_source_replays(void **state)
{
    (void)state;
    Replay r;
    memset(&r, 0, sizeof r);
    size_t cap = 0;
    assert_int_equal(replay_push(&r, &cap, 0, 9), 0);
    assert_int_equal(replay_push(&r, &cap, 0, 1), 0);
    assert_int_equal(replay_push(&r, &cap, 2, 3), 0);
    replay_finish(&r);
    RunSource src;
    assert_int_equal(run_source_replay(&src, &r, 10, 8, 4), 0);
    for (int pass = 0; pass < 2; pass++) {
        Step st;
        run_source_step(&src, &st);
        assert_int_equal(st.t, 0);
        assert_int_equal(st.count, 2);
        assert_int_equal(st.spikes[0], 1);
        assert_int_equal(st.spikes[1], 9);
        assert_int_equal(st.count_e, 1);           /* 1 < 8, 9 is not */
        assert_int_equal(st.trace, 4);
        run_source_step(&src, &st);
        assert_int_equal(st.t, 1);
        assert_int_equal(st.count, 0);
        run_source_step(&src, &st);
        assert_int_equal(st.count, 1);
        assert_int_equal(st.count_e, 1);
        assert_int_equal(run_source_time(&src), 3);
        run_source_rewind(&src);
        assert_int_equal(run_source_time(&src), 0);
    }
    run_source_free(&src);
    replay_free(&r);
}

/* Euler, n = 10: runaway at a mean of 150 Hz over 1000 ms, i.e. 1500
 * spikes in the last 1000 steps. 2 spikes a ms: 1500 reached at the 750th
 * step, but not before 1000 ms are seen: at = 1000. */
static void test_runaway_by_hand(void **state)
{
    (void)state;
    static RunRunaway r;
    const int32_t sp[2] = { 0, 1 };
    run_runaway_reset(&r, NET_SCHEME_EULER, 10);
    for (int t = 0; t < 999; t++) {
        Step st = step_of(t, sp, 2, 8, 0, 0.0f);
        run_runaway_step(&r, &st);
        assert_false(r.now);
    }
    assert_int_equal(r.at, -1);
    Step st = step_of(999, sp, 2, 8, 0, 0.0f);
    run_runaway_step(&r, &st);
    assert_true(r.now);
    assert_int_equal(r.at, 1000);
    /* 600 steps missing (a full ring): silent, so 400 * 2 = 800 < 1500 */
    st = step_of(1600, sp, 2, 8, 0, 0.0f);
    run_runaway_step(&r, &st);
    assert_int_equal(r.sum, 2 * 400 + 2 - 2);       /* 1000 ... 1599 are 0; 1600 replaces 600's 2 */
    assert_false(r.now);
    assert_int_equal(r.at, 1000);                   /* the first time is kept */
    /* the paper scheme never runs away */
    run_runaway_reset(&r, NET_SCHEME_PAPER, 10);
    for (int t = 0; t < 2000; t++) {
        st = step_of(t, sp, 2, 8, 0, 0.0f);
        run_runaway_step(&r, &st);
    }
    assert_false(r.now);
    assert_int_equal(r.at, -1);
}

/* Every consumer gets the same summary: the Scope's and the Stats's E/I
 * counts are the summary's (a deliberately wrong count_e shows through). */
static void test_fanout_feeds_all(void **state)
{
    (void)state;
    Scope *sc = scope_create(10, 8, 100);
    Stats *stt = stats_create(10, 8, 0);
    static RunRunaway ra;
    run_runaway_reset(&ra, NET_SCHEME_EULER, 10);
    assert_non_null(sc);
    assert_non_null(stt);
    scope_restart(sc, 1, 0);
    const int32_t sp[3] = { 1, 2, 9 };
    const RunFanout out = { .scope = sc, .stats = stt, .runaway = &ra };
    Step st = step_of(0, sp, 3, 8, 0, -65.0f);
    assert_int_equal(run_fanout(&out, &st), 0);
    st.t = 1;
    st.count_e = 3;                 /* not the split of sp: taken as given */
    assert_int_equal(run_fanout(&out, &st), 0);
    int32_t e, i;
    scope_counts(sc, 0, &e, &i);
    assert_int_equal(e, 2);
    assert_int_equal(i, 1);
    scope_counts(sc, 1, &e, &i);
    assert_int_equal(e, 3);
    assert_int_equal(i, 0);
    StatsResult r;
    stats_result(stt, &r);
    assert_float_equal(r.rate_e, 5.0 / (8 * 0.002), 1e-9);
    assert_float_equal(r.rate_i, 1.0 / (2 * 0.002), 1e-9);
    assert_int_equal(ra.end, 2);
    assert_int_equal(ra.sum, 6);
    assert_int_equal(scope_end(sc), 2);
    scope_destroy(sc);
    stats_destroy(stt);
}

/* A build that fails says so in its value: status, process, errno. */
static void test_build_failure_in_a_value(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.n = -1;                       /* invalid: net_create says EINVAL */
    RunBuild b = { 99, 99, 99 };
    errno = 0;
    assert_null(run_net_create(&p, &b));
    assert_int_equal(b.status, RUN_FAIL);
    assert_int_equal(b.who, 0);
    assert_int_equal(b.err, EINVAL);
}

/* With one process a follower steps alone and ends; a failed build ends
 * it with the build's status. */
static void test_follow_one_process(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.n = p.k = 100;
    assert_int_equal(run_follow(&p, 0, 5), 0);
    p.n = -1;
    assert_int_equal(run_follow(&p, 0, 5), RUN_FAIL);
}

/* Words that cannot wait: with one process nobody else listens, so no
 * unseen step is taken and nothing is left for the next step's exchange;
 * words sent with a step come back after it (exchange_single.c). */
static void test_controls_one_process(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.n = p.k = 100;
    Net *net = net_create(&p);
    assert_non_null(net);
    run_controls_now(net, &(const RunControls){ .flags = RUN_CTL_STOP });
    assert_int_equal(net_time(net), 0);
    RunControls c;
    run_controls_take(&c);
    assert_int_equal(c.flags, 0);
    run_controls_send(&(const RunControls){ .flags = RUN_CTL_NOISE | RUN_CTL_TRACE | RUN_CTL_RESTART,
                                            .sigma_e = 7.25f, .sigma_i = 1.5f, .trace = 42, .seed = 1ull << 40 });
    net_step(net);
    run_controls_take(&c);
    assert_int_equal(c.flags, RUN_CTL_NOISE | RUN_CTL_TRACE | RUN_CTL_RESTART);
    assert_true(c.sigma_e == 7.25f && c.sigma_i == 1.5f);
    assert_int_equal(c.trace, 42);
    assert_true(c.seed == 1ull << 40);
    run_controls_take(&c);                        /* taken once */
    assert_int_equal(c.flags, 0);
    net_destroy(net);
}

/* Issue 20: the traced neurons' changes through the control words
 * (docs/model.md "File formats", events trace_neuron and trace_add): a
 * replacement and up to four adds come back exact; adding puts a neuron
 * last, one traced already changes nothing, a fifth drops the first;
 * run_traces_post turns a window's new set into one add when it is one. */
static void test_controls_traces(void **state)
{
    (void)state;
    RunControls c;
    run_controls_send(&(const RunControls){ .flags = RUN_CTL_TRACE | RUN_CTL_TRACE_ADD, .trace = 7, .n_add = 4,
                                            .add = { 999, 0, 500, 1 } });
    run_controls_take(&c);
    assert_int_equal(c.flags, RUN_CTL_TRACE | RUN_CTL_TRACE_ADD);
    assert_int_equal(c.trace, 7);
    assert_int_equal(c.n_add, 4);
    assert_int_equal(c.add[0], 999);
    assert_int_equal(c.add[1], 0);
    assert_int_equal(c.add[3], 1);
    int ids[STEP_TRACE_MAX] = { 3 };
    int k = run_traces_after(&c, ids, 1);       /* 7 alone, then 999, 0, 500, 1: 7 dropped */
    assert_int_equal(k, 4);
    assert_int_equal(ids[0], 999);
    assert_int_equal(ids[3], 1);
    const RunControls again = { .flags = RUN_CTL_TRACE_ADD, .n_add = 2, .add = { 0, 42 } };
    k = run_traces_after(&again, ids, k);      /* 0 is traced: nothing; 42 drops 999 */
    assert_int_equal(k, 4);
    assert_int_equal(ids[0], 0);
    assert_int_equal(ids[1], 500);
    assert_int_equal(ids[3], 42);
    /* a window's sets as changes */
    const int a[2] = { 5, 9 }, b[3] = { 5, 9, 12 }, full[4] = { 1, 2, 3, 4 }, shifted[4] = { 2, 3, 4, 8 }, one[1] = { 4 };
    RunControls post = { 0 };
    run_traces_post(&post, a, 2, b, 3);
    assert_int_equal(post.flags, RUN_CTL_TRACE_ADD);
    assert_int_equal(post.n_add, 1);
    assert_int_equal(post.add[0], 12);
    post = (RunControls){ 0 };
    run_traces_post(&post, full, 4, shifted, 4);
    assert_int_equal(post.flags, RUN_CTL_TRACE_ADD);
    assert_int_equal(post.add[0], 8);
    post = (RunControls){ 0 };
    run_traces_post(&post, full, 4, one, 1);
    assert_int_equal(post.flags, RUN_CTL_TRACE);
    assert_int_equal(post.trace, 4);
    assert_int_equal(post.n_add, 0);
    post = (RunControls){ 0 };
    run_traces_post(&post, one, 1, b, 3);         /* not an add: 5 alone, 9 and 12 added */
    assert_int_equal(post.flags, RUN_CTL_TRACE | RUN_CTL_TRACE_ADD);
    assert_int_equal(post.trace, 5);
    assert_int_equal(post.n_add, 2);
    memcpy(ids, one, sizeof one);
    assert_int_equal(run_traces_after(&post, ids, 1), 3);
    assert_memory_equal(ids, b, sizeof b);
}

/* docs/model.md "Knobs" through the control words: every field comes
 * back exact, and a change sent with step t and applied after it
 * (run_knobs_apply, as the window and the MPI followers do) gives the
 * spikes of a network whose knobs are set directly before step t + 1; a
 * network given the new knobs from its start, with the stimulus switched
 * on then, matches one switched on through the words before its step 0. */
static void test_controls_knobs(void **state)
{
    (void)state;
    NetParams p;
    net_params_default(&p);
    p.n = p.k = 300;
    p.seed = 12;
    p.stim_from = 20; p.stim_to = 90; p.stim_width = 3; p.stim_period = 8;
    Net *a = net_create(&p), *b = net_create(&p);
    assert_non_null(a);
    assert_non_null(b);
    const RunControls want = { .flags = RUN_CTL_KNOBS, .weight_e = 0.65f, .weight_i = 0.8f, .current_e = 1.25f,
                               .current_i = -0.75f, .stim_on = 1, .stim_from = 40, .stim_to = 120 };
    NetParams pa = p;
    long spikes = 0;
    for (int t = 0; t < 600; t++) {
        if (t == 250) run_controls_send(&want);
        if (t == 251) {                           /* b: set directly before step 251 */
            net_set_weights(b, 0.65f, 0.8f);
            net_set_currents(b, 1.25f, -0.75f);
            net_set_stim(b, 1);
            net_set_stim_neurons(b, 40, 120);
        }
        int na = net_step(a);
        RunControls c;
        run_controls_take(&c);
        if (t == 250) {
            assert_int_equal(c.flags, RUN_CTL_KNOBS);
            assert_true(c.weight_e == 0.65f && c.weight_i == 0.8f && c.current_e == 1.25f && c.current_i == -0.75f);
            assert_int_equal(c.stim_on, 1);
            assert_int_equal(c.stim_from, 40);
            assert_int_equal(c.stim_to, 120);
        }
        if (c.flags & RUN_CTL_KNOBS) run_knobs_apply(a, &pa, &c);
        assert_int_equal(net_step(b), na);
        assert_memory_equal(net_spikes(a), net_spikes(b), (size_t)na * sizeof(int32_t));
        spikes += na;
    }
    assert_true(spikes > 500);
    assert_true(pa.weight_e == 0.65f && pa.stim_on == 1 && pa.stim_from == 40 && pa.stim_to == 120);   /* kept for a restart */
    net_destroy(a);
    net_destroy(b);
    /* from the start: options vs the words before step 0 */
    NetParams q = p;
    q.weight_e = 0.65f; q.weight_i = 0.8f; q.current_e = 1.25f; q.current_i = -0.75f; q.stim_on = 1;
    q.stim_from = 40; q.stim_to = 120;
    a = net_create(&q);
    b = net_create(&p);
    NetParams pb = p;
    run_knobs_apply(b, &pb, &want);
    for (int t = 0; t < 300; t++) {
        int na = net_step(a);
        assert_int_equal(net_step(b), na);
        assert_memory_equal(net_spikes(a), net_spikes(b), (size_t)na * sizeof(int32_t));
    }
    net_destroy(a);
    net_destroy(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_summary_splits_once),
        cmocka_unit_test(test_source_is_the_net),
        cmocka_unit_test(test_source_replays),
        cmocka_unit_test(test_runaway_by_hand),
        cmocka_unit_test(test_fanout_feeds_all),
        cmocka_unit_test(test_build_failure_in_a_value),
        cmocka_unit_test(test_follow_one_process),
        cmocka_unit_test(test_controls_one_process),
        cmocka_unit_test(test_controls_knobs),
        cmocka_unit_test(test_controls_traces),
    };
    return cmocka_run_group_tests_name("run", tests, NULL, NULL);
}
