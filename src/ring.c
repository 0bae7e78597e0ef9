/*
 * ring.c - SPSC ring of words with C11 atomics (see ring.h).
 */
#include "ring.h"

#include <stdlib.h>
#include <string.h>

Ring *ring_create(size_t min_words)
{
    if (min_words == 0 || min_words > ((size_t)1 << 30)) return NULL;
    size_t cap = 1;
    while (cap < min_words) cap <<= 1;
    Ring *r = aligned_alloc(RING_CACHE_LINE, (sizeof(Ring) + RING_CACHE_LINE - 1) / RING_CACHE_LINE * RING_CACHE_LINE);
    if (!r) return NULL;
    r->buf = malloc(cap * sizeof *r->buf);
    if (!r->buf) { free(r); return NULL; }
    atomic_init(&r->head, 0);
    atomic_init(&r->tail, 0);
    atomic_init(&r->dropped, 0);
    r->cap = cap;
    r->mask = cap - 1;
    return r;
}

void ring_destroy(Ring *r)
{
    if (!r) return;
    free(r->buf);
    free(r);
}

size_t ring_writable(const Ring *r)
{
    size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);   /* our own */
    size_t tail = atomic_load_explicit(&r->tail, memory_order_acquire);
    return r->cap - (head - tail);
}

/* Copies n words into the ring at position pos, wrapping at the end. */
static void put(Ring *r, size_t pos, const uint32_t *src, size_t n)
{
    size_t at = pos & r->mask, first = r->cap - at;
    if (first > n) first = n;
    memcpy(r->buf + at, src, first * sizeof *src);
    memcpy(r->buf, src + first, (n - first) * sizeof *src);
}

int ring_write(Ring *r, const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    if (na + nb > ring_writable(r)) return -1;
    size_t head = atomic_load_explicit(&r->head, memory_order_relaxed);
    put(r, head, a, na);
    if (nb) put(r, head + na, b, nb);
    /* publish: the consumer's acquire load of head sees the words above */
    atomic_store_explicit(&r->head, head + na + nb, memory_order_release);
    return 0;
}

void ring_note_drop(Ring *r, uint64_t n)
{
    atomic_fetch_add_explicit(&r->dropped, n, memory_order_relaxed);
}

size_t ring_readable(const Ring *r)
{
    size_t head = atomic_load_explicit(&r->head, memory_order_acquire);
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);   /* our own */
    return head - tail;
}

void ring_peek(const Ring *r, size_t offset, uint32_t *out, size_t n)
{
    size_t at = (atomic_load_explicit(&r->tail, memory_order_relaxed) + offset) & r->mask;
    size_t first = r->cap - at;
    if (first > n) first = n;
    memcpy(out, r->buf + at, first * sizeof *out);
    memcpy(out + first, r->buf, (n - first) * sizeof *out);
}

void ring_consume(Ring *r, size_t n)
{
    size_t tail = atomic_load_explicit(&r->tail, memory_order_relaxed);
    /* release: the producer may reuse these words only after we read them */
    atomic_store_explicit(&r->tail, tail + n, memory_order_release);
}

uint64_t ring_dropped(const Ring *r)
{
    return atomic_load_explicit(&r->dropped, memory_order_relaxed);
}
