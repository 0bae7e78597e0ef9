/*
 * thread.h - the threads izhiscope starts (the network's workers and its
 * build, the simulation thread, the sweep's, the map's and the analysis
 * panel's workers) are started with the asynchronous signals blocked, so
 * that a signal sent to the process (Ctrl-C, SIGTERM, SIGHUP ...) is taken
 * by the thread that started the run, whose handlers remove the
 * temporaries (app.c). A worker never takes it: under ThreadSanitizer a
 * signal that lands on a worker waits for that worker's next call into
 * the runtime, and one that lands on a worker about to end can be lost
 * (a run sent SIGHUP while its network was built ran on until the test
 * killed it, once in seven fresh clones). Faults (SIGSEGV, SIGBUS, SIGFPE,
 * SIGILL, SIGTRAP, SIGSYS, SIGABRT) stay with the thread that raises them.
 */
#ifndef IZHI_THREAD_H
#define IZHI_THREAD_H

#include <pthread.h>

/* pthread_create(t, NULL, fn, arg) with the asynchronous signals blocked
 * in the new thread; the caller's mask is unchanged. Its return value. */
int thread_start(pthread_t *t, void *(*fn)(void *), void *arg);

#endif
