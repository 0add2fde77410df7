#!/usr/bin/env bash
# Impact analysis on a synthetic graph of 1,000,000 datasets (issue: "Impact analysis ... Benchmark").
#
# Builds the graph straight in a PostgreSQL database with generate_series (a binary tree: job j reads dataset j and
# writes datasets 2j+1 and 2j+2, so 500,000 jobs and 1,500,000 edges), starts the server on it (the graph is loaded
# at start-up), then times GET /api/v1/impact from a dataset whose downstream is cut at 10,000 nodes
# (ImpactLoad of bench/load: median and p95 after a warm-up), with every node's shortest path (the default) and without
# (paths=false: each node names only the node it was reached from).
#
# Needs a PostgreSQL server: BENCH_DB_URL (default jdbc:postgresql://127.0.0.1:5432/lineage_bench_impact), reached
# with psql as BENCH_PSQL (default: psql -h 127.0.0.1 -U postgres). Knobs: DATASETS (1000000), START (150),
# QUERIES (200), PORT (5090), SERVER_HEAP (3g), JAVA_OPTS (more options for the server JVM), JAR (another server jar,
# e.g. one built from an older commit for an A/B; default: this checkout's, built when stale).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/server.sh
source "$bench/lib/server.sh"
# shellcheck source=lib/load-jar.sh
source "$bench/lib/load-jar.sh"
datasets=${DATASETS:-1000000}
start=${START:-150}
port=${PORT:-5090}
database=lineage_bench_impact
psql_admin=(${BENCH_PSQL:-psql -h 127.0.0.1 -U postgres})
log=/tmp/impact-bench-server-$port.log
database_environment=(LINEAGE_DB_URL="${BENCH_DB_URL:-jdbc:postgresql://127.0.0.1:5432/$database}"
  LINEAGE_DB_USER="${BENCH_DB_USER:-postgres}" LINEAGE_DB_PASSWORD="${BENCH_DB_PASSWORD:-}")

load=$(load_jar)
"${psql_admin[@]}" -q -d postgres -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"

echo "creating the schema (Flyway, through the server)"
server_start "$port" "${SERVER_HEAP:-3g}" "$log" "${database_environment[@]}"
server_stop

echo "writing $datasets datasets, $((datasets / 2)) jobs and their edges"
t0=$(date +%s)
"${psql_admin[@]}" -q -d "$database" -v ON_ERROR_STOP=1 <<SQL
INSERT INTO namespaces (name, created_at, updated_at) VALUES ('bench', now(), now());
INSERT INTO datasets (id, namespace, name, created_at, updated_at)
  SELECT d, 'bench', 'lake.bench.table_' || d, now(), now() FROM generate_series(0, $datasets - 1) AS d;
INSERT INTO jobs (id, namespace, name, created_at, updated_at)
  SELECT j, 'bench', 'job_' || j, now(), now() FROM generate_series(0, $datasets / 2 - 1) AS j;
INSERT INTO lineage_edges (job_id, dataset_id, direction, source, first_seen, last_seen)
  SELECT j, j, 'INPUT', 'sql', now(), now() FROM generate_series(0, $datasets / 2 - 1) AS j;
INSERT INTO lineage_edges (job_id, dataset_id, direction, source, first_seen, last_seen)
  SELECT j, 2 * j + c, 'OUTPUT', 'sql', now(), now()
  FROM generate_series(0, $datasets / 2 - 1) AS j, generate_series(1, 2) AS c WHERE 2 * j + c < $datasets;
SELECT setval('datasets_id_seq', $datasets); SELECT setval('jobs_id_seq', $datasets / 2);
ANALYZE;
SQL
echo "written in $(( $(date +%s) - t0 )) s; starting the server (loads the graph)"
t0=$(date +%s)
server_start "$port" "${SERVER_HEAP:-3g}" "$log" "${database_environment[@]}"
echo "server up in $(( $(date +%s) - t0 )) s; $(grep -o 'Lineage graph loaded.*' "$log" | head -1)"
for query in "" "&paths=false"; do
  java -cp "$load" lineage.bench.ImpactLoad --url "http://127.0.0.1:$port" \
    --node "dataset:bench:lake.bench.table_$start" --queries "${QUERIES:-200}" --query "$query"
done
