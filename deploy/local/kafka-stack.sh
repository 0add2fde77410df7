#!/usr/bin/env bash
# A single-node Apache Kafka broker in KRaft mode (broker and controller in one process) on this machine, no Docker:
# the broker's jars from Maven Central (org.apache.kafka:kafka_2.13 and its dependencies, resolved by Maven from
# kafka/pom.xml into the local Maven repository and copied to a class path of their own), its data in a temporary
# directory.
#
#   kafka-stack.sh start    when a broker this work dir started still answers, leave it (start is idempotent); else
#                           resolve the jars when missing, format a fresh data directory, start the broker and return
#                           once it answers a client (kafka/BrokerProbe.java)
#   kafka-stack.sh stop     stop that broker and delete its data directory
#   kafka-stack.sh status   whether it answers, and its bootstrap address
#
# Knobs (environment, defaults in brackets): KAFKA_VERSION [4.3.1], KAFKA_PORT [9092] (the client listener on
# 127.0.0.1), KAFKA_CONTROLLER_PORT [KAFKA_PORT + 1], KAFKA_WORK [/tmp/lineage-kafka] (class path, configuration, pid,
# log; the data directory is a mktemp directory under it), KAFKA_HEAP [512M], KAFKA_START_TIMEOUT seconds [120],
# KAFKA_MESSAGE_MAX_BYTES [the broker's default, 1048588] (message.max.bytes), MAVEN_REPO [~/.m2/repository],
# KAFKA_JAVA_HOME (a JDK >= 17; else JAVA_HOME, else `java` on the PATH).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
KAFKA_VERSION=${KAFKA_VERSION:-4.3.1}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}
KAFKA_WORK=${KAFKA_WORK:-/tmp/lineage-kafka}
KAFKA_HEAP=${KAFKA_HEAP:-512M}
KAFKA_START_TIMEOUT=${KAFKA_START_TIMEOUT:-120}
KAFKA_MESSAGE_MAX_BYTES=${KAFKA_MESSAGE_MAX_BYTES:-1048588}
MAVEN_REPO=${MAVEN_REPO:-$HOME/.m2/repository}
MIN_JAVA=17

LIBS="$KAFKA_WORK/libs-$KAFKA_VERSION"
CONFIG="$KAFKA_WORK/server.properties"
PID_FILE="$KAFKA_WORK/broker.pid"
DATA_FILE="$KAFKA_WORK/data-dir"
SERVER_LOG="$KAFKA_WORK/server.log"
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

START=$(date +%s)
log() { echo "[kafka-stack +$(($(date +%s) - START))s] $*" >&2; }
die() { echo "kafka-stack: $*" >&2; exit 1; }

java_major() { "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print v[1]; exit }'; }

# The java Kafka runs on: KAFKA_JAVA_HOME, else JAVA_HOME, else the one on the PATH; Kafka 4 brokers need Java 17.
find_java() {
  local candidate
  for candidate in "${KAFKA_JAVA_HOME:+$KAFKA_JAVA_HOME/bin/java}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" \
    "$(command -v java || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge $MIN_JAVA ]; then
      echo "$candidate"
      return
    fi
  done
  die "no java >= $MIN_JAVA found: Kafka $KAFKA_VERSION brokers need one (set KAFKA_JAVA_HOME)"
}

# The broker's class path: kafka/pom.xml's runtime dependencies, downloaded into the local Maven repository once.
install_libs() {
  if [ -f "$LIBS/.installed" ]; then
    return
  fi
  log "resolving org.apache.kafka:kafka_2.13:$KAFKA_VERSION and its dependencies through Maven"
  rm -rf "$LIBS"
  mvn -B -ntp -q -Dstyle.color=never -f "$HERE/kafka/pom.xml" "-Dmaven.repo.local=$MAVEN_REPO" "-Dkafka.version=$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime "-DoutputDirectory=$LIBS" >&2 \
    || die "mvn could not resolve the broker's jars (the first resolution needs the network)"
  [ -f "$LIBS/kafka_2.13-$KAFKA_VERSION.jar" ] || die "resolved, but $LIBS/kafka_2.13-$KAFKA_VERSION.jar is missing"
  touch "$LIBS/.installed"
}

broker_pid() {
  local pid
  pid=$(cat "$PID_FILE" 2>/dev/null || true)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$pid"; fi
}

# A client's question to the broker (cluster id, nodes); waits up to $1 seconds for the answer.
probe() {
  "$JAVA" -cp "$LIBS/*" "$HERE/kafka/BrokerProbe.java" "$BOOTSTRAP" "$1" 2>/dev/null
}

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

render_config() {
  cat >"$CONFIG" <<EOF
# Written by kafka-stack.sh: one KRaft node, broker and controller in one process.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$1
num.partitions=1
auto.create.topics.enable=true
message.max.bytes=$KAFKA_MESSAGE_MAX_BYTES
# One node: the internal topics cannot have more replicas, and a consumer group needs no wait for more members.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
}

start_broker() {
  local data cluster_id pid deadline
  if [ -n "$(broker_pid)" ] && probe 5 >/dev/null; then
    log "Kafka already answers at $BOOTSTRAP (pid $(broker_pid))"
    return
  fi
  stop_broker
  if port_taken "$KAFKA_PORT" || port_taken "$KAFKA_CONTROLLER_PORT"; then
    die "something else listens on port $KAFKA_PORT or $KAFKA_CONTROLLER_PORT; set KAFKA_PORT"
  fi
  install_libs
  data=$(mktemp -d "$KAFKA_WORK/data.XXXXXX")
  echo "$data" >"$DATA_FILE"
  render_config "$data"
  cluster_id=$("$JAVA" -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)
  "$JAVA" -cp "$LIBS/*" kafka.tools.StorageTool format --cluster-id "$cluster_id" --config "$CONFIG" \
    --ignore-formatted >>"$SERVER_LOG" 2>&1 || die "formatting $data failed; see $SERVER_LOG"
  log "starting Kafka $KAFKA_VERSION (KRaft, cluster $cluster_id) at $BOOTSTRAP with $JAVA"
  nohup "$JAVA" "-Xms$KAFKA_HEAP" "-Xmx$KAFKA_HEAP" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info \
    -cp "$LIBS/*" kafka.Kafka "$CONFIG" >>"$SERVER_LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PID_FILE"
  deadline=$(($(date +%s) + KAFKA_START_TIMEOUT))
  until probe 2 >/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$SERVER_LOG" >&2 || true
      die "Kafka exited while starting; see $SERVER_LOG"
    fi
    if [ "$(date +%s)" -ge $deadline ]; then
      tail -n 40 "$SERVER_LOG" >&2 || true
      die "Kafka did not answer within ${KAFKA_START_TIMEOUT}s (KAFKA_START_TIMEOUT); see $SERVER_LOG"
    fi
  done
  log "Kafka ready at $BOOTSTRAP (pid $pid, data in $data)"
}

stop_broker() {
  local pid deadline data
  pid=$(broker_pid)
  if [ -n "$pid" ]; then
    log "stopping Kafka (pid $pid)"
    kill "$pid"
    deadline=$(($(date +%s) + 60))
    while kill -0 "$pid" 2>/dev/null; do
      if [ "$(date +%s)" -ge $deadline ]; then
        log "Kafka (pid $pid) did not stop within 60s; killing it"
        kill -9 "$pid"
        break
      fi
      sleep 0.5
    done
  fi
  rm -f "$PID_FILE"
  data=$(cat "$DATA_FILE" 2>/dev/null || true)
  case "$data" in
    "$KAFKA_WORK"/data.*) rm -rf "$data" ;;
  esac
  rm -f "$DATA_FILE"
}

case "${1:-}" in
  start)
    mkdir -p "$KAFKA_WORK"
    JAVA=$(find_java)
    start_broker
    ;;
  stop)
    stop_broker
    ;;
  status)
    JAVA=$(find_java)
    if [ -f "$LIBS/.installed" ] && answer=$(probe 3); then
      echo "Kafka $KAFKA_VERSION up at $BOOTSTRAP (pid $(broker_pid)): $answer"
    else
      echo "Kafka is not answering at $BOOTSTRAP"
      exit 1
    fi
    ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
