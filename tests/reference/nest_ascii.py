"""nest_ascii.py -- writes spikes in the layout of NEST's spike_recorder with the "ascii"
recording backend (NEST 3.x, RecordingBackendASCII version 2), for izhiscope's --replay
tests. NEST itself is not packaged in Debian, so the file is written here from NEST's
documented layout rather than by NEST:

    # NEST version: 3.6.0
    # RecordingBackendASCII version: 2
    sender<TAB>time_ms
    <node id><TAB><time in ms, 3 decimals (the backend's default precision)>

Node ids start at 1 (NEST numbers nodes from 1; the spike recorder itself would be a
node too, created after the neurons here). --no-header leaves out the three header lines
(files cut by hand, or NEST 2's .gdf files have none).

usage: /usr/bin/python3 nest_ascii.py IN.csv OUT.dat [--no-header]
       IN.csv: izhiscope's t_ms,neuron (or Brian2's i,t in seconds)
"""
import sys

import numpy as np


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    header = "--no-header" not in sys.argv
    src, dst = args
    with open(src) as f:
        head = f.readline().strip()
    d = np.loadtxt(src, delimiter=",", skiprows=1, ndmin=2)
    if head == "t_ms,neuron":
        t_ms, neuron = d[:, 0], d[:, 1].astype(np.int64)
    elif head == "i,t":
        neuron, t_ms = d[:, 0].astype(np.int64), d[:, 1] * 1000.0
    else:
        sys.exit("%s: unknown header %r" % (src, head))
    order = np.argsort(t_ms, kind="stable")
    with open(dst, "w") as f:
        if header:
            f.write("# NEST version: 3.6.0\n# RecordingBackendASCII version: 2\nsender\ttime_ms\n")
        for k in order:
            f.write("%d\t%.3f\n" % (neuron[k] + 1, t_ms[k]))


if __name__ == "__main__":
    main()
