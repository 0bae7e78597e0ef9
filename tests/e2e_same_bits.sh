#!/bin/sh
# e2e_same_bits.sh FAST PORTABLE - the build with AVX2 paths (FAST) and the
# portable build (-DIZHI_NO_CLONES) must write the same spikes and trace,
# byte for byte: the vector code changes the speed, never a result.
set -u
fast=$1; portable=$2
work=$(mktemp -d /tmp/izhi-bits-XXXXXX)
trap 'rm -rf "$work"' EXIT
pass=0; fail=0
same() { # description, then options
    d=$1; shift
    "$fast" --headless "$@" --spikes "$work/a.csv" --trace "$work/at.csv" --force >/dev/null &&
    "$portable" --headless "$@" --spikes "$work/b.csv" --trace "$work/bt.csv" --force >/dev/null
    if [ $? = 0 ] && cmp -s "$work/a.csv" "$work/b.csv" && cmp -s "$work/at.csv" "$work/bt.csv"; then
        pass=$((pass + 1)); echo "  ok   $d"
    else
        fail=$((fail + 1)); echo "  FAIL $d"
    fi
}
echo "e2e same bits: $fast vs $portable"
same "Fig. 3, paper scheme, 3 s" --seed 3 --duration 3000
same "Fig. 3, Euler scheme, 3 s" --seed 3 --scheme euler --duration 3000
same "sparse N = 20,000, K = 500, 2 threads, 400 ms" --seed 4 --neurons 20000 --in-degree 500 --threads 2 --duration 400
same "noise 1000 (guard clamps), 1 s" --seed 5 --noise-e 1000 --noise-i 1000 --duration 1000
echo "e2e same bits: $pass passed, $fail failed"
[ "$fail" = 0 ]
