/*
 * sonata.c - SONATA spike reports with the HDF5 C library (sonata.h).
 * The datasets grow in chunks as the run goes (extendible, chunked), so a
 * long run's spikes are never all in memory.
 */
#define _POSIX_C_SOURCE 200809L
#include "sonata.h"

#include <errno.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHUNK 65536                      /* spikes buffered and written at a time */
#define MAX_T_MS REPLAY_MAX_T_MS
#define MAX_NEURON 9999999LL             /* the largest index a network may have (CLI_MAX_NEURONS - 1) */

struct SonataWriter {
    hid_t file, group, ts, ids;
    double tbuf[CHUNK];
    uint64_t ibuf[CHUNK];
    int nbuf;
    hsize_t written;
    int failed;
    int error;                           /* the system's error of the failed write (errno) */
    char *events;                        /* "t,event,value\n" lines */
    size_t events_len;
};

/* The SONATA `sorting` enum (none, by_id, by_time), as an HDF5 enum of uint8. */
static hid_t sorting_type(void)
{
    hid_t t = H5Tenum_create(H5T_NATIVE_UINT8);
    uint8_t v;
    v = 0; H5Tenum_insert(t, "none", &v);
    v = 1; H5Tenum_insert(t, "by_id", &v);
    v = 2; H5Tenum_insert(t, "by_time", &v);
    return t;
}

/* A variable-length UTF-8 string attribute (what h5py and pandas read as str). */
static int put_string_attr(hid_t obj, const char *name, const char *value)
{
    hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    hid_t space = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    int rc = a >= 0 && H5Awrite(a, type, &value) >= 0 ? 0 : -1;
    if (a >= 0) H5Aclose(a);
    H5Sclose(space);
    H5Tclose(type);
    return rc;
}

static hid_t extendible(hid_t group, const char *name, hid_t type)
{
    hsize_t dim = 0, max = H5S_UNLIMITED, chunk = CHUNK;
    hid_t space = H5Screate_simple(1, &dim, &max);
    hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_chunk(dcpl, 1, &chunk);
    hid_t d = H5Dcreate2(group, name, type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Pclose(dcpl);
    H5Sclose(space);
    return d;
}

/* The system's error behind HDF5's failure: its file driver records it as
 * "errno = N" in the error stack (errno itself may be overwritten by the
 * time the call returns); else errno, else EIO. */
static herr_t find_errno(unsigned n, const H5E_error2_t *e, void *data)
{
    (void)n;
    const char *at = e->desc ? strstr(e->desc, "errno = ") : NULL;
    if (at && *(int *)data == 0) *(int *)data = atoi(at + 8);
    return 0;
}

static int system_error(void)
{
    int saved = errno, e = 0;
    H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, find_errno, &e);
    return e > 0 ? e : saved > 0 ? saved : EIO;
}

/* Closes everything of w. After a failed write HDF5 cannot flush what it
 * holds (the disk is full): H5Fclose fails, and leaves a file behind that
 * HDF5's own atexit handler then crashed on (HDF5 1.10: SIGSEGV in
 * H5F__close_cb, exit 139), hence H5dont_atexit (no_hdf5_atexit; seen:
 * without it the crash is back, whatever else is done here). A file that
 * is dropped is emptied first: it is the caller's temporary, removed next,
 * and a failed close may keep its descriptor, and so its blocks on the
 * full disk, until the program ends. Returns 0 if everything closed. */
static int close_all(SonataWriter *w, int drop)
{
    if (drop && w->file >= 0) {
        hid_t fapl = H5Fget_access_plist(w->file);
        void *handle = NULL;
        if (fapl >= 0 && H5Fget_vfd_handle(w->file, fapl, &handle) >= 0 && handle)
            if (ftruncate(*(int *)handle, 0) != 0) { /* nothing more to free */ }
        if (fapl >= 0) H5Pclose(fapl);
    }
    int rc = 0;
    if (w->ts >= 0 && H5Dclose(w->ts) < 0) rc = -1;
    if (w->ids >= 0 && H5Dclose(w->ids) < 0) rc = -1;
    if (w->group >= 0 && H5Gclose(w->group) < 0) rc = -1;
    if (w->file >= 0 && H5Fclose(w->file) < 0) rc = -1;
    w->ts = w->ids = w->group = w->file = -1;
    return rc;
}

/* See close_all. HDF5 registers its atexit handler when it starts, at the
 * first call into it (a replay's read may come before any write), so this
 * runs when the program is loaded. */
__attribute__((constructor)) static void no_hdf5_atexit(void)
{
    H5dont_atexit();
}

SonataWriter *sonata_create(const char *path, char *err, size_t errlen)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);      /* errors are ours to say */
    SonataWriter *w = calloc(1, sizeof *w);
    if (!w) { snprintf(err, errlen, "%s: out of memory", path); return NULL; }
    w->file = w->group = w->ts = w->ids = -1;
    w->file = H5Fcreate(path, H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    hid_t spikes = w->file >= 0 ? H5Gcreate2(w->file, "spikes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT) : -1;
    w->group = spikes >= 0 ? H5Gcreate2(spikes, SONATA_POPULATION, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT) : -1;
    if (spikes >= 0) H5Gclose(spikes);
    w->ts = w->group >= 0 ? extendible(w->group, "timestamps", H5T_IEEE_F64LE) : -1;
    w->ids = w->group >= 0 ? extendible(w->group, "node_ids", H5T_STD_U64LE) : -1;
    if (w->ts < 0 || w->ids < 0 || put_string_attr(w->ts, "units", "ms") != 0) {
        snprintf(err, errlen, "%s: cannot create an HDF5 spike report: %s", path, strerror(system_error()));
        sonata_abort(w);
        return NULL;
    }
    return w;
}

static int append(hid_t d, hid_t memtype, const void *buf, hsize_t at, hsize_t n)
{
    hsize_t size = at + n;
    if (H5Dset_extent(d, &size) < 0) return -1;
    hid_t file_space = H5Dget_space(d);
    hid_t mem_space = H5Screate_simple(1, &n, NULL);
    int rc = H5Sselect_hyperslab(file_space, H5S_SELECT_SET, &at, NULL, &n, NULL) >= 0 &&
             H5Dwrite(d, memtype, mem_space, file_space, H5P_DEFAULT, buf) >= 0 ? 0 : -1;
    H5Sclose(mem_space);
    H5Sclose(file_space);
    return rc;
}

static int flush_buf(SonataWriter *w)
{
    if (w->nbuf == 0 || w->failed) return w->failed ? -1 : 0;
    if (append(w->ts, H5T_NATIVE_DOUBLE, w->tbuf, w->written, (hsize_t)w->nbuf) != 0 ||
        append(w->ids, H5T_NATIVE_UINT64, w->ibuf, w->written, (hsize_t)w->nbuf) != 0) {
        w->failed = 1;
        w->error = system_error();
        return -1;
    }
    w->written += (hsize_t)w->nbuf;
    w->nbuf = 0;
    return 0;
}

int sonata_add(SonataWriter *w, int64_t t_ms, const int32_t *spikes, int count)
{
    if (w->failed) return -1;
    for (int s = 0; s < count; s++) {
        w->tbuf[w->nbuf] = (double)t_ms;
        w->ibuf[w->nbuf] = (uint64_t)spikes[s];
        if (++w->nbuf == CHUNK && flush_buf(w) != 0) return -1;
    }
    return 0;
}

void sonata_event(SonataWriter *w, const char *line)
{
    size_t n = strlen(line);
    char *e = realloc(w->events, w->events_len + n + 2);
    if (!e) return;
    w->events = e;
    memcpy(e + w->events_len, line, n);
    e[w->events_len + n] = '\n';
    e[w->events_len + n + 1] = '\0';
    w->events_len += n + 1;
}

int sonata_error(const SonataWriter *w)
{
    return w->failed ? w->error : 0;
}

int sonata_finish(SonataWriter *w, const char *const *keys, const char *const *values, int n, char *err,
                  size_t errlen)
{
    int rc = flush_buf(w);
    int error = rc != 0 ? w->error : 0;
    for (int i = 0; rc == 0 && i < n; i++) rc = put_string_attr(w->group, keys[i], values[i]);
    if (rc == 0 && w->events) rc = put_string_attr(w->group, "events", w->events);
    if (rc == 0) {
        hid_t type = sorting_type();
        hid_t space = H5Screate(H5S_SCALAR);
        hid_t a = H5Acreate2(w->group, "sorting", type, space, H5P_DEFAULT, H5P_DEFAULT);
        uint8_t by_time = 2;
        rc = a >= 0 && H5Awrite(a, type, &by_time) >= 0 ? 0 : -1;
        if (a >= 0) H5Aclose(a);
        H5Sclose(space);
        H5Tclose(type);
    }
    /* everything to the disk before the close: a failure here can still be
     * undone (close_all), one inside H5Fclose could not */
    if (rc == 0 && H5Fflush(w->file, H5F_SCOPE_LOCAL) < 0) rc = -1;
    if (rc != 0 && !error) error = system_error();
    if (close_all(w, rc != 0) != 0 && rc == 0) { rc = -1; error = system_error(); }
    if (rc != 0) snprintf(err, errlen, "cannot write the HDF5 spike report: %s", strerror(error));
    free(w->events);
    free(w);
    return rc;
}

void sonata_abort(SonataWriter *w)
{
    if (!w) return;
    close_all(w, 1);
    free(w->events);
    free(w);
}

/* ---- reading ------------------------------------------------------------ */

/* The populations under /spikes, all of them (names of any length). */
typedef struct Pops { char **names; int n, cap, failed; } Pops;

static herr_t list_pop(hid_t g, const char *name, const H5L_info_t *info, void *data)
{
    (void)g; (void)info;
    Pops *p = data;
    if (p->n == p->cap) {
        int nc = p->cap ? 2 * p->cap : 16;
        char **nn = realloc(p->names, (size_t)nc * sizeof *nn);
        if (!nn) { p->failed = 1; return 1; }
        p->names = nn;
        p->cap = nc;
    }
    if (!(p->names[p->n] = strdup(name))) { p->failed = 1; return 1; }
    p->n++;
    return 0;
}

static void pops_free(Pops *p)
{
    for (int i = 0; i < p->n; i++) free(p->names[i]);
    free(p->names);
    memset(p, 0, sizeof *p);
}

/* A string attribute of obj (fixed or variable length, ASCII or UTF-8, as
 * h5py or this file writes them) into buf; 0, or -1 if it is not one. */
static int string_attr(hid_t a, char *buf, size_t len)
{
    hid_t t = H5Aget_type(a);
    int rc = -1;
    buf[0] = '\0';
    if (H5Tget_class(t) == H5T_STRING) {
        if (H5Tis_variable_str(t)) {
            char *vs = NULL;
            hid_t vt = H5Tcopy(H5T_C_S1);
            H5Tset_size(vt, H5T_VARIABLE);
            H5Tset_cset(vt, H5Tget_cset(t));
            if (H5Aread(a, vt, &vs) >= 0 && vs) { snprintf(buf, len, "%s", vs); rc = 0; }
            if (vs) H5free_memory(vs);
            H5Tclose(vt);
        } else if (H5Tget_size(t) < len) {
            rc = H5Aread(a, t, buf) >= 0 ? 0 : -1;
            buf[H5Tget_size(t)] = '\0';
        }
    }
    H5Tclose(t);
    return rc;
}

/* An integer attribute of obj (neurons, excitatory, duration_ms), stored as
 * a string (izhiscope's) or a number; -1 if absent or not one. */
static long long int_attr(hid_t obj, const char *name)
{
    if (H5Aexists(obj, name) <= 0) return -1;
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT);
    hid_t t = H5Aget_type(a);
    long long v = -1;
    char buf[64];
    if (H5Tget_class(t) == H5T_STRING && string_attr(a, buf, sizeof buf) == 0) {
        char *end;
        long long x = strtoll(buf, &end, 10);
        if (end != buf && *end == '\0' && x >= 0) v = x;
    } else if (H5Tget_class(t) == H5T_INTEGER) {
        long long x;
        if (H5Aread(a, H5T_NATIVE_LLONG, &x) >= 0 && x >= 0) v = x;
    }
    H5Tclose(t);
    H5Aclose(a);
    return v;
}

/* The unit of the timestamps by their units attribute: ms or s; a unit
 * it does not know (S is siemens, not seconds) is refused, not taken for
 * ms. REPLAY_UNIT_AUTO if there is none. -1 (buf: what it says) if unknown. */
static int units_of(hid_t d, char *buf, size_t len)
{
    static const char *const ms[] = { "ms", "millisecond", "milliseconds" };
    static const char *const s[] = { "s", "sec", "second", "seconds" };
    if (H5Aexists(d, "units") <= 0) return REPLAY_UNIT_AUTO;
    hid_t a = H5Aopen(d, "units", H5P_DEFAULT);
    int rc = string_attr(a, buf, len);
    H5Aclose(a);
    if (rc != 0) { snprintf(buf, len, "(not a string)"); return -1; }
    for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++)
        if (!strcmp(buf, ms[i])) return REPLAY_UNIT_MS;
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++)
        if (!strcmp(buf, s[i])) return REPLAY_UNIT_S;
    return -1;
}

/* The length of a 1-D dataset whose every element is stored (a dataset
 * declaring more than it holds reads as fill values: refused before a byte
 * is read); -1 not 1-D, -2 not all stored. *cls: its type's class. */
static long long length_of(hid_t d, H5T_class_t *cls, int *is_signed)
{
    hid_t space = H5Dget_space(d);
    int rank = H5Sget_simple_extent_ndims(space);
    hsize_t dim = 0;
    if (rank == 1) H5Sget_simple_extent_dims(space, &dim, NULL);
    H5Sclose(space);
    hid_t t = H5Dget_type(d);
    *cls = H5Tget_class(t);
    *is_signed = *cls == H5T_INTEGER && H5Tget_sign(t) == H5T_SGN_2;
    H5Tclose(t);
    if (rank != 1) return -1;
    /* stored: every chunk the extent needs written (chunks may be
     * compressed), or a contiguous block of the whole size */
    hid_t dcpl = H5Dget_create_plist(d);
    H5D_layout_t layout = H5Pget_layout(dcpl);
    int stored = 1;
    if (dim > 0 && layout == H5D_CHUNKED) {
        hsize_t cdim = 0, nch = 0;
        hid_t fs = H5Dget_space(d);
        stored = H5Pget_chunk(dcpl, 1, &cdim) == 1 && cdim > 0 && H5Dget_num_chunks(d, fs, &nch) >= 0 &&
                 nch >= (dim + cdim - 1) / cdim;
        H5Sclose(fs);
    } else if (dim > 0 && layout == H5D_CONTIGUOUS) {
        hid_t ty = H5Dget_type(d);
        stored = H5Dget_storage_size(d) >= dim * H5Tget_size(ty);
        H5Tclose(ty);
    }
    H5Pclose(dcpl);
    return stored ? (long long)dim : -2;
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); goto fail; } while (0)

int sonata_read(Replay *r, const char *path, ReplayUnit unit, size_t max_spikes, char *err, size_t errlen)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    memset(r, 0, sizeof *r);
    r->max_neuron = -1;
    r->excitatory = -1;
    r->trace_neuron = -1;
    r->format = REPLAY_SONATA;
    hid_t file = -1, spikes = -1, g = -1, dt = -1, di = -1;
    double *ts = NULL;
    double *ids = NULL;
    size_t cap = 0;
    Pops pops = { 0 };
    char ubuf[64];
    struct stat sb;
    /* HDF5 seeks: a pipe or FIFO cannot be read (and is not looked into) */
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
        FAIL("%s: not a regular file (a pipe or FIFO?): an HDF5 file is read from a file it can seek; save it to a"
             " file and replay that", path);
    file = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (file < 0) FAIL("%s: not an HDF5 file this library can open", path);
    if (H5Lexists(file, "spikes", H5P_DEFAULT) <= 0) FAIL("%s: no /spikes group: not a SONATA spike report", path);
    spikes = H5Gopen2(file, "spikes", H5P_DEFAULT);
    if (H5Literate(spikes, H5_INDEX_NAME, H5_ITER_INC, NULL, list_pop, &pops) < 0 || pops.failed)
        FAIL("%s: cannot list the populations under /spikes%s", path, pops.failed ? ": out of memory" : "");
    if (pops.n == 0) FAIL("%s: /spikes holds no population", path);
    snprintf(r->how, sizeof r->how, "HDF5 with /spikes: %d population%s", pops.n, pops.n == 1 ? "" : "s");
    ReplayUnit seen_unit = REPLAY_UNIT_AUTO;
    int mixed = 0;                  /* populations in different units (each read in its own) */
    /* first every population's sizes, types and units: nothing is read
     * before all of them are known to fit */
    unsigned long long total = 0;
    for (int p = 0; p < pops.n; p++) {
        const char *pn = pops.names[p];
        g = H5Gopen2(spikes, pn, H5P_DEFAULT);
        if (g < 0) FAIL("%s: /spikes/%s is not a group", path, pn);
        if (H5Lexists(g, "timestamps", H5P_DEFAULT) <= 0 || H5Lexists(g, "node_ids", H5P_DEFAULT) <= 0)
            FAIL("%s: /spikes/%s needs the datasets timestamps and node_ids", path, pn);
        dt = H5Dopen2(g, "timestamps", H5P_DEFAULT);
        di = H5Dopen2(g, "node_ids", H5P_DEFAULT);
        if (dt < 0 || di < 0) FAIL("%s: /spikes/%s: timestamps and node_ids must be datasets", path, pn);
        H5T_class_t ct, ci;
        int st_, si;
        long long nt = length_of(dt, &ct, &st_), ni = length_of(di, &ci, &si);
        if (nt == -1 || ni == -1 || (ct != H5T_FLOAT && ct != H5T_INTEGER) || (ci != H5T_FLOAT && ci != H5T_INTEGER))
            FAIL("%s: /spikes/%s: timestamps and node_ids must be 1-D numbers", path, pn);
        if (nt == -2 || ni == -2)
            FAIL("%s: /spikes/%s: its %s declares more elements than the file stores", path, pn,
                 nt == -2 ? "timestamps" : "node_ids");
        if (nt != ni) FAIL("%s: /spikes/%s: %lld timestamps but %lld node_ids", path, pn, nt, ni);
        int u = units_of(dt, ubuf, sizeof ubuf);
        if (u < 0)
            FAIL("%s: /spikes/%s/timestamps: units '%.40s' is not a unit of time izhiscope knows (ms, millisecond(s);"
                 " s, sec, second(s))", path, pn, ubuf);
        if (u == REPLAY_UNIT_AUTO) u = unit ? (int)unit : REPLAY_UNIT_MS;
        else if (unit && (int)unit != u)
            FAIL("%s: /spikes/%s/timestamps: units '%s', --replay-time-unit says %s", path, pn, ubuf,
                 replay_unit_name(unit));
        if (seen_unit && (int)seen_unit != u) mixed = 1;
        if (!seen_unit) seen_unit = (ReplayUnit)u;
        total += (unsigned long long)nt;
        if (max_spikes && total > max_spikes)
            FAIL("%s: %llu spikes (so far): more than the memory available holds", path, total);
        H5Dclose(dt); dt = -1;
        H5Dclose(di); di = -1;
        H5Gclose(g); g = -1;
    }
    /* the unit: stated by the attributes, or by the option, or assumed */
    r->unit = seen_unit ? seen_unit : REPLAY_UNIT_MS;
    int stated = 1;
    for (int p = 0; p < pops.n && stated; p++) {
        g = H5Gopen2(spikes, pops.names[p], H5P_DEFAULT);
        dt = H5Dopen2(g, "timestamps", H5P_DEFAULT);
        stated = H5Aexists(dt, "units") > 0;
        H5Dclose(dt); dt = -1;
        H5Gclose(g); g = -1;
    }
    snprintf(r->unit_how, sizeof r->unit_how, "%s%s", stated ? "stated by the units attribute"
                                                    : unit ? "stated by --replay-time-unit"
                                                           : "assumed: SONATA's usual unit, no units attribute says",
             mixed ? " (each population in its own: ms and s)" : "");
    long long base = 0;
    ReplayTimes tst = { 0 };
    for (int p = 0; p < pops.n; p++) {
        const char *pn = pops.names[p];
        g = H5Gopen2(spikes, pn, H5P_DEFAULT);
        if (pops.n == 1) {
            long long nn = int_attr(g, "neurons"), ne = int_attr(g, "excitatory"), du = int_attr(g, "duration_ms");
            if (nn > 0 && nn <= MAX_NEURON + 1) r->neurons = (int)nn;
            if (ne >= 0 && ne <= MAX_NEURON + 1) r->excitatory = (int)ne;
            if (du > 0 && du <= MAX_T_MS) r->duration = du;
        }
        dt = H5Dopen2(g, "timestamps", H5P_DEFAULT);
        di = H5Dopen2(g, "node_ids", H5P_DEFAULT);
        H5T_class_t ct, ci;
        int st_, si;
        long long n = length_of(dt, &ct, &st_);
        (void)length_of(di, &ci, &si);
        ts = malloc(n ? (size_t)n * sizeof *ts : 1);
        ids = malloc(n ? (size_t)n * sizeof *ids : 1);
        if (!ts || !ids) FAIL("%s: out of memory for /spikes/%s", path, pn);
        /* node ids as doubles: exact to 2^53, so negative and fractional
         * ones are seen (read as uint64 they would become other neurons) */
        if (n > 0 && (H5Dread(dt, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, ts) < 0 ||
                      H5Dread(di, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, ids) < 0))
            FAIL("%s: /spikes/%s: cannot read timestamps and node_ids", path, pn);
        int u = units_of(dt, ubuf, sizeof ubuf);
        if (u == REPLAY_UNIT_AUTO) u = unit ? (int)unit : REPLAY_UNIT_MS;
        double f = u == REPLAY_UNIT_S ? 1000.0 : 1.0;
        H5Dclose(dt); dt = -1;
        H5Dclose(di); di = -1;
        H5Gclose(g); g = -1;
        long long top = -1;
        for (long long i = 0; i < n; i++) {
            double ms = ts[i] * f;
            if (!(ms >= 0 && ms < (double)MAX_T_MS))
                FAIL("%s: /spikes/%s: timestamp %g at %lld is out of range (0 ... %lld ms; in %s, %s)", path, pn,
                     ts[i], i, (long long)MAX_T_MS, replay_unit_name((ReplayUnit)u), r->unit_how);
            if (!(ids[i] >= 0 && ids[i] == floor(ids[i])))
                FAIL("%s: /spikes/%s: node id %g at %lld is not a node id (a whole number >= 0)", path, pn, ids[i], i);
            if (ids[i] > (double)MAX_NEURON || base + (long long)ids[i] > MAX_NEURON)
                FAIL("%s: /spikes/%s: node id %.0f at %lld is out of range (0 ... %lld, all populations together)",
                     path, pn, ids[i], i, (long long)MAX_NEURON);
            replay_times_add(&tst, ts[i]);
            if (replay_push(r, &cap, (int64_t)floor(ms + 1e-9), base + (long long)ids[i]) != 0)
                FAIL("%s: out of memory after %zu spikes", path, r->count);
            if ((long long)ids[i] > top) top = (long long)ids[i];
        }
        base += top + 1;
        free(ts); ts = NULL;
        free(ids); ids = NULL;
    }
    if (!stated && !unit && replay_unit_check(r, &tst, path, "timestamps", err, errlen) != 0) goto fail;
    pops_free(&pops);
    H5Gclose(spikes);
    H5Fclose(file);
    replay_finish(r);
    return 0;
fail:
    free(ts);
    free(ids);
    pops_free(&pops);
    if (dt >= 0) H5Dclose(dt);
    if (di >= 0) H5Dclose(di);
    if (g >= 0) H5Gclose(g);
    if (spikes >= 0) H5Gclose(spikes);
    if (file >= 0) H5Fclose(file);
    replay_free(r);
    r->format = REPLAY_SONATA;
    return -1;
}
