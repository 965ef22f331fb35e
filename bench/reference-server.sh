# Sourced by the benchmarks: starts the reference server alone in its JVM pinned to core 0 (slots and queue far
# above any level, 20 ms per token) on port $1, logging to $2; sets $server to its pid and waits up to 60 s for it.
start_reference_server() {
  taskset -c 0 mvn -q exec:java -Dembedded-target.port="$1" -Dembedded-target.generation.slots=5000 \
    -Dembedded-target.generation.queue=5000 -Dembedded-target.generation.token-interval=20ms > "$2" 2>&1 &
  server=$!
  for _ in $(seq 60); do
    curl -sf "http://127.0.0.1:$1/api/v1/health" > /dev/null && return 0
    sleep 1
  done
  echo "the reference server did not answer on port $1 within 60 s: see $2" >&2
  return 1
}
