#!/bin/sh
# bench.sh IZHISCOPE - speed and memory of the Fig. 3 network, headless,
# 10 s simulated, no outputs, both schemes. Each case runs 5 times; the
# median is reported (the machines are shared: compare ratios within one
# run, not against fixed numbers).
set -eu
bin=$1
runs=5
echo "izhiscope bench: $(uname -m), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
printf '%-8s %6s %6s %10s %12s %12s %10s\n' scheme N K "sim s" "wall s" "x real" "peak MiB"
for scheme in paper euler; do
    walls=""
    for r in $(seq $runs); do
        line=$("$bin" --headless --seed $r --scheme $scheme --duration 10000 | grep '^speed:')
        wall=$(echo "$line" | sed 's/speed: \([0-9.]*\) s.*/\1/')
        mem=$(echo "$line" | sed 's/.*peak memory \([0-9.]*\) MiB.*/\1/')
        walls="$walls $wall"
    done
    med=$(echo $walls | tr ' ' '\n' | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    printf '%-8s %6d %6d %10d %12s %12.1f %10s\n' $scheme 1000 1000 10 "$med" \
        "$(awk "BEGIN{print 10 / $med}")" "$mem"
done
echo "target (issue 2): paper scheme >= 100x real time (10 s in <= 0.1 s)"
