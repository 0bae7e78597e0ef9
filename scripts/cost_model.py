#!/usr/bin/env python3
"""cost_model.py - docs/cluster.md's table: the predicted
real-time factor of izhiscope's MPI build for N neurons (K = 1000, Fig. 3
rates) on P nodes of C cores each, from a cost model of one 1 ms step:

  t_step = (c_u N + c_p K S) / (P C)          update + propagation, split over all cores
         + alpha ceil(log2 P)                  the collectives' latency (one exchange a step)
         + 4 S / beta                          every process receives all S spikes (4 bytes each)
  S = N r dt                                   spikes a step

Measured on this project's machine (make bench, docs/speed.md): c_u = 4.8 ns a
neuron-step, c_p = 2.4 ns a synaptic event at N = 10^5 and 4.1 ns at N = 10^6
(the 8 GB store misses the caches and TLB more: 4 ns is used), the exchange
1.0 us a step between two processes sharing memory. Assumed, not measured here:
alpha = 2 us a collective stage, beta = 10 GB/s a node (an InfiniBand-class
network), C = 32 cores a node, compute scaling with the cores. Memory a process:
the synapses onto its block, 8 bytes each, plus per neuron of the WHOLE network
the list offsets (8 bytes), the spike list (4) and the per-thread split of each
list (8 (C + 1)): the O(N) terms that limit it (docs/cluster.md).

Prints a markdown table; `--check` recomputes the N = 10^6 one-machine figure
for comparison with the measured one.
"""
import math
import sys

C_U, C_P = 4.8e-9, 4.0e-9      # s a neuron-step, s a synaptic event (measured here)
ALPHA, BETA = 2e-6, 10e9       # s a collective stage, bytes/s a node (assumed)
RATE, DT, K = 7.0, 1e-3, 1000  # Hz (Fig. 3), s, in-degree
CORES = 32


def step_time(n, p, cores=CORES):
    spikes = n * RATE * DT
    compute = (C_U * n + C_P * K * spikes) / (p * cores)
    latency = ALPHA * math.ceil(math.log2(p)) if p > 1 else 0.0
    transfer = 4 * spikes / BETA if p > 1 else 0.0
    return compute + latency + transfer


def memory_gb(n, p, cores=CORES):
    return (n / p * K * 8 + n * (8 + 4 + 8 * (cores + 1))) / 1e9


def main():
    if "--check" in sys.argv:
        t = step_time(1e6, 1, cores=2)
        print(f"N = 10^6 on this machine (2 cores): predicted {t * 1e3:.1f} ms a step ({DT / t:.3f}x real time)")
        return
    nodes = [1, 4, 16, 64, 256]
    print("| N | " + " | ".join(f"{p} node{'s' if p > 1 else ''}" for p in nodes) + " |")
    print("|---|" + "---|" * len(nodes))
    for n in (1e6, 1e7, 1e8):
        cells = []
        for p in nodes:
            t = step_time(n, p)
            cells.append(f"{DT / t:.2g}x, {memory_gb(n, p):.3g} GB")
        print(f"| 10^{int(math.log10(n))} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
