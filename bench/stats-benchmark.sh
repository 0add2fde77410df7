#!/usr/bin/env bash
# Marquez's /api/v1/stats over 1,000,000 stored events (issue 20: "under 200 ms p95 over a million stored events").
#
# Starts the server once on a fresh PostgreSQL database (Flyway creates the tables), stops it, and loads the rows that
# 1,000,000 events leave with bulk SQL rather than through the API (the stats read none of what projection adds):
# EVENTS lineage events spread evenly over the last DAYS days (START, RUNNING, COMPLETE, FAIL, ABORT in turn, a small
# payload), their counts per quarter hour as ingestion keeps them (lineage_event_counts, written as if WRITERS
# backends had each stored a share of every quarter hour's events: more rows than one writer leaves), JOBS jobs and
# DATASETS datasets created over the same days, the datasets naming SOURCES sources in their dataSource facet (every
# tenth none: the source "default"). Then it restarts the server and times the four endpoints for DAY and WEEK
# (StatsLoad of bench/load: median and p95 over QUERIES requests each, after a warm-up), and checks the week's event
# count against a count of the log.
#
# Needs a PostgreSQL server, reached with psql as BENCH_PSQL (default: psql -h 127.0.0.1 -U postgres). Knobs: BENCH_DB
# (lineage_bench_stats, dropped and recreated), BENCH_DB_URL (default jdbc:postgresql://127.0.0.1:5432/$BENCH_DB),
# BENCH_DB_USER (postgres), BENCH_DB_PASSWORD, EVENTS (1000000), DAYS (30), WRITERS (8), JOBS (20000), DATASETS
# (50000), SOURCES (40), TIMEZONE (Europe/Berlin), QUERIES (200), PORT (5091), SERVER_HEAP (1g), JAVA_OPTS, JAR (another
# server jar; default: this checkout's, built when stale), KEEP_DB=1 (time the rows BENCH_DB already holds).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/server.sh
source "$bench/lib/server.sh"
# shellcheck source=lib/load-jar.sh
source "$bench/lib/load-jar.sh"
events=${EVENTS:-1000000}
days=${DAYS:-30}
writers=${WRITERS:-8}
jobs=${JOBS:-20000}
datasets=${DATASETS:-50000}
sources=${SOURCES:-40}
timezone=${TIMEZONE:-Europe/Berlin}
port=${PORT:-5091}
database=${BENCH_DB:-lineage_bench_stats}
psql_admin=(${BENCH_PSQL:-psql -h 127.0.0.1 -U postgres})
url="http://127.0.0.1:$port"
log=/tmp/stats-bench-server-$port.log
database_environment=(LINEAGE_DB_URL="${BENCH_DB_URL:-jdbc:postgresql://127.0.0.1:5432/$database}"
  LINEAGE_DB_USER="${BENCH_DB_USER:-postgres}" LINEAGE_DB_PASSWORD="${BENCH_DB_PASSWORD:-}")
sql() { "${psql_admin[@]}" -q -v ON_ERROR_STOP=1 -d "$database" "$@"; }

load=$(load_jar)
if [ "${KEEP_DB:-0}" != 1 ]; then
  "${psql_admin[@]}" -q -d postgres -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
  echo "creating the tables (the server's migrations)"
  server_start "$port" "${SERVER_HEAP:-1g}" "$log" "${database_environment[@]}"
  server_stop
  echo "loading $events events over $days days, $jobs jobs, $datasets datasets naming $sources sources"
  t0=$(date +%s)
  sql <<SQL
INSERT INTO namespaces (name, created_at, updated_at) VALUES ('bench', now() - interval '$days days', now());
-- Event i at now - days * (i / events): evenly spread, newest last.
INSERT INTO lineage_events (event_hash, event_kind, event_type, event_time, run_id, job_namespace, job_name, producer,
    payload, projected_at)
SELECT 'bench-' || i, 'RUN', (ARRAY['START', 'RUNNING', 'COMPLETE', 'FAIL', 'ABORT'])[1 + i % 5],
    now() - interval '$days days' * (1 - i::float8 / $events), md5((i / 5)::text)::uuid, 'bench', 'job_' || (i / 5) % $jobs,
    'https://github.com/lineage/bench', jsonb_build_object('eventType', 'bench', 'i', i), now()
FROM generate_series(1, $events) AS i;
-- What EventLogStore's statements add up to, spread over $writers writers (rows of their own each).
INSERT INTO lineage_event_counts (bucket_start, event_type, writer, events)
SELECT to_timestamp(floor(extract(epoch FROM event_time) / 900) * 900), COALESCE(event_type, ''), id % $writers, count(*)
FROM lineage_events GROUP BY 1, 2, 3;
INSERT INTO jobs (namespace, name, created_at, updated_at)
SELECT 'bench', 'job_' || j, now() - interval '$days days' * (1 - j::float8 / $jobs), now()
FROM generate_series(0, $jobs - 1) AS j;
INSERT INTO datasets (namespace, name, facets, created_at, updated_at)
SELECT 'bench', 'table_' || d,
    CASE WHEN d % 10 = 0 THEN '{}'::jsonb
        ELSE jsonb_build_object('dataSource', jsonb_build_object('name', 'source_' || d % $sources,
            'uri', 'postgres://db' || d % $sources || ':5432/bench')) END,
    now() - interval '$days days' * (1 - d::float8 / $datasets), now()
FROM generate_series(0, $datasets - 1) AS d;
VACUUM ANALYZE;
SQL
  echo "loaded in $(( $(date +%s) - t0 )) s"
fi
sql -At -c "SELECT 'rows: lineage_events ' || (SELECT count(*) FROM lineage_events)
  || ', lineage_event_counts ' || (SELECT count(*) FROM lineage_event_counts)
  || ', jobs ' || (SELECT count(*) FROM jobs) || ', datasets ' || (SELECT count(*) FROM datasets)
  || '; database ' || pg_size_pretty(pg_database_size(current_database()))"

echo "starting the server"
server_start "$port" "${SERVER_HEAP:-1g}" "$log" "${database_environment[@]}"
echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$load" lineage.bench.StatsLoad --url "$url" --timezone "$timezone" --queries "${QUERIES:-200}"
echo "load average after timing: $(cut -d' ' -f1-3 /proc/loadavg)"

# The week's events as the endpoint counts them, against the log itself.
answered=$(curl -fs "$url/api/v1/stats/lineage-events?period=WEEK&timezone=$timezone" \
  | python3 -c 'import json,sys; print(sum(d["fail"] + d["start"] + d["complete"] + d["abort"] for d in json.load(sys.stdin)))')
logged=$(sql -At -c "SELECT count(*) FROM lineage_events WHERE event_type IN ('START', 'COMPLETE', 'FAIL', 'ABORT')
  AND event_time >= (date_trunc('day', now() AT TIME ZONE '$timezone') - interval '6 days') AT TIME ZONE '$timezone'")
echo "week's START/COMPLETE/FAIL/ABORT events: answered $answered, in the log $logged"
