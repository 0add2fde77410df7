#!/usr/bin/env bash
# Kafka ingestion (issue 21, "Benchmark"): a backlog of EVENTS OpenLineage events (LoadGenerator's DAG, START and
# COMPLETE per run, keyed by job as OpenLineage's Kafka transport keys them) on a topic of PARTITIONS partitions,
# drained by one server and then by two replicas in one consumer group (each run on a fresh database and a topic of its
# own): events/s and CPU per event, counted from the first message ingested to the last. In the same run, batched HTTP
# ingestion of the same events (KafkaLoad post: batches of 500, 8 senders) on a fresh database, for comparison; and the
# latency from producing an event to its dataset being visible in GET /api/v1/lineage at a steady RATE events/s.
#
# The servers use this machine's PostgreSQL (PG_HOST, PG_PORT; role lineage, databases lineage_bench_kafka_*, dropped
# and recreated), so that two replicas share one; the PostgreSQL figure is the CPU of all of that server's processes.
# Kafka is deploy/local/kafka-stack.sh's broker (started when not running).
#
# Knobs: EVENTS (1000000), PARTITIONS (4), PORT (5195; the second replica PORT + 1), RATE (1000), STEADY_SECONDS (60),
# STEADY_WARM_EVENTS (200000: a backlog drained before the steady phase, for the server's JIT), SERVER_HEAP (1g), JAR,
# MVN_ARGS, PHASES ("one two http steady").
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
# shellcheck source=lib/server.sh
source "$bench/lib/server.sh"
# shellcheck source=lib/load-jar.sh
source "$bench/lib/load-jar.sh"
events=${EVENTS:-1000000}
partitions=${PARTITIONS:-4}
port=${PORT:-5195}
phases=${PHASES:-one two http steady}
pg_host=${PG_HOST:-127.0.0.1}
pg_port=${PG_PORT:-5432}
bootstrap="127.0.0.1:${KAFKA_PORT:-9092}"
ticks=$(getconf CLK_TCK)

"$root/deploy/local/kafka-stack.sh" start >&2
kafka_libs=$(ls -d "${KAFKA_WORK:-/tmp/lineage-kafka}"/libs-* | tail -1)
load=$(load_jar)
server_jar
kafka_load() { java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$load:$kafka_libs/*" lineage.bench.KafkaLoad "$@"; }
generate() { java -cp "$load" lineage.bench.LoadGenerator --url "http://127.0.0.1:$port" "$@"; }

fresh_database() {
  PGOPTIONS="-c client_min_messages=warning" psql -h "$pg_host" -p "$pg_port" -U postgres -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
  psql -h "$pg_host" -p "$pg_port" -U postgres -qc "CREATE DATABASE $1 OWNER lineage"
}
database_env() {
  echo "LINEAGE_DB_URL=jdbc:postgresql://$pg_host:$pg_port/$1 LINEAGE_DB_USER=lineage LINEAGE_DB_PASSWORD=lineage"
}
cpu_of() { awk '{ s += $14 + $15 + ($16 + $17) * with_children } END { print s + 0 }' with_children="$1" "${@:2}" 2>/dev/null || true; }
# CPU seconds of the given server pids, and of the PostgreSQL server's processes (postmaster and its children).
postmaster=$(head -1 "$(psql -h "$pg_host" -p "$pg_port" -U postgres -tAc 'SHOW data_directory')/postmaster.pid")
cpu_seconds() {
  local stats="" pid children
  for pid in "$@"; do stats="$stats /proc/$pid/stat"; done
  children=$(pgrep -P "$postmaster" | sed 's|.*|/proc/&/stat|' | tr '\n' ' ')
  # shellcheck disable=SC2086 # lists of files
  awk -v t="$ticks" -v a="$(cpu_of 0 /dev/null $stats)" -v b="$(cpu_of 1 /proc/$postmaster/stat)" \
    -v c="$(cpu_of 0 /dev/null $children)" 'BEGIN { printf "%.2f %.2f", a / t, (b + c) / t }'
}
# Messages of a topic the servers on the given ports have ingested.
ingested() {
  local topic=$1 total=0 port count
  shift
  for port in "$@"; do
    count=$(curl -fs "http://127.0.0.1:$port/prometheus" 2>/dev/null \
      | awk -v t="topic=\"$topic\"" '/^lineage_kafka_messages_total\{/ && /result="ingested"/ && index($0, t) { s += $2 } END { printf "%d", s }')
    total=$((total + ${count:-0}))
  done
  echo "$total"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run; $events events, $partitions partitions"

# drain NAME REPLICAS: a backlog drained by that many replicas.
drain() {
  local name=$1 replicas=$2 topic database pids=() ports=() replica started ended s0 d0 s1 d1 seconds
  topic="kafka-bench-$name-$(date +%s)"
  database="lineage_bench_kafka_$name"
  kafka_load backlog --bootstrap "$bootstrap" --topic "$topic" --events "$events" --partitions "$partitions"
  fresh_database "$database"
  for replica in $(seq 1 "$replicas"); do
    # shellcheck disable=SC2046 # database_env is several assignments
    server_start $((port + replica - 1)) "${SERVER_HEAP:-1g}" "/tmp/lineage-kafka-bench-$name-$replica.log" \
      $(database_env "$database") LINEAGE_KAFKA_BOOTSTRAP_SERVERS="$bootstrap" LINEAGE_KAFKA_TOPICS="$topic" \
      LINEAGE_KAFKA_GROUP_ID="bench-$topic"
    pids+=("$server_pid")
    ports+=($((port + replica - 1)))
  done
  until [ "$(ingested "$topic" "${ports[@]}")" -gt 0 ]; do sleep 0.2; done
  started=$(date +%s.%N)
  read -r s0 d0 <<<"$(cpu_seconds "${pids[@]}")"
  until [ "$(ingested "$topic" "${ports[@]}")" -ge "$events" ]; do sleep 0.5; done
  ended=$(date +%s.%N)
  read -r s1 d1 <<<"$(cpu_seconds "${pids[@]}")"
  seconds=$(echo "$ended - $started" | bc)
  awk -v n="$events" -v r="$replicas" -v t="$seconds" -v s="$(echo "$s1 - $s0" | bc)" -v d="$(echo "$d1 - $d0" | bc)" \
    'BEGIN { printf "kafka, %d replica(s): %d events drained in %.1f s: %.0f events/s; CPU per event: servers %.3f ms + PostgreSQL %.3f ms\n", r, n, t, n / t, s / n * 1000, d / n * 1000 }'
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  server_pid=
}

for phase in $phases; do
  case $phase in
    one) drain one 1 ;;
    two) drain two 2 ;;
    http)
      fresh_database lineage_bench_kafka_http
      # shellcheck disable=SC2046
      server_start "$port" "${SERVER_HEAP:-1g}" /tmp/lineage-kafka-bench-http.log $(database_env lineage_bench_kafka_http)
      generate --jobs 2000 --datasets 3000 --warmup 1 --phases none | grep -E '^warm-up' || true
      read -r s0 d0 <<<"$(cpu_seconds "$server_pid")"
      # The backlog's events (same DAG, rounds and count), posted in batches of 500 by 8 senders.
      line=$(kafka_load post --url "http://127.0.0.1:$port" --events "$events" | grep -E '^posted')
      read -r s1 d1 <<<"$(cpu_seconds "$server_pid")"
      awk -v l="$line" -v n="$events" -v s="$(echo "$s1 - $s0" | bc)" -v d="$(echo "$d1 - $d0" | bc)" \
        'BEGIN { printf "http, %s; CPU per event: server %.3f ms + PostgreSQL %.3f ms\n", l, s / n * 1000, d / n * 1000 }'
      server_stop
      ;;
    steady)
      topic="kafka-bench-steady-$(date +%s)"
      fresh_database lineage_bench_kafka_steady
      # A backlog drained first, not counted: the JIT compiler's work on the server (on two cores it still compiled
      # the ingestion path two minutes into a steady run that had only ten seconds of warm-up, and took a core doing it).
      kafka_load backlog --bootstrap "$bootstrap" --topic "$topic" --events "${STEADY_WARM_EVENTS:-200000}" \
        --partitions "$partitions" >/dev/null
      # shellcheck disable=SC2046
      server_start "$port" "${SERVER_HEAP:-1g}" /tmp/lineage-kafka-bench-steady.log $(database_env lineage_bench_kafka_steady) \
        LINEAGE_KAFKA_BOOTSTRAP_SERVERS="$bootstrap" LINEAGE_KAFKA_TOPICS="$topic" LINEAGE_KAFKA_GROUP_ID="bench-$topic"
      until [ "$(ingested "$topic" "$port")" -ge "${STEADY_WARM_EVENTS:-200000}" ]; do sleep 1; done
      # Then 20 s at the rate in the same producer process (its own warm-up), then the measured part.
      kafka_load steady --bootstrap "$bootstrap" --topic "$topic" --url "http://127.0.0.1:$port" \
        --rate "${RATE:-1000}" --warmup 20 --seconds "${STEADY_SECONDS:-60}"
      # Whether the consumer kept up: the largest lag of any partition over the metrics' last window (30 s).
      curl -fs "http://127.0.0.1:$port/prometheus" \
        | awk '/^kafka_consumer_fetch_manager_records_lag_max\{/ && /partition=/ { if ($2 > m) m = $2 } END { printf "consumer lag, max over the last 30 s: %d messages\n", m }'
      server_stop
      ;;
    *) echo "unknown phase $phase" >&2; exit 2 ;;
  esac
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
