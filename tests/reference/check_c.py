"""check_c.py -- agreement of the two references (refstats.py, stats.m) with each other and
with the numbers `izhiscope --stats` prints, on izhiscope's own spike files.

For every condition and seed: izhiscope --headless --seed S --duration T --spikes F --stats
(--threads 1); then refstats.stats(F) and stats.m (via stats_files.m, one Octave call per
condition). Compared:
  python vs Octave: found flags, bins, frequency and strength (full precision);
  python vs izhiscope: rates and mean rate (printed to 0.01 Hz), per band found, frequency
  (printed to 0.1 Hz: the reference rounded to 0.1 must equal it) and strength (printed as an
  integer percent: round(100 m) must equal it). A reference value within 0.002 of a rounding
  edge is reported as an "edge" case rather than a mismatch.
Writes one row per (condition, seed, band) to OUT.csv (rate_e, rate_i: the reference's
values of that izhiscope run).

usage: /usr/bin/python3 check_c.py [--izhiscope ../../izhiscope] [--seeds 1 2 3 4 5]
       [--conditions default euler se0 se10 se15 si0 n10000 n2000 n10000k500 (the default;
       exploration: k100 k50 se30 se60 si10 euler_se7 euler_se8 se3 n200)] [--T 10000]
       [--out agreement_izhiscope.csv]
"""
import argparse
import csv
import os
import re
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import refstats as R  # noqa: E402

CONDITIONS = {
    "default": ([], 1000),
    "euler": (["--scheme", "euler"], 1000),
    "se0": (["--noise-e", "0"], 1000),
    "se10": (["--noise-e", "10"], 1000),
    "se15": (["--noise-e", "15"], 1000),
    "si0": (["--noise-i", "0"], 1000),
    "n10000": (["--neurons", "10000", "--in-degree", "1000"], 10000),
    "n2000": (["--neurons", "2000", "--in-degree", "1000"], 2000),
    "n10000k500": (["--neurons", "10000", "--in-degree", "500"], 10000),
    # exploration (conditions outside the reference runs)
    "k100": (["--in-degree", "100"], 1000),
    "k50": (["--in-degree", "50"], 1000),
    "se30": (["--noise-e", "30"], 1000),
    "se60": (["--noise-e", "60"], 1000),
    "si10": (["--noise-i", "10"], 1000),
    "euler_se7": (["--scheme", "euler", "--noise-e", "7"], 1000),
    "euler_se8": (["--scheme", "euler", "--noise-e", "8"], 1000),
    "se3": (["--noise-e", "3"], 1000),
    "n200": (["--neurons", "200"], 200),
}


def parse_c(text):
    out = {"bands": {}}
    m = re.search(r"rates after the first 200 ms \([0-9.]+ s\): excitatory ([0-9.]+) Hz, "
                  r"inhibitory ([0-9.]+) Hz", text)
    out["rate_e"], out["rate_i"] = float(m.group(1)), float(m.group(2))
    m = re.search(r"rhythms of the population rate \(mean ([0-9.]+) Hz; Welch, (\d+) segments", text)
    out["mean_rate"], out["segments"] = float(m.group(1)), int(m.group(2))
    for name, _, _ in R.BANDS:
        m = re.search(r"^\s+%s\s+\S+ Hz\s+(.*)$" % name, text, re.M)
        s = m.group(1).strip()
        if s.startswith("no clear peak"):
            out["bands"][name] = None
        else:
            mm = re.match(r"([0-9.]+) Hz, strength (\d+)%", s)
            out["bands"][name] = (float(mm.group(1)), int(mm.group(2)))
    return out


def near_edge(x, step):
    """x within 0.002 (in units of the printed step... scaled) of a rounding boundary."""
    y = x / step
    return abs((y - np.floor(y)) - 0.5) < 0.002 / step


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--izhiscope", default=os.path.join(HERE, "..", "..", "izhiscope"))
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    p.add_argument("--conditions", nargs="+", default=list(CONDITIONS)[:9])
    p.add_argument("--T", type=int, default=10000)
    p.add_argument("--workdir", default="/tmp/izhi_check_c")
    p.add_argument("--out", default=os.path.join(HERE, "agreement_izhiscope.csv"))
    p.add_argument("--no-octave", action="store_true")
    a = p.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    rows = []
    summary = []
    for cond in a.conditions:
        extra, N = CONDITIONS[cond]
        files, ctext = [], {}
        for sd in a.seeds:
            fn = os.path.join(a.workdir, "spikes_%s_seed%d.csv" % (cond, sd))
            cmd = [a.izhiscope, "--headless", "--seed", str(sd), "--duration", str(a.T),
                   "--spikes", fn, "--stats", "--force", "--threads", "1"] + extra
            ctext[sd] = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            files.append(fn)
        oct_rows = {}
        if not a.no_octave:
            ocsv = os.path.join(a.workdir, "octave_%s.csv" % cond)
            subprocess.run(["octave-cli", "--no-gui", "stats_files.m", ocsv, str(a.T), str(N), "self"]
                           + files, cwd=HERE, check=True, capture_output=True)
            with open(ocsv) as fh:
                for r in csv.DictReader(fh):
                    oct_rows[r["file"]] = r
        n_bad = n_edge = 0
        d_py_oct = {"freq": 0.0, "strength_rel": 0.0, "flags": 0, "rate": 0.0}
        for sd, fn in zip(a.seeds, files):
            d = np.loadtxt(fn, delimiter=",", skiprows=1, dtype=np.int64, ndmin=2)
            py = R.stats(d[:, 0], d[:, 1], a.T, N)
            py_skip = R.stats(d[:, 0], d[:, 1], a.T, N, edge="skip")
            c = parse_c(ctext[sd])
            o = oct_rows.get(fn)
            if o:
                d_py_oct["rate"] = max(d_py_oct["rate"], abs(py["rate_e"] - float(o["rate_e"])),
                                       abs(py["rate_i"] - float(o["rate_i"])))
            for (name, _, _), b, bs in zip(R.BANDS, py["bands"], py_skip["bands"]):
                cb = c["bands"][name]
                status = "ok"
                if o:
                    of = int(o[name + "_found"])
                    if of != b["found"] or (of and int(o[name + "_bin"]) != b["bin"]):
                        d_py_oct["flags"] += 1
                    elif of:
                        d_py_oct["freq"] = max(d_py_oct["freq"],
                                               abs(float(o[name + "_hz"]) - b["freq_hz"]))
                        d_py_oct["strength_rel"] = max(
                            d_py_oct["strength_rel"],
                            abs(float(o[name + "_strength"]) / b["strength"] - 1))
                if (cb is None) != (not b["found"]):
                    status = "FOUND-MISMATCH"
                elif cb is not None:
                    fr = round(b["freq_hz"] + 1e-12, 1)
                    st = int(np.floor(100 * b["strength"] + 0.5))
                    if abs(fr - cb[0]) > 1e-9 or st != cb[1]:
                        if (abs(fr - cb[0]) <= 0.1 + 1e-9 and near_edge(b["freq_hz"], 0.1)) or \
                           (abs(st - cb[1]) <= 1 and near_edge(100 * b["strength"], 1.0)):
                            status = "edge"
                        else:
                            status = "VALUE-MISMATCH"
                if status == "edge":
                    n_edge += 1
                elif status != "ok":
                    n_bad += 1
                rows.append(dict(condition=cond, seed=sd, T_ms=a.T, rate_e="%.4f" % py["rate_e"],
                                 rate_i="%.4f" % py["rate_i"], band=name,
                                 c_found=int(cb is not None),
                                 c_hz="" if cb is None else cb[0],
                                 c_strength_pct="" if cb is None else cb[1],
                                 ref_found=b["found"],
                                 ref_hz="" if not b["found"] else "%.4f" % b["freq_hz"],
                                 ref_strength_pct="" if not b["found"] else "%.3f" % (100 * b["strength"]),
                                 ref_bin=b["bin"],
                                 ref_over_floor="" if not b["found"] else "%.3f" % b["over_floor"],
                                 ref_over_base="" if not b["found"] else "%.3f" % b["over_base"],
                                 ref_skip_found=bs["found"],
                                 oct_found="" if not o else o[name + "_found"],
                                 status=status))
            if abs(round(py["rate_e"], 2) - c["rate_e"]) > 0.0101 or \
               abs(round(py["rate_i"], 2) - c["rate_i"]) > 0.0101 or \
               abs(round(py["mean_rate"], 2) - c["mean_rate"]) > 0.0101 or \
               py["segments"] != c["segments"]:
                print("RATE MISMATCH %s seed %d: ref %.4f %.4f %.4f K=%d, C %s"
                      % (cond, sd, py["rate_e"], py["rate_i"], py["mean_rate"], py["segments"], c))
                n_bad += 1
        summary.append((cond, len(a.seeds), n_bad, n_edge, d_py_oct))
        print("%-8s seeds %d: C vs ref mismatches %d, rounding-edge cases %d; py vs octave: "
              "flag/bin differences %d, max |d freq| %.2e Hz, max rel d strength %.2e, "
              "max |d rate| %.2e" % (cond, len(a.seeds), n_bad, n_edge, d_py_oct["flags"],
                                      d_py_oct["freq"], d_py_oct["strength_rel"], d_py_oct["rate"]),
              flush=True)
    with open(a.out, "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    bad = [r for r in rows if r["status"] not in ("ok",)]
    for r in bad:
        print(r)


if __name__ == "__main__":
    main()
