#!/usr/bin/env bash
# False alarms: runs each healthy simulation RUNS times against the embedded reference target, as QA runs them
# (mvn gatling:test, the sign-off deciding the exit status), and prints how many passed, then each row's p95 spread
# between the runs (the run-to-run noise a regression floor must stay above).
# Usage: bench/false-alarms.sh   (RUNS=10 SIMULATIONS="Steady Spike Soak Stress Capacity Levels" SCALE=ci by default)
#
# Detection power: with MODES (or NOISE=1, which defaults MODES to all five), each mode runs RUNS times instead:
#   steady   a healthy Steady against a baseline saved from a healthy Steady run first: a failure is a false alarm
#   soak     a healthy Soak (drift judged): a failure is a false alarm
#   latency  Steady with the target's token interval and prefill x1.3, against that baseline: caught by a regression
#   errors   Steady with 5 % of the target's replies failed (embedded-target.faults.error-rate): caught by the error budget
#   drift    Soak whose latency grows by DRIFT a minute (embedded-target.faults.latency-growth-per-minute): caught as drift
# and it prints, per mode, the runs, the false alarms or detections, and why each miss or false alarm went as it did.
# STEADY_ARGS and SOAK_ARGS size the runs (a p95 needs 86 samples of a row in both runs to be compared).
# NOISE=1 runs busy loops that come and go on both cores meanwhile (core 0: 8 s on, 8 s off; core 1: 5 s on, 11 s
# off; pinned with taskset), killed when the script ends. It slows the whole machine: run nothing else beside it.
#   NOISE=1 RUNS=10 bench/false-alarms.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
simulations=${SIMULATIONS:-"Steady Spike Soak Stress Capacity Levels"}
scale=${SCALE:-ci}
noise=${NOISE:-0}
modes=${MODES:-$([[ "$noise" == 1 ]] && echo "steady soak latency errors drift" || true)}
steady_args=${STEADY_ARGS:-"-Dscales.ci.steady.rate=12"}
soak_args=${SOAK_ARGS:-"-Dscales.ci.soak.rate=6 -Dscales.ci.soak.duration=60s -Dscales.ci.soak.window=15s"}
drift=${DRIFT:-1}
run_timeout=1200
outcomes=$(mktemp)
baselines=$(mktemp -d)
noise_pids=()
stop_noise() {
  for pid in "${noise_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap 'stop_noise; rm -rf "$outcomes" "$baselines"' EXIT
mkdir -p results
mvn -q test-compile

# One busy loop on a core: on for $2 s, off for $3 s, over and over; ended by the trap, and by timeout at the latest.
busy() {
  taskset -c "$1" timeout "$4" bash -c \
    "while :; do end=\$((SECONDS + $2)); while (( SECONDS < end )); do :; done; sleep $3; done" &
  noise_pids+=($!)
}

# Runs one simulation; appends "<label> <exit status> <run folder or ->" to the outcomes.
run() {
  local label=$1 simulation=$2
  shift 2
  local started status=0 folder entry
  started=$(date +%s)
  timeout "$run_timeout" mvn -q gatling:test -Dsimulation="$simulation" -Dscale="$scale" "$@" \
    > "results/false-alarms-$label-$(date +%s%3N).log" 2>&1 || status=$?
  folder=$(find results -mindepth 1 -maxdepth 1 -type d -name "${simulation,,}-*" -newermt "@$started" \
    -printf '%f\n' | sort | tail -n 1)
  entry=${folder:+results/$folder}
  echo "$label $status ${entry:--}" >> "$outcomes"
  echo "$label: exit $status ${folder:-no run folder}"
}

if [[ -z "$modes" ]]; then
  for simulation in $simulations; do
    for _ in $(seq "$runs"); do
      run "$simulation" "$simulation"
    done
  done
  mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=llmperf.bench.FalseAlarms -Dexec.args="$outcomes"
  exit 0
fi

if [[ "$noise" == 1 ]]; then
  # Bounded by the longest the runs can take, should the trap never run.
  bound=$(( (runs * $(wc -w <<< "$modes") + 1) * run_timeout ))
  busy 0 8 8 "$bound"
  busy 1 5 11 "$bound"
fi
# A bench baseline in a folder of its own: the kept results/baselines are never touched.
common=("-Dllmperf.baselines=$baselines")
read -r -a steady <<< "$steady_args"
read -r -a soak <<< "$soak_args"
if [[ " $modes " == *" steady "* || " $modes " == *" latency "* ]]; then
  run baseline Steady "${common[@]}" "${steady[@]}"
  baseline_run=$(tail -n 1 "$outcomes" | cut -d' ' -f3)
  mvn -q exec:java -Dexec.mainClass=llmperf.signoff.SignOffCommand -Dllmperf.baselines="$baselines" \
    -Dexec.args="save-baseline $baseline_run" > /dev/null 2>&1 \
    || { echo "the baseline run ($baseline_run) did not pass its sign-off: nothing to compare with" >&2; exit 1; }
fi
slower=(-Dembedded-target.generation.token-interval=13ms -Dembedded-target.generation.prefill-base=104ms
  -Dembedded-target.generation.prefill-per-prompt-token=0.26ms)
for mode in $modes; do
  for _ in $(seq "$runs"); do
    case "$mode" in
      steady) run steady Steady "${common[@]}" "${steady[@]}" ;;
      soak) run soak Soak "${common[@]}" "${soak[@]}" ;;
      latency) run latency Steady "${common[@]}" "${steady[@]}" "${slower[@]}" ;;
      errors) run errors Steady "${common[@]}" "${steady[@]}" -Dembedded-target.faults.error-rate=0.05 ;;
      drift) run drift Soak "${common[@]}" "${soak[@]}" -Dembedded-target.faults.latency-growth-per-minute="$drift" ;;
      *) echo "unknown mode '$mode': expected steady, soak, latency, errors or drift" >&2; exit 1 ;;
    esac
  done
done
stop_noise
mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=llmperf.bench.DetectionPower \
  -Dexec.args="$outcomes"
