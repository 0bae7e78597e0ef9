#!/bin/sh
# e2e_mpi.sh PLAIN MPI RERUN - the MPI build (make mpi) run on P = 1 ... 4
# processes (mpirun --oversubscribe: this machine has 2 cores) x 1, 2
# threads must write the plain build's spikes and trace, byte for byte
# (compared by hash), in both schemes, sparse and dense; process 0 alone
# writes; a process that fails makes all of them exit non-zero with one
# message and no file.
# Expected values: the plain single-process build's files (itself checked
# against Octave and Brian2, tests/README.md).
set -u
tests_dir=$(cd "$(dirname "$0")" && pwd)
py=python3; [ -x /usr/bin/python3 ] && py=/usr/bin/python3   # Debian's, as e2e_lib.sh
plain=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mpi=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
rerun=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
work=$(mktemp -d /tmp/izhi-mpi-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
pass=0; fail=0
ok() { pass=$((pass + 1)); echo "  ok   $1"; }
bad() { fail=$((fail + 1)); echo "  FAIL $1"; }
check() { d=$1; shift; if "$@"; then ok "$d"; else bad "$d"; fi; }
mpirun_=mpirun
[ "$(id -u)" = 0 ] && mpirun_="mpirun --allow-run-as-root"
# quiet about the machine's missing network interfaces; no CPU binding (two
# cores, up to four processes)
export OMPI_MCA_btl_base_warn_component_unused=0 OMPI_MCA_hwloc_base_binding_policy=none
runp() { # P, then options
    p=$1; shift
    $mpirun_ --oversubscribe -np "$p" "$mpi" "$@"
}
hash() { cat "$@" 2>/dev/null | md5sum | cut -d' ' -f1; }

echo "e2e mpi: $mpi against $plain"
# case: description, then options (seed, size, scheme)
same() {
    d=$1; shift
    rm -f a.csv at.csv
    "$plain" --headless "$@" --spikes a.csv --trace at.csv >/dev/null 2>&1 || { bad "$d: the plain run"; return; }
    want=$(hash a.csv at.csv)
    lines=$(grep -vc '^#' a.csv)
    for p in 1 2 3 4; do
        for t in 1 2; do
            rm -f b.csv bt.csv
            runp "$p" --headless "$@" --threads "$t" --spikes b.csv --trace bt.csv >out.txt 2>err.txt
            rc=$?
            got=$(hash b.csv bt.csv)
            if [ $rc = 0 ] && [ "$got" = "$want" ]; then
                ok "$d: P = $p x $t threads: the same $lines spikes and trace"
            else
                bad "$d: P = $p x $t threads (rc $rc, $got vs $want): $(head -c 300 err.txt)"
            fi
        done
    done
}
same "sparse N = 12,288, K = 500, paper, 400 ms, traced neuron in the last block" \
    --seed 7 --neurons 12288 --in-degree 500 --duration 400 --trace-neuron 11000
same "sparse N = 10,000, K = 300, Euler, 400 ms" --seed 8 --neurons 10000 --in-degree 300 --scheme euler \
    --duration 400 --trace-neuron 4999
same "dense Fig. 3 (N = K = 1000), paper, 1 s" --seed 3 --duration 1000 --trace-neuron 700
same "dense Fig. 3, Euler, 1 s" --seed 3 --scheme euler --duration 1000 --trace-neuron 999
same "knobs (weights, currents, a pulse train into neurons of every block), dense Fig. 3, 1 s" --seed 3 \
    --duration 1000 --weight-e 0.45 --weight-i 1.2 --current-e 0.5 --current-i -0.5 --stim-on \
    --stim-neurons 200-700 --stim-width 4 --stim-period 10 --trace-neuron 500

# docs/cluster.md's cost-model table is scripts/cost_model.py's output
cluster_md=$tests_dir/../docs/cluster.md
"$py" "$tests_dir/../scripts/cost_model.py" > model.md
sed -n '/^<!-- cost-model -->$/,/^<!-- \/cost-model -->$/p' "$cluster_md" | sed '1d;$d' > doc_model.md
check "docs/cluster.md's cost-model table = scripts/cost_model.py's" sh -c "test -s model.md && cmp -s model.md doc_model.md"

# process 0 alone writes: one copy of the output, one summary
rm -f o.csv
runp 3 --headless --seed 2 --duration 200 --spikes o.csv >out.txt 2>err.txt
check "3 processes: one 'wrote o.csv', one summary line, nothing on stderr" \
    test "$(grep -c '^wrote o.csv' out.txt)" = 1 -a "$(grep -c '^simulated 200 ms' out.txt)" = 1 -a ! -s err.txt
check "... and the speed line says 3 processes" grep -q 'x 3 processes' out.txt
# no --seed: process 0's clock seed is every process's (same spikes as that seed)
runp 2 --headless --duration 300 --spikes s.csv >out.txt 2>&1
seed=$(sed -n 's/^seed \([0-9]*\) (drawn.*/\1/p' out.txt)
"$plain" --headless --seed "$seed" --duration 300 --spikes s1.csv >/dev/null 2>&1
check "no --seed: the seed printed once ($seed) and every process used it" \
    sh -c "test \"\$(grep -c '^seed ' out.txt)\" = 1 && cmp -s s.csv s1.csv"
# a usage error: every process exits 2, one message
runp 3 --headless --neurons 0 >out.txt 2>err.txt
rc=$?
check "a usage error under mpirun: exit non-zero, the message once" \
    test $rc != 0 -a "$(grep -c 'izhiscope: --neurons' err.txt)" = 1
# --help: once
runp 2 --help >out.txt 2>&1
check "--help under mpirun: printed once" test "$(grep -c '^Usage: izhiscope' out.txt)" = 1
check "--version says MPI" sh -c "runp() { :; }; $mpirun_ --oversubscribe -np 1 '$mpi' --version | grep -q 'MPI'"
# an output process 0 cannot write: all stop before building, one message
runp 2 --headless --duration 100 --spikes /nonexistent/dir/x.csv >out.txt 2>err.txt
rc=$?
check "process 0 cannot create its output: all exit non-zero, one message" \
    test $rc != 0 -a "$(grep -c 'nonexistent' err.txt)" = 1
# every process must have the same command line (issue 17 item 9): an MPMD
# launch gives each its own; all stop at once, exit 2, one message from
# process 0 naming the first argument that differs (was: different
# durations hung forever, a different seed gave a silently wrong network
# with exit 0, a usage error on process 1 was reported as "...: Success")
mpmd() { # OPTIONS-OF-0 -- OPTIONS-OF-1
    a=""; while [ "$1" != -- ]; do a="$a '$1'"; shift; done; shift
    b=""; for x in "$@"; do b="$b '$x'"; done
    rm -f d.csv
    eval "timeout 120 $mpirun_ --oversubscribe -np 1 '$mpi' $a : -np 1 '$mpi' $b" >out.txt 2>err.txt
    rc=$?
}
mpmd --headless --seed 1 --duration 200 --spikes d.csv -- --headless --seed 1 --duration 300 --spikes d.csv
check "MPMD, --duration 200 and 300: exit non-zero at once ($rc, not the timeout's 124), one message naming it, no file" \
    sh -c "test $rc != 0 && test $rc != 124 && test \"\$(grep -c 'not started with the same command line' err.txt)\" = 1 &&
           grep -q \"argument 5 (after --duration) is '200' on process 0 but '300' on process 1\" err.txt && ! test -e d.csv"
mpmd --headless --seed 1 --duration 200 --spikes d.csv -- --headless --seed 2 --duration 200 --spikes d.csv
check "MPMD, --seed 1 and 2: exit non-zero ($rc), said, no file (was: exit 0, a network of two seeds)" \
    sh -c "test $rc != 0 && grep -q \"argument 3 (after --seed) is '1' on process 0 but '2' on process 1\" err.txt && ! test -e d.csv"
mpmd --headless --seed 1 --neurons 1000 --duration 200 --spikes d.csv -- --headless --seed 1 --neurons 2000 --duration 200 --spikes d.csv
check "MPMD, --neurons 1000 and 2000: exit non-zero ($rc), said, no file" \
    sh -c "test $rc != 0 && grep -q \"after --neurons) is '1000' on process 0 but '2000'\" err.txt && ! test -e d.csv"
mpmd --headless --seed 1 --duration 200 -- --headless --seed 1 --duration 200 --bogus
check "MPMD, a usage error on process 1 only: exit non-zero ($rc), the difference said, not 'Success'" \
    sh -c "test $rc != 0 && grep -q \"argument 6 is missing on process 0 but '--bogus' on process 1\" err.txt && ! grep -q Success err.txt"
# a process that cannot build its block (memory limited for process 1 only,
# with ulimit -v): every one exits 1, one message naming it; no file left
rm -f m.csv
$mpirun_ --oversubscribe -np 1 "$mpi" --headless --seed 1 --neurons 60000 --in-degree 1000 --duration 50 \
    --spikes m.csv : -np 1 sh -c "ulimit -v 300000; exec '$mpi' --headless --seed 1 --neurons 60000 \
    --in-degree 1000 --duration 50 --spikes m.csv" >out.txt 2>err.txt
rc=$?
check "process 1 out of memory: exit non-zero, one message naming process 1, no m.csv" \
    sh -c "test $rc != 0 && test \"\$(grep -c 'cannot build the network' err.txt)\" = 1 &&
           grep -q 'process 1 of 2' err.txt && ! test -e m.csv"

# --schedule (issue 19): process 0 reads it, its changes travel with a
# step's control words and every process applies them after that step: 2
# processes write the plain build's bytes (the noise of both populations and
# the traced neuron, 950 in process 1's block, changed at their steps)
printf 't_ms,event,value\n200,noise_e,9\n200,trace_neuron,950\n400,noise_i,0.5\n450,trace_neuron,10\n' > sch.csv
rm -f a.csv at.csv b.csv bt.csv c.csv
"$plain" --headless --seed 4 --duration 600 --schedule sch.csv --spikes a.csv --trace at.csv >/dev/null 2>&1
"$plain" --headless --seed 4 --duration 600 --spikes c.csv >/dev/null 2>&1
runp 2 --headless --seed 4 --duration 600 --schedule sch.csv --spikes b.csv --trace bt.csv >/dev/null 2>&1
check "--schedule, 2 processes: the plain build's spikes and trace (the schedule changing them: $(hash a.csv) != $(hash c.csv))" \
    sh -c "test -s a.csv && test $(hash a.csv at.csv) = $(hash b.csv bt.csv) && test $(hash a.csv) != $(hash c.csv)"
# four traced neurons (issue 20), in the blocks of processes 0, 1 and 2 of
# 3, added at their steps; one dropped, then one alone: each line's v, u and
# I come from the process holding its neuron after the step, the plain
# build's bytes for 3 processes x 1 and 2 threads, in both schemes
printf 't_ms,event,value\n100,trace_add,950\n100,trace_add,400\n150,trace_add,999\n200,noise_e,9\n250,trace_add,2\n350,trace_neuron,500\n' > scht.csv
for scheme in paper euler; do
    rm -f a.csv at.csv
    "$plain" --headless --seed 4 --scheme $scheme --duration 500 --schedule scht.csv --spikes a.csv --trace at.csv \
        >/dev/null 2>&1
    for th in 1 2; do
        rm -f b.csv bt.csv
        runp 3 --headless --seed 4 --scheme $scheme --threads $th --duration 500 --schedule scht.csv --spikes b.csv \
            --trace bt.csv >/dev/null 2>&1
        check "four traced neurons (trace_add), $scheme, 3 processes x $th threads: the plain build's spikes and v, u, I lines" \
            sh -c "test \$(grep -c ',999,' at.csv) -gt 90 && test $(hash a.csv at.csv) = \$(cat b.csv bt.csv | md5sum | cut -d' ' -f1)"
    done
done
# a restart in it ends the run there: every process stops (none waits for
# the rest of --duration)
printf 't_ms,event,value\n200,noise_e,9\n300,restart,7\n' > schr.csv
rm -f a.csv b.csv
"$plain" --headless --seed 4 --duration 600 --schedule schr.csv --spikes a.csv >/dev/null 2>&1
timeout 60 $mpirun_ --oversubscribe -np 2 "$mpi" --headless --seed 4 --duration 600 --schedule schr.csv --spikes b.csv \
    >/dev/null 2>&1
rc=$?
check "--schedule's restart at 300 ms, 2 processes: exit 0 (no hang), the plain build's 300 ms" \
    sh -c "test $rc = 0 && test -s a.csv && test $(hash a.csv) = \$(cat b.csv | md5sum | cut -d' ' -f1)"

# ---- the map under mpirun (issue 19): process p takes the rows p, p + P, ...;
# process 0 gathers and writes. The CSV and the figure are the plain build's
# bytes for any number of processes and threads.
sweep_a="--headless --sweep noise-e=2:12:2.5,noise-i=0:8:4 --seeds 2 --seed 11 --duration 1500"
# shellcheck disable=SC2086
"$plain" $sweep_a --sweep-out sw.csv >/dev/null 2>&1
for pt in "1 1" "2 1" "2 2" "3 1"; do
    set -- $pt
    rm -f swm.csv
    # shellcheck disable=SC2086
    runp "$1" $sweep_a --threads "$2" --sweep-out swm.csv >out.txt 2>err.txt
    rc=$?
    check "--sweep, P = $1 x $2 threads: exit 0, the plain build's CSV byte for byte, written once" \
        sh -c "test $rc = 0 && cmp -s sw.csv swm.csv && test \"\$(grep -c '^wrote swm.csv' out.txt)\" = 1 &&
               grep -q 'x $1 process' out.txt"
done
runp 1 --headless --sweep noise-e=2:6:2 --seed 3 --duration 1200 --sweep-out f1.csv --export f1.png >/dev/null 2>&1
runp 3 --headless --sweep noise-e=2:6:2 --seed 3 --duration 1200 --threads 2 --sweep-out f3.csv --export f3.png >/dev/null 2>&1
check "--sweep --export: the map's PNG of P = 1 and P = 3 x 2 threads are the same bytes" sh -c "test -s f1.png && cmp -s f1.png f3.png"
echo old >swm.csv
# shellcheck disable=SC2086
runp 2 $sweep_a --sweep-out swm.csv >out.txt 2>err.txt
rc=$?
check "--sweep, P = 2, an existing --sweep-out without --force: every process exits non-zero, one message, file kept" \
    sh -c "test $rc != 0 && test \"\$(grep -c 'swm.csv' err.txt)\" = 1 && test \"\$(cat swm.csv)\" = old"
runp 2 --headless --sweep noise-e=0:5:0 --sweep-out swz.csv >out.txt 2>err.txt
rc=$?
check "--sweep, P = 2, a STEP of 0: exit non-zero, the message once, nothing written" \
    sh -c "test $rc != 0 && test \"\$(grep -c 'STEP must be above 0' err.txt)\" = 1 && ! test -e swz.csv"

# ---- the window under mpirun (Xvfb) ------------------------------------------
# Process 0 opens the window; live changes travel with a step's exchange and
# every process applies them at the step their event names: the session's
# files equal the plain model re-run with those events (tests/rerun.c).
xvfb=""
if [ -z "${DISPLAY:-}" ] && command -v Xvfb >/dev/null 2>&1; then
    . "$tests_dir/../scripts/xvfb.sh"
    xvfb_start 100 1280x800x24
fi
# Waits on the window's status file (IZHISCOPE_TEST_STATUS, as in
# e2e_window.sh), never on sleeps: until 20 s, then a failed check.
st() { sed -n "s/^$1 //p" "$work/status" 2>/dev/null; }
wait_for() {
    what=$1; shift
    n=400
    while ! "$@" >/dev/null 2>&1; do
        n=$((n - 1))
        [ "$n" -gt 0 ] || { bad "timed out waiting for $what"; return 1; }
        sleep 0.05
    done
}
at_least() { v=$(st "$1"); [ -n "$v" ] && [ "$v" -ge "$2" ]; }
below() { v=$(st "$1"); [ -n "$v" ] && [ "$v" -lt "$2" ]; }
sim_on() { wait_for "simulated time +$1 ms" at_least sim_ms $(( $(st sim_ms) + $1 )); }
# find_window: the window drawn in, looked up once a frame is drawn and
# until found (SDL may replace the window it first made, and a search can
# fail while another window goes away: a fresh clone's run here sent its keys
# to a window id that no longer existed, BadWindow)
find_window() { wid=$(xdotool search --name '^izhiscope' 2>/dev/null | tail -n 1); [ -n "$wid" ]; }
# key N KEY...: sends the keys (N of them) to the window, until it handled them
key() { n0=$(st keys); c=$1; shift; xdotool key --window "$wid" "$@"; wait_for "keys $*" at_least keys $((n0 + c)); }
if command -v xdotool >/dev/null 2>&1 && [ -n "${DISPLAY:-}" ]; then
    rm -f w.csv wt.csv we.csv "$work/status"
    $mpirun_ --oversubscribe -np 2 -x DISPLAY -x IZHISCOPE_TEST_STATUS="$work/status" "$mpi" --seed 5 --trace-neuron 900 --spikes w.csv --trace wt.csv --events we.csv \
        >wout.txt 2>werr.txt &
    app=$!
    wait_for "300 ms simulated" at_least sim_ms 300
    wait_for "a frame" at_least frames 1
    wait_for "the window" find_window
    key 1 Up; sim_on 200
    key 1 shift+Down; sim_on 200
    key 1 space
    key 4 Up period period period
    key 1 space; sim_on 200
    xdotool key --window "$wid" Escape
    wait $app
    rc=$?
    check "2 processes, the window: exit 0, the recordings written once" \
        test $rc = 0 -a "$(grep -c '^wrote' wout.txt)" = 3
    check "... the three noise changes recorded" test "$(grep -c ',noise_' we.csv)" = 3
    last=$(grep -v '^#' wt.csv | tail -n 1 | cut -d, -f1)
    "$rerun" 1000 1000 5 paper 5 2 900 $((last + 1)) we.csv r.csv rt.csv
    grep -v '^#' w.csv > w.data; grep -v '^#' wt.csv > wt.data     # the '#' lines: parameters, events
    check "... its spikes and trace (neuron 900, process 1's) = the plain model re-run with its events ($last ms)" \
        sh -c "cmp -s r.csv w.data && cmp -s rt.csv wt.data"
    # the same by the feature (--schedule, issue 19): the session's events file
    # re-run headless by the plain build and by 2 processes
    "$plain" --headless --seed 5 --trace-neuron 900 --duration $((last + 1)) --schedule we.csv --spikes hs.csv \
        --trace hst.csv >/dev/null 2>&1
    runp 2 --headless --seed 5 --trace-neuron 900 --duration $((last + 1)) --schedule we.csv --spikes ms.csv \
        --trace mst.csv >/dev/null 2>&1
    check "... = --headless --schedule with its events file, the plain build's and 2 processes' (data lines)" \
        sh -c "grep -v '^#' hs.csv | cmp -s - w.data && grep -v '^#' hst.csv | cmp -s - wt.data &&
               grep -v '^#' ms.csv | cmp -s - w.data && grep -v '^#' mst.csv | cmp -s - wt.data"
    # the window under mpirun applies a schedule too (its pauses left out: a
    # paused window waits for its user): the plain build's headless bytes
    grep -v ',paused,' we.csv > wsch.csv
    rm -f w2.csv wt2.csv "$work/status"
    $mpirun_ --oversubscribe -np 2 -x DISPLAY -x IZHISCOPE_TEST_STATUS="$work/status" "$mpi" --seed 5 --trace-neuron 900 \
        --schedule wsch.csv --speed max --spikes w2.csv --trace wt2.csv >wout.txt 2>werr.txt &
    app=$!
    wait_for "$((last + 100)) ms simulated" at_least sim_ms $((last + 100))
    wait_for "a frame" at_least frames 1
    wait_for "the window" find_window
    xdotool key --window "$wid" Escape
    wait $app
    rc=$?
    last2=$(grep -v '^#' wt2.csv | tail -n 1 | cut -d, -f1)
    "$plain" --headless --seed 5 --trace-neuron 900 --duration $((last2 + 1)) --schedule wsch.csv --spikes hs2.csv \
        --trace hst2.csv >/dev/null 2>&1
    check "2 processes, the window with --schedule: exit 0, the plain build's --headless --schedule bytes ($last2 ms)" \
        sh -c "test $rc = 0 && test $last2 -gt $last && grep -v '^#' hs2.csv > a && grep -v '^#' w2.csv | cmp -s - a &&
               grep -v '^#' hst2.csv > a && grep -v '^#' wt2.csv | cmp -s - a"

    # the knobs (docs/model.md "Knobs") travel in the same control words:
    # weights, currents and the stimulus changed live on two processes give
    # the plain model re-run with those events
    rm -f w.csv wt.csv we.csv "$work/status"
    $mpirun_ --oversubscribe -np 2 -x DISPLAY -x IZHISCOPE_TEST_STATUS="$work/status" "$mpi" --seed 5 --trace-neuron 30 --spikes w.csv --trace wt.csv --events we.csv \
        >wout.txt 2>werr.txt &
    app=$!
    wait_for "300 ms simulated" at_least sim_ms 300
    wait_for "a frame" at_least frames 1
    wait_for "the window" find_window
    key 1 e; sim_on 200
    key 1 shift+i; sim_on 200
    key 1 k; sim_on 200
    key 2 c shift+v; sim_on 200
    key 1 k; sim_on 200
    xdotool key --window "$wid" Escape
    wait $app
    rc=$?
    check "2 processes, knob keys E, Shift+I, K, C, Shift+V, K: exit 0, six knob events" \
        sh -c "test $rc = 0 && test \$(grep -cE ',(weight|current)_[ei],|,stim,' we.csv) = 6"
    last=$(grep -v '^#' wt.csv | tail -n 1 | cut -d, -f1)
    "$rerun" 1000 1000 5 paper 5 2 30 $((last + 1)) we.csv r.csv rt.csv
    grep -v '^#' w.csv > w.data; grep -v '^#' wt.csv > wt.data
    check "... its spikes and trace = the plain model re-run with its knob events ($last ms)" \
        sh -c "cmp -s r.csv w.data && cmp -s rt.csv wt.data"
    # a restart: every process builds the new network; the session goes on
    rm -f "$work/status"
    $mpirun_ --oversubscribe -np 2 -x DISPLAY -x IZHISCOPE_TEST_STATUS="$work/status" "$mpi" --seed 6 --events re.csv >wout.txt 2>werr.txt &
    app=$!
    wait_for "300 ms simulated" at_least sim_ms 300
    wait_for "a frame" at_least frames 1
    wait_for "the window" find_window
    r0=$(st restarts)
    key 1 shift+r
    wait_for "the restart" at_least restarts $((r0 + 1))
    wait_for "200 ms of the new network" at_least sim_ms 200
    xdotool key --window "$wid" Escape
    wait $app
    rc=$?
    check "2 processes, Shift+R: a new seed on every process, exit 0" \
        sh -c "test $rc = 0 && grep -q ',restart,' re.csv && grep -q '^restarted with a new seed' wout.txt"
    # no display: process 0 cannot open the window; all stop, one message
    env -u DISPLAY $mpirun_ --oversubscribe -np 2 "$mpi" --seed 1 >wout.txt 2>werr.txt
    rc=$?
    check "no display: every process exits non-zero, the reason said once" \
        test $rc != 0 -a "$(grep -c '^izhiscope:' werr.txt)" = 1
else
    echo "  skip the window under mpirun: no Xvfb or xdotool"
fi
[ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
[ "$fail" = 0 ] || { echo "last stderr:"; head -20 err.txt; }
echo "e2e mpi: $pass passed, $fail failed"
[ "$fail" = 0 ]
