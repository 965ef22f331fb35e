#!/usr/bin/env bash
# False alarms: runs each healthy simulation RUNS times against the embedded reference target, as QA runs them
# (mvn gatling:test, the sign-off deciding the exit status), and prints how many passed, then each row's p95 spread
# between the runs (the run-to-run noise a regression floor must stay above).
# Usage: bench/false-alarms.sh   (RUNS=10 SIMULATIONS="Steady Spike Soak Stress Capacity Levels" SCALE=ci by default)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
simulations=${SIMULATIONS:-"Steady Spike Soak Stress Capacity Levels"}
scale=${SCALE:-ci}
outcomes=$(mktemp)
trap 'rm -f "$outcomes"' EXIT
mkdir -p results
mvn -q test-compile
for simulation in $simulations; do
  for run in $(seq "$runs"); do
    started=$(date +%s%3N)
    status=0
    timeout 1200 mvn -q gatling:test -Dsimulation="$simulation" -Dscale="$scale" \
      > "results/false-alarms-$simulation-$run.log" 2>&1 || status=$?
    folder=$(find results -mindepth 1 -maxdepth 1 -type d -name "${simulation,,}-*" -newermt "@$((started / 1000))" \
      -printf '%f\n' | sort | tail -n 1)
    entry=${folder:+results/$folder}
    echo "$simulation $status ${entry:--}" >> "$outcomes"
    echo "$simulation run $run: exit $status ${folder:-no run folder}"
  done
done
mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=llmperf.bench.FalseAlarms -Dexec.args="$outcomes"
