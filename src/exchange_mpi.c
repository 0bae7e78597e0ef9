/*
 * exchange_mpi.c - exchange.h over MPI (`make mpi` only; the plain build
 * links exchange_single.c and no MPI).
 *
 * A step's exchange is two collectives on a private communicator: an
 * MPI_Allgather of each process's fixed header (its spike count, whether it
 * holds the traced neuron and that neuron's v, and process 0's control
 * words), then an MPI_Allgatherv of the spikes with those counts. The blocks
 * are contiguous and in rank order, so the concatenation is ascending.
 * After the step a third, the traced slots' v, u and I (the paper scheme's
 * I is only known once the spikes are in: it cannot ride in the header).
 */
#include "exchange.h"

#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Header {
    int32_t count;
    int32_t owns_trace;
    float trace_v;
    int32_t pad;
    uint64_t controls[XC_CONTROL_WORDS];
} Header;

/* After a step: a process's values of the traced slots it holds. */
typedef struct TraceHead {
    uint32_t owns;                  /* bit j: slot j's neuron is this process's */
    float v[STEP_TRACE_MAX], u[STEP_TRACE_MAX], i[STEP_TRACE_MAX];
} TraceHead;

static struct {
    MPI_Comm comm;
    int rank, size, local;
    int started, agreed;            /* agreed: the start agreement is done */
    Header *heads;                  /* [size] */
    TraceHead *theads;              /* [size] */
    int *counts, *displs;           /* [size] */
    uint64_t send[XC_CONTROL_WORDS], got[XC_CONTROL_WORDS];
    NetExchange net;
} X;

static void step(void *ctx, const int32_t *mine, int n_mine, int32_t *all, int *n_all, float *trace_v,
                 int owns_trace)
{
    (void)ctx;
    Header h = { .count = n_mine, .owns_trace = owns_trace, .trace_v = owns_trace ? *trace_v : 0.0f };
    if (X.rank == 0) {
        memcpy(h.controls, X.send, sizeof h.controls);
        memset(X.send, 0, sizeof X.send);
    }
    MPI_Allgather(&h, (int)sizeof h, MPI_BYTE, X.heads, (int)sizeof h, MPI_BYTE, X.comm);
    int total = 0;
    for (int r = 0; r < X.size; r++) {
        X.counts[r] = X.heads[r].count;
        X.displs[r] = total;
        total += X.heads[r].count;
        if (X.heads[r].owns_trace) *trace_v = X.heads[r].trace_v;
    }
    MPI_Allgatherv(mine, n_mine, MPI_INT32_T, all, X.counts, X.displs, MPI_INT32_T, X.comm);
    *n_all = total;
    memcpy(X.got, X.heads[0].controls, sizeof X.got);
}

/* One MPI_Allgather a step of every process's traced values (52 bytes
 * each): the slots' v, u and I from the process holding each neuron. */
static void traces(void *ctx, StepTraces *tr, unsigned owns)
{
    (void)ctx;
    TraceHead h = { .owns = owns };
    for (int j = 0; j < tr->k; j++)
        if (owns >> j & 1u) { h.v[j] = tr->v[j]; h.u[j] = tr->u[j]; h.i[j] = tr->i[j]; }
    MPI_Allgather(&h, (int)sizeof h, MPI_BYTE, X.theads, (int)sizeof h, MPI_BYTE, X.comm);
    for (int r = 0; r < X.size; r++)
        for (int j = 0; j < tr->k; j++)
            if (X.theads[r].owns >> j & 1u) {
                tr->v[j] = X.theads[r].v[j];
                tr->u[j] = X.theads[r].u[j];
                tr->i[j] = X.theads[r].i[j];
            }
}

int xc_start(int *argc, char ***argv, char *err, unsigned errlen)
{
    int provided = 0;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_SERIALIZED, &provided) != MPI_SUCCESS) {
        snprintf(err, errlen, "cannot start MPI");
        return -1;
    }
    X.started = 1;
    MPI_Comm_dup(MPI_COMM_WORLD, &X.comm);
    MPI_Comm_rank(X.comm, &X.rank);
    MPI_Comm_size(X.comm, &X.size);
    MPI_Comm local;
    MPI_Comm_split_type(X.comm, MPI_COMM_TYPE_SHARED, X.rank, MPI_INFO_NULL, &local);
    MPI_Comm_size(local, &X.local);
    MPI_Comm_free(&local);
    X.heads = calloc((size_t)X.size, sizeof *X.heads);
    X.theads = calloc((size_t)X.size, sizeof *X.theads);
    X.counts = calloc((size_t)X.size, sizeof *X.counts);
    X.displs = calloc((size_t)X.size, sizeof *X.displs);
    if (!X.heads || !X.theads || !X.counts || !X.displs) {
        snprintf(err, errlen, "out of memory for %d processes", X.size);
        MPI_Abort(MPI_COMM_WORLD, 1);
    }
    if (provided < MPI_THREAD_SERIALIZED && X.size > 1) {
        /* the window steps on its simulation thread, headless on main */
        snprintf(err, errlen, "this MPI library cannot be called from a second thread (MPI_THREAD_SERIALIZED)");
        return -1;
    }
    X.net = (NetExchange){ step, NULL, traces };
    return 0;
}

int xc_end(int code)
{
    if (!X.started) return code;
    if (!X.agreed) {
        /* process 0 stopped before the start agreement (a usage error, a
         * file it cannot write): the others learn its code there */
        code = xc_agree(code, 0, NULL, NULL);
    }
    free(X.heads); free(X.theads); free(X.counts); free(X.displs);
    MPI_Comm_free(&X.comm);
    MPI_Finalize();
    X.started = 0;
    return code;
}

int xc_rank(void) { return X.rank; }
int xc_size(void) { return X.started ? X.size : 1; }
int xc_local_size(void) { return X.started ? X.local : 1; }
const char *xc_kind(void) { return "MPI (make mpi)"; }

int xc_agree(int status, int err_in, int *who, int *err)
{
    X.agreed = 1;
    int mine[2] = { status, err_in };
    int *all = malloc((size_t)X.size * 2 * sizeof *all);
    if (!all) MPI_Abort(MPI_COMM_WORLD, 1);
    MPI_Allgather(mine, 2, MPI_INT, all, 2, MPI_INT, X.comm);
    int worst = 0, at = 0;
    for (int r = 0; r < X.size; r++)
        if (all[2 * r] > worst) { worst = all[2 * r]; at = r; }
    if (who) *who = at;
    if (err) *err = all[2 * at + 1];
    free(all);
    return worst;
}

const NetExchange *xc_net(void) { return X.size > 1 ? &X.net : NULL; }

void xc_send_controls(const uint64_t w[XC_CONTROL_WORDS]) { memcpy(X.send, w, sizeof X.send); }

void xc_controls(uint64_t w[XC_CONTROL_WORDS])
{
    memcpy(w, X.got, sizeof X.got);
    memset(X.got, 0, sizeof X.got);
}

uint64_t xc_share_u64(uint64_t value)
{
    if (X.size > 1) MPI_Bcast(&value, 1, MPI_UINT64_T, 0, X.comm);
    return value;
}

/* The arguments of one process: argv[1 ...], each ended by its NUL. */
static const char *arg_at(const char *buf, int n, int k)
{
    const char *at = buf, *end = buf + n;
    for (int i = 0; i < k && at < end; i++) at += strlen(at) + 1;
    return at < end ? at : NULL;
}

int xc_same_args(int argc, char **argv, char *msg, unsigned len)
{
    if (X.size <= 1) return 0;
    int mine = 0;
    for (int i = 1; i < argc; i++) mine += (int)strlen(argv[i]) + 1;
    char *buf = malloc((size_t)mine + 1);
    int *lens = calloc((size_t)X.size, sizeof *lens), *at = calloc((size_t)X.size, sizeof *at);
    if (!buf || !lens || !at) MPI_Abort(MPI_COMM_WORLD, 1);
    for (int i = 1, o = 0; i < argc; i++) {
        size_t n = strlen(argv[i]) + 1;
        memcpy(buf + o, argv[i], n);
        o += (int)n;
    }
    MPI_Allgather(&mine, 1, MPI_INT, lens, 1, MPI_INT, X.comm);
    long total = 0;
    for (int r = 0; r < X.size; r++) { at[r] = (int)total; total += lens[r]; }
    char *all = malloc((size_t)total + 1);
    if (!all || total > 0x7fffffffL) MPI_Abort(MPI_COMM_WORLD, 1);
    MPI_Allgatherv(buf, mine, MPI_CHAR, all, lens, at, MPI_CHAR, X.comm);
    /* every process compares every one with process 0: the same verdict */
    int rc = 0;
    for (int r = 1; r < X.size && rc == 0; r++) {
        if (lens[r] == lens[0] && memcmp(all + at[r], all, (size_t)lens[0]) == 0) continue;
        int k = 0;
        const char *a, *b;
        for (;; k++) {
            a = arg_at(all, lens[0], k);
            b = arg_at(all + at[r], lens[r], k);
            if (!a || !b || strcmp(a, b) != 0) break;
        }
        const char *before = k > 0 ? arg_at(all, lens[0], k - 1) : NULL;
        char after[96] = "";
        if (before && before[0] == '-') snprintf(after, sizeof after, " (after %.80s)", before);
        snprintf(msg, len, "the processes were not started with the same command line: argument %d%s is %s%.200s%s "
                           "on process 0 but %s%.200s%s on process %d (start every process with the same options)",
                 k + 1, after, a ? "'" : "", a ? a : "missing", a ? "'" : "", b ? "'" : "", b ? b : "missing",
                 b ? "'" : "", r);
        rc = -1;
    }
    free(all); free(buf); free(lens); free(at);
    return rc;
}

/* The map's rows (sweep.h): the byte counts first, then the rows. */
void xc_gather(const void *mine, int bytes, void *all)
{
    if (X.size == 1) {
        if (bytes > 0) memcpy(all, mine, (size_t)bytes);
        return;
    }
    int *counts = X.rank == 0 ? calloc((size_t)X.size, sizeof *counts) : NULL;
    int *displs = X.rank == 0 ? calloc((size_t)X.size, sizeof *displs) : NULL;
    if (X.rank == 0 && (!counts || !displs)) MPI_Abort(MPI_COMM_WORLD, 1);
    MPI_Gather(&bytes, 1, MPI_INT, counts, 1, MPI_INT, 0, X.comm);
    if (X.rank == 0)
        for (int r = 1; r < X.size; r++) displs[r] = displs[r - 1] + counts[r - 1];
    MPI_Gatherv(mine, bytes, MPI_BYTE, all, counts, displs, MPI_BYTE, 0, X.comm);
    free(counts);
    free(displs);
}
