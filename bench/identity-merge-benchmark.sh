#!/usr/bin/env bash
# Identity merge under load (issue 19: "Merging a cluster alias over a graph of 100,000 datasets: under 10 s, with
# ingestion continuing meanwhile").
#
# Starts the server once on a fresh PostgreSQL database (its migrations), then writes with SQL the graph a Trino
# cluster seen under two addresses leaves behind: DATASETS datasets and DATASETS/5 jobs in the alias namespace, every
# other one of each also in the canonical namespace (so half merge into a canonical row and half are renamed), each
# alias job reading 5 and writing 5 alias datasets (2 x DATASETS edges), an edge per canonical dataset, a version of
# each dataset and job, a run of each job and column lineage for a fifth of the written datasets. Then restarts the
# server (it loads that graph) and runs IdentityMergeLoad of bench/load: a steady sender posts events (half naming the
# alias namespace) before, during and after an operator's PUT of the namespace alias, and the merge's time is from the
# PUT until GET /api/v1/lineage shows a renamed dataset under its canonical name with its renamed job. RUNS (1) repeats
# the load and the timing on a freshly written graph each time.
#
# Needs a PostgreSQL server, reached with psql as BENCH_PSQL (default: psql -h 127.0.0.1 -U postgres). Knobs: BENCH_DB
# (lineage_bench_identity, dropped and recreated), BENCH_DB_URL, BENCH_DB_USER (postgres), BENCH_DB_PASSWORD, DATASETS
# (100000), RATE (events/s of the steady sender, 20), RUNS (1), PORT (5093), SERVER_HEAP (2g), JAVA_OPTS, JAR (another
# server jar, for an A/B), BENCH_LOG_STATEMENTS_MS (PostgreSQL logs the statements on BENCH_DB slower than that: where a
# merge spends its time).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/server.sh
source "$bench/lib/server.sh"
# shellcheck source=lib/load-jar.sh
source "$bench/lib/load-jar.sh"
datasets=${DATASETS:-100000}
jobs=$((datasets / 5))
port=${PORT:-5093}
database=${BENCH_DB:-lineage_bench_identity}
psql_admin=(${BENCH_PSQL:-psql -h 127.0.0.1 -U postgres})
url="http://127.0.0.1:$port"
log=/tmp/identity-merge-bench-server-$port.log
alias_namespace="trino://127.0.0.1:8085"
canonical_namespace="trino://localhost:8085"
database_environment=(LINEAGE_DB_URL="${BENCH_DB_URL:-jdbc:postgresql://127.0.0.1:5432/$database}"
  LINEAGE_DB_USER="${BENCH_DB_USER:-postgres}" LINEAGE_DB_PASSWORD="${BENCH_DB_PASSWORD:-}")
load=$(load_jar)

write_graph() {
  "${psql_admin[@]}" -q -d postgres -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
  if [ -n "${BENCH_LOG_STATEMENTS_MS:-}" ]; then
    "${psql_admin[@]}" -q -d postgres -c "ALTER DATABASE $database SET log_min_duration_statement = ${BENCH_LOG_STATEMENTS_MS}"
  fi
  server_start "$port" "${SERVER_HEAP:-2g}" "$log" "${database_environment[@]}" # creates the tables
  server_stop
  echo "writing $datasets alias datasets, $jobs alias jobs and half as many canonical ones with SQL"
  "${psql_admin[@]}" -q -d "$database" -v ON_ERROR_STOP=1 \
    -v alias="$alias_namespace" -v canonical="$canonical_namespace" -v datasets="$datasets" -v jobs="$jobs" <<'SQL'
INSERT INTO namespaces (name, created_at, updated_at) VALUES (:'alias', now(), now()), (:'canonical', now(), now());
INSERT INTO datasets (namespace, name, created_at, updated_at)
SELECT namespace, 'cat.s.t' || i, now(), now()
FROM generate_series(0, :datasets - 1) i, unnest(ARRAY[:'alias', :'canonical']) namespace
WHERE namespace = :'alias' OR i % 2 = 0;
INSERT INTO jobs (namespace, name, created_at, updated_at)
SELECT namespace, 'job' || i, now(), now()
FROM generate_series(0, :jobs - 1) i, unnest(ARRAY[:'alias', :'canonical']) namespace
WHERE namespace = :'alias' OR i % 2 = 0;
INSERT INTO lineage_edges (job_id, dataset_id, direction, source, first_seen, last_seen)
SELECT j.id, d.id, CASE WHEN g < :datasets THEN 'INPUT' ELSE 'OUTPUT' END, 'openlineage', now(), now()
FROM generate_series(0, 2 * :datasets - 1) g
JOIN jobs j ON j.namespace = :'alias' AND j.name = 'job' || (g % :jobs)
JOIN datasets d ON d.namespace = :'alias' AND d.name = 'cat.s.t' || (g % :datasets)
UNION ALL
SELECT j.id, d.id, 'INPUT', 'sql', now(), now()
FROM generate_series(0, :datasets - 1) g
JOIN jobs j ON j.namespace = :'canonical' AND j.name = 'job' || (g % :jobs)
JOIN datasets d ON d.namespace = :'canonical' AND d.name = 'cat.s.t' || g;
INSERT INTO dataset_versions (id, dataset_id, fields_hash, fields, created_at)
SELECT gen_random_uuid(), id, 'h' || (id % 3), '[]', now() FROM datasets;
INSERT INTO job_versions (id, job_id, version_hash, inputs, outputs, created_at)
SELECT gen_random_uuid(), id, 'v' || (id % 3), jsonb_build_array(jsonb_build_object(
    'namespace', namespace, 'name', 'cat.s.t' || substring(name, 4))), '[]', now()
FROM jobs;
INSERT INTO runs (id, job_id, state, last_event_time, created_at, updated_at)
SELECT gen_random_uuid(), id, 'COMPLETED', now(), now(), now() FROM jobs;
INSERT INTO column_lineage (output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype,
    job_id, source, first_seen, last_seen)
SELECT dataset_id, 'a', dataset_id, 'b', 'DIRECT', 'IDENTITY', job_id, 'openlineage', now(), now()
FROM lineage_edges WHERE direction = 'OUTPUT' AND dataset_id % 5 = 0;
VACUUM ANALYZE;
SQL
  "${psql_admin[@]}" -d "$database" -tAc \
    "SELECT 'stored: ' || (SELECT count(*) FROM datasets) || ' datasets, ' || (SELECT count(*) FROM jobs) || ' jobs, '
       || (SELECT count(*) FROM lineage_edges) || ' edges, ' || (SELECT count(*) FROM column_lineage)
       || ' column lineage rows'"
}

for run in $(seq 1 "${RUNS:-1}"); do
  echo "run $run: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  write_graph
  t0=$(date +%s)
  server_start "$port" "${SERVER_HEAP:-2g}" "$log" "${database_environment[@]}"
  echo "server up in $(( $(date +%s) - t0 )) s; $(grep -o 'Lineage graph loaded.*' "$log" | head -1)"
  java -cp "$load" lineage.bench.IdentityMergeLoad --url "$url" --alias "$alias_namespace" \
    --canonical "$canonical_namespace" --datasets "$datasets" --rate "${RATE:-20}"
  grep -o 'Merged namespace.*\|Lineage graph rebuilt.*' "$log" || true
  server_stop
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
