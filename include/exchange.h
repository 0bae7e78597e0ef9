/*
 * exchange.h - the processes of one run, and what they share each step.
 *
 * The plain build is one process (exchange_single.c: every call below is
 * trivial). `make mpi` builds the same program against MPI
 * (exchange_mpi.c): `mpirun -np P izhiscope ...` starts P processes, each
 * owning a contiguous block of the neurons (xc_block) and the synapses onto
 * them (net_create_part). Each step every process lists its own spikes;
 * the exchange (two collectives: the counts, with the traced v and process
 * 0's control words, then the spikes, MPI_Allgatherv) gives every process
 * the step's whole list, ascending, and it adds their input to its own
 * neurons; after the step a third (MPI_Allgather, 52 bytes a process) the
 * traced neurons' v, u and I from the processes holding them. Process 0
 * holds every spike: it writes the outputs and opens the window; the others
 * write nothing.
 *
 * Agreement: a process that cannot go on (an option, a file, memory) says
 * so at the next xc_agree, and all of them stop there with the worst
 * status; only process 0 prints. Process 0's live controls (noise, trace,
 * restart, quit) travel as words with a step's exchange and every process,
 * process 0 included, applies them after that step (run.h's controls).
 *
 * Threads: the exchange is called from the thread that steps the network
 * (the simulation thread in the window, main headless): one thread at a
 * time (MPI_THREAD_SERIALIZED). An MPI failure ends the job (MPI's default
 * error handler): every process exits non-zero.
 */
#ifndef IZHI_EXCHANGE_H
#define IZHI_EXCHANGE_H

#include <stdint.h>

#include "net.h"

#define XC_CONTROL_WORDS 10

/* Starts the processes (MPI_Init_thread); 0, or -1 with a message in err.
 * Call once, first thing in main. */
int xc_start(int *argc, char ***argv, char *err, unsigned errlen);
/* Ends them (MPI_Finalize). If process 0 ends before the start agreement
 * (xc_agree in run_net_create), it first agrees `code` there, so the others
 * stop with it. Returns code, or the code process 0 stopped the run with. */
int xc_end(int code);
int xc_rank(void);
int xc_size(void);
/* Processes sharing this machine (memory: their peaks add up). */
int xc_local_size(void);
/* Whether this build has MPI (the answer of `izhiscope --version`). */
const char *xc_kind(void);

/* Process `rank`'s block of an n-neuron network: [*lo, *hi), the blocks in
 * rank order, sizes differing by at most one. */
static inline void xc_block(int n, int rank, int size, int *lo, int *hi)
{
    *lo = (int)((int64_t)n * rank / size);
    *hi = (int)((int64_t)n * (rank + 1) / size);
}

/* Every process gives a status (0 = fine, else an exit code) and an errno;
 * returns the worst status (the largest), *who the lowest process that had
 * it, *err its errno. The first call is the start agreement. */
int xc_agree(int status, int err_in, int *who, int *err);

/* The step exchange for net_create_part; NULL with one process. */
const NetExchange *xc_net(void);
/* Process 0: the control words sent with the next step's exchange (then
 * cleared). After a step, every process's copy of the words process 0
 * sent with it (zeros if none). */
void xc_send_controls(const uint64_t w[XC_CONTROL_WORDS]);
void xc_controls(uint64_t w[XC_CONTROL_WORDS]);

/* Whether every process was started with the same command line (argv[1
 * ...]): 0, or -1 with the same message on every process naming the first
 * argument that differs, its value on process 0 and on the lowest process
 * that differs (an MPMD launch, `mpirun -np 1 izhiscope A : -np 1
 * izhiscope B`, gives different ones: different durations would hang,
 * a different seed or size build a wrong network). Called by every
 * process right after xc_start, before parsing. */
int xc_same_args(int argc, char **argv, char *msg, unsigned len);
/* Process 0's 64 bits to every process (the seed drawn from the clock). */
uint64_t xc_share_u64(uint64_t value);

/* The map (sweep.h): every process gives `bytes` bytes (its share of the
 * rows); process 0 gets them all in `all`, process after process in rank
 * order (`all` unused elsewhere, may be NULL). Every process calls it. */
void xc_gather(const void *mine, int bytes, void *all);

#endif
