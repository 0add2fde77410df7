#!/usr/bin/env bash
# OpenLineage ingestion of the lineage server (issue 3, "Benchmark"), with the CPU it costs: starts the server jar on a
# fresh embedded PostgreSQL (as bin/lineage-server does), warms it up with the load generator (LoadGenerator of
# bench/load), then times ROUNDS rounds of single-event and of batched ingestion and prints, for each, events/s and the
# CPU seconds the server and its PostgreSQL processes spent per event. On a shared machine the rates swing by a factor
# of two from run to run; the CPU per event is the steadier figure to compare two versions by.
#
# Knobs: PORT (5095), DB_PORT (the embedded PostgreSQL's, PORT + 50000), ROUNDS (3), WARMUP (2 rounds of the DAG),
# SERVER_HEAP (1g), DATA_DIR (a fresh temporary directory), JAVA_OPTS (more options for the server JVM), LOADGEN_ARGS
# (more options for the load generator, e.g. "--jobs 4000 --datasets 6000"), JAR (another server jar, e.g. one built
# from an older commit for an A/B; default: this checkout's, built when stale), IDENTITY (1: aliases in play, the
# identity resolution of issue 19 at work: the server is configured with a Trino cluster's second address and a
# catalog's physical home, and the load generator names a third of the datasets in each and every other job in the
# former, each spelled so that the naming spec rewrites it too; see bench/load's Names. Default 0: every name in the
# load's own namespaces, which identity leaves as they are. An older server jar ignores the configuration and takes
# the names as they come).
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib/server.sh
source "$bench/lib/server.sh"
# shellcheck source=lib/load-jar.sh
source "$bench/lib/load-jar.sh"
port=${PORT:-5095}
rounds=${ROUNDS:-3}
data_dir=${DATA_DIR:-}
if [ -z "$data_dir" ]; then data_dir=$(mktemp -d /tmp/lineage-ingest-bench.XXXXXX); remove_on_exit "$data_dir"; fi
log="/tmp/lineage-ingest-bench-server-$port.log"
url="http://127.0.0.1:$port"
read -r -a extra <<<"${LOADGEN_ARGS:-}"
identity=()
if [ "${IDENTITY:-0}" = 1 ]; then
  extra+=(--names aliases)
  identity=(LINEAGE_TRINO_NAMESPACE=trino://trino.bench:8080 LINEAGE_TRINO_NAMESPACE_ALIASES=http://127.0.0.1:8080
    LINEAGE_TRINO_CATALOGS_LAKEHOUSE_NAMESPACE=postgres://pg.bench:5432 LINEAGE_TRINO_CATALOGS_LAKEHOUSE_DATABASE=lake)
fi

# Built before the server starts, so that no compiler runs on the cores the rounds measure.
load=$(load_jar)
generate() { java -cp "$load" lineage.bench.LoadGenerator --url "$url" "${extra[@]}" "$@"; }
server_start "$port" "${SERVER_HEAP:-1g}" "$log" LINEAGE_DATA_DIR="$data_dir" \
  LINEAGE_EMBEDDED_DB_PORT="${DB_PORT:-$((port + 50000))}" ${identity[@]+"${identity[@]}"}

# CPU seconds of the server JVM, of the embedded PostgreSQL's backends (the server's connection pool: the statements
# themselves) and of all its processes (the postmaster with the exited children it reaped — autovacuum workers — and
# its current children: backends, WAL writer, checkpointer). Background work lags behind the writes that cause it
# (autovacuum of what the warm-up wrote runs during the first rounds), so compare backends round by round, and the
# total over a whole run.
ticks=$(getconf CLK_TCK)
postmaster=$(pgrep -f -- "-D $data_dir" | head -1)
cpu_of() { awk '{ s += $14 + $15 + ($16 + $17) * with_children } END { print s + 0 }' with_children="$1" "${@:2}" 2>/dev/null || true; } # a process may exit meanwhile
cpu_seconds() {
  local children backends
  children=$(pgrep -P "$postmaster" | sed 's|.*|/proc/&/stat|' | tr '\n' ' ')
  backends=$(for pid in $(pgrep -P "$postmaster"); do
    if tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline" | grep -q '(\|local'; then echo "/proc/$pid/stat"; fi
  done | tr '\n' ' ')
  awk -v t="$ticks" -v a="$(cpu_of 0 /proc/$server_pid/stat)" -v b="$(cpu_of 1 /proc/$postmaster/stat)" \
    -v c="$(cpu_of 0 /dev/null $children)" -v k="$(cpu_of 0 /dev/null $backends)" 'BEGIN { printf "%.2f %.2f %.2f", a / t, k / t, (b + c) / t }'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run; data in $data_dir"
generate --warmup "${WARMUP:-2}" --phases none | grep -E '^(cores|DAG|warm-up)'
for phase in single batch; do
  rates=()
  for round in $(seq 1 "$rounds"); do
    read -r server0 backends0 db0 <<<"$(cpu_seconds)"
    line=$(generate --warmup 0 --phases "$phase" | grep -E '^(single-event|batched):')
    read -r server1 backends1 db1 <<<"$(cpu_seconds)"
    events=$(sed -E 's/^[^:]*: ([0-9]+) events.*/\1/' <<<"$line")
    rate=$(sed -E 's/.*: ([0-9]+) events\/s$/\1/' <<<"$line")
    rates+=("$rate")
    awk -v l="$line" -v n="$events" -v s="$(echo "$server1 - $server0" | bc)" -v d="$(echo "$db1 - $db0" | bc)" \
      -v k="$(echo "$backends1 - $backends0" | bc)" -v r="$round" \
      'BEGIN { printf "round %d: %s; CPU per event: server %.2f ms + PostgreSQL %.2f ms (backends %.2f ms)\n", r, l, s / n * 1000, d / n * 1000, k / n * 1000 }'
  done
  printf '%s\n' "${rates[@]}" | sort -n | awk -v p="$phase" '{ a[NR] = $1 } END { printf "median %s: %d events/s (%d rounds)\n", p, a[int((NR + 1) / 2)], NR }'
done
read -r server_end backends_end db_end <<<"$(cpu_seconds)"
echo "whole run (warm-up included): server $server_end s, PostgreSQL $db_end s (backends $backends_end s) of CPU"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
