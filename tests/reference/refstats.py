"""refstats.py -- independent numpy/scipy reference of izhiscope's rhythm measures, written
from the text at the top of include/rhythm.h only (not from src/rhythm.c).  Twin of stats.m.

stats(t, idx, T_ms=10000, N=1000) takes spike times (integer ms, 0-based) and neuron indices
(0-based) of an N-neuron run (Ne = round(0.8 N)) and returns a dict:
  rate_e, rate_i   spikes per neuron per second over t = 200 ... T_ms-1
  rhythm(...)      fields of the population rate over the same span (see rhythm()).
rhythm(counts, N) does the spectral part on 1 ms spike counts of all N neurons:
  r[t] = counts[t] * 1000 / N (Hz)
  P    = scipy.signal.welch(r, 1000, 'hann', 1000, 500, detrend='constant',
                            scaling='density')   (Hz^2/Hz; bin m = m Hz)
  rbar = mean of r over all analysed samples; F = 2 rbar (1 - rbar/1000) / N
  S[k] = mean of P[max(1,k-2) .. k+2], k = 1 ... 100
  q    = Wilson-Hilferty (1 - 1e-4) quantile of chi2_nu / nu, nu = 5.43 K (K segments)
  peaks: local max of S (S[k] > S[k-1] or k = 1; S[k] >= S[k+1]), S[k] > q B[k] with
         B[k] = max(F, left valley, right valley), S[k] >= 4 F; freq = centroid of S - B
         over the contiguous bins with S >= (S[k] + B[k]) / 2; band = row holding freq;
         m = sqrt(2 sum_{j=k-2..k+2, j>=1} max(0, P[j] - F)) / rbar.
  Each band: its peak with the largest S, or none.
Edges (rhythm.h does not spell them out, see RESULTS.md): at k = 100 the local-max test
S[k] >= S[k+1] is taken as true (S is defined on 1 ... 100). A valley side with no bins (left
of k = 1, right of k = 100) is "between k and the end of 1 ... 100" = {k}: it counts S[k]
itself (edge='self', the default), so bins 1 and 100 are never significant peaks; this is
also what izhiscope does (RESULTS.md). edge='skip' ignores such a side instead (then the
rising flank of power above 100 Hz, or a slow drift, is reported as a peak at bin 100 / 1).

Command line:  /usr/bin/python3 refstats.py spikes.csv [T_ms [N]]   (header t_ms,neuron)
prints the rates and, per band, found / frequency / strength in izhiscope's format.
"""
import sys
import numpy as np
from scipy import signal, stats as sps

T0 = 200                 # ms dropped at the start
SEG, HOP, FS = 1000, 500, 1000.0
FMAX, SMOOTH = 100, 2
ALPHA = 0.01             # percent -> per-bin 1 - ALPHA/100 quantile
CLEAR = 4.0
NU_PER_SEG = 5.43
BANDS = [("delta", 1.0, 3.5), ("theta", 3.5, 7.5), ("alpha", 7.5, 12.5),
         ("beta", 12.5, 27.5), ("gamma", 27.5, 100.0)]


def band_of(hz):
    for b, (_, lo, hi) in enumerate(BANDS):
        if lo <= hz and (hz < hi or (b == len(BANDS) - 1 and hz <= hi)):
            return b
    return -1


def q_factor(K):
    nu = NU_PER_SEG * K
    z = sps.norm.ppf(1.0 - ALPHA / 100.0)
    a = 2.0 / (9.0 * nu)
    return (1.0 - a + z * np.sqrt(a)) ** 3


def floor_density(rbar, N):
    return 2.0 * rbar * (1.0 - rbar / 1000.0) / N


def welch_density(r):
    """P[0 ... 500] (Hz^2/Hz) and the number of segments."""
    K = 0 if len(r) < SEG else 1 + (len(r) - SEG) // HOP
    if K == 0:
        return np.zeros(SEG // 2 + 1), 0
    _, P = signal.welch(r, FS, 'hann', SEG, SEG - HOP, detrend='constant', scaling='density')
    return P, K


def welch_density_explicit(r):
    """The same density written out (check of the scipy call)."""
    n = np.arange(SEG)
    w = 0.5 - 0.5 * np.cos(2 * np.pi * n / SEG)          # periodic Hann
    starts = range(0, len(r) - SEG + 1, HOP)
    acc = np.zeros(SEG // 2 + 1)
    for s0 in starts:
        x = r[s0:s0 + SEG]
        acc += np.abs(np.fft.rfft((x - x.mean()) * w)) ** 2
    c = np.full(SEG // 2 + 1, 2.0)
    c[0] = c[-1] = 1.0
    return c * acc / (FS * np.sum(w ** 2)) / max(len(starts), 1), len(starts)


def measure(P, K, rbar, N, edge="self"):
    """Peaks and bands from a density P[0 ... >= 102]; see the module docstring."""
    F = floor_density(rbar, N)
    q = q_factor(K) if K >= 1 else np.inf
    S = np.full(FMAX + 2, np.nan)
    for k in range(1, FMAX + 1):
        S[k] = np.mean(P[max(1, k - SMOOTH):k + SMOOTH + 1])
    peaks = []
    for k in range(1, FMAX + 1):
        if not (k == 1 or S[k] > S[k - 1]):
            continue
        if k < FMAX and not (S[k] >= S[k + 1]):
            continue
        vals = [F]
        for step in (-1, 1):
            j, v = k + step, np.inf
            while 1 <= j <= FMAX and S[j] <= S[k]:
                v = min(v, S[j])
                j += step
            if np.isfinite(v):
                vals.append(v)
            elif edge == "self" and not (1 <= k + step <= FMAX):
                vals.append(S[k])
        B = max(vals)
        if not (S[k] > q * B and S[k] >= CLEAR * F):
            continue
        half = 0.5 * (S[k] + B)
        lo = k
        while lo - 1 >= 1 and S[lo - 1] >= half:
            lo -= 1
        hi = k
        while hi + 1 <= FMAX and S[hi + 1] >= half:
            hi += 1
        j = np.arange(lo, hi + 1)
        wgt = S[lo:hi + 1] - B
        f = float(np.sum(j * wgt) / np.sum(wgt))
        jj = np.arange(max(1, k - SMOOTH), k + SMOOTH + 1)
        m = np.sqrt(2.0 * np.sum(np.maximum(0.0, P[jj] - F)) * 1.0) / rbar
        peaks.append(dict(bin=k, freq_hz=f, band=band_of(f), strength=m, S=S[k], B=B,
                          over_floor=S[k] / F, over_base=S[k] / B))
    bands = []
    for b in range(len(BANDS)):
        cand = [p for p in peaks if p["band"] == b]
        if cand:
            best = max(cand, key=lambda p: p["S"])
            bands.append(dict(best, found=1))
        else:
            bands.append(dict(found=0, freq_hz=np.nan, strength=np.nan, bin=-1,
                              over_floor=np.nan, over_base=np.nan))
    return dict(F=F, q=q, S=S, peaks=peaks, bands=bands)


def rhythm(counts, N, edge="self", explicit=False):
    r = np.asarray(counts, dtype=float) * 1000.0 / N
    rbar = float(np.mean(r)) if len(r) else 0.0
    P, K = (welch_density_explicit if explicit else welch_density)(r)
    out = measure(P, K, rbar, N, edge) if K >= 1 else dict(F=floor_density(rbar, N), q=np.nan,
                                                           S=None, peaks=[], bands=[])
    out.update(samples=len(r), segments=K, mean_rate=rbar, P=P)
    return out


def stats(t, idx, T_ms=10000, N=1000, edge="self", explicit=False):
    t = np.asarray(t, dtype=np.int64)
    idx = np.asarray(idx, dtype=np.int64)
    Ne = int(np.floor(0.8 * N + 0.5))
    Ni = N - Ne
    L = T_ms - T0
    keep = t >= T0
    t, idx = t[keep], idx[keep]
    res = rhythm(np.bincount(t - T0, minlength=L)[:L], N, edge, explicit)
    res["rate_e"] = np.count_nonzero(idx < Ne) / (Ne * L / 1000.0)
    res["rate_i"] = np.count_nonzero(idx >= Ne) / (Ni * L / 1000.0)
    return res


CSV_BAND_COLS = ",".join("%s_found,%s_hz,%s_strength" % (n, n, n) for n, _, _ in BANDS)


def csv_band_values(res):
    out = []
    for b in res["bands"]:
        out.append("%d,%.4f,%.5f" % (b["found"], b["freq_hz"], b["strength"]) if b["found"]
                   else "0,NaN,NaN")
    return ",".join(out)


def report(res):
    lines = ["rates after the first %d ms: excitatory %.4f Hz, inhibitory %.4f Hz"
             % (T0, res["rate_e"], res["rate_i"]),
             "population rate mean %.4f Hz; %d segments; F = %.6g Hz^2/Hz; q = %.6f"
             % (res["mean_rate"], res["segments"], res["F"], res["q"])]
    for (name, lo, hi), b in zip(BANDS, res["bands"]):
        if b["found"]:
            lines.append("  %-6s %.3f Hz, strength %.3f%%  (bin %d, S/F %.2f, S/B %.2f)"
                         % (name, b["freq_hz"], 100 * b["strength"], b["bin"], b["over_floor"],
                            b["over_base"]))
        else:
            lines.append("  %-6s no clear peak" % name)
    return "\n".join(lines)


if __name__ == "__main__":
    d = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, dtype=np.int64, ndmin=2)
    T = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    N = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    print(report(stats(d[:, 0], d[:, 1], T, N)))
