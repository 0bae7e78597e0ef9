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
# docs/model.md "Knobs": weight factors, currents and a pulse train through
# the kernels' and the passes' own code (a scale of 1 takes no product)
same "knobs: weights, currents, a pulse train, paper scheme, 2 s" --seed 6 --weight-e 0.45 --weight-i 1.3 \
    --current-e 0.75 --current-i -0.5 --stim-on --stim-neurons 100-355 --stim-amp 7 --stim-width 5 --stim-period 20 \
    --duration 2000
same "knobs: the same, Euler scheme, 2 s" --seed 6 --scheme euler --weight-e 0.45 --weight-i 1.3 \
    --current-e 0.75 --current-i -0.5 --stim-on --stim-neurons 100-355 --stim-amp 7 --stim-width 5 --stim-period 20 \
    --duration 2000
same "knobs: sparse N = 20,000, K = 500, 2 threads, stimulus across the split, 400 ms" --seed 4 --neurons 20000 \
    --in-degree 500 --threads 2 --weight-i 0.8 --current-e 1 --stim-on --stim-neurons 9000-11000 --duration 400
echo "e2e same bits: $pass passed, $fail failed"
[ "$fail" = 0 ]
