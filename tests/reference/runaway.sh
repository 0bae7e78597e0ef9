#!/bin/sh
# runaway.sh -- how often the Euler scheme runs away (docs/model.md, Numerical
# notes): for each setting, SEEDS seeds (1 ... SEEDS) of a DURATION ms headless
# run; a run "ran away" when izhiscope warns that the population fired at
# 150 Hz or more over a second (net_runaway). Prints one line a setting: the
# count, and the earliest / median / latest time of the warning.
#
# usage: sh tests/reference/runaway.sh [BINARY] [SEEDS] [DURATION_MS] [SETTINGS]
#        (defaults: ./izhiscope 20 60000, and the settings below; SETTINGS is
#        "sigma_e/sigma_i ..."; nice'd, one run at a time)
bin=${1:-./izhiscope}
seeds=${2:-20}
dur=${3:-60000}
run() {   # $1 = noise-e, $2 = noise-i
    n=0 times=""
    s=1
    while [ "$s" -le "$seeds" ]; do
        t=$(nice "$bin" --headless --duration "$dur" --seed "$s" --scheme euler --noise-e "$1" --noise-i "$2" 2>&1 >/dev/null |
            sed -n 's/.*had run away by t = \([0-9]*\) ms.*/\1/p')
        if [ -n "$t" ]; then n=$((n + 1)); times="$times $t"; fi
        s=$((s + 1))
    done
    sorted=$(echo $times | tr ' ' '\n' | sed '/^$/d' | sort -n)
    if [ "$n" -gt 0 ]; then
        first=$(echo "$sorted" | head -1); last=$(echo "$sorted" | tail -1)
        med=$(echo "$sorted" | sed -n "$(( (n + 1) / 2 ))p")
        echo "sigma_e $1 sigma_i $2: $n of $seeds ran away within $dur ms (at $first / $med / $last ms)"
    else
        echo "sigma_e $1 sigma_i $2: 0 of $seeds ran away within $dur ms"
    fi
}
settings=${4:-"5/2 6/2 6.5/2 7/2 7.5/2 8/2 9/2 10/2 5/1.5 5/1 5/0.75 5/0.5 5/0"}
for s in $settings; do run "${s%/*}" "${s#*/}"; done
