"""rhythm_bands.py -- expected values for tests/test_rhythm.c's synthetic rhythms in every
band, from an implementation of include/rhythm.h's text written again with numpy/SciPy
(not from src/rhythm.c): the 1 s and the 4 s Welch spectra (scipy.signal.welch), S, the
peak criterion, the centroid, the strength, the band of the shown frequency and which
spectrum serves which band.

The signal (1 ms counts of a 1000-neuron population, L ms; rate in Hz = count):
  c[t] = floor(7 (1 + m cos(2 pi f t / 1000)) + 0.5) + (g >> 16) % 7 - 3   (never below 0)
g the LCG g = (1103515245 g + 12345) mod 2^31 from g = 1, stepped once before each t.
Prints, for each (f, m, L) of the C test, per band: found, frequency, strength.

Run: /usr/bin/python3 tests/reference/rhythm_bands.py [--density | --null]
(--null: independent populations at 7 Hz, Binomial counts, numpy seed 17: how often any
peak is reported under these rules.)
"""
import numpy as np
from scipy import signal, stats as sps

FS = 1000.0
BANDS = [("delta", 1.0, 3.5), ("theta", 3.5, 7.5), ("alpha", 7.5, 12.5),
         ("beta", 12.5, 27.5), ("gamma", 27.5, 100.0)]


def shown(f):
    return np.floor(10.0 * f + 0.5) / 10.0


def band_of(f):
    s = shown(f)
    for b, (_, lo, hi) in enumerate(BANDS):
        if lo <= s and (s < hi or (b == len(BANDS) - 1 and s <= hi)):
            return b
    return -1


def q_factor(K):
    nu = 5.43 * K
    z = sps.norm.isf(0.01 / 100)
    a = 2.0 / (9.0 * nu)
    return (1.0 - a + z * np.sqrt(a)) ** 3


def peaks(P, K, df, q, F, rbar, f_lo, f_hi):
    """Peaks of one spectrum (S on bins 1 ... K) shown in [f_lo, f_hi)."""
    S = np.zeros(K + 1)
    for k in range(1, K + 1):
        S[k] = np.mean(P[max(1, k - 2):k + 3])
    out = []
    for k in range(2, K):
        if not (S[k] > S[k - 1] and S[k] >= S[k + 1]):
            continue
        left = right = S[k]
        j = k - 1
        while j >= 1 and S[j] <= S[k]:
            left = min(left, S[j]); j -= 1
        j = k + 1
        while j <= K and S[j] <= S[k]:
            right = min(right, S[j]); j += 1
        B = max(left, right, F)
        if not (S[k] > q * B and S[k] >= 4 * F):
            continue
        half = 0.5 * (S[k] + B)
        lo = hi = k
        while lo > 1 and S[lo - 1] >= half:
            lo -= 1
        while hi < K and S[hi + 1] >= half:
            hi += 1
        j = np.arange(lo, hi + 1)
        w = S[lo:hi + 1] - B
        f = float(np.sum(j * df * w) / np.sum(w))
        b = band_of(f)
        if b < 0 or not (f_lo <= shown(f) < f_hi):
            continue
        jj = np.arange(max(1, k - 2), k + 3)
        m = np.sqrt(2.0 * np.sum(np.maximum(0.0, P[jj] - F)) * df) / rbar
        out.append((b, f, m))
    return out


def measure(r, N):
    rbar = float(np.mean(r))
    F = 2 * rbar * (1 - rbar / 1000) / N
    K = 0 if len(r) < 1000 else 1 + (len(r) - 1000) // 500
    KL = 0 if len(r) < 4000 else 1 + (len(r) - 4000) // 2000
    cand = []    # (band, frequency, strength, from the long spectrum)
    if KL:
        _, PL = signal.welch(r, FS, 'hann', 4000, 2000, detrend='constant', scaling='density')
        cand += [c + (1,) for c in peaks(PL, 12 * 4, 0.25, q_factor(KL), F, rbar, 1.0, 7.5)]
    if K:
        _, P = signal.welch(r, FS, 'hann', 1000, 500, detrend='constant', scaling='density')
        cand += [c + (0,) for c in peaks(P, 110, 1.0, q_factor(K), F, rbar, 3.5, np.inf)]
    best = [None] * len(BANDS)
    for b, f, m, lg in cand:
        if best[b] is None or (lg, m) > (best[b][2], best[b][1]):
            best[b] = (f, m, lg)
    return best


def make(f, m, L):
    g = 1
    c = np.zeros(L)
    for t in range(L):
        g = (1103515245 * g + 12345) % (1 << 31)
        v = np.floor(7 * (1 + m * np.cos(2 * np.pi * f * t / 1000)) + 0.5) + (g >> 16) % 7 - 3
        c[t] = max(v, 0)
    return c


# the C test's cases: each band's middle and near both edges, 60 s and 10 s
FREQS = [1.25, 2.25, 3.25, 3.75, 5.5, 7.25, 7.75, 10.0, 12.25, 12.75, 20.0, 27.25,
         27.75, 63.75, 99.5]
if __name__ == "__main__":
    import sys
    if "--null" in sys.argv:
        rng = np.random.default_rng(17)
        for N, L, trials in ((1000, 9800, 300), (10000, 9800, 300), (1000, 59800, 100)):
            hits = np.zeros(len(BANDS), int)
            anyp = 0
            for _ in range(trials):
                best = measure(rng.binomial(N, 7.0 / 1000, size=L) * 1000.0 / N, N)
                hits += [b is not None for b in best]
                anyp += any(b is not None for b in best)
            print("N %d, %d ms, %d trials: any peak %d, per band %s" % (N, L, trials, anyp, hits.tolist()))
        sys.exit(0)
    for L in (() if "--density" in sys.argv else (60000, 10000)):
        for f in FREQS:
            best = measure(make(f, 0.4, L) * 1000.0 / 1000, 1000)
            cells = ", ".join("{ %d, %.17g, %.17g }" % (1, b[0], b[1]) if b else "{ 0, 0, 0 }"
                              for b in best)
            print("{ %g, %d, { %s } }," % (f, L, cells))
    # --density: the long spectrum of the 2.25 Hz signal over 10 s (test_long_density_equals_scipy)
    import sys
    if "--density" in sys.argv:
        _, PL = signal.welch(make(2.25, 0.4, 10000), FS, 'hann', 4000, 2000, detrend='constant',
                             scaling='density')
        for m in [0, 1, 4, 8, 9, 10, 13, 40, 100, 1000, 2000]:
            print("        { %d, %.17g }," % (m, PL[m]))
