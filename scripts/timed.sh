#!/bin/sh
# timed.sh NAME CMD... - run CMD, append "NAME  WALL s  CPU s CPU  ok|FAILED"
# to build/suite-times.txt (make test prints the table at its end), and
# exit with CMD's status. Wall time in whole seconds; CPU time: CMD's and
# the processes it waited for, user + system (the shell's `times`).
set -u
name=$1; shift
t0=$(date +%s)
"$@"; rc=$?
mkdir -p build
times > "build/.times.$$"      # (in this shell: a pipe's subshell has no children)
cpu=$(sed -n 2p "build/.times.$$" | awk '{ gsub(/s/, "", $1); gsub(/s/, "", $2); split($1, u, "m"); split($2, s, "m"); printf "%.0f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }')
rm -f "build/.times.$$"
printf '%-28s %6d s  %6s s CPU  %s\n' "$name" "$(( $(date +%s) - t0 ))" "$cpu" "$( [ $rc = 0 ] && echo ok || echo FAILED)" >> build/suite-times.txt
exit $rc
