"""sigma_scan.py [FIGURE.png] - a notebook user's first session with izhiscope:
how the network's rhythm changes with the excitatory noise sigma_E
(docs/library.md). Each point is run() for 3.2 s with two seeds; the figure
(matplotlib, where it is installed) shows the mean rates and the alpha and
gamma frequencies and strengths; without matplotlib the table is printed.

    /usr/bin/python3 docs/sigma_scan.py scan.png
"""
import sys

import numpy as np

import izhiscope

sigmas = np.arange(2.0, 8.5, 1.0)
seeds = (1, 2)
rows = []
for sigma in sigmas:
    ms = [izhiscope.run(seed=s, noise_e=float(sigma), duration_ms=3200).measures for s in seeds]
    mean = lambda key: float(np.nanmean([m[key] for m in ms])) if any(m[key] == m[key] for m in ms) else float("nan")
    rows.append((sigma, mean("rate_e_hz"), mean("rate_i_hz"), mean("alpha_hz"), mean("alpha_strength"),
                 mean("gamma_hz"), mean("gamma_strength")))
rows = np.array(rows)

print("sigma_E  rate E (Hz)  rate I (Hz)  alpha (Hz)  alpha (%)  gamma (Hz)  gamma (%)")
for r in rows:
    print("%7.1f  %11.2f  %11.2f  %10.1f  %9.0f  %10.1f  %9.0f" % tuple(r))

try:
    import matplotlib
    if len(sys.argv) > 1:
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit(0)

fig, (a, b) = plt.subplots(2, 1, figsize=(6, 6), sharex=True)
a.plot(rows[:, 0], rows[:, 1], "o-", label="excitatory")
a.plot(rows[:, 0], rows[:, 2], "s-", label="inhibitory")
a.set_ylabel("rate after 200 ms (Hz)")
a.legend()
b.plot(rows[:, 0], rows[:, 3], "o-", label="alpha")
b.plot(rows[:, 0], rows[:, 5], "s-", label="gamma")
b.set_ylabel("rhythm (Hz; empty: no clear peak)")
b.set_xlabel("noise into the excitatory neurons, sigma_E")
b.legend()
fig.suptitle("izhiscope %s: Fig. 3's network, 2 seeds a point" % izhiscope.version())
if len(sys.argv) > 1:
    fig.savefig(sys.argv[1], dpi=80)
    print("wrote", sys.argv[1])
else:
    plt.show()
