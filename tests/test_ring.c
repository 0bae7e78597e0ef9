/*
 * test_ring.c - the SPSC ring: records whole or not at all, wrap-around,
 * and a two-thread stress test (order and count kept, drops counted). Run
 * under ThreadSanitizer by `make test`.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdatomic.h>
#include <stdio.h>
#include <pthread.h>
#include <sched.h>

#include "ring.h"

static void test_basics(void **state)
{
    (void)state;
    assert_null(ring_create(0));
    Ring *r = ring_create(5);          /* rounded up to 8 */
    assert_non_null(r);
    assert_int_equal(r->cap, 8);
    assert_int_equal(ring_writable(r), 8);
    assert_int_equal(ring_readable(r), 0);
    uint32_t a[3] = { 1, 2, 3 }, b[4] = { 4, 5, 6, 7 }, out[8];
    assert_int_equal(ring_write(r, a, 3, b, 4), 0);
    assert_int_equal(ring_readable(r), 7);
    assert_int_equal(ring_writable(r), 1);
    assert_int_equal(ring_write(r, a, 2, NULL, 0), -1);     /* does not fit: nothing written */
    assert_int_equal(ring_readable(r), 7);
    ring_peek(r, 0, out, 7);
    for (int i = 0; i < 7; i++) assert_int_equal(out[i], i + 1);
    ring_consume(r, 5);
    assert_int_equal(ring_writable(r), 6);
    /* this record wraps around the end of the buffer */
    assert_int_equal(ring_write(r, b, 4, a, 2), 0);
    ring_peek(r, 2, out, 6);
    const uint32_t want[6] = { 4, 5, 6, 7, 1, 2 };
    for (int i = 0; i < 6; i++) assert_int_equal(out[i], want[i]);
    ring_note_drop(r, 3);
    assert_int_equal(ring_dropped(r), 3);
    ring_destroy(r);
    ring_destroy(NULL);
}

/* Producer: records [seq, len, body...]. When the ring is full, one record
 * in 8 is dropped and counted (as the simulation does with every record);
 * the others wait for room, so that many records cross while the ring
 * wraps around many times. */
enum { RECORDS = 200000 };

typedef struct Stress {
    Ring *r;
    atomic_int done;            /* written by the producer */
    uint64_t produced_words;    /* producer's; read after join */
    uint64_t refused;           /* producer's; read after join */
} Stress;

static void *producer(void *arg)
{
    Stress *s = arg;
    uint32_t body[64];
    for (uint32_t seq = 0; seq < RECORDS; seq++) {
        uint32_t len = seq % 61;
        uint32_t head[2] = { seq, len };
        for (uint32_t i = 0; i < len; i++) body[i] = seq * 7u + i;
        while (ring_write(s->r, head, 2, body, len) != 0) {
            if (seq % 8 == 0) {
                ring_note_drop(s->r, 2 + len);
                s->refused++;
                break;
            }
            sched_yield();
        }
        s->produced_words += 2 + len;
    }
    atomic_store_explicit(&s->done, 1, memory_order_release);
    return NULL;
}

static void test_two_threads(void **state)
{
    (void)state;
    Stress s = { .r = ring_create(1024) };
    atomic_init(&s.done, 0);
    assert_non_null(s.r);
    /* pthreads, not C11 thrd_create: ThreadSanitizer intercepts only the former */
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, producer, &s), 0);
    uint64_t got_words = 0, got_records = 0;
    int64_t last = -1;
    for (;;) {
        int finished = atomic_load_explicit(&s.done, memory_order_acquire);
        while (ring_readable(s.r) >= 2) {
            uint32_t head[2], body[64];
            ring_peek(s.r, 0, head, 2);
            assert_true(head[1] < 61);
            assert_true(ring_readable(s.r) >= 2 + head[1]);    /* a record is whole */
            ring_peek(s.r, 2, body, head[1]);
            assert_true((int64_t)head[0] > last);               /* order kept */
            assert_int_equal(head[1], head[0] % 61);
            for (uint32_t i = 0; i < head[1]; i++) assert_int_equal(body[i], head[0] * 7u + i);
            last = head[0];
            ring_consume(s.r, 2 + head[1]);
            got_words += 2 + head[1];
            got_records++;
        }
        if (finished && ring_readable(s.r) == 0) break;
        sched_yield();
    }
    pthread_join(t, NULL);
    /* every record either arrived whole or was counted as dropped */
    assert_int_equal(got_records + s.refused, RECORDS);
    assert_int_equal(got_words + ring_dropped(s.r), s.produced_words);
    assert_true(got_records > RECORDS / 2);
    printf("  ring stress: %llu records through, %llu refused (ring full) and counted\n",
           (unsigned long long)got_records, (unsigned long long)s.refused);
    ring_destroy(s.r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basics),
        cmocka_unit_test(test_two_threads),
    };
    return cmocka_run_group_tests_name("ring", tests, NULL, NULL);
}
