/*
 * exchange_single.c - exchange.h for the plain build: one process, nothing
 * to exchange, no MPI linked.
 */
#include "exchange.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t controls[XC_CONTROL_WORDS];

/* Started by mpirun as one of several processes (Open MPI's and MPICH's
 * launchers say how many): this build would run the whole run in each, all
 * writing the same files (a tester's sweep ran twice, the second copy
 * failing on "file exists"). Refused, saying which build to use. */
int xc_start(int *argc, char ***argv, char *err, unsigned errlen)
{
    /* --help and --version run nothing: they may print */
    for (int i = 1; i < *argc; i++) {
        const char *a = (*argv)[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h") || !strcmp(a, "--version") || !strcmp(a, "-V")) return 0;
    }
    static const char *const vars[] = { "OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE" };
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        const long n = v ? strtol(v, NULL, 10) : 0;
        if (n > 1) {
            snprintf(err, errlen, "started as one of %ld processes (%s), but this izhiscope runs in one process: "
                     "each would do the whole run and write the same files (`make mpi` builds build/mpi/izhiscope, "
                     "for mpirun)", n, vars[i]);
            return -1;
        }
    }
    return 0;
}

int xc_end(int code) { return code; }
int xc_rank(void) { return 0; }
int xc_size(void) { return 1; }
int xc_local_size(void) { return 1; }
const char *xc_kind(void) { return "one process (make mpi builds the MPI version)"; }

int xc_agree(int status, int err_in, int *who, int *err)
{
    if (who) *who = 0;
    if (err) *err = err_in;
    return status;
}

const NetExchange *xc_net(void) { return NULL; }

/* One process: what it sends is what it receives, at the same step. */
void xc_send_controls(const uint64_t w[XC_CONTROL_WORDS]) { memcpy(controls, w, sizeof controls); }

void xc_controls(uint64_t w[XC_CONTROL_WORDS])
{
    memcpy(w, controls, sizeof controls);
    memset(controls, 0, sizeof controls);
}

uint64_t xc_share_u64(uint64_t value) { return value; }

int xc_same_args(int argc, char **argv, char *msg, unsigned len)
{
    (void)argc; (void)argv; (void)msg; (void)len;
    return 0;
}

void xc_gather(const void *mine, int bytes, void *all)
{
    if (bytes > 0) memcpy(all, mine, (size_t)bytes);
}
