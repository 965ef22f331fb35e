#!/usr/bin/env bash
# The sign-off at scale: a dense run (DenseLog: the rows of a real ci Steady run written again and again through
# Gatling's own stats engine) writes a simulation.log of RECORDS records over SECONDS, then SignOffScale reads and
# judges it in a JVM of its own with -Xmx$HEAP, and prints the records, the time, the peak heap and the live heap.
# Usage: bench/signoff-scale.sh   (RECORDS=10000000 SECONDS_OF_LOAD=120 HEAP=512m by default; TEMPLATE=<run folder>
# skips the Steady run)
set -euo pipefail
cd "$(dirname "$0")/.."
records=${RECORDS:-10000000}
seconds=${SECONDS_OF_LOAD:-120}
heap=${HEAP:-512m}
mkdir -p results
mvn -q test-compile
newest() {
  find results -mindepth 1 -maxdepth 1 -type d -name "$1-*" -newermt "@$2" -printf '%f\n' | sort | tail -n 1
}
template=${TEMPLATE:-}
if [ -z "$template" ]; then
  started=$(date +%s)
  timeout 600 mvn -q gatling:test -Dsimulation=Steady > results/signoff-scale-template.log 2>&1
  template="$PWD/results/$(newest steady "$started")"
fi
started=$(date +%s)
# The dense run's own sign-off is left to SignOffScale, which measures it alone.
timeout 1800 mvn -q gatling:test -Dgatling.simulationClass=llmperf.bench.DenseLog -Dllmperf.signoff.in-process=true \
  -Ddense.template="$template" -Ddense.records="$records" -Ddense.seconds="$seconds" > results/signoff-scale-run.log 2>&1
dense="results/$(newest denselog "$started")"
classpath=$(mktemp)
trap 'rm -f "$classpath"' EXIT
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath"
timeout 1200 java "-Xmx$heap" --add-opens=java.base/java.lang=ALL-UNNAMED \
  -cp "target/test-classes:target/classes:$(cat "$classpath")" -Ddense.template="$template" \
  llmperf.bench.SignOffScale "$dense" > results/signoff-scale.log 2>&1
grep -A1 '^Sign-off scale' results/signoff-scale.log
