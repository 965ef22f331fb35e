#!/usr/bin/env bash
# TTFT fidelity and stream throughput of the suite's own client against plain Gatling sse() on the same requests,
# both held to the reference server's own record: the server alone in its JVM pinned to core 0, each load
# generator pinned to core 1, N closed-loop streamed completions (64 tokens at 20 ms per token) per level.
# Usage: bench/ttft-fidelity.sh   (LEVELS="1 100 500 1000 2000" SECONDS_PER_LEVEL=60 PORT=18080 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18080}
seconds=${SECONDS_PER_LEVEL:-60}
levels=${LEVELS:-"1 100 500 1000 2000"}
runs=$(mktemp)
mkdir -p results
mvn -q test-compile
trap 'kill "${server:-}" 2>/dev/null || true; rm -f "$runs"' EXIT
source bench/reference-server.sh
start_reference_server "$port" results/bench-server.log
server_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
for n in $levels; do
  for simulation in TtftFidelity GatlingSseFidelity; do
    before=$(server_ticks)
    taskset -c 1 timeout $((seconds + 300)) mvn -q gatling:test -Dgatling.simulationClass="llmperf.bench.$simulation" \
      -Dtarget.base-url="http://127.0.0.1:$port" -Dtarget.api-key=sk-embedded-demo -Dfidelity.streams="$n" \
      -Dfidelity.seconds="$seconds" > "results/bench-$simulation-$n.log" 2>&1 || true
    after=$(server_ticks)
    folder=$(ls -dt results/"$(echo "$simulation" | tr '[:upper:]' '[:lower:]')"-* | head -1)
    echo "$n $simulation $folder $((after - before))" >> "$runs"
  done
done
mvn -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=llmperf.bench.FidelityTable \
  -Dexec.args="$seconds $runs"
