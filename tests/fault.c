/*
 * fault.c - a fault injector for the end-to-end tests, preloaded into the
 * real program (LD_PRELOAD=build/libfault.so). Each fault is off unless its
 * variable is set:
 *   IZHI_FAULT_FILLRECT_AFTER=N   SDL_RenderFillRect fails after N calls
 *                                 (a drawing failure mid-session);
 *   IZHI_FAULT_CLEAR_DELAY_MS=N   SDL_RenderClear sleeps N ms first (a slow
 *                                 frame: the simulation thread runs ahead
 *                                 of what the frame has drained);
 *   IZHI_FAULT_THREAD=1           pthread_create fails with EAGAIN when
 *                                 called from the program itself (not from
 *                                 its libraries: Mesa, dbus keep theirs);
 *   IZHI_FAULT_NO_RESIZE=1        SDL_SetWindowSize does nothing (a forced
 *                                 window size the program cannot undo);
 *   IZHI_FAULT_SIGNAL_AT_LOAD=S   the process sends itself signal S while
 *   IZHI_FAULT_SIGNAL_IN=NAME     loading (a constructor, before main), in
 *                                 the program NAME only (izhiscope-gfx: a
 *                                 signal during the hand-over);
 *   IZHI_FAULT_SIGNAL_AT_PLACE=N:S  the process sends itself signal S right
 *                                 after the N-th successful rename(2) or
 *                                 link(2) (a signal while outputs are
 *                                 being placed).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include <SDL.h>

static long env_long(const char *name)
{
    const char *v = getenv(name);
    return v && *v ? atol(v) : -1;
}

int SDL_RenderFillRect(SDL_Renderer *r, const SDL_Rect *rect)
{
    static int (*real)(SDL_Renderer *, const SDL_Rect *);
    static long calls;
    if (!real) *(void **)&real = dlsym(RTLD_NEXT, "SDL_RenderFillRect");
    long after = env_long("IZHI_FAULT_FILLRECT_AFTER");
    if (after >= 0 && ++calls > after) return SDL_SetError("injected fault (IZHI_FAULT_FILLRECT_AFTER)");
    return real(r, rect);
}

int SDL_RenderClear(SDL_Renderer *r)
{
    static int (*real)(SDL_Renderer *);
    if (!real) *(void **)&real = dlsym(RTLD_NEXT, "SDL_RenderClear");
    long ms = env_long("IZHI_FAULT_CLEAR_DELAY_MS");
    if (ms > 0) {
        struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
    }
    return real(r);
}

/* The address range of the program's own code (the first object). */
static uintptr_t prog_lo, prog_hi;

static int first_object(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size; (void)data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD) continue;
        uintptr_t a = info->dlpi_addr + ph->p_vaddr, b = a + ph->p_memsz;
        if (!prog_lo || a < prog_lo) prog_lo = a;
        if (b > prog_hi) prog_hi = b;
    }
    return 1;   /* the main program only */
}

int pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
    static int (*real)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);
    if (!real) *(void **)&real = dlsym(RTLD_NEXT, "pthread_create");
    if (env_long("IZHI_FAULT_THREAD") > 0) {
        if (!prog_hi) dl_iterate_phdr(first_object, NULL);
        uintptr_t from = (uintptr_t)__builtin_return_address(0);
        if (from >= prog_lo && from < prog_hi) return EAGAIN;
    }
    return real(t, attr, fn, arg);
}

/* IZHI_FAULT_NO_RESIZE=1: SDL_SetWindowSize does nothing (a window manager
 * or tiling layout that forces its own size: the program's own minimum
 * size cannot be restored). */
void SDL_SetWindowSize(SDL_Window *w, int width, int height)
{
    static void (*real)(SDL_Window *, int, int);
    if (!real) *(void **)&real = dlsym(RTLD_NEXT, "SDL_SetWindowSize");
    if (env_long("IZHI_FAULT_NO_RESIZE") > 0) return;
    real(w, width, height);
}

/* IZHI_FAULT_SIGNAL_AT_LOAD / IZHI_FAULT_SIGNAL_IN: a signal before main. */
__attribute__((constructor)) static void signal_at_load(void)
{
    long sig = env_long("IZHI_FAULT_SIGNAL_AT_LOAD");
    const char *name = getenv("IZHI_FAULT_SIGNAL_IN");
    if (sig <= 0 || !name) return;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return;
    exe[n] = '\0';
    const char *base = strrchr(exe, '/');
    if (strcmp(base ? base + 1 : exe, name) == 0) kill(getpid(), (int)sig);
}

/* IZHI_FAULT_SIGNAL_AT_PLACE=N:S: a signal after the N-th rename or link. */
static void placed_one(void)
{
    static long calls;
    const char *v = getenv("IZHI_FAULT_SIGNAL_AT_PLACE");
    long n, sig;
    if (!v || sscanf(v, "%ld:%ld", &n, &sig) != 2) return;
    if (++calls == n) kill(getpid(), (int)sig);
}

int rename(const char *from, const char *to)
{
    static int (*real)(const char *, const char *);
    if (!real) *(void **)&real = dlsym(RTLD_NEXT, "rename");
    int rc = real(from, to);
    if (rc == 0) placed_one();
    return rc;
}

int link(const char *from, const char *to)
{
    static int (*real)(const char *, const char *);
    if (!real) *(void **)&real = dlsym(RTLD_NEXT, "link");
    int rc = real(from, to);
    if (rc == 0) placed_one();
    return rc;
}
