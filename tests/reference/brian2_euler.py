"""brian2_euler.py -- the Euler scheme of docs/model.md run in Brian2, after the seed example
"Izhikevich_2003" (Sagtekin and Schmitt, 2022): dt = 1 ms, method="euler", synaptic
input as I += w at the spike (delay 0) and I -= w one step later (delay 1 ms), noise
redrawn at the start of every step by run_regularly.  Measures by refstats.py
(include/rhythm.h definitions); CSV columns as run_octave.m's.

One deliberate difference from the seed text: the seed does S.w[:] = weights.flatten()
with weights[row, col] positive for col < 800.  Brian2 numbers all-to-all synapses
pre-major (synapse k = pre*N + post), so that makes the sign follow the POSTsynaptic
neuron.  docs/model.md says the sign follows the presynaptic neuron, so this script assigns
weights.T.flatten() (weights indexed [post, pre]).  --seed-literal restores the seed's
assignment, for comparison only.

usage: /usr/bin/python3 brian2_euler.py --seeds 1 2 3 [--T 10000] [--sigma-e 5]
       [--sigma-i 2] [--csv results_brian2_euler.csv] [--spikes-dir DIR] [--target numpy]
       [--brian2-csv FILE.csv]
"""
import argparse
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")
import numpy as np
import brian2 as b2
from brian2 import NeuronGroup, Synapses, SpikeMonitor, Network, ms, defaultclock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from refstats import stats, CSV_BAND_COLS, csv_band_values  # noqa: E402

Ne, Ni = 800, 200
N = Ne + Ni


BRIAN2_CSV = [None]     # --brian2-csv: written once, by the first run


def run_one(seed, T_ms, sigma_e, sigma_i, seed_literal=False):
    b2.start_scope()
    b2.seed(seed)            # seeds numpy's and Brian2's generators
    defaultclock.dt = 1 * ms
    re = np.random.uniform(size=Ne)
    ri = np.random.uniform(size=Ni)
    weights = np.hstack((0.5 * np.random.uniform(size=(N, Ne)),
                         -np.random.uniform(size=(N, Ni))))     # [post, pre]
    eqs = """dv/dt = (0.04*v**2 + 5*v + 140 - u + I + I_noise)/ms : 1
             du/dt = (a*(b*v - u))/ms : 1
             I : 1
             I_noise : 1
             sig : 1 (constant)
             a : 1
             b : 1
             c : 1
             d : 1"""
    G = NeuronGroup(N, eqs, threshold="v>=30", reset="v=c; u+=d", method="euler")
    G.v = -65
    G.a = np.r_[0.02 * np.ones(Ne), 0.02 + 0.08 * ri]
    G.b = np.r_[0.2 * np.ones(Ne), 0.25 - 0.05 * ri]
    G.c = np.r_[-65 + 15 * re ** 2, -65 * np.ones(Ni)]
    G.d = np.r_[8 - 6 * re ** 2, 2 * np.ones(Ni)]
    G.u = "b*v"
    G.sig = np.r_[sigma_e * np.ones(Ne), sigma_i * np.ones(Ni)]
    G.run_regularly("I_noise = sig*randn()", dt=1 * ms)   # when="start"
    S = Synapses(G, G, "w : 1",
                 on_pre={"up": "I += w", "down": "I -= w"},
                 delay={"up": 0 * ms, "down": 1 * ms})
    S.connect()
    assert S.i[N + 2] == 1 and S.j[N + 2] == 2            # pre-major numbering
    S.w[:] = weights.flatten() if seed_literal else weights.T.flatten()
    mon = SpikeMonitor(G)
    net = Network(G, S, mon)
    t0 = time.time()
    net.run(T_ms * ms)
    wall = time.time() - t0
    if BRIAN2_CSV[0]:
        # as a Brian2 user saves a SpikeMonitor: i, t in seconds, unsorted as recorded
        np.savetxt(BRIAN2_CSV[0], np.c_[np.asarray(mon.i[:]), np.asarray(mon.t / b2.second)],
                   fmt=["%d", "%.17g"], delimiter=",", header="i,t", comments="")
        BRIAN2_CSV[0] = None
    t = np.rint(np.asarray(mon.t / ms)).astype(np.int64)
    idx = np.asarray(mon.i[:]).astype(np.int64)
    order = np.lexsort((idx, t))
    return t[order], idx[order], wall


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seeds", type=int, nargs="+", default=[1])
    p.add_argument("--T", type=int, default=10000)
    p.add_argument("--sigma-e", type=float, default=5.0)
    p.add_argument("--sigma-i", type=float, default=2.0)
    p.add_argument("--csv", default=None)
    p.add_argument("--spikes-dir", default=None)
    p.add_argument("--target", default="numpy", choices=["numpy", "cython"])
    p.add_argument("--seed-literal", action="store_true")
    p.add_argument("--brian2-csv", default=None,
                   help="also save the first seed's SpikeMonitor the way Brian2 users do: "
                        "columns i,t with t in seconds (Brian2's unit), for --replay")
    a = p.parse_args()
    b2.prefs.codegen.target = a.target
    BRIAN2_CSV[0] = a.brian2_csv
    f = None
    if a.csv:
        f = open(a.csv, "w")
        f.write("seed,N,K,T_ms,sigma_e,sigma_i,n_spikes,rate_e,rate_i,mean_rate,%s,wall_s\n"
                % CSV_BAND_COLS)
    for sd in a.seeds:
        t, idx, wall = run_one(sd, a.T, a.sigma_e, a.sigma_i, a.seed_literal)
        if a.spikes_dir:
            np.savetxt(os.path.join(a.spikes_dir, "spikes_brian2_euler_seed%d.csv" % sd),
                       np.c_[t, idx], fmt="%d", delimiter=",", header="t_ms,neuron",
                       comments="")
        if a.T >= 1200:     # at least one 1000-sample segment after t = 200
            s = stats(t, idx, a.T, N)
            vals = "%.4f,%.4f,%.4f,%s" % (s["rate_e"], s["rate_i"], s["mean_rate"], csv_band_values(s))
        else:
            vals = ",".join(["NaN"] * (3 + 3 * 5))
        line = "%d,%d,%d,%d,%g,%g,%d,%s,%.2f" % (sd, N, N, a.T, a.sigma_e, a.sigma_i, len(t), vals, wall)
        print(line, flush=True)
        if f:
            f.write(line + "\n")
            f.flush()
    if f:
        f.close()


if __name__ == "__main__":
    main()
