#!/usr/bin/env bash
# End-to-end check: the lineage server of this repository on a fresh PostgreSQL database, the Trino data mesh of
# trino-stack.sh with both event listeners posting to it, the 22 jaffle-mesh statements run one at a time, then
# assertions through the server's HTTP API (E2eCheck.java). Stops what it started on exit, whatever happens; exits
# non-zero when anything fails.
#
# Knobs (environment, defaults in brackets): LINEAGE_PORT [5000], TRINO_PORT [8085], TRINO_WORK [/tmp/lineage-trino]
# (also holds the lineage server's log), PG_HOST [127.0.0.1], PG_PORT [5432], PG_ADMIN_USER [postgres],
# PG_DB_PREFIX [''] (prefixes every database this script creates), LINEAGE_E2E_DB [${PG_DB_PREFIX}lineage_e2e] (dropped
# and recreated), LINEAGE_JAVA [java] (a JDK >= 17: runs the server and the check), LINEAGE_START_TIMEOUT [180],
# E2E_EVENT_WAIT seconds per query [30], E2E_ASSERT_WAIT seconds per assertion [10], E2E_KEEP_RUNNING [0] (1 leaves
# the server and Trino up for a look), LINEAGE_SERVER_JAR [this repository's lineage-server-all.jar, built when missing
# or stale] (another build of the server to check). trino-stack.sh's knobs apply too.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export LINEAGE_PORT=${LINEAGE_PORT:-5000}
export TRINO_PORT=${TRINO_PORT:-8085}
export TRINO_WORK=${TRINO_WORK:-/tmp/lineage-trino}
export PG_HOST=${PG_HOST:-127.0.0.1}
export PG_PORT=${PG_PORT:-5432}
export PG_ADMIN_USER=${PG_ADMIN_USER:-postgres}
export PG_DB_PREFIX=${PG_DB_PREFIX:-}
LINEAGE_E2E_DB=${LINEAGE_E2E_DB:-${PG_DB_PREFIX}lineage_e2e}
LINEAGE_E2E_ROLE=lineage_e2e
LINEAGE_JAVA=${LINEAGE_JAVA:-java}
LINEAGE_START_TIMEOUT=${LINEAGE_START_TIMEOUT:-180}
E2E_EVENT_WAIT=${E2E_EVENT_WAIT:-30}
E2E_ASSERT_WAIT=${E2E_ASSERT_WAIT:-10}
E2E_KEEP_RUNNING=${E2E_KEEP_RUNNING:-0}
JAR=${LINEAGE_SERVER_JAR:-$ROOT/lineage-server/target/lineage-server-all.jar}
SERVER_LOG="$TRINO_WORK/lineage-server.log"
LINEAGE_URL="http://127.0.0.1:$LINEAGE_PORT"
NAMESPACE="trino://localhost:$TRINO_PORT"

START=$(date +%s)
log() { echo "[e2e +$(($(date +%s) - START))s] $*" >&2; }
die() { echo "e2e: FAILED: $*" >&2; exit 1; }

SERVER_PID=""
cleanup() {
  local status=$?
  if [ "$E2E_KEEP_RUNNING" = 1 ]; then
    log "left running: lineage server $LINEAGE_URL (pid $SERVER_PID), Trino on port $TRINO_PORT"
    exit $status
  fi
  "$HERE/trino-stack.sh" stop || true
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping the lineage server (pid $SERVER_PID)"
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  exit $status
}
trap cleanup EXIT

# ---------------------------------------------------------------- the server jar
if [ -n "${LINEAGE_SERVER_JAR:-}" ]; then
  [ -f "$JAR" ] || die "LINEAGE_SERVER_JAR=$JAR does not exist"
elif [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/lineage-server/src/main" "$ROOT/sql-parser/src/main" \
  "$ROOT/lineage-server/pom.xml" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]; then
  log "building $JAR"
  (cd "$ROOT" && mvn -B -q package -DskipTests -Dspotless.check.skip=true -pl lineage-server -am) >&2
fi

# ---------------------------------------------------------------- a fresh database for the server
if curl -fsS --max-time 2 "$LINEAGE_URL/health" >/dev/null 2>&1; then
  die "something already answers on $LINEAGE_URL; set LINEAGE_PORT"
fi
if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
psql_admin() {
  PGOPTIONS="-c client_min_messages=warning" \
    psql -v ON_ERROR_STOP=1 -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ADMIN_USER" -d postgres "$@"
}
psql_admin <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$LINEAGE_E2E_ROLE') THEN
    CREATE ROLE $LINEAGE_E2E_ROLE LOGIN PASSWORD '$LINEAGE_E2E_ROLE';
  END IF;
END \$\$;
SQL
psql_admin -c "DROP DATABASE IF EXISTS $LINEAGE_E2E_DB WITH (FORCE)"
psql_admin -c "CREATE DATABASE $LINEAGE_E2E_DB OWNER $LINEAGE_E2E_ROLE"

# ---------------------------------------------------------------- the lineage server
mkdir -p "$TRINO_WORK"
log "starting the lineage server on $LINEAGE_URL (database $LINEAGE_E2E_DB, log $SERVER_LOG)"
# No LINEAGE_TRINO_NAMESPACE: the listeners report the cluster as localhost (trino.uri) and 127.0.0.1 (the
# coordinator), and the server learns they are one cluster, named $NAMESPACE (docs/identity.md).
LINEAGE_DB_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$LINEAGE_E2E_DB" \
  LINEAGE_DB_USER=$LINEAGE_E2E_ROLE LINEAGE_DB_PASSWORD=$LINEAGE_E2E_ROLE \
  MICRONAUT_SERVER_PORT=$LINEAGE_PORT \
  "$LINEAGE_JAVA" -Xmx1g -jar "$JAR" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
deadline=$(($(date +%s) + LINEAGE_START_TIMEOUT))
until curl -fsS --max-time 2 "$LINEAGE_URL/health" 2>/dev/null | grep -q '"UP"'; do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    tail -n 40 "$SERVER_LOG" >&2
    die "the lineage server exited while starting; see $SERVER_LOG"
  fi
  if [ "$(date +%s)" -ge $deadline ]; then
    tail -n 40 "$SERVER_LOG" >&2
    die "the lineage server did not answer /health within ${LINEAGE_START_TIMEOUT}s; see $SERVER_LOG"
  fi
  sleep 0.5
done
log "lineage server up (pid $SERVER_PID)"

# ---------------------------------------------------------------- Trino, listeners pointing at the server
stack_started=$(date +%s)
LINEAGE_HOST=127.0.0.1 "$HERE/trino-stack.sh" start
stack_seconds=$(($(date +%s) - stack_started))

# ---------------------------------------------------------------- scenario and assertions
check_started=$(date +%s)
status=0
"$LINEAGE_JAVA" -cp "$JAR" "$HERE/E2eCheck.java" \
  --trino "http://127.0.0.1:$TRINO_PORT" --lineage "$LINEAGE_URL" --namespace "$NAMESPACE" \
  --sql "$HERE/jaffle_mesh.sql" --event-wait "$E2E_EVENT_WAIT" --assert-wait "$E2E_ASSERT_WAIT" || status=$?
log "timings: stack start ${stack_seconds}s, scenario + assertions $(($(date +%s) - check_started))s," \
  "whole e2e $(($(date +%s) - START))s"
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  tail -n 20 "$SERVER_LOG" >&2
  die "the lineage server (pid $SERVER_PID) exited during the run; see $SERVER_LOG"
fi
if [ $status != 0 ]; then
  die "lineage assertions failed (see above; server log $SERVER_LOG, Trino log $TRINO_WORK/data/var/log/server.log)"
fi
log "PASSED"
