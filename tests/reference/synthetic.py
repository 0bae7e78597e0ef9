"""synthetic.py -- checks of the include/rhythm.h definitions on synthetic populations,
measured with refstats.rhythm (the independent reference). numpy Generator, fixed seeds.

Spike counts: N independent neurons that fire at most once a ms, neuron-ms independent with
probability p(t) = rate(t) / 1000, so the 1 ms population count is Binomial(N, p(t))
(exactly the sum of the N neurons' 0/1 trains). `--poisson` uses Poisson(N p(t)) counts
instead (continuous-time Poisson neurons, several spikes a ms allowed).
Durations are run lengths T as in izhiscope: the first 200 ms are dropped, so T = 10 s
analyses 9800 samples (K = 18 segments), T = 4.2 s analyses 4000 (K = 7).

  (a) homogeneous 7 Hz: how often any peak (any band) is reported; N = 1000, 10000;
      T = 10 s, 4.2 s.
  (b) rate 7 (1 + m cos(2 pi f t)) Hz, m = 0.3, f = 8 and 34 Hz (also 8.5, 34.5: between
      bins), N = 1000, 10000, T = 10 s: detection, frequency and strength (mean +- sd).
  (c) smallest m (step 0.005) detected in >= 95 % of trials, N = 1000 (and 10000), T = 10 s,
      f = 8 and 34 Hz. "Detected": the band holding f reports a peak within 2 Hz of f.

usage: /usr/bin/python3 synthetic.py [--trials 2000] [--trials-b 500] [--trials-c 500]
       [--poisson] [--parts abc]
"""
import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import refstats as R  # noqa: E402


def counts(rng, N, L, rate_hz, m=0.0, f=0.0, poisson=False):
    t = np.arange(L) / 1000.0
    p = rate_hz / 1000.0 * (1.0 + m * np.cos(2 * np.pi * f * t))
    return rng.poisson(N * p) if poisson else rng.binomial(N, p)


def ci95(k, n):
    """Wilson score interval for k of n."""
    z = 1.959964
    ph = k / n
    c = (ph + z * z / (2 * n)) / (1 + z * z / n)
    h = z * np.sqrt(ph * (1 - ph) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, c - h), min(1.0, c + h)


def part_a(trials, poisson, edge):
    print("## (a) independent neurons at 7 Hz: any peak reported (edge=%s%s)\n"
          % (edge, ", Poisson counts" if poisson else ""))
    print("| N | T | K | q | trials | any peak | 95 % CI | per band (delta/theta/alpha/beta/gamma) | "
          "significant but not clear |")
    print("|---|---|---|---|---|---|---|---|---|")
    stat_rows = []
    for N in (1000, 10000):
        for T in (10000, 4200):
            rng = np.random.default_rng([1, N, T, int(poisson)])
            L = T - R.T0
            n_any, per_band, n_sig_only = 0, np.zeros(5, int), 0
            sf, n_over_q = [], 0
            for _ in range(trials):
                res = R.rhythm(counts(rng, N, L, 7.0, poisson=poisson), N, edge=edge)
                fb = [b["found"] for b in res["bands"]]
                per_band += fb
                n_any += any(fb)
                n_sig_only += sig_not_clear(res)
                x = res["S"][3:99] / res["F"]            # bins 3 ... 98 (5 full bins each)
                sf.append(x)
                n_over_q += np.count_nonzero(x > res["q"])
            lo, hi = ci95(n_any, trials)
            sf = np.concatenate(sf)
            stat_rows.append((N, T, res["segments"], sf.mean(), 2 * sf.mean() ** 2 / sf.var(),
                              R.NU_PER_SEG * res["segments"], n_over_q, len(sf), sf.max()))
            print("| %d | %.1f s | %d | %.4f | %d | %d (%.2f %%) | [%.2f, %.2f] %% | %s | %d |"
                  % (N, T / 1000, res["segments"], res["q"], trials, n_any, 100 * n_any / trials,
                     100 * lo, 100 * hi, "/".join(str(x) for x in per_band), n_sig_only),
                  flush=True)
    print()
    print("S/F of bins 3 ... 98 over all trials (white noise): empirical nu = 2 mean^2 / var vs "
          "the nu = 5.43 K of rhythm.h; bins with S > q F (nominal 1e-4 each)\n")
    print("| N | T | K | mean S/F | empirical nu | 5.43 K | bins with S > q F | of | max S/F |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in stat_rows:
        print("| %d | %.1f s | %d | %.4f | %.1f | %.1f | %d (%.1e) | %d | %.3f |"
              % (r[0], r[1] / 1000, r[2], r[3], r[4], r[5], r[6], r[6] / r[7], r[7], r[8]))
    print()


def sig_not_clear(res):
    """1 when some local maximum passes the significance test but not S >= 4 F."""
    S, P, F, q = res["S"], res["P"], res["F"], res["q"]
    for k in range(1, R.FMAX + 1):
        if not (k == 1 or S[k] > S[k - 1]):
            continue
        if k < R.FMAX and not S[k] >= S[k + 1]:
            continue
        vals = [F]
        for step in (-1, 1):
            j, v = k + step, np.inf
            while 1 <= j <= R.FMAX and S[j] <= S[k]:
                v = min(v, S[j])
                j += step
            if np.isfinite(v):
                vals.append(v)
            elif not (1 <= k + step <= R.FMAX):      # edge='self' (refstats default)
                vals.append(S[k])
        if S[k] > q * max(vals) and S[k] < R.CLEAR * F:
            return 1
    return 0


def target_band(f):
    return R.band_of(f)


def part_b(trials, poisson, edge):
    print("## (b) rate 7 (1 + m cos 2 pi f t) Hz, m = 0.3, T = 10 s (edge=%s%s)\n"
          % (edge, ", Poisson counts" if poisson else ""))
    print("| N | f (Hz) | trials | detected in its band | freq mean ± sd [min, max] | "
          "strength % mean ± sd [min, max] | other peaks reported |")
    print("|---|---|---|---|---|---|---|")
    for N in (1000, 10000):
        for f in (8.0, 34.0, 8.5, 34.5):
            rng = np.random.default_rng([2, N, int(10 * f), int(poisson)])
            L = 10000 - R.T0
            fr, st, other = [], [], 0
            tb = target_band(f)
            for _ in range(trials):
                res = R.rhythm(counts(rng, N, L, 7.0, 0.3, f, poisson), N, edge=edge)
                b = res["bands"][tb]
                if b["found"] and abs(b["freq_hz"] - f) <= 2:
                    fr.append(b["freq_hz"])
                    st.append(100 * b["strength"])
                other += sum(x["found"] for i, x in enumerate(res["bands"]) if i != tb)
            fr, st = np.array(fr), np.array(st)
            print("| %d | %g | %d | %d | %.3f ± %.3f [%.2f, %.2f] | %.2f ± %.2f [%.1f, %.1f] | %d |"
                  % (N, f, trials, len(fr), fr.mean(), fr.std(ddof=1), fr.min(), fr.max(),
                     st.mean(), st.std(ddof=1), st.min(), st.max(), other), flush=True)
    print()


def part_c(trials, poisson, edge):
    print("## (c) smallest m detected in >= 95 %% of trials, T = 10 s (edge=%s%s)\n"
          % (edge, ", Poisson counts" if poisson else ""))
    print("| N | f (Hz) | trials per m | detection rate by m | smallest m with >= 95 % |")
    print("|---|---|---|---|---|")
    for N in (1000, 10000):
        grid = np.round(np.arange(0.04, 0.1601, 0.005), 3) if N == 1000 else \
            np.round(np.arange(0.01, 0.0601, 0.0025), 4)
        for f in (8.0, 34.0):
            L = 10000 - R.T0
            tb = target_band(f)
            rates = []
            for m in grid:
                rng = np.random.default_rng([3, N, int(10 * f), int(10000 * m), int(poisson)])
                k = 0
                for _ in range(trials):
                    res = R.rhythm(counts(rng, N, L, 7.0, m, f, poisson), N, edge=edge)
                    b = res["bands"][tb]
                    k += bool(b["found"] and abs(b["freq_hz"] - f) <= 2)
                rates.append(k / trials)
            ok = [m for m, r in zip(grid, rates) if r >= 0.95]
            # smallest m from which on every larger m in the grid also passes
            first = next((grid[i] for i in range(len(grid)) if all(r >= 0.95 for r in rates[i:])),
                         None)
            shown = ", ".join("%g: %.1f%%" % (m, 100 * r) for m, r in zip(grid, rates)
                              if 0.02 <= r <= 0.999 or m == first)
            print("| %d | %g | %d | %s | %s |" % (N, f, trials, shown, first), flush=True)
    print()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--trials", type=int, default=2000)
    p.add_argument("--trials-b", type=int, default=500)
    p.add_argument("--trials-c", type=int, default=500)
    p.add_argument("--poisson", action="store_true")
    p.add_argument("--edge", default="self", choices=["self", "skip"])
    p.add_argument("--parts", default="abc")
    a = p.parse_args()
    t0 = time.time()
    if "a" in a.parts:
        part_a(a.trials, a.poisson, a.edge)
    if "b" in a.parts:
        part_b(a.trials_b, a.poisson, a.edge)
    if "c" in a.parts:
        part_c(a.trials_c, a.poisson, a.edge)
    print("(%.0f s)" % (time.time() - t0))


if __name__ == "__main__":
    main()
