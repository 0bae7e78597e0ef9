"""test_python.py IZHISCOPE WORKDIR - the Python module (python/izhiscope)
against the command line's files: run by tests/e2e_python.sh with Debian's
/usr/bin/python3 (NumPy), the module and library found through PYTHONPATH and
IZHISCOPE_LIB. Each check prints "  ok   what" or "  FAIL what: why"; the
exit status is the number of failures. Expected values come from the
program's own files (--spikes, --trace, --rate, --sweep-out, a --replay's
--spikes), never from the module."""

import hashlib
import math
import os
import subprocess
import sys

import numpy as np

import izhiscope

BIN, WORK = sys.argv[1], sys.argv[2]
os.chdir(WORK)
fails = 0


def check(what, ok, why=""):
    global fails
    if ok:
        print("  ok   " + what)
    else:
        fails += 1
        print("  FAIL %s%s" % (what, ": " + why if why else ""))


def cli(*args):
    r = subprocess.run([BIN, "--headless", "--force", *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError("izhiscope %s: %s" % (" ".join(args), r.stderr))
    return r.stdout


def data_lines(path):
    """The data lines of a CSV, the header and '#' lines left out."""
    with open(path) as f:
        lines = [l.rstrip("\n") for l in f if not l.startswith("#")]
    return lines[1:]


def sha(lines):
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def spikes_of_csv(path):
    rows = [l.split(",") for l in data_lines(path)]
    return (np.array([int(r[0]) for r in rows], dtype=np.int64), np.array([int(r[1]) for r in rows], dtype=np.int32))


def arr_sha(a):
    return hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()


# ---- 1. run() equals the command line's files, bit for bit ------------------
# Three seeds x both schemes, and one run with every knob away from its
# default (their values go through the module's text and the option parser).
cases = []
for seed in (1, 2, 3):
    for scheme in ("paper", "euler"):
        cases.append(dict(seed=seed, scheme=scheme, duration_ms=1500))
cases.append(dict(seed=11, scheme="paper", duration_ms=1200, noise_e=6.3, noise_i=1.7, weight_e=0.55,
                  weight_i=1.1, current_e=0.4, current_i=-0.3, stim_neurons=(10, 80), stim_amp=7.5,
                  stim_width=20, stim_period=100, stim_on=True, trace_neuron=17, neurons=1200, in_degree=300))


def options(kw):
    out = []
    for k, v in kw.items():
        opt = "--duration" if k == "duration_ms" else "--" + k.replace("_", "-")
        if v is True:
            out.append(opt)
        elif isinstance(v, tuple):
            out += [opt, "%d-%d" % v]
        else:
            out += [opt, str(v)]
    return out


for kw in cases:
    name = " ".join(options(kw))
    cli(*options(kw), "--threads", "1", "--spikes", "s.csv", "--trace", "t.csv", "--rate", "r.csv")
    r = izhiscope.run(**kw)
    t, i = spikes_of_csv("s.csv")
    check("run(%s): spike_times_ms and spike_ids hash as the --spikes CSV's (%d spikes)" % (name, len(t)),
          arr_sha(r.spike_times_ms) == arr_sha(t) and arr_sha(r.spike_ids) == arr_sha(i)
          and r.spike_times_ms.dtype == np.int64 and r.spike_ids.dtype == np.int32)
    # the trace and the rates: the arrays written as the program writes them
    # (record_csv.c: %.4f of v as a double, %.6g of the rates) hash as the files
    trace = ["%d,%.4f" % (k, float(v)) for k, v in zip(r.trace_t_ms, r.trace_v)]
    check("... trace_v (%d ms, float32) written as --trace writes it hashes as the --trace CSV" % len(trace),
          sha(trace) == sha(data_lines("t.csv")) and r.trace_v.dtype == np.float32,
          "first lines %s vs %s" % (trace[:2], data_lines("t.csv")[:2]))
    rate = ["%d,%.6g,%.6g" % (k, e, i) for k, e, i in zip(r.rate_t_ms, r.rate_e_hz, r.rate_i_hz)]
    check("... rate_e_hz, rate_i_hz hash as the --rate CSV", sha(rate) == sha(data_lines("r.csv")))

# the spikes do not depend on the threads (net.h): the library's threads too
r1 = izhiscope.run(seed=5, duration_ms=600, threads=1)
r2 = izhiscope.run(seed=5, duration_ms=600, threads=2)
check("run(threads=2) gives run(threads=1)'s spikes",
      np.array_equal(r1.spike_times_ms, r2.spike_times_ms) and np.array_equal(r1.spike_ids, r2.spike_ids))

# ---- 2. Network: live changes between steps = the command line's --schedule ---
with open("sched.csv", "w") as f:
    f.write("t_ms,event,value\n500,noise_e,8\n500,trace_neuron,3\n900,noise_i,0.5\n")
cli("--seed", "4", "--duration", "1300", "--threads", "1", "--schedule", "sched.csv", "--spikes", "ns.csv",
    "--trace", "nt.csv")
with izhiscope.Network(seed=4) as net:
    a = net.step(500)
    net.set(noise_e=8.0, trace_neuron=3)
    b = net.step(400)
    net.set(noise_i=0.5)
    c = net.step(400)
    t = np.concatenate([a.spike_times_ms, b.spike_times_ms, c.spike_times_ms])
    i = np.concatenate([a.spike_ids, b.spike_ids, c.spike_ids])
    et, ei = spikes_of_csv("ns.csv")
    check("Network: step(500), set(noise_e=8, trace_neuron=3), step(400), set(noise_i=0.5), step(400): the "
          "spikes of --schedule's run with those changes at 500 and 900 ms (%d spikes)" % len(et),
          arr_sha(t) == arr_sha(et) and arr_sha(i) == arr_sha(ei))
    trace = ["%d,%.4f,%d" % (k, float(v), n) for s in (a, b, c) for k, v, n in zip(s.trace_t_ms, s.trace_v,
                                                                                    s.trace_neuron)]
    # (a --schedule run's trace has the window's columns t_ms,v_mV,neuron,u_mV,I_mV_per_ms:
    # docs/model.md "The trace"; the module's trace is v's, its first three)
    check("... and its trace (t_ms,v_mV,neuron) hashes as that run's --trace (its first three columns)",
          sha(trace) == sha([",".join(l.split(",")[:3]) for l in data_lines("nt.csv")]))
    check("... each step's arrays are its own ms (500, 400, 400 of them, from 0, 500, 900)",
          [len(s.trace_v) for s in (a, b, c)] == [500, 400, 400] and [int(s.trace_t_ms[0]) for s in (a, b, c)]
          == [0, 500, 900] and net.time_ms == 1300)

# ---- 3. the measures: --stats's numbers, keyed as the sweep CSV -----------------
cli("--seed", "7", "--duration", "3200", "--threads", "2", "--sweep", "noise-e=3:5:1", "--seeds", "2",
    "--sweep-out", "sw.csv")
with open("sw.csv") as f:
    lines = [l.rstrip("\n") for l in f if not l.startswith("#")]
header, rows = lines[0].split(","), [l.split(",") for l in lines[1:]]
table = izhiscope.sweep("noise-e=3:5:1", seeds=2, seed=7, threads=2)
ok = list(table) == header and all(len(table[c]) == len(rows) for c in header)
for j, c in enumerate(header):
    want = [float(r[j]) if r[j] else math.nan for r in rows]
    got = [float(x) for x in table[c]]
    ok = ok and all((math.isnan(a) and math.isnan(b)) or a == b for a, b in zip(got, want))
check("sweep('noise-e=3:5:1', seeds=2, seed=7): the --sweep-out CSV's table, column by column (%d rows x %d)"
      % (len(rows), len(header)), ok)
# run()'s measures, rounded as the CSV rounds them, are the CSV's row of that point and seed
fmt = {"rate_e_hz": "%.2f", "rate_i_hz": "%.2f", "chi_e": "%.4f", "chi_i": "%.4f", "chi": "%.4f",
       "fano_10ms": "%.3f", "fano_100ms": "%.3f", "lag_ei_ms": "%.0f", "runaway": "%.0f"}
bad = []
for r in rows:
    res = izhiscope.run(seed=int(r[1]), noise_e=float(r[0]), duration_ms=3200)
    for j, c in enumerate(header[2:], start=2):
        x = res.measures[c]
        if c.endswith("_hz") and c not in fmt:
            text = "" if math.isnan(x) else "%.1f" % (math.floor(10 * x + 0.5) / 10)
        elif c.endswith("_strength"):
            text = "" if math.isnan(x) else "%.0f" % x
        else:
            text = fmt.get(c, "%.3f") % x
        if text != r[j]:
            bad.append("%s seed %s %s: %s vs %s" % (r[0], r[1], c, text, r[j]))
check("run(seed, noise_e, duration_ms=3200).measures, rounded as the CSV, are each sweep row", not bad, "; ".join(bad[:4]))
res = izhiscope.run(seed=2003, duration_ms=2000, noise_e=6.0)
out = cli("--seed", "2003", "--duration", "2000", "--noise-e", "6", "--stats", "--threads", "1")
m = res.measures
said = ("rates after the first 200 ms (%.3f s): excitatory %.2f Hz, inhibitory %.2f Hz" % (m["analysed_s"],
        m["rate_e_hz"], m["rate_i_hz"]) in out and
        "excitatory mean %.2f ms, CV %.3f (mean over %d neurons" % (m["isi_mean_ms_e"], m["cv_mean_e"],
                                                                     m["cv_neurons_e"]) in out and
        "LFP stand-in: mean %.2f, spectral peak %.2f Hz" % (m["lfp_mean"], m["lfp_peak_hz"]) in out and
        "excitatory PLV %.3f at %+.1f deg" % (m["plv_gamma_e"], m["phase_deg_gamma_e"]) in out and
        "E-I correlogram peak: %+d ms (correlation %.3f" % (m["lag_ei_ms"], m["peak_ei"]) in out)
check("run(seed=2003, noise_e=6).measures: --stats's printed rates, ISI, LFP, PLV and E-I peak", said, out[-600:])

# ---- 4. read_spikes: every format --replay reads, as --replay reads it ----------
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
files = [("brian2_seed1_1000ms.csv", {}), ("nest_seed1_1000ms.dat", {}), ("b2_dt1.npz", {}),
         ("b2_dt1_tms.npz", {}), ("b2_dt1_s_header.csv", {}), ("b2_dt1_space.txt", {}),
         ("b2_dt01_ms_header.csv", {"time_unit": "ms"}), ("nest_seed1_1000ms.dat", {"first_id": 0})]
cli("--seed", "3", "--duration", "400", "--spikes", "own.csv")
cli("--seed", "3", "--duration", "400", "--spikes", "own.h5")
for f, kw in [(os.path.join(data, x), kw) for x, kw in files] + [("own.csv", {}), ("own.h5", {})]:
    s = izhiscope.read_spikes(f, **kw)
    # what the program reads from it: its replay written back as --spikes
    opts = []
    for k, v in kw.items():
        opts += ["--replay-" + k.replace("_", "-"), str(v)]
    dur = str(int(s.spike_times_ms.max()) + 1) if len(s.spike_times_ms) else "1"
    r = subprocess.run([BIN, "--headless", "--force", "--replay", f, *opts, "--spikes", "rep.csv", "--duration", dur],
                       capture_output=True, text=True)
    if r.returncode != 0:
        check("read_spikes(%s)" % os.path.basename(f), False, r.stderr.strip())
        continue
    t, i = spikes_of_csv("rep.csv")
    check("read_spikes(%s%s): the spikes --replay reads (%d; %s)" % (os.path.basename(f), "".join(
          ", %s=%r" % kv for kv in kw.items()), len(t), s.describe[:40]),
          arr_sha(s.spike_times_ms) == arr_sha(t) and arr_sha(s.spike_ids) == arr_sha(i))

# a trace read as --replay-trace reads it: the run's own trace file back
cli("--seed", "3", "--duration", "400", "--trace", "own_t.csv", "--trace-neuron", "5")
s = izhiscope.read_spikes("own.csv", trace="own_t.csv")
r = izhiscope.run(seed=3, duration_ms=400, trace_neuron=5)
check("read_spikes(own.csv, trace=own_t.csv): trace_v is the run's --trace to its 4 decimals (400 ms)",
      len(s.trace_v) == 400 and s.trace_v.dtype == np.float32 and
      ["%.4f" % x for x in s.trace_v] == ["%.4f" % x for x in r.trace_v])

# ---- 5. bad arguments: exceptions naming them, the range from the library --------
def raises(exc, f, *words):
    try:
        f()
    except exc as e:
        msg = str(e)
        return all(w in msg for w in words), msg
    except Exception as e:
        return False, "%s: %s" % (type(e).__name__, e)
    return False, "no exception"


for what, exc, f, words in [
    ("noise_e='x': TypeError naming noise_e", TypeError, lambda: izhiscope.run(noise_e="x"), ["noise_e"]),
    ("noise_e=-1: ValueError with --noise-e's range (0 ... 1e+06)", ValueError, lambda: izhiscope.run(noise_e=-1),
     ["noise_e", "0 ... 1e+06"]),
    ("neurons=0: ValueError with the range", ValueError, lambda: izhiscope.run(neurons=0), ["neurons", "1 ... 10000000"]),
    ("neurons=1.5: TypeError", TypeError, lambda: izhiscope.run(neurons=1.5), ["neurons", "integer"]),
    ("noise_ee=3: TypeError, did you mean noise_e", TypeError, lambda: izhiscope.run(noise_ee=3),
     ["noise_ee", "did you mean noise_e"]),
    ("Network(sead=1): TypeError, did you mean seed", TypeError, lambda: izhiscope.Network(sead=1),
     ["sead", "did you mean seed"]),
    ("scheme='rk4': ValueError listing paper, euler", ValueError, lambda: izhiscope.run(scheme="rk4"),
     ["scheme", "paper, euler"]),
    ("in_degree > neurons: ValueError", ValueError, lambda: izhiscope.run(neurons=10, in_degree=20), ["in_degree"]),
    ("seed=-1: ValueError", ValueError, lambda: izhiscope.run(seed=-1), ["seed"]),
    ("Network.set(seed=3): ValueError, not live", ValueError, lambda: izhiscope.Network(neurons=50).set(seed=3),
     ["seed", "cannot change"]),
    ("Network.step(1.0): TypeError", TypeError, lambda: izhiscope.Network(neurons=50).step(1.0), ["ms"]),
    ("Network.step(-1): ValueError", ValueError, lambda: izhiscope.Network(neurons=50).step(-1), ["ms"]),
    ("sweep('noise-x=1:2:1'): ValueError", ValueError, lambda: izhiscope.sweep("noise-x=1:2:1"), ["noise"]),
    ("read_spikes(42): TypeError", TypeError, lambda: izhiscope.read_spikes(42), ["path"]),
    ("read_spikes(missing): izhiscope.Error naming the file", izhiscope.Error,
     lambda: izhiscope.read_spikes("no-such.csv"), ["no-such.csv"]),
    ("read_spikes(trace=missing): izhiscope.Error naming it", izhiscope.Error,
     lambda: izhiscope.read_spikes("own.csv", trace="no-trace.csv"), ["no-trace.csv"]),
    ("read_spikes(trace=a spike CSV): izhiscope.Error with the line", izhiscope.Error,
     lambda: izhiscope.read_spikes("own.csv", trace="own.csv"), ["own.csv:", "t_ms,v_mV"]),
    ("read_spikes(format='xml'): ValueError naming format", ValueError,
     lambda: izhiscope.read_spikes("own.csv", format="xml"), ["format"]),
]:
    ok, msg = raises(exc, f, *words)
    check(what + " (" + msg[:90] + ")", ok, msg)

print("test_python: %d failed" % fails)
sys.exit(min(fails, 100))
