#!/usr/bin/env bash
# A single-node Trino 476 data mesh on this machine, no Docker: three PostgreSQL domain databases (customersdb,
# ordersdb, paymentsdb) loaded with the jaffle-shop seed, an Iceberg "insights" catalog whose JDBC catalog lives in
# PostgreSQL, and both Trino event listeners posting to the lineage server.
#
#   trino-stack.sh start    stop a Trino this work dir left running, install Trino when missing (downloads go to the
#                           local Maven repository, so later runs reuse them), recreate and load the databases,
#                           render the configuration and start Trino; returns once /v1/info says it has started
#   trino-stack.sh stop     stop that Trino (PostgreSQL and its databases stay)
#   trino-stack.sh status   whether it answers, and its URLs
#   trino-stack.sh render   only write the configuration start renders into $TRINO_WORK/etc (render-trino-config.sh)
#   trino-stack.sh cli ...  the Trino CLI, e.g. `trino-stack.sh cli --execute 'SHOW CATALOGS'`
#
# Knobs (environment, defaults in brackets): TRINO_VERSION [476], TRINO_WORK [/tmp/lineage-trino], TRINO_PORT [8085],
# TRINO_HEAP [3G], TRINO_START_TIMEOUT seconds [300], LINEAGE_HOST [127.0.0.1], LINEAGE_PORT [5000] (where both event
# listeners post), PG_HOST [127.0.0.1], PG_PORT [5432], PG_ADMIN_USER [postgres] (trust authentication, as in CI),
# PG_USER/PG_PASSWORD [jaffle/jaffle] (the role Trino connects as), PG_DB_PREFIX [''] (prefixes the four database
# names), KAFKA_BROKERS [''] (a Kafka bootstrap address, e.g. 127.0.0.1:9092: Trino's Kafka event listener writes
# the same query events to the topics trino-query-created and trino-query-completed there, as a third listener),
# MAVEN_REPO [~/.m2/repository], TRINO_JAVA_HOME (a JDK >= 24; else the newest one under /usr/lib/jvm).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TRINO_VERSION=${TRINO_VERSION:-476}
TRINO_WORK=${TRINO_WORK:-/tmp/lineage-trino}
TRINO_PORT=${TRINO_PORT:-8085}
TRINO_HEAP=${TRINO_HEAP:-3G}
TRINO_START_TIMEOUT=${TRINO_START_TIMEOUT:-300}
LINEAGE_HOST=${LINEAGE_HOST:-127.0.0.1}
LINEAGE_PORT=${LINEAGE_PORT:-5000}
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_ADMIN_USER=${PG_ADMIN_USER:-postgres}
PG_USER=${PG_USER:-jaffle}
PG_PASSWORD=${PG_PASSWORD:-jaffle}
PG_DB_PREFIX=${PG_DB_PREFIX:-}
KAFKA_BROKERS=${KAFKA_BROKERS:-}
MAVEN_REPO=${MAVEN_REPO:-$HOME/.m2/repository}
MIN_JAVA=24
DOMAINS="customersdb ordersdb paymentsdb"
# The postgresql connector needs geospatial (its Geometry type) or no catalog loads.
PLUGINS="postgresql geospatial iceberg http-event-listener openlineage kafka-event-listener"

INSTALL="$TRINO_WORK/trino-server-$TRINO_VERSION"
ETC="$TRINO_WORK/etc"
DATA="$TRINO_WORK/data"
WAREHOUSE="$TRINO_WORK/lake"
CLI_JAR="$TRINO_WORK/trino-cli-$TRINO_VERSION.jar"
PID_FILE="$DATA/var/run/launcher.pid"
SERVER_LOG="$DATA/var/log/server.log"

START=$(date +%s)
log() { echo "[trino-stack +$(($(date +%s) - START))s] $*" >&2; }
die() { echo "trino-stack: $*" >&2; exit 1; }

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }'; }

# The JDK Trino runs on: TRINO_JAVA_HOME, else JAVA_HOME, else the newest JDK >= 24 under /usr/lib/jvm or /opt.
find_java_home() {
  local candidate best=0 best_home="" major
  for candidate in "${TRINO_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] \
      && [ "$(java_major "$candidate/bin/java")" -ge $MIN_JAVA ]; then
      echo "$candidate"
      return
    fi
  done
  for candidate in /usr/lib/jvm/*/bin/java /opt/*/bin/java /opt/java/*/bin/java; do
    [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ "${major:-0}" -ge $MIN_JAVA ] && [ "$major" -gt $best ]; then
      best=$major
      best_home=$(cd "$(dirname "$candidate")/.." && pwd)
    fi
  done
  [ -n "$best_home" ] || die "no JDK >= $MIN_JAVA found: Trino $TRINO_VERSION needs one (set TRINO_JAVA_HOME)"
  echo "$best_home"
}

# groupId:artifactId:version[:type[:classifier]] into the local Maven repository; prints the file's path.
maven_get() {
  local artifact=$1 group artifact_id version type classifier file
  IFS=: read -r group artifact_id version type classifier <<<"$artifact"
  file="$MAVEN_REPO/${group//.//}/$artifact_id/$version/$artifact_id-$version${classifier:+-$classifier}.${type:-jar}"
  if [ ! -f "$file" ]; then
    log "downloading $artifact through Maven"
    mvn -B -ntp -q "-Dmaven.repo.local=$MAVEN_REPO" dependency:get "-Dartifact=$artifact" -Dtransitive=false >&2 \
      || die "mvn could not download $artifact"
  fi
  [ -f "$file" ] || die "$artifact downloaded, but $file is missing"
  echo "$file"
}

# The plugin zips of 476 are not in Maven Central, so the full server tarball (821 MB) it is.
install_trino() {
  local wanted missing=""
  for wanted in $PLUGINS; do
    [ -d "$INSTALL/plugin/$wanted" ] || missing="$missing $wanted"
  done
  if [ -f "$INSTALL/.installed" ] && [ -z "$missing" ]; then
    log "reusing $INSTALL"
  else
    local tarball extract="$TRINO_WORK/extract" plugin
    tarball=$(maven_get "io.trino:trino-server:$TRINO_VERSION:tar.gz")
    log "installing $INSTALL"
    rm -rf "$INSTALL" "$extract"
    mkdir -p "$extract"
    # The tarball hard-links identical jars across plugin directories: extract everything, then drop what is unused.
    tar xzf "$tarball" -C "$extract"
    mv "$extract/trino-server-$TRINO_VERSION" "$INSTALL"
    rm -rf "$extract"
    for plugin in "$INSTALL"/plugin/*; do
      case " $PLUGINS " in
        *" $(basename "$plugin") "*) ;;
        *) rm -rf "$plugin" ;;
      esac
    done
    touch "$INSTALL/.installed"
  fi
  if [ ! -f "$CLI_JAR" ]; then
    cp "$(maven_get "io.trino:trino-cli:$TRINO_VERSION:jar:executable")" "$CLI_JAR"
  fi
}

# psql as a role (trust authentication: no password).
psql_as() {
  local role=$1
  shift
  PGOPTIONS="-c client_min_messages=warning" psql -v ON_ERROR_STOP=1 -q -h "$PG_HOST" -p "$PG_PORT" -U "$role" "$@"
}

ensure_postgres() {
  if pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; then
    return
  fi
  log "PostgreSQL does not answer on $PG_HOST:$PG_PORT; starting the local cluster"
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  local deadline=$(($(date +%s) + 30))
  until pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; do
    [ "$(date +%s)" -lt $deadline ] || die "PostgreSQL did not come up on $PG_HOST:$PG_PORT"
    sleep 1
  done
}

# Drops and recreates the four databases, then loads the seed: the same rows on every run.
load_databases() {
  local domain
  ensure_postgres
  psql_as "$PG_ADMIN_USER" -d postgres <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SQL
  for domain in $DOMAINS insights; do
    psql_as "$PG_ADMIN_USER" -d postgres -c "DROP DATABASE IF EXISTS ${PG_DB_PREFIX}$domain WITH (FORCE)"
    psql_as "$PG_ADMIN_USER" -d postgres -c "CREATE DATABASE ${PG_DB_PREFIX}$domain OWNER $PG_USER"
  done
  for domain in $DOMAINS; do
    psql_as "$PG_USER" -d "${PG_DB_PREFIX}$domain" \
      -f "$HERE/seed/$domain.sql" >/dev/null
  done
  psql_as "$PG_USER" -d "${PG_DB_PREFIX}insights" -f "$HERE/seed/insights.sql" >/dev/null
  log "loaded ${PG_DB_PREFIX}{customersdb,ordersdb,paymentsdb} and created ${PG_DB_PREFIX}insights"
}

# Into $ETC, by render-trino-config.sh, which renders the compose stack's too.
render_config() {
  TEMPLATES="$HERE/etc" ETC_DIR="$ETC" DATA_DIR="$DATA" WAREHOUSE_DIR="$WAREHOUSE" TRINO_PORT="$TRINO_PORT" \
    TRINO_HEAP="$TRINO_HEAP" LINEAGE_HOST="$LINEAGE_HOST" LINEAGE_PORT="$LINEAGE_PORT" PG_HOST="$PG_HOST" \
    PG_PORT="$PG_PORT" PG_USER="$PG_USER" PG_PASSWORD="$PG_PASSWORD" PG_DB_PREFIX="$PG_DB_PREFIX" \
    KAFKA_BROKERS="$KAFKA_BROKERS" TRINO_HOST= SCENARIO_OUT= TRINO_UID= sh "$HERE/render-trino-config.sh" >&2
}

trino_pid() {
  local pid
  pid=$(cat "$PID_FILE" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

info() { curl -fsS --max-time 2 "http://127.0.0.1:$TRINO_PORT/v1/info" 2>/dev/null; }

start_trino() {
  local java_home pid deadline
  java_home=$(find_java_home)
  if [ -z "$(trino_pid)" ] && info >/dev/null; then
    die "something else answers on port $TRINO_PORT; set TRINO_PORT"
  fi
  log "starting Trino $TRINO_VERSION on port $TRINO_PORT with $java_home"
  JAVA_HOME="$java_home" PATH="$java_home/bin:$PATH" \
    "$INSTALL/bin/launcher" start --etc-dir "$ETC" --data-dir "$DATA" >/dev/null
  pid=$(trino_pid)
  deadline=$(($(date +%s) + TRINO_START_TIMEOUT))
  until info | grep -q '"starting":false'; do
    if [ -z "$(trino_pid)" ]; then
      tail -n 40 "$SERVER_LOG" >&2 || true
      die "Trino exited while starting; see $SERVER_LOG"
    fi
    if [ "$(date +%s)" -ge $deadline ]; then
      tail -n 40 "$SERVER_LOG" >&2 || true
      die "Trino did not start within ${TRINO_START_TIMEOUT}s (TRINO_START_TIMEOUT); see $SERVER_LOG"
    fi
    sleep 0.5
  done
  log "Trino ready at http://127.0.0.1:$TRINO_PORT (pid ${pid:-?}); events go to http://$LINEAGE_HOST:$LINEAGE_PORT"
}

stop_trino() {
  local pid deadline
  pid=$(trino_pid)
  [ -n "$pid" ] || return 0
  log "stopping Trino (pid $pid)"
  kill "$pid"
  deadline=$(($(date +%s) + 60))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$(date +%s)" -ge $deadline ]; then
      log "Trino (pid $pid) did not stop within 60s; killing it"
      kill -9 "$pid"
      break
    fi
    sleep 0.5
  done
  rm -f "$PID_FILE"
}

cli() {
  [ -f "$CLI_JAR" ] || die "no CLI yet: run '$0 start' first"
  local java_home
  java_home=$(find_java_home)
  exec "$java_home/bin/java" --enable-native-access=ALL-UNNAMED -jar "$CLI_JAR" \
    --server "http://127.0.0.1:$TRINO_PORT" --user "${TRINO_USER:-lineage}" "$@"
}

case "${1:-}" in
  start)
    mkdir -p "$TRINO_WORK"
    stop_trino
    install_trino
    load_databases
    # The databases are new, so the Iceberg data files go too.
    rm -rf "$WAREHOUSE" "$DATA/var/log"
    render_config
    start_trino
    ;;
  render)
    render_config
    ;;
  stop)
    stop_trino
    ;;
  status)
    if info | grep -q '"starting":false'; then
      echo "Trino $TRINO_VERSION up at http://127.0.0.1:$TRINO_PORT (pid $(trino_pid))," \
        "jdbc:trino://127.0.0.1:$TRINO_PORT"
    else
      echo "Trino is not running on port $TRINO_PORT"
      exit 1
    fi
    ;;
  cli)
    shift
    cli "$@"
    ;;
  *)
    echo "usage: $0 start|stop|status|render|cli [args...]" >&2
    exit 2
    ;;
esac
