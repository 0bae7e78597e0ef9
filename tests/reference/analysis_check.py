#!/usr/bin/python3
"""analysis_check.py - docs/model.md "Analysis measures" computed again with
NumPy/SciPy from the definitions, on the state of a run (analysis_dump.c:
every neuron's v, the weights onto E cells, the spikes), compared with
izhiscope's --analysis file of the same run.

  /usr/bin/python3 tests/reference/analysis_check.py BIN DUMP SEED [NOISE_E] [DURATION]

BIN: build/izhiscope; DUMP: build/analysis_dump. Prints the largest relative
difference per measure and exits 1 if any exceeds 1e-9 (the E-I lag and the
counts must be equal).
"""
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from scipy import signal

SKIP = 200


def main():
    binary, dump, seed = sys.argv[1], sys.argv[2], sys.argv[3]
    noise = sys.argv[4] if len(sys.argv) > 4 else "5"
    dur = int(sys.argv[5]) if len(sys.argv) > 5 else 3200
    tmp = tempfile.mkdtemp()
    csv = os.path.join(tmp, "a.csv")
    subprocess.run([binary, "--headless", "--seed", seed, "--noise-e", noise, "--duration", str(dur),
                    "--analysis", csv, "--spikes", os.path.join(tmp, "s.csv"), "--threads", "1"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([dump, seed, noise, str(dur), os.path.join(tmp, "d")], check=True)
    n, ne = 1000, 800
    ni = n - ne
    sp = pd.read_csv(os.path.join(tmp, "s.csv"), comment="#")
    sd = pd.read_csv(os.path.join(tmp, "d_spikes.csv"))
    assert sp.equals(sd), "the dump is not izhiscope's run"
    v = np.fromfile(os.path.join(tmp, "d_v.f32"), dtype=np.float32).reshape(dur, n).astype(np.float64)
    w = np.fromfile(os.path.join(tmp, "d_w.f32"), dtype=np.float32).reshape(ne, n).astype(np.float64)

    meta = {}
    with open(csv) as f:
        for line in f:
            if line.startswith("# "):
                k, _, val = line[2:].rstrip("\n").partition(": ")
                meta[k] = val
    rows = pd.read_csv(csv, comment="#")

    # the span
    v = np.minimum(v[SKIP:], 30.0)
    T = dur - SKIP
    t = sp.t_ms.to_numpy()
    j = sp.neuron.to_numpy()
    keep = t >= SKIP
    t, j = t[keep] - SKIP, j[keep]
    ce = np.bincount(t[j < ne], minlength=T).astype(float)
    ci = np.bincount(t[j >= ne], minlength=T).astype(float)

    want = {}
    # chi
    for name, cols in (("E", slice(0, ne)), ("I", slice(ne, n)), ("all", slice(0, n))):
        x = v[:, cols]
        want["chi_" + name] = np.sqrt(np.var(x.mean(axis=1)) / np.var(x, axis=0).mean())
    # Fano
    for b in (10, 100):
        m = T // b
        c = (ce + ci)[: m * b].reshape(m, b).sum(axis=1)
        want["fano_%dms" % b] = c.var() / c.mean()
    # ISIs, CVs, rates
    hist = {}
    for name, lo, hi in (("E", 0, ne), ("I", ne, n)):
        isis, cvs, rates = [], [], []
        for i in range(lo, hi):
            ti = t[j == i]
            d = np.diff(ti)
            isis.append(d)
            if len(ti) >= 3:
                cvs.append(np.std(d) / np.mean(d))
            rates.append(len(ti) * 1000.0 / T)
        isis = np.concatenate(isis)
        want["isi_count_" + name] = len(isis)
        want["isi_mean_ms_" + name] = isis.mean()
        want["cv_neurons_" + name] = len(cvs)
        want["cv_mean_" + name] = np.mean(cvs)
        h, _ = np.histogram(np.minimum(isis, 1000), bins=np.arange(0, 1002))
        hist[("isi", name)] = h / len(isis)
        h, _ = np.histogram(np.minimum(cvs, 3.0), bins=np.append(np.arange(61) * 0.05, 1e9))
        hist[("cv", name)] = h / len(cvs)
        h, _ = np.histogram(np.minimum(rates, 200), bins=np.arange(0, 202))
        hist[("rate", name)] = h / (hi - lo)

    # correlograms, straight from the definition
    def xcorr(x, y):
        out = []
        for tau in range(-50, 51):
            a = x[max(0, -tau): T - max(0, tau)] - x.mean()
            b = y[max(0, tau): T - max(0, -tau)] - y.mean()
            out.append(np.dot(a, b) / len(a) / (x.std() * y.std()))
        return np.array(out)
    for name, x, y in (("EE", ce, ce), ("EI", ce, ci), ("II", ci, ci)):
        hist[("xcorr", name)] = xcorr(x, y)
    ei = hist[("xcorr", "EI")]
    want["lag_ei_ms"] = int(np.argmax(ei)) - 50
    want["peak_ei"] = ei.max()

    # the LFP stand-in: |sum of each sender's weights onto E cells| per spike
    ws = np.abs(w.sum(axis=0))
    lfp = np.zeros(T)
    np.add.at(lfp, t, ws[j])
    want["lfp_mean"] = lfp.mean()
    f, p = signal.periodogram(lfp, fs=1000.0, window="hann", detrend="constant", scaling="density")
    band = (f >= 1) & (f <= 100)
    want["lfp_peak_hz"] = f[band][np.argmax(p[band])]
    psd = np.array([p[(f >= k) & (f < k + 1)].mean() for k in range(200)])
    hist[("lfp_psd", "LFP")] = psd
    X = np.fft.rfft(lfp - lfp.mean())
    fk = np.fft.rfftfreq(T, 1e-3)
    for bname, lo, hi in (("alpha", 7.5, 12.5), ("gamma", 27.5, 100.0)):
        Y = np.where((fk >= lo) & (fk <= hi), X, 0)
        phase = np.angle(signal.hilbert(np.fft.irfft(Y, T)))
        for name, c in (("E", ce), ("I", ci)):
            z = np.sum(c * np.exp(1j * phase)) / c.sum()
            want["plv_%s_%s" % (bname, name)] = abs(z)
            want["phase_deg_%s_%s" % (bname, name)] = np.degrees(np.angle(z))

    worst = 0.0
    bad = []
    for k, x in want.items():
        got = float(meta[k])
        r = abs(got - x) / max(abs(x), 1e-300) if x != 0 else abs(got)
        if isinstance(x, (int, np.integer)) and got != x:
            bad.append(k)
        print("%-22s python %.15g  izhiscope %.15g  rel %.2g" % (k, x, got, r))
        worst = max(worst, r)
        if r > 1e-9:
            bad.append(k)
    for (m, pop), ref in hist.items():
        got = rows[(rows.measure == m) & (rows.population == pop)].value.to_numpy()
        assert len(got) == len(ref), (m, pop, len(got), len(ref))
        d = np.abs(got - ref)
        scale = np.maximum(np.abs(ref), np.abs(ref).max() * 1e-6)
        r = np.nanmax(d / scale)
        print("%-22s %d bins, largest relative difference %.2g" % (m + " " + pop, len(ref), r))
        worst = max(worst, r)
        if r > 1e-9:
            bad.append(m + " " + pop)
    print("worst relative difference %.3g; %s" % (worst, "FAIL: " + ", ".join(bad) if bad else "all within 1e-9"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
