"""refstats.py -- numpy twin of stats.m: the acceptance metrics of a T = 10000 ms run.

stats(t, idx, T_ms=10000) takes spike times (integer ms, 0-based) and neuron indices
(0-based) and returns a dict with rate_e, rate_i (Hz), alpha_hz, gamma_hz, alpha_prom,
gamma_prom and P (501 bins, bin m = m Hz).  Also runnable on a spike CSV
(header t_ms,neuron):  /usr/bin/python3 refstats.py spikes.csv [T_ms]
"""
import sys
import numpy as np

T0 = 200


def stats(t, idx, T_ms=10000):
    t = np.asarray(t, dtype=np.int64)
    idx = np.asarray(idx, dtype=np.int64)
    L = T_ms - T0                                   # 9800 samples
    keep = t >= T0
    t, idx = t[keep], idx[keep]
    r = {}
    r["rate_e"] = np.count_nonzero(idx < 800) / (800 * L / 1000.0)
    r["rate_i"] = np.count_nonzero(idx >= 800) / (200 * L / 1000.0)
    x = np.bincount(t - T0, minlength=L).astype(float)[:L]
    n = np.arange(1000)
    w = 0.5 - 0.5 * np.cos(2 * np.pi * n / 1000)    # periodic Hann
    starts = range(0, L - 1000 + 1, 500)             # 18 segments for L = 9800
    P = np.zeros(1000)
    for s0 in starts:
        seg = x[s0:s0 + 1000]
        P += np.abs(np.fft.fft((seg - seg.mean()) * w)) ** 2
    P = P[:501] / len(starts)
    r["alpha_hz"] = int(4 + np.argmax(P[4:15]))      # first maximum on ties
    r["gamma_hz"] = int(20 + np.argmax(P[20:51]))
    med = np.median(P[1:101])
    r["alpha_prom"] = P[r["alpha_hz"]] / med
    r["gamma_prom"] = P[r["gamma_hz"]] / med
    r["P"] = P
    return r


if __name__ == "__main__":
    d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, dtype=np.int64, ndmin=2)
    T = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    s = stats(d[:, 0], d[:, 1], T)
    print("n_spikes=%d rate_e=%.4f rate_i=%.4f alpha_hz=%d gamma_hz=%d alpha_prom=%.3f gamma_prom=%.3f"
          % (len(d), s["rate_e"], s["rate_i"], s["alpha_hz"], s["gamma_hz"], s["alpha_prom"], s["gamma_prom"]))
