/*
 * fuzz_replay.c - libFuzzer harness over the replay reader (replay.c), the
 * one reader of files made elsewhere. The first byte picks the format asked
 * (detect, izhiscope, brian2, nest; bit 5: numpy instead), whether the rest
 * is read as a trace instead (bit 2) and the unit stated (bits 3-4: none,
 * ms, s); the rest is the file (text, or NumPy's .npz / .npy bytes). Whatever the bytes: no crash, no leak; on
 * error a message naming the file and no spikes kept; on success spikes
 * sorted by time then neuron, one per neuron per ms, times and neurons in
 * their documented ranges, and playback hands them all out again.
 * Built and run by `make fuzz`; corpus in tests/fuzz/corpus_replay/.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must(int ok)
{
    if (!ok) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const int format = data[0] & 32 ? REPLAY_NUMPY : data[0] & 3, trace = (data[0] & 4) != 0;
    const int unit = ((data[0] >> 3) & 3) % 3;
    FILE *fp = fmemopen((void *)(data + 1), size - 1 ? size - 1 : 1, "r");
    if (!fp) return 0;
    if (size == 1) fgetc(fp);                    /* an empty file (fmemopen needs a byte) */
    char err[512] = "";
    Replay r;
    memset(&r, 0, sizeof r);
    if (trace) {
        int rc = replay_read_trace(&r, fp, "fuzz.csv", err, sizeof err);
        must(rc == 0 || (rc == -1 && !strncmp(err, "fuzz.csv", 8) && r.trace == NULL));
        if (rc == 0) must(r.trace_len >= 0 && r.trace_len <= REPLAY_TRACE_MAX_MS);
        fclose(fp);
        replay_free(&r);
        return 0;
    }
    int rc = replay_read(&r, fp, "fuzz.csv", (ReplayFormat)format, (ReplayUnit)unit, 1, 1 << 20, err, sizeof err);
    fclose(fp);
    if (rc != 0) {
        must(rc == -1 && !strncmp(err, "fuzz.csv", 8) && r.spikes == NULL && r.count == 0);
        return 0;
    }
    must((r.format >= REPLAY_IZHISCOPE && r.format <= REPLAY_NEST) || r.format == REPLAY_NUMPY);
    must(r.unit == REPLAY_UNIT_MS || r.unit == REPLAY_UNIT_S);
    for (size_t i = 0; i < r.count; i++) {
        const ReplaySpike *s = &r.spikes[i];
        must(s->t_ms >= 0 && s->t_ms < REPLAY_MAX_T_MS && s->neuron >= 0 && s->neuron <= r.max_neuron);
        if (i) {
            const ReplaySpike *p = &r.spikes[i - 1];
            must(p->t_ms < s->t_ms || (p->t_ms == s->t_ms && p->neuron < s->neuron));
        }
    }
    must(r.t_end == (r.count ? r.spikes[r.count - 1].t_ms + 1 : 0));
    /* playback of the first 2 s hands out each spike of that time once */
    static int32_t out[1 << 16];
    size_t seen = 0, within = 0;
    float v;
    for (size_t i = 0; i < r.count && r.spikes[i].t_ms < 2000; i++) within += r.spikes[i].neuron < (1 << 16);
    for (int64_t t = 0; t < 2000; t++) seen += (size_t)replay_step(&r, t, 1 << 16, out, &v);
    must(seen == within);
    replay_free(&r);
    return 0;
}
