#!/bin/sh
# rerun.sh -- regenerate the results_*.csv / wrong_*.csv files with the rhythm.h measures.
# Sequential, one core (OMP_NUM_THREADS=1). usage: sh rerun.sh STAGE...   stages:
#   paper200 euler200 noise small wrong1000 brian2 n10000 wrong10000 wrong10000slow
set -e
cd "$(dirname "$0")"
export OMP_NUM_THREADS=1
O="octave-cli --no-gui"
for stage in "$@"; do
  case $stage in
  paper200)
    $O run_octave.m paper 1:200 10000 5 2 results_octave_paper_200seeds.csv 2>/dev/null
    head -n 21 results_octave_paper_200seeds.csv > results_octave_paper.csv ;;
  euler200)
    $O run_octave.m euler 1:200 10000 5 2 results_octave_euler_200seeds.csv 2>/dev/null
    head -n 21 results_octave_euler_200seeds.csv > results_octave_euler.csv ;;
  noise)
    $O run_octave.m paper 1:20 10000 0 2 results_octave_paper_sigmae0.csv 2>/dev/null
    $O run_octave.m paper 1:20 10000 10 2 results_octave_paper_sigmae10.csv 2>/dev/null
    $O run_octave.m paper 1:20 10000 15 2 results_octave_paper_sigmae15.csv 2>/dev/null
    $O run_octave.m paper 1:20 10000 5 0 results_octave_paper_sigmai0.csv 2>/dev/null ;;
  small)
    $O run_octave.m paper 1:3 1000 0 0 results_octave_paper_nonoise_1000ms.csv 2>/dev/null
    $O run_octave.m paper 1:20 10000 5 2 results_octave_paper_single.csv single 2>/dev/null
    $O run_octave_sparse.m 1000 1000 1:3 10000 5 2 results_octave_paper_sparse_n1000_k1000.csv 2>/dev/null
    for N in 2000 5000; do
      $O run_octave_sparse.m $N 1000 1:3 10000 5 2 results_octave_paper_n${N}_k1000.csv 2>/dev/null
    done
    for K in 500 2000; do
      $O run_octave_sparse.m 10000 $K 1:10 10000 5 2 results_octave_paper_n10000_k$K.csv 2>/dev/null
    done ;;
  wrong1000)
    for v in late double signinh swap signpost; do
      $O run_octave.m paper 1:20 10000 5 2 wrong_octave_paper_$v.csv $v 2>/dev/null
    done ;;
  brian2)
    /usr/bin/python3 brian2_euler.py --seeds $(seq 1 20) --T 10000 --csv results_brian2_euler.csv --spikes-dir /tmp ;;
  n10000)
    # seeds 1, 2, ... for LIMIT s (default 1500 = 25 min) of one core; rows are flushed one by
    # one, so the complete rows are kept: results_octave_paper_n10000_k1000_<n>seeds.csv, and
    # its first 10 seeds as results_octave_paper_n10000_k1000.csv.
    rm -f /tmp/n10000_k1000_run.csv
    timeout ${LIMIT:-1500} $O run_octave_sparse.m 10000 1000 1:1000 10000 5 2 /tmp/n10000_k1000_run.csv 2>/dev/null || true
    rm -f octave-workspace   # written by Octave when timeout stops it
    n=$(awk -F, 'NR > 1 && NF == 26' /tmp/n10000_k1000_run.csv | wc -l)
    awk -F, 'NR == 1 || NF == 26' /tmp/n10000_k1000_run.csv > results_octave_paper_n10000_k1000_${n}seeds.csv
    head -n 11 results_octave_paper_n10000_k1000_${n}seeds.csv > results_octave_paper_n10000_k1000.csv ;;
  wrong10000)
    for v in scaleN splitswap splitmix; do
      $O run_octave_sparse.m 10000 1000 1:3 10000 5 2 wrong_octave_paper_n10000_k1000_$v.csv $v 2>/dev/null
    done
    $O run_octave_sparse.m 10000 500 1:2 10000 5 2 wrong_octave_paper_n10000_k500_noscale.csv noscale 2>/dev/null
    $O run_octave_sparse.m 10000 10000 1 10000 5 2 wrong_octave_paper_n10000_k10000_dense.csv 2>/dev/null ;;
  wrong10000slow)
    $O run_octave_sparse.m 10000 1000 1:3 10000 5 2 wrong_octave_paper_n10000_k1000_signpost.csv signpost 2>/dev/null
    $O run_octave_sparse.m 10000 2000 1:2 10000 5 2 wrong_octave_paper_n10000_k2000_noscale.csv noscale 2>/dev/null ;;
  *) echo "unknown stage $stage" >&2; exit 2 ;;
  esac
done
