#!/bin/sh
# larger.sh -- rates and rhythms of larger networks against Fig. 3 (docs/simulation.md, "Larger
# networks"; docs/model.md): N = 1000 (Fig. 3), 10,000 and 100,000 with K = 1000, seeds
# 1 ... SEEDS, DURATION ms, paper scheme; prints izhiscope's --stats lines per run.
#
# usage: sh tests/reference/larger.sh [BINARY] [SEEDS] [DURATION_MS] [SIZES]
#        (defaults: build/izhiscope 3 10200 "1000 10000 100000"; nice'd, one thread)
bin=${1:-build/izhiscope}
seeds=${2:-3}
dur=${3:-10200}
for n in ${4:-1000 10000 100000}; do
    s=1
    while [ "$s" -le "$seeds" ]; do
        echo "== N $n K 1000 seed $s, $dur ms"
        nice "$bin" --headless --stats --seed "$s" --duration "$dur" --neurons "$n" --in-degree 1000 --threads 1 |
            grep -E '^(rates after|  (alpha|gamma|beta))'
        s=$((s + 1))
    done
done
