"""brian2_spike_files.py -- spike files written by Brian2 and NumPy themselves, in every way
a Brian2 user saves a SpikeMonitor, for izhiscope's --replay tests (tests/data/b2_*;
issue 17: "a file that could mean two things is never silently read one way").

Two small runs: 20 Poisson neurons at 40 Hz for 300 ms (b2.seed(1)), one at dt = 1 ms
(the Izhikevich example's step: times in ms are whole numbers) and one at Brian2's default
dt = 0.1 ms. Each is saved as:

  *_ms_header.csv   np.savetxt(f, np.column_stack((M.i, M.t/ms)), delimiter=',',
                               header='i,t', comments='', fmt=['%d', '%g'])
                    (times in ms under a bare 'i,t': refused unless the unit is stated)
  *_s_header.csv    the same with M.t/second (seconds under 'i,t': read, the unit assumed)
  *_defaults.csv    np.savetxt(f, np.column_stack((M.i, M.t)), delimiter=',', header='i,t')
                    (NumPy's defaults: '# i,t', ids as 7.280000000000000000e+02, seconds)
  *_space.txt       np.savetxt(f, np.column_stack((M.i, M.t)))   (blank-separated, no header)
  *_hash_space.txt  np.savetxt(f, np.column_stack((M.i, M.t)), header='i,t')
                    ('# i,t' over blank-separated rows)
  *_noheader_ms.csv np.savetxt(f, np.column_stack((M.i, M.t/ms)), delimiter=',', fmt=['%d', '%g'])
  *.npz             np.savez(f, i=M.i, t=M.t)   (arrays i, t: seconds)
  *_tms.npz         np.savez(f, i=M.i, t_ms=M.t/ms)
  *_compressed.npz  np.savez_compressed(f, i=M.i, t=M.t)   (deflated)
  *.npy             np.save(f, np.column_stack((M.i, M.t/ms)))   (refused: names nothing)
  *_expect.csv      the spikes as izhiscope reads them, worked out here independently of
                    izhiscope: t_ms,neuron with t_ms = floor(t / 1 ms) (Brian2's spike
                    times are exact multiples of dt), one per neuron per ms, sorted.

usage: /usr/bin/python3 tests/reference/brian2_spike_files.py OUT_DIR
"""
import os
import sys
import warnings

warnings.filterwarnings("ignore")
import numpy as np  # noqa: E402
import brian2 as b2  # noqa: E402
from brian2 import ms, second, Hz  # noqa: E402


def run(dt_ms):
    b2.start_scope()
    b2.seed(1)
    b2.defaultclock.dt = dt_ms * ms
    P = b2.PoissonGroup(20, 40 * Hz)
    M = b2.SpikeMonitor(P)
    b2.run(300 * ms)
    return M


def save_all(M, out, stem):
    p = lambda suffix: os.path.join(out, stem + suffix)  # noqa: E731
    np.savetxt(p("_ms_header.csv"), np.column_stack((M.i, M.t / ms)), delimiter=",",
               header="i,t", comments="", fmt=["%d", "%g"])
    np.savetxt(p("_s_header.csv"), np.column_stack((M.i, M.t / second)), delimiter=",",
               header="i,t", comments="", fmt=["%d", "%g"])
    np.savetxt(p("_defaults.csv"), np.column_stack((M.i, M.t)), delimiter=",", header="i,t")
    np.savetxt(p("_space.txt"), np.column_stack((M.i, M.t)))
    np.savetxt(p("_hash_space.txt"), np.column_stack((M.i, M.t)), header="i,t")
    np.savetxt(p("_noheader_ms.csv"), np.column_stack((M.i, M.t / ms)), delimiter=",", fmt=["%d", "%g"])
    np.savez(p(".npz"), i=M.i, t=M.t)
    np.savez(p("_tms.npz"), i=M.i, t_ms=M.t / ms)
    np.savez_compressed(p("_compressed.npz"), i=M.i, t=M.t)
    np.save(p(".npy"), np.column_stack((M.i, M.t / ms)))
    # what izhiscope should read: Brian2's times are whole multiples of dt, so
    # the ms bin is the integer division of the step index
    step = np.rint(np.asarray(M.t / b2.defaultclock.dt)).astype(np.int64)
    per_ms = int(round(float(1 * ms / b2.defaultclock.dt)))
    rows = sorted(set(zip((step // per_ms).tolist(), np.asarray(M.i).tolist())))
    with open(p("_expect.csv"), "w") as f:
        f.write("t_ms,neuron\n")
        for t, i in rows:
            f.write("%d,%d\n" % (t, i))
    print("%s: %d spikes, %d after binning to 1 ms, the last at %g ms" %
          (stem, len(M.i), len(rows), float(M.t[-1] / ms)))


def main():
    out = sys.argv[1]
    save_all(run(1.0), out, "b2_dt1")
    save_all(run(0.1), out, "b2_dt01")


if __name__ == "__main__":
    main()
