#!/bin/sh
# lanes.sh LANE... - make test's suites, the lanes at once, each lane's
# suites one after the other. A LANE is a space-separated list of
# NAME:TARGET (a make target of this Makefile), or after:NAME (wait until
# suite NAME of another lane has ended, and go on only if it passed: a
# lane that uses what that suite built); e.g.
#   sh scripts/lanes.sh "plain-unit:unit-plain plain-e2e:test-e2e" "after:plain-unit mpi:test-mpi" "asan:test-asan"
#
# Why lanes: most of a suite's wall time is waiting (a window paced at 1x
# simulated time, frames at 60 fps, a map's nice-19 worker), not CPU; the
# plain, ASan+UBSan and ThreadSanitizer suites share no files (build/,
# build/asan, build/tsan; each e2e script has its own temporary folder and
# its own Xvfb display), so they overlap. Every check still runs.
#
# Each suite's output goes to build/logs/NAME.log and is printed whole when
# the suite ends (one suite at a time: the lanes' outputs never mix); its
# wall time goes to build/suite-times.txt (scripts/timed.sh). A lane stops
# at its first failed suite, the other lanes go on; the exit status is 1 if
# any suite failed.
set -u
MAKE=${MAKE:-make}
mkdir -p build/logs
: > build/logs/.print
rm -f build/logs/*.rc
say() { flock build/logs/.print sh -c "$1"; }

lane() {
    for s in $1; do
        name=${s%%:*}
        if [ "$name" = after ]; then
            # after:NAME - until suite NAME (another lane's) has ended; if it
            # failed, this lane stops (that failure is already said)
            while [ ! -e "build/logs/${s#*:}.rc" ]; do sleep 1; done
            [ "$(cat "build/logs/${s#*:}.rc")" = 0 ] && continue
            say "echo '== not run, as ${s#*:} failed: $(echo "$1" | tr ' ' '\n' | grep -v '^after:' | sed 's/:.*//' | tr '\n' ' ')'"
            return 1
        fi
        say "echo '== $name: started ($(date +%H:%M:%S))'"
        sh scripts/timed.sh "$name" $MAKE --no-print-directory ${s#*:} > "build/logs/$name.log" 2>&1
        rc=$?
        echo $rc > "build/logs/$name.rc"
        say "echo '== $name: its output (build/logs/$name.log)'; cat 'build/logs/$name.log'; echo '== $name: $( [ $rc = 0 ] && echo passed || echo FAILED) ($(date +%H:%M:%S))'"
        [ $rc = 0 ] || return 1
    done
}

pids=
for l in "$@"; do
    lane "$l" &
    pids="$pids $!"
done
rc=0
for p in $pids; do wait "$p" || rc=1; done
exit $rc
