#!/bin/sh
# e2e_python.sh IZHISCOPE [LIBIZHISCOPE] - the Python module (issue 21) with
# Debian's /usr/bin/python3 and NumPy: tests/test_python.py (its arrays hash
# as the program's --spikes/--trace/--rate files for three seeds and both
# schemes, Network = --schedule, sweep = --sweep-out, measures = --stats,
# read_spikes = --replay, bad arguments), runs from several Python threads at
# once, tests/fuzz_python.py in a subprocess (a crash of the interpreter is
# caught and the call that made it named), the loader's message, and
# docs/sigma_scan.py. The module and library: PYTHONPATH and IZHISCOPE_LIB as
# given (the install test: the installed ones), else the source tree's
# python/ and LIBIZHISCOPE.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
if [ -z "${PYTHONPATH:-}" ]; then
    PYTHONPATH=$root/python
    lib=${2:-$(dirname "$bin")/libizhiscope.so.0}
    IZHISCOPE_LIB=$(cd "$(dirname "$lib")" && pwd)/$(basename "$lib")
    export IZHISCOPE_LIB
fi
export PYTHONPATH
py=/usr/bin/python3
work=$(mktemp -d /tmp/izhi-python-XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0; fail=0
check() { d=$1; shift; if "$@"; then pass=$((pass + 1)); echo "  ok   $d"; else fail=$((fail + 1)); echo "  FAIL $d"; fi; }
echo "e2e python: $py, module from $PYTHONPATH, library ${IZHISCOPE_LIB:-(the one the module finds)}"
if ! "$py" -c 'import numpy' 2>/dev/null; then
    echo "  FAIL Debian's python3-numpy is not installed (scripts/deps.sh --test installs it)"
    exit 1
fi
cd "$work" || exit 1

# 1. the module against the program's files, and its errors
"$py" "$root/tests/test_python.py" "$bin" "$work" > test_python.out 2>&1
rc=$?
cat test_python.out
check "tests/test_python.py: every check passed (exit 0)" test "$rc" = 0

# 2. Python threads at once (ctypes lets go of the GIL): the same results as one after the other
check "4 Python threads running run() and Network at once: each gives the runs it gives alone" "$py" -c "
import threading, numpy as np, izhiscope
def job(seed, out):
    r = izhiscope.run(seed=seed, duration_ms=1300, neurons=400)
    with izhiscope.Network(seed=seed, neurons=400) as n:
        s = n.step(700)
    out[seed] = (r.spike_ids, r.measures['rate_e_hz'], s.spike_ids)
par, seq = {}, {}
ts = [threading.Thread(target=job, args=(s, par)) for s in range(4)]
[t.start() for t in ts]; [t.join() for t in ts]
for s in range(4): job(s, seq)
assert all(np.array_equal(par[s][0], seq[s][0]) and par[s][1] == seq[s][1] and np.array_equal(par[s][2], seq[s][2])
           for s in range(4))
"

# 3. the fuzz, in a subprocess: a crash (a signal) is caught and the call named
for seed in 1 2 3; do
    "$py" "$root/tests/fuzz_python.py" "$seed" 700 "fuzz$seed.log" > "fuzz$seed.out" 2>&1
    rc=$?
    cat "fuzz$seed.out"
    last=""
    [ "$rc" = 0 ] || last="; the last calls: $(grep -v '^done$' "fuzz$seed.log" | tail -n 3 | tr '\n' ' ')"
    check "fuzz seed $seed: 700 hostile calls, the interpreter alive and only documented exceptions (exit $rc$last)" \
        sh -c "test $rc = 0 && tail -n 1 fuzz$seed.log | grep -qx done"
done

# 4. the loader: a library that is not there is an ImportError naming it
IZHISCOPE_LIB=/nonexistent/libizhiscope.so.0 "$py" -c 'import izhiscope' > load.out 2>&1
check "IZHISCOPE_LIB naming no file: ImportError naming it, not a crash" \
    sh -c "grep -q 'ImportError: izhiscope: cannot load libizhiscope; tried: /nonexistent/libizhiscope.so.0' load.out"

# 5. docs/sigma_scan.py, as a notebook user would run it (matplotlib where installed)
MPLBACKEND=Agg "$py" "$root/docs/sigma_scan.py" scan.png > scan.out 2>&1
rc=$?
cat scan.out
check "docs/sigma_scan.py: exit 0, its table of 7 noise values printed" \
    sh -c "test $rc = 0 && test \$(grep -c '^ *[2-8]\.0 ' scan.out) = 7"
if "$py" -c 'import matplotlib' 2>/dev/null; then
    check "... and its figure written (matplotlib)" test -s scan.png
fi

echo "e2e python: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
