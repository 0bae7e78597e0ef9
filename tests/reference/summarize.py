"""summarize.py -- markdown tables of results_*.csv / wrong_*.csv (the rhythm.h columns).

usage: /usr/bin/python3 summarize.py [--per-seed] [--bands] [--compact] FILE.csv [FILE.csv ...]
  default     per file: rates mean ± sd [min, max]; per band: detected in x of y seeds,
              frequency and strength (%) mean ± sd [min, max] over the seeds that detected it
  --per-seed  also one row per seed
  --bands     also suggested per-seed test bands: mean ± 5 sd (strength clipped at 0) and the
              observed [min, max] (bands detected in every seed only)
  --compact   one row per file (for tests/README.md)
  --long      two tables over all files: rates (one row per file) and bands (one row per file
              and band detected at least once; bands never detected are listed per file)
sd is the sample sd (n - 1).
"""
import sys
import numpy as np

BANDS = ["delta", "theta", "alpha", "beta", "gamma"]


def load(fn):
    d = np.atleast_1d(np.genfromtxt(fn, delimiter=",", names=True))
    return d


def msmm(x, fmt="%.3f"):
    x = np.asarray(x, float)
    x = x[np.isfinite(x)]
    if len(x) == 0:
        return "—"
    if len(x) == 1:
        return (fmt + " (one seed)") % x[0]
    sd = np.std(x, ddof=1) if len(x) > 1 else np.nan
    return (fmt + " ± " + fmt + " [" + fmt + ", " + fmt + "]") % (x.mean(), sd, x.min(), x.max())


def seeds_str(d):
    s = d["seed"].astype(int)
    if len(s) > 1 and np.all(np.diff(s) == 1):
        return "%d..%d" % (s[0], s[-1])
    return ", ".join(str(x) for x in s)


def summary(fn, d):
    print("### %s (seeds %s)\n" % (fn, seeds_str(d)))
    if "delta_found" not in d.dtype.names:
        print("(old column layout: not summarized)\n")
        return
    n = len(d)
    print("| quantity | mean ± sd [min, max] |")
    print("|---|---|")
    print("| n_spikes | %s |" % msmm(d["n_spikes"], "%.0f"))
    for c in ("rate_e", "rate_i", "mean_rate"):
        print("| %s (Hz) | %s |" % (c, msmm(d[c])))
    print("| wall_s | %s |" % msmm(d["wall_s"], "%.2f"))
    print()
    print("| band | detected | frequency (Hz) mean ± sd [min, max] | strength (%) mean ± sd [min, max] |")
    print("|---|---|---|---|")
    for b in BANDS:
        fnd = d[b + "_found"] == 1
        print("| %s | %d of %d | %s | %s |" % (b, fnd.sum(), n, msmm(d[b + "_hz"][fnd], "%.2f"),
                                            msmm(100 * d[b + "_strength"][fnd], "%.1f")))
    print()


def per_seed(d):
    print("| seed | n_spikes | rate_e | rate_i | mean_rate | " + " | ".join(BANDS) + " | wall_s |")
    print("|---" * (len(BANDS) + 6) + "|")
    for r in d:
        cells = []
        for b in BANDS:
            cells.append("%.1f Hz, %.1f %%" % (r[b + "_hz"], 100 * r[b + "_strength"])
                         if r[b + "_found"] == 1 else "—")
        print("| %d | %d | %.3f | %.3f | %.3f | %s | %.2f |" % (
            r["seed"], r["n_spikes"], r["rate_e"], r["rate_i"], r["mean_rate"], " | ".join(cells),
            r["wall_s"]))
    print()


def five_sd(x, clip0=False, fmt="%.2f"):
    x = np.asarray(x, float)
    m, s = x.mean(), np.std(x, ddof=1)
    lo, hi = m - 5 * s, m + 5 * s
    if clip0:
        lo = max(lo, 0.0)
    return ("[" + fmt + ", " + fmt + "]") % (lo, hi), ("[" + fmt + ", " + fmt + "]") % (x.min(), x.max())


def bands(fn, d):
    print("Suggested per-seed bands, %s (%d seeds): mean ± 5 sd | observed [min, max]\n" % (fn, len(d)))
    print("| quantity | mean ± 5 sd | observed |")
    print("|---|---|---|")
    for c in ("rate_e", "rate_i"):
        a, o = five_sd(d[c], fmt="%.3f")
        print("| %s (Hz) | %s | %s |" % (c, a, o))
    for b in BANDS:
        fnd = d[b + "_found"] == 1
        if fnd.sum() == 0:
            print("| %s | never detected (%d of %d) | — |" % (b, 0, len(d)))
            continue
        if fnd.sum() < len(d):
            print("| %s | detected in %d of %d only | freq [%.2f, %.2f], strength [%.1f, %.1f] %% |"
                  % (b, fnd.sum(), len(d), d[b + "_hz"][fnd].min(), d[b + "_hz"][fnd].max(),
                     100 * d[b + "_strength"][fnd].min(), 100 * d[b + "_strength"][fnd].max()))
            continue
        a, o = five_sd(d[b + "_hz"], fmt="%.2f")
        print("| %s freq (Hz) | %s | %s |" % (b, a, o))
        a, o = five_sd(100 * d[b + "_strength"], clip0=True, fmt="%.1f")
        print("| %s strength (%%) | %s | %s |" % (b, a, o))
    print()


def compact_header():
    print("| run | seeds | rate_e (Hz) | rate_i (Hz) | " + " | ".join(BANDS) + " |")
    print("|---" * (len(BANDS) + 4) + "|")


def compact(fn, d):
    cells = []
    n = len(d)
    for b in BANDS:
        fnd = d[b + "_found"] == 1
        if fnd.sum() == 0:
            cells.append("— (0/%d)" % n)
        else:
            f = d[b + "_hz"][fnd]
            m = 100 * d[b + "_strength"][fnd]
            cells.append("%d/%d: %.1f [%.1f, %.1f] Hz, %.0f [%.0f, %.0f] %%"
                         % (fnd.sum(), n, f.mean(), f.min(), f.max(), m.mean(), m.min(), m.max()))
    def r(x):
        return "%.2f ± %.2f [%.2f, %.2f]" % (x.mean(), np.std(x, ddof=1) if len(x) > 1 else np.nan,
                                            x.min(), x.max())
    print("| %s | %s | %s | %s | %s |" % (fn, seeds_str(d), r(d["rate_e"]), r(d["rate_i"]),
                                          " | ".join(cells)))


def long_tables(files):
    print("| run | seeds | rate_e (Hz) | rate_i (Hz) | mean rate (Hz) |")
    print("|---|---|---|---|---|")
    for fn, d in files:
        print("| %s | %s | %s | %s | %s |" % (fn, seeds_str(d), msmm(d["rate_e"]), msmm(d["rate_i"]),
                                             msmm(d["mean_rate"])))
    print()
    print("| run | band | detected | frequency (Hz) mean ± sd [min, max] | strength (%) mean ± sd [min, max] |")
    print("|---|---|---|---|---|")
    for fn, d in files:
        never = []
        for b in BANDS:
            fnd = d[b + "_found"] == 1
            if fnd.sum() == 0:
                never.append(b)
                continue
            print("| %s | %s | %d of %d | %s | %s |" % (fn, b, fnd.sum(), len(d),
                                                      msmm(d[b + "_hz"][fnd], "%.2f"),
                                                      msmm(100 * d[b + "_strength"][fnd], "%.1f")))
        if never:
            print("| %s | %s | 0 of %d | — | — |" % (fn, ", ".join(never), len(d)))
    print()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = set(a for a in sys.argv[1:] if a.startswith("--"))
    if "--long" in flags:
        files = [(fn, load(fn)) for fn in args]
        long_tables([(fn, d) for fn, d in files if "delta_found" in d.dtype.names])
        return
    if "--compact" in flags:
        compact_header()
        for fn in args:
            d = load(fn)
            if "delta_found" in d.dtype.names:
                compact(fn, d)
        return
    for fn in args:
        d = load(fn)
        summary(fn, d)
        if "delta_found" not in d.dtype.names:
            continue
        if "--per-seed" in flags:
            per_seed(d)
        if "--bands" in flags:
            bands(fn, d)


if __name__ == "__main__":
    main()
