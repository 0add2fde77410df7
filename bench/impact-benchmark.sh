#!/usr/bin/env bash
# Impact analysis on a synthetic graph of 1,000,000 datasets (issue: "Impact analysis ... Benchmark").
#
# Starts the server on a fresh PostgreSQL database and builds the graph through its API (ImpactGraph of bench/load:
# a binary tree in which job j reads dataset j and writes datasets 2j+1 and 2j+2, so 500,000 jobs and 1,499,999 edges,
# one OpenLineage JobEvent per job, in batches), restarts it (so that the timed server loaded the graph from the store
# at start-up and has ingested nothing), then times GET /api/v1/impact from a dataset whose downstream is cut at
# 10,000 nodes (ImpactLoad of bench/load: median and p95 after a warm-up), with every node's shortest path (the
# default) and without (paths=false: each node names only the node it was reached from).
#
# Needs a PostgreSQL server, reached with psql as BENCH_PSQL (default: psql -h 127.0.0.1 -U postgres). Knobs: BENCH_DB
# (lineage_bench_impact, dropped and recreated), BENCH_DB_URL (default jdbc:postgresql://127.0.0.1:5432/$BENCH_DB),
# BENCH_DB_USER (postgres), BENCH_DB_PASSWORD, DATASETS (1000000), START (150), QUERIES (200), PORT (5090),
# SERVER_HEAP (3g), JAVA_OPTS (more options for the server JVM), JAR (another server jar, e.g. one built from an older
# commit for an A/B; default: this checkout's, built when stale), KEEP_DB=1 (time the graph BENCH_DB already holds,
# without dropping and posting it again: for an A/B, post it once, then time the two jars on it in turn).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/server.sh
source "$bench/lib/server.sh"
# shellcheck source=lib/load-jar.sh
source "$bench/lib/load-jar.sh"
datasets=${DATASETS:-1000000}
start=${START:-150}
port=${PORT:-5090}
database=${BENCH_DB:-lineage_bench_impact}
psql_admin=(${BENCH_PSQL:-psql -h 127.0.0.1 -U postgres})
url="http://127.0.0.1:$port"
log=/tmp/impact-bench-server-$port.log
database_environment=(LINEAGE_DB_URL="${BENCH_DB_URL:-jdbc:postgresql://127.0.0.1:5432/$database}"
  LINEAGE_DB_USER="${BENCH_DB_USER:-postgres}" LINEAGE_DB_PASSWORD="${BENCH_DB_PASSWORD:-}")

load=$(load_jar)
if [ "${KEEP_DB:-0}" != 1 ]; then
  "${psql_admin[@]}" -q -d postgres -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
  echo "posting $datasets datasets, $((datasets / 2)) jobs and their edges through the API"
  server_start "$port" "${SERVER_HEAP:-3g}" "$log" "${database_environment[@]}"
  java -cp "$load" lineage.bench.ImpactGraph --url "$url" --datasets "$datasets"
  server_stop
  "${psql_admin[@]}" -q -d "$database" -c "ANALYZE"
fi

echo "restarting the server (loads the graph)"
t0=$(date +%s)
server_start "$port" "${SERVER_HEAP:-3g}" "$log" "${database_environment[@]}"
echo "server up in $(( $(date +%s) - t0 )) s; $(grep -o 'Lineage graph loaded.*' "$log" | head -1)"
for query in "" "&paths=false"; do
  java -cp "$load" lineage.bench.ImpactLoad --url "$url" \
    --node "dataset:bench:lake.bench.table_$start" --queries "${QUERIES:-200}" --query "$query"
done
