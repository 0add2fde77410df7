#!/usr/bin/env bash
# Trino ingestion (issue 4, "Benchmark"): QueryCompletedEvents of the captures' size mix (median about 190 KB) and small
# ones (<= 5 KB) posted to POST /api/v1/trino/events (TrinoIngestLoad of bench/load), then what the raw events cost on
# disk per 10,000 queries (pg_total_relation_size of the event log, lineage_events, PostgreSQL's TOAST compression
# included).
#
# Starts the server jar on a fresh PostgreSQL database. Needs a PostgreSQL server reached with psql as BENCH_PSQL
# (default: psql -h 127.0.0.1 -U postgres). Knobs: BENCH_DB (lineage_bench_trino, dropped and recreated), PORT (5091),
# CONCURRENCY (20: Trino's HTTP event listener posts every event asynchronously, without waiting for the answer to the
# previous one, over at most http-client.max-connections-per-server connections, 20 by default; a busy coordinator
# keeps that many requests in flight), MIXED_EVENTS (500 per round), SMALL_EVENTS (3000 per round), ROUNDS (3),
# SERVER_HEAP (2g), MIXED_WARMUP (1000) and SMALL_WARMUP (20000) events before the timed rounds: the server's JIT
# compiler needs tens of thousands of small Trino events on two cores before the rates level off, and a rate measured
# earlier is the compiler's, not the steady server's (a long-running server's). JAR: another server jar (e.g. one built
# from an older commit, for an A/B); default: this checkout's, built when stale. SQL: same (the captures' texts repeat,
# as dashboards' and scheduled jobs' do) or unique (each text new, so the server's cache of parsed SQL never answers).
# CLIENT: socket (plain HTTP/1.1 keep-alive connections, the default) or jdk (java.net.http.HttpClient, which costs the
# shared cores more than the server does per small event). JAVA_OPTS: more options for the server JVM.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$bench/.." && pwd)"
# shellcheck source=lib/server.sh
source "$bench/lib/server.sh"
# shellcheck source=lib/load-jar.sh
source "$bench/lib/load-jar.sh"
database=${BENCH_DB:-lineage_bench_trino}
port=${PORT:-5091}
concurrency=${CONCURRENCY:-20}
rounds=${ROUNDS:-3}
mixed=${MIXED_EVENTS:-500}
small=${SMALL_EVENTS:-3000}
psql_admin=(${BENCH_PSQL:-psql -h 127.0.0.1 -U postgres})
log="/tmp/trino-ingest-bench-server-$port.log"

load=$(load_jar)
"${psql_admin[@]}" -q -d postgres -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
server_start "$port" "${SERVER_HEAP:-2g}" "$log" LINEAGE_DB_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
  LINEAGE_DB_USER="${BENCH_DB_USER:-postgres}" LINEAGE_DB_PASSWORD="${BENCH_DB_PASSWORD:-}"

events_size() { "${psql_admin[@]}" -tAq -d "$database" -c "SELECT pg_total_relation_size('lineage_events')"; }
events_count() { "${psql_admin[@]}" -tAq -d "$database" -c "SELECT count(*) FROM lineage_events"; }
per_10k() { # bytes before, bytes after, events before, events after
  awk -v b0="$1" -v b1="$2" -v n0="$3" -v n1="$4" \
    'BEGIN { printf "%.1f MB per 10,000 queries (%d events, %.1f KB each)\n", (b1 - b0) / (n1 - n0) * 10000 / 1e6, n1 - n0, (b1 - b0) / (n1 - n0) / 1e3 }'
}

ticks=$(getconf CLK_TCK)
backends() { # the PostgreSQL backends serving the server's database (its connection pool), comma-separated
  "${psql_admin[@]}" -tAq -d postgres -c "SELECT string_agg(pid::text, ',') FROM pg_stat_activity WHERE datname = '$database'"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run"
for mix in mixed small; do
  count=$mixed; warmup=${MIXED_WARMUP:-1000}
  if [ "$mix" = small ]; then count=$small; warmup=${SMALL_WARMUP:-20000}; fi
  bytes_before=$(events_size); events_before=$(events_count)
  # Each round prints the CPU the server and the PostgreSQL backends serving its database spent per event in it.
  java -cp "$load" lineage.bench.TrinoIngestLoad --url "http://127.0.0.1:$port" --mix "$mix" --events "$count" \
    --rounds "$rounds" --warmup "$warmup" --concurrency "$concurrency" --sql "${SQL:-same}" --client "${CLIENT:-socket}" \
    --server-pid "$server_pid" --postgres-pids "$(backends)" \
    --clock-ticks "$ticks" --fixtures "$root/lineage-server/src/test/resources/fixtures/trino/476"
  echo "disk ($mix): $(per_10k "$bytes_before" "$(events_size)" "$events_before" "$(events_count)") (warm-up included)"
  echo "load average after $mix: $(cut -d' ' -f1-3 /proc/loadavg)"
done
