#!/bin/sh
# timed.sh NAME CMD... - run CMD, append "NAME SECONDS ok|FAILED" to
# build/suite-times.txt (make test prints the table at its end), and exit
# with CMD's status. Wall time, whole seconds.
set -u
name=$1; shift
t0=$(date +%s)
"$@"; rc=$?
mkdir -p build
printf '%-28s %6d s  %s\n' "$name" "$(( $(date +%s) - t0 ))" "$( [ $rc = 0 ] && echo ok || echo FAILED)" >> build/suite-times.txt
exit $rc
