# Sourced by the benchmark scripts: the lineage server they run, one at a time, on a port of their own.
#
#   server_jar             copies the server jar to a temporary file (a rebuild during the run must not pull it from
#                          under the server) and sets server_jar_copy: JAR, else this checkout's, built when stale
#   server_start PORT HEAP LOG [NAME=value ...]
#                          starts it with LINEAGE_PORT=PORT, -Xmx HEAP, JAVA_OPTS (more options for its JVM) and the
#                          environment given (LINEAGE_DB_URL, ... or LINEAGE_DATA_DIR and LINEAGE_EMBEDDED_DB_PORT),
#                          writing to LOG; returns once GET /health answers, with the server's pid in server_pid (its
#                          own process: for the CPU it spends, from /proc); exits, showing the log's end, if it stops
#   server_stop            stops it and waits until it has
#   remove_on_exit PATH... removes the paths when the script exits
#
# On exit the server is stopped and the paths removed.
server_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
server_pid=
server_jar_copy=
server_temporary=()

server_jar() {
  local jar=${JAR:-$server_root/lineage-server/target/lineage-server-all.jar}
  if [ -z "${JAR:-}" ]; then "$server_root/bin/lineage" --help >/dev/null; fi # builds the server jar when stale
  server_jar_copy=$(mktemp /tmp/lineage-bench-server-XXXXXX.jar)
  remove_on_exit "$server_jar_copy"
  cp "$jar" "$server_jar_copy"
}

server_start() {
  local port=$1 heap=$2 log=$3
  shift 3
  [ -n "$server_jar_copy" ] || server_jar
  # env execs java: the pid is the server's own.
  # shellcheck disable=SC2086 # JAVA_OPTS holds several options
  env "$@" LINEAGE_PORT="$port" java -Xmx"$heap" ${JAVA_OPTS:-} -jar "$server_jar_copy" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { tail -20 "$log"; exit 1; }
    sleep 1
  done
  echo "the server did not answer http://127.0.0.1:$port/health within 600 s; see $log" >&2
  exit 1
}

server_stop() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=
}

remove_on_exit() {
  server_temporary+=("$@")
}

server_exit() {
  server_stop
  if [ ${#server_temporary[@]} -gt 0 ]; then rm -rf "${server_temporary[@]}"; fi
}
trap server_exit EXIT
