"""brian2_standalone_euler.py - the Fig. 3 network in Brian2's C++ standalone mode, for
`make bench-compare` (scripts/bench_compare.sh).

The model is docs/model.md's Euler scheme, written as in the seed example "Izhikevich_2003"
(Sagtekin and Schmitt, 2022) and tests/reference/brian2_euler.py: dt = 1 ms,
method="euler", noise sigma*randn() redrawn at the start of every step, and the synaptic
input of the spikes of step k-1 used by the update of step k, in one of two forms:
  --variant seed (default): `I += w` at the spike (delay 0) and `I -= w` one step later
                 (delay 1 ms), as in the seed example;
  --variant lean: `I += w` only, and `I = 0` right after each update (run_regularly,
                 when="after_groups"): the same sums with half the synaptic work.
(Seed 1, 10 s: both give the same spikes, bit for bit; bench_compare.sh checks it.)
N = 1000, Ne = 800, all-to-all, self-connections included, sigma_E = 5, sigma_I = 2.
Seeds: numpy (the network) and the binary's randn() (the noise), both from --seed.

Weights: Brian2 numbers all-to-all synapses presynaptic-major (synapse k = pre*N + post),
so the [post, pre] matrix is assigned transposed, and the sign then follows the
PRESYNAPTIC neuron as docs/model.md says (the seed text assigns it untransposed: see
tests/reference/RESULTS.md). Checked after the run on the synapses Brian2 reports.

Timing, kept apart:
  codegen_s   Python: code generation and writing the project (device.build, no make)
  compile_s   `make` of the generated C++ project (Brian2's own timer)
  (each of the three run times below is the median over --repeats runs of the binary)
  run_wall_s  wall clock (CLOCK_MONOTONIC) around network.run() inside the compiled
              binary: the simulation proper, as izhiscope's "speed:" line measures it
  run_cpu_s   Brian2's own figure for the same span (device._last_run_time: std::clock,
              CPU time of the process, since OpenMP is off)
  binary_s    wall time of the whole binary process (Brian2's timer): also loading the
              8 MB weight array, setting up, and writing every array to disk at the end

Single-threaded (Brian2's default, no OpenMP); compiled with `make -j<make-jobs>`.

Prints `key value` lines. usage:
  /usr/bin/python3 brian2_standalone_euler.py [--seed 1] [--duration-ms 10000]
      [--variant seed|lean] [--dir DIR] [--make-jobs 1] [--repeats 5] [--spikes FILE]
"""
import argparse
import os
import sys
import tempfile
import time
import warnings

warnings.filterwarnings("ignore")
import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import (NeuronGroup, Synapses, SpikeMonitor, defaultclock, device, ms,  # noqa: E402
                    prefs, run, set_device)

Ne, Ni = 800, 200
N = Ne + Ni


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--duration-ms", type=int, default=10000)
    p.add_argument("--sigma-e", type=float, default=5.0)
    p.add_argument("--sigma-i", type=float, default=2.0)
    p.add_argument("--dir", default=None, help="project folder (default: a new temporary one)")
    p.add_argument("--make-jobs", type=int, default=1)
    p.add_argument("--variant", choices=["seed", "lean"], default="seed",
                   help="seed: I += w then I -= w 1 ms later, as the seed example (default); "
                        "lean: I += w only, I = 0 after each update (half the synaptic work)")
    p.add_argument("--spikes", default=None, help="also write the spikes as CSV t_ms,neuron")
    p.add_argument("--repeats", type=int, default=5,
                   help="runs of the compiled binary; the median is reported")
    a = p.parse_args()
    directory = a.dir or tempfile.mkdtemp(prefix="izhiscope-brian2-")

    prefs.logging.file_log = False
    prefs.logging.console_log_level = "ERROR"
    prefs.devices.cpp_standalone.extra_make_args_unix = ["-j%d" % a.make_jobs]
    set_device("cpp_standalone", directory=directory, build_on_run=False)

    # brian2.seed() seeds only the binary's randn() in standalone mode (numpy's generator
    # only at runtime): numpy is seeded here too, or the weights change from build to build.
    b2.seed(a.seed)
    np.random.seed(a.seed)
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
    G.sig = np.r_[a.sigma_e * np.ones(Ne), a.sigma_i * np.ones(Ni)]
    G.run_regularly("I_noise = sig*randn()", dt=1 * ms)   # when="start"
    if a.variant == "seed":
        S = Synapses(G, G, "w : 1",
                     on_pre={"up": "I += w", "down": "I -= w"},
                     delay={"up": 0 * ms, "down": 1 * ms})
    else:  # lean: one pathway; I cleared once the update of this step has used it
        G.run_regularly("I = 0", dt=1 * ms, when="after_groups")
        S = Synapses(G, G, "w : 1", on_pre="I += w")
    S.connect()
    S.w[:] = weights.T.flatten()      # pre-major: synapse pre*N + post gets W[post][pre]
    mon = SpikeMonitor(G)

    # Wall clock around network.run() inside the binary, written to results/.
    device.insert_code("before_network_run",
                       "struct timespec _izh_t0, _izh_t1;\n"
                       "clock_gettime(CLOCK_MONOTONIC, &_izh_t0);")
    device.insert_code("after_network_run",
                       "clock_gettime(CLOCK_MONOTONIC, &_izh_t1);\n"
                       "{ std::ofstream _f(\"results/izh_run_wall.txt\");\n"
                       "  _f.precision(9);\n"
                       "  _f << (double)(_izh_t1.tv_sec - _izh_t0.tv_sec)"
                       " + 1e-9 * (double)(_izh_t1.tv_nsec - _izh_t0.tv_nsec) << std::endl; }")

    run(a.duration_ms * ms)

    t0 = time.time()
    device.build(directory=directory, compile=True, run=False, with_output=False)
    build_s = time.time() - t0
    compile_s = device.timers["compile"]["make"]
    walls, cpus, binaries, runs_spikes = [], [], [], []   # each run's spikes, as bytes
    for _ in range(max(1, a.repeats)):
        device.run(directory, with_output=False, run_args=[])
        with open(os.path.join(directory, "results", "izh_run_wall.txt")) as f:
            walls.append(float(f.read().split()[0]))
        cpus.append(device._last_run_time)
        binaries.append(device.timers["run_binary"])
        runs_spikes.append(np.asarray(mon.i[:]).tobytes() + np.asarray(mon.t_[:]).tobytes())
        if abs(device._last_run_completed_fraction - 1.0) > 1e-12:
            sys.exit("brian2: the run did not complete (fraction %g)"
                     % device._last_run_completed_fraction)
    if len(set(runs_spikes)) != 1:
        sys.exit("brian2: the repeated runs of the binary gave different spikes")

    # The network Brian2 actually simulated: all-to-all, pre-major, w(pre, post) = W[post][pre],
    # so the sign of w follows the presynaptic neuron.
    si = np.asarray(S.i[:])
    sj = np.asarray(S.j[:])
    sw = np.asarray(S.w[:])
    ok = (len(sw) == N * N and np.array_equal(si * N + sj, np.arange(N * N))
          and np.array_equal(sw, weights.T.flatten()) and np.all((sw >= 0) == (si < Ne)))
    if not ok:
        sys.exit("brian2: the synapses are not the Fig. 3 network (count %d)" % len(sw))

    t = np.rint(np.asarray(mon.t / ms)).astype(np.int64)
    idx = np.asarray(mon.i[:]).astype(np.int64)
    secs = a.duration_ms / 1000.0
    if a.spikes:
        order = np.lexsort((idx, t))
        np.savetxt(a.spikes, np.c_[t[order], idx[order]], fmt="%d", delimiter=",",
                   header="t_ms,neuron", comments="")
    late = t >= 200
    print("brian2_version %s" % b2.__version__)
    print("numpy_version %s" % np.__version__)
    print("directory %s" % directory)
    print("variant %s" % a.variant)
    print("make_jobs %d" % a.make_jobs)
    print("codegen_s %.3f" % (build_s - compile_s))
    print("compile_s %.3f" % compile_s)
    print("repeats %d" % len(walls))
    print("run_wall_s %.4f" % np.median(walls))
    print("run_wall_all_s %s" % ",".join("%.4f" % w for w in walls))
    print("run_cpu_s %.4f" % np.median(cpus))
    print("binary_s %.4f" % np.median(binaries))
    print("spikes %d" % len(t))
    print("rate_e %.4f" % (np.count_nonzero(idx < Ne) / (Ne * secs)))
    print("rate_i %.4f" % (np.count_nonzero(idx >= Ne) / (Ni * secs)))
    if a.duration_ms > 200:
        s200 = (a.duration_ms - 200) / 1000.0
        print("rate_e_after200 %.4f" % (np.count_nonzero(late & (idx < Ne)) / (Ne * s200)))
        print("rate_i_after200 %.4f" % (np.count_nonzero(late & (idx >= Ne)) / (Ni * s200)))
    print("synapses %d (sign follows the presynaptic neuron: checked)" % len(sw))


if __name__ == "__main__":
    main()
