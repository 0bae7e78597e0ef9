"""fuzz_python.py SEED CALLS LOG - calls the Python module's entry points
(run, Network and its methods, sweep, read_spikes) with random and hostile
arguments: wrong types, out-of-range, huge, NaN, NUL bytes, unknown
keywords, random bytes as spike files. Every call must return or raise one
of the exceptions the module documents (TypeError, ValueError, MemoryError,
izhiscope.Error); anything else is a failure. Each call is written to LOG
(flushed) before it is made, so that tests/e2e_python.sh, which runs this in
a subprocess, can name the call that crashed the interpreter. The values
that are valid are kept small (a network of at most 200 neurons, steps of
at most 300 ms) so that the calls are quick."""

import os
import random
import shutil
import sys
import tempfile

import izhiscope

seed, calls, log = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rng = random.Random(seed)
out = open(log, "w")
ALLOWED = (TypeError, ValueError, MemoryError, izhiscope.Error)

HOSTILE = [None, "", "x", "5", " 5", "5 ", "1e3", "nan", "inf", "-inf", "0x10", "5\0", "\udcff", b"5", b"\0",
           float("nan"), float("inf"), float("-inf"), -0.0, 1e308, -1e308, 5e-324, -1, -2**31, 2**31, 2**31 - 1,
           2**63, -2**63 - 1, 2**64, 2**64 - 1, 10**30, True, False, [], [1, 2], (0,), (1, 2, 3), ("a", "b"),
           {}, {"a": 1}, object(), 3 + 4j, (5, 2), (0, 10**9), "0-49", "49-0", "-1-5", "0-", "a-b", "1--2"]
SMALL_INT = [0, 1, 2, 3, 10, 50, 100, 200]
SMALL_REAL = [0.0, 0.5, 1.0, 2.0, 5.0, 7.5, 100.0, 1e6, 1e-300]
NAMES = ["neurons", "in_degree", "seed", "scheme", "noise_e", "noise_i", "weight_e", "weight_i", "current_e",
         "current_i", "stim_neurons", "stim_amp", "stim_width", "stim_period", "stim_on", "threads", "trace_neuron",
         "duration_ms"]
ODD_NAMES = ["noise", "noise-e", "Noise_E", "duration", "seeds", "spikes", "export", "", "\0", "n" * 300, "x"]


def value_for(name):
    r = rng.random()
    if r < 0.45:
        return rng.choice(HOSTILE)
    # a valid-looking value, kept small (a quick network)
    if name in ("noise_e", "noise_i", "weight_e", "weight_i", "current_e", "current_i", "stim_amp"):
        return rng.choice(SMALL_REAL) * rng.choice([1, -1, 1])
    if name == "scheme":
        return rng.choice(["paper", "euler", "PAPER", "rk4"])
    if name == "stim_on":
        return rng.choice([True, False, 0, 1, 2])
    if name == "stim_neurons":
        a = rng.choice(SMALL_INT)
        return rng.choice([(a, a + rng.choice(SMALL_INT)), "%d-%d" % (a, a + 5)])
    if name == "seed":
        return rng.choice([0, 1, 2**64 - 1, rng.randrange(2**64)])
    if name == "threads":
        return rng.choice([1, 2, 4, 256, 257, 0])
    if name == "duration_ms":
        return rng.choice([1, 50, 300, 0, -5, 10**9 + 1])
    return rng.choice(SMALL_INT)


def kwargs(allow_big=False):
    kw = {}
    for _ in range(rng.randrange(0, 6)):
        if rng.random() < 0.1:
            name = rng.choice(ODD_NAMES)
        else:
            name = rng.choice(NAMES)
        kw[name] = value_for(name)
    # keep the valid networks small and short
    kw.setdefault("neurons", rng.choice([20, 50, 200]))
    if isinstance(kw["neurons"], int) and not isinstance(kw["neurons"], bool) and kw["neurons"] > 200:
        kw["neurons"] = -kw["neurons"]
    if "duration_ms" in kw and isinstance(kw["duration_ms"], int) and kw["duration_ms"] > 300 \
            and not isinstance(kw["duration_ms"], bool) and kw["duration_ms"] <= 10**9:
        kw["duration_ms"] = 300
    return kw


tmp = tempfile.mkdtemp(prefix="izhi-fuzz-")


def spike_file():
    kind = rng.randrange(6)
    path = os.path.join(tmp, "f%d%s" % (rng.randrange(10), rng.choice([".csv", ".txt", ".npz", ".h5", ".dat", ""])))
    with open(path, "wb") as f:
        if kind == 0:
            f.write(bytes(rng.randrange(256) for _ in range(rng.randrange(200))))
        elif kind == 1:
            f.write(b"t_ms,neuron\n" + b"".join(b"%d,%d\n" % (rng.randrange(-5, 50), rng.randrange(-5, 50))
                                                for _ in range(rng.randrange(20))))
        elif kind == 2:
            f.write(b"i,t\n" + b"".join(b"%s,%s\n" % (rng.choice([b"1", b"1.5", b"-1", b"1e9", b"nan", b""]),
                                                      rng.choice([b"0.001", b"1e30", b"inf", b"-0", b"x"]))
                                        for _ in range(rng.randrange(20))))
        elif kind == 3:
            f.write(b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(rng.randrange(300))))
        elif kind == 4:
            f.write(b"\x89HDF\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(rng.randrange(300))))
        else:
            f.write(b"# neurons: %d\nsender\ttime_ms\n%d\t%s\n" % (rng.randrange(-3, 10**8), rng.randrange(-3, 9),
                                                                  rng.choice([b"1.5", b"1e400", b"-2"])))
    return rng.choice([path, path, tmp, os.path.join(tmp, "missing"), "", "-x", path.encode(), 42, None])


def one(k):
    what = rng.randrange(6)
    if what == 0:
        kw = kwargs()
        out.write("%d run(**%r)\n" % (k, kw)); out.flush()
        izhiscope.run(**kw)
    elif what in (1, 2):
        kw = kwargs()
        kw.pop("duration_ms", None)
        out.write("%d Network(**%r)\n" % (k, kw)); out.flush()
        net = izhiscope.Network(**kw)
        for _ in range(rng.randrange(1, 6)):
            op = rng.randrange(5)
            try:
                if op == 0:
                    ms = rng.choice([0, 1, 17, 300, -1, 2**63, 2**64, 1.5, None, "5", True])
                    out.write("%d   .step(%r)\n" % (k, ms)); out.flush()
                    net.step(ms)
                elif op == 1:
                    name = rng.choice(NAMES + ODD_NAMES)
                    v = value_for(name)
                    out.write("%d   .set(**{%r: %r})\n" % (k, name, v)); out.flush()
                    net.set(**{name: v})
                elif op == 2:
                    out.write("%d   .measures()\n" % k); out.flush()
                    net.measures()
                elif op == 3:
                    out.write("%d   .close()\n" % k); out.flush()
                    net.close()
                else:
                    out.write("%d   .time_ms\n" % k); out.flush()
                    net.time_ms
            except ALLOWED:
                pass
    elif what == 3:
        spec = rng.choice(["noise-e=3:3:1", "noise-e=1:2:1,noise-i=1:1:1", "noise-e=0:1e6:1e5", "x=1:2:1", "",
                           "noise-e=3:1:1", "noise-e=1:2:0", "noise-e=1:2", "noise-e=nan:1:1", "\0",
                           {"noise_e": (3, 3, 1)}, {"noise_e": (1, 2)}, {1: 2}, 5, None, b"noise-e=1:1:1",
                           "noise-e=1:1:1" * 50, "weight-i=0:2:0.00001"])
        seeds = rng.choice([1, 2, 0, -1, 1001, 2**40, 1.0, "1", None])
        kw = {"neurons": rng.choice([20, 50]), "duration_ms": rng.choice([1200, 1, 100])}
        if rng.random() < 0.3:
            kw[rng.choice(NAMES)] = rng.choice(HOSTILE)
            kw["neurons"] = 20
        out.write("%d sweep(%r, seeds=%r, **%r)\n" % (k, spec, seeds, kw)); out.flush()
        izhiscope.sweep(spec, seeds=seeds, **kw)
    elif what == 4:
        path = spike_file()
        kw = {}
        if rng.random() < 0.4:
            kw["format"] = rng.choice([None, "", "detect", "izhiscope", "brian2", "nest", "sonata", "numpy", "xml",
                                       "\0", 5])
        if rng.random() < 0.3:
            kw["time_unit"] = rng.choice([None, "ms", "s", "h", "", 1])
        if rng.random() < 0.3:
            kw["first_id"] = rng.choice([None, 0, 1, -1, 10**6, 10**6 + 1, 2**40, 1.0, "1"])
        if rng.random() < 0.3:
            kw["trace"] = spike_file()
        out.write("%d read_spikes(%r, **%r)\n" % (k, path, kw)); out.flush()
        izhiscope.read_spikes(path, **kw)
    else:
        args = rng.choice([(), (1,), ("x",), (None, None)])
        f = rng.choice([izhiscope.run, izhiscope.Network, izhiscope.read_spikes, izhiscope.sweep])
        out.write("%d %s(*%r)\n" % (k, f.__name__, args)); out.flush()
        f(*args)


bad = returned = raised = 0
for k in range(calls):
    try:
        one(k)
        returned += 1
    except ALLOWED:
        raised += 1
    except Exception as e:              # not one the module documents
        bad += 1
        print("fuzz_python: call %d raised %s: %s" % (k, type(e).__name__, e))
print("fuzz_python: seed %d: %d calls: %d returned, %d raised a documented exception, %d another"
      % (seed, calls, returned, raised, bad))
shutil.rmtree(tmp, ignore_errors=True)
out.write("done\n")
out.close()
sys.exit(1 if bad else 0)
