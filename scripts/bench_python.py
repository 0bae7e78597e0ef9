"""bench_python.py - the Python module's speed (issue 21), for make bench
(scripts/bench.sh): the module's overhead over the library's own work for a
10 s Fig. 3 run, and 100 runs of 1 s from a Python loop on one core. The
library's work is timed through ctypes with nothing around it (build, step,
measures, free); run() adds the keywords' checks, the arrays' copies and the
measures' dict. Each figure is the median of several repetitions (the
machine is shared); CPU time is the process's (one thread), wall time beside it."""
import ctypes
import os
import statistics
import time

import izhiscope

L = izhiscope._lib
os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})      # one core


def timed(f, reps):
    walls, cpus = [], []
    for _ in range(reps):
        w, c = time.perf_counter(), time.process_time()
        f()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus)


def c_only(duration):
    p = izhiscope._Params("bench", dict(seed=1, duration_ms=duration))
    out = (ctypes.c_double * L.izhi_measure_count())()

    def go():
        h = L.izhi_run(p.p, None)
        L.izhi_net_measures(h, out, len(out), None)
        L.izhi_net_destroy(h)
    return go


# the two alternately, so that neighbouring measurements share the machine's load
go_c = c_only(10000)
pairs = [(timed(lambda: izhiscope.run(seed=1, duration_ms=10000), 1), timed(go_c, 1)) for _ in range(9)]
py = (statistics.median(a[0] for a, b in pairs), statistics.median(a[1] for a, b in pairs))
c = (statistics.median(b[0] for a, b in pairs), statistics.median(b[1] for a, b in pairs))
print("Python module, Fig. 3 10 s (median of 9; wall / CPU s): run() %.4f / %.4f, the library alone %.4f / %.4f: "
      "the module's overhead %.1f %% of the run (CPU %.1f %%)" % (py[0], py[1], c[0], c[1], 100 * (py[0] - c[0]) / c[0],
                                                            100 * (py[1] - c[1]) / c[1]))


def loop():
    for i in range(100):
        izhiscope.run(seed=i, duration_ms=1000)


w, cpu = timed(loop, 5)
print("Python module, 100 runs of 1 s (Fig. 3) from a Python loop on one core (median of 5): %.3f s wall, %.3f s CPU"
      % (w, cpu))
print("targets: the module's overhead <= 5 % of a 10 s Fig. 3 run; 100 runs of 1 s <= 1.5 s on one core (issue 21)")
