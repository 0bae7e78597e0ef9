"""summarize.py -- print markdown tables (per seed + mean/sd/min/max) of results_*.csv.
usage: /usr/bin/python3 summarize.py FILE.csv [FILE.csv ...]   (sd is the sample sd, n-1)"""
import sys
import numpy as np

COLS = ["rate_e", "rate_i", "alpha_hz", "gamma_hz", "alpha_prom", "gamma_prom"]

for fn in sys.argv[1:]:
    d = np.genfromtxt(fn, delimiter=",", names=True)
    d = np.atleast_1d(d)
    print("### %s\n" % fn)
    print("| seed | n_spikes | " + " | ".join(COLS) + " | wall_s |")
    print("|---" * (len(COLS) + 3) + "|")
    for r in d:
        print("| %d | %d | %.3f | %.3f | %d | %d | %.2f | %.2f | %.2f |" % (
            r["seed"], r["n_spikes"], r["rate_e"], r["rate_i"], r["alpha_hz"], r["gamma_hz"],
            r["alpha_prom"], r["gamma_prom"], r["wall_s"]))
    for name, f in [("mean", np.mean), ("sd", lambda x: np.std(x, ddof=1) if len(x) > 1 else np.nan),
                    ("min", np.min), ("max", np.max)]:
        vals = [f(d[c]) for c in ["n_spikes"] + COLS + ["wall_s"]]
        print("| **%s** | %.0f | %.3f | %.3f | %.2f | %.2f | %.2f | %.2f | %.2f |" % tuple([name] + vals))
    print()
