/*
 * thread.c - threads started with the asynchronous signals blocked (thread.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "thread.h"

#include <signal.h>

int thread_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
    static const int faults[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGABRT };
    sigset_t block, old;
    sigfillset(&block);
    for (unsigned i = 0; i < sizeof faults / sizeof faults[0]; i++) sigdelset(&block, faults[i]);
    /* the new thread inherits the mask it is created with */
    pthread_sigmask(SIG_BLOCK, &block, &old);
    const int rc = pthread_create(t, NULL, fn, arg);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return rc;
}
