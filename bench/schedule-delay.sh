#!/usr/bin/env bash
# Schedule delay at rising open-model rates: runs Steady (workload=openai, the embedded reference server with slots
# for every stream) at each rate for SECONDS_PER_RATE and prints, from each run's summary.json, how late journeys
# started against when Gatling's plan made them due (p50/p99/max) and the journeys/s achieved against requested.
# Usage: bench/schedule-delay.sh   (RATES="5 20 50 100 200" SECONDS_PER_RATE=20 by default; about 3 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
rates=${RATES:-"5 20 50 100 200"}
seconds=${SECONDS_PER_RATE:-20}
mkdir -p results
mvn -q test-compile
printf '| users/s asked | journeys due | schedule delay p50 / p99 / max (ms) | journeys/s requested / achieved (%%) | lowest 1 s window | event-loop lag p99 (ms) | generator verdict |\n'
printf '|---|---|---|---|---|---|---|\n'
for rate in $rates; do
  started=$(date +%s)
  # The sign-off may fail a budget at the higher rates: the figures are read all the same.
  timeout 600 mvn -q gatling:test -Dsimulation=Steady -Dscale=ci -Dworkload=openai \
    -Dscales.ci.steady.rate="$rate" -Dscales.ci.steady.ramp=0s -Dscales.ci.steady.duration="${seconds}s" \
    -Dembedded-target.generation.slots=4000 -Dembedded-target.generation.queue=4000 \
    > "results/schedule-delay-$rate.log" 2>&1 || true
  folder=$(find results -mindepth 1 -maxdepth 1 -type d -name 'steady-*' -newermt "@$started" | sort | tail -n 1)
  if [[ -z "$folder" || ! -f "$folder/summary.json" ]]; then
    printf '| %s | no run folder: see results/schedule-delay-%s.log |||||\n' "$rate" "$rate"
    continue
  fi
  jq -r --arg rate "$rate" '.generator as $g | "| \($rate) | \([$g.scheduleWindows[].due] | add) |'\
' \($g.scheduleDelayP50Ms) / \($g.scheduleDelayP99Ms) / \($g.scheduleDelayMaxMs) |'\
' \($g.requestedRatePerSec * 100 | round / 100) / \($g.achievedRatePerSec * 100 | round / 100)'\
' (\($g.achievedRatePercent * 10 | round / 10) %) | \($g.lowestWindowRatePercent * 10 | round / 10) % |'\
' \($g.lagP99Ms) | \($g.verdict) |"' "$folder/summary.json"
done
