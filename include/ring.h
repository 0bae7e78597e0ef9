/*
 * ring.h - a lock-free single-producer single-consumer ring of 32-bit
 * words, for the simulation thread to hand spikes and trace samples to the
 * render loop without either ever waiting for the other.
 *
 * Records: the producer writes a record (one or two arrays of words) whole or
 * not at all; a full ring refuses it, the producer counts the drop and goes
 * on. The consumer reads a record only after it is complete (release on the
 * producer's head, acquire on the consumer's side, and the mirror image for
 * the tail). Capacity is a power of two, fixed at create time; head and tail
 * sit on their own cache lines so the two threads do not share one.
 *
 * Thread ownership: ring_write / ring_writable / ring_note_drop are the
 * producer's; ring_readable / ring_peek / ring_consume are the consumer's;
 * ring_dropped may be read by either.
 */
#ifndef IZHI_RING_H
#define IZHI_RING_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#define RING_CACHE_LINE 64

typedef struct Ring {
    _Alignas(RING_CACHE_LINE) atomic_size_t head;   /* written by the producer: words written */
    _Alignas(RING_CACHE_LINE) atomic_size_t tail;   /* written by the consumer: words consumed */
    _Alignas(RING_CACHE_LINE) atomic_uint_fast64_t dropped;  /* written by the producer */
    size_t cap, mask;                               /* set at create, read-only after */
    uint32_t *buf;
} Ring;

/* A ring of at least min_words words (rounded up to a power of two).
 * NULL when out of memory or min_words is 0 or too large. */
Ring *ring_create(size_t min_words);
/* Frees it; NULL is a no-op. Neither thread may use it any more. */
void ring_destroy(Ring *r);

/* Producer: free words now. */
size_t ring_writable(const Ring *r);
/* Producer: writes a then b (nb may be 0) as one record; returns 0, or -1
 * if it does not fit (nothing written). */
int ring_write(Ring *r, const uint32_t *a, size_t na, const uint32_t *b, size_t nb);
/* Producer: adds n to the drop counter (what a refused record held). */
void ring_note_drop(Ring *r, uint64_t n);

/* Consumer: words ready to read. */
size_t ring_readable(const Ring *r);
/* Consumer: copies n words starting offset words past the read position,
 * without consuming; offset + n <= ring_readable(). */
void ring_peek(const Ring *r, size_t offset, uint32_t *out, size_t n);
/* Consumer: releases n words to the producer. */
void ring_consume(Ring *r, size_t n);

/* Total the producer noted as dropped. */
uint64_t ring_dropped(const Ring *r);

#endif
