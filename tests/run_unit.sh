#!/bin/sh
# run_unit.sh BUILD_DIR TEST... - run cmocka test programs, print a summary
# line "N passed, N failed" and exit non-zero if any failed.
set -u
dir=$1; shift
pass=0; fail=0; failed=""
export SDL_VIDEODRIVER=dummy
export IZHISCOPE_ASSETS="${IZHISCOPE_ASSETS:-$(pwd)/assets}"
times=""
for t in "$@"; do
    t0=$(date +%s%N)
    if "$dir/$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $t"; fi
    times="$times$(( ($(date +%s%N) - t0) / 1000000 )) ms $t
"
done
# each program's wall time, the longest first (where the suite's time goes)
printf '%s' "$times" | sort -rn | head -n 8 | sed 's/^/  time /'
echo "unit ($dir): $pass passed, $fail failed"
[ "$fail" -eq 0 ] || { echo "failed:$failed"; exit 1; }
