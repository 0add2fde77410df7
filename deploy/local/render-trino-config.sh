#!/bin/sh
# Renders Trino's configuration from the templates in etc/ for both stacks: trino-stack.sh runs it for this machine,
# the compose stack's trino-config service for its containers. Fills in the @PLACEHOLDERS@ of every template. With
# TRINO_HOST set (in a container) it then replaces node.properties, whose loopback-only settings suit one machine but
# not a container; with SCENARIO_OUT set it also writes the demo scenario without its heading lines, as E2eCheck.java
# sends it. POSIX sh, sed and awk: runs in the compose stack's busybox image, here, and in the deploy module's tests.
#
# Environment: TEMPLATES (this directory's etc/), ETC_DIR (where the rendered configuration goes; also the path Trino
# reads it from), DATA_DIR, WAREHOUSE_DIR, TRINO_PORT, TRINO_HEAP, LINEAGE_HOST, LINEAGE_PORT, PG_HOST, PG_PORT,
# PG_USER, PG_PASSWORD; optional: PG_DB_PREFIX, KAFKA_BROKERS (a Kafka bootstrap address: Trino's Kafka event
# listener is configured too, as a third listener), TRINO_HOST (the coordinator's address as other containers reach it),
# SCENARIO (jaffle_mesh.sql) and SCENARIO_OUT, TRINO_UID (owner of DATA_DIR; empty leaves it alone).
set -eu

: "${TEMPLATES:?}" "${ETC_DIR:?}" "${DATA_DIR:?}" "${WAREHOUSE_DIR:?}"
: "${TRINO_PORT:?}" "${TRINO_HEAP:?}" "${LINEAGE_HOST:?}" "${LINEAGE_PORT:?}"
: "${PG_HOST:?}" "${PG_PORT:?}" "${PG_USER:?}" "${PG_PASSWORD:?}"
PG_DB_PREFIX=${PG_DB_PREFIX:-}
KAFKA_BROKERS=${KAFKA_BROKERS:-}
TRINO_HOST=${TRINO_HOST:-}
SCENARIO_OUT=${SCENARIO_OUT:-}
TRINO_UID=${TRINO_UID:-}

render() {
  sed -e "s#@DATA_DIR@#$DATA_DIR#g" -e "s#@ETC_DIR@#$ETC_DIR#g" -e "s#@HEAP@#$TRINO_HEAP#g" \
    -e "s#@TRINO_PORT@#$TRINO_PORT#g" -e "s#@LINEAGE_HOST@#$LINEAGE_HOST#g" -e "s#@LINEAGE_PORT@#$LINEAGE_PORT#g" \
    -e "s#@PG_HOST@#$PG_HOST#g" -e "s#@PG_PORT@#$PG_PORT#g" -e "s#@PG_USER@#$PG_USER#g" \
    -e "s#@PG_PASSWORD@#$PG_PASSWORD#g" -e "s#@PG_DB_PREFIX@#$PG_DB_PREFIX#g" \
    -e "s#@WAREHOUSE_DIR@#$WAREHOUSE_DIR#g" -e "s#@KAFKA_BROKERS@#$KAFKA_BROKERS#g" "$1" >"$2"
}

# ETC_DIR's contents, not ETC_DIR itself: in compose it is a volume's mount point.
mkdir -p "$ETC_DIR" "$DATA_DIR" "$WAREHOUSE_DIR/warehouse"
rm -rf "$ETC_DIR"/* "$ETC_DIR/catalog"
mkdir -p "$ETC_DIR/catalog"
for file in "$TEMPLATES"/*.properties "$TEMPLATES"/jvm.config "$TEMPLATES"/catalog/*.properties; do
  render "$file" "$ETC_DIR/${file#"$TEMPLATES"/}"
done

# Trino's Kafka event listener only with a broker to write to.
if [ -n "$KAFKA_BROKERS" ]; then
  sed -i -e "/^event-listener.config-files=/s#\$#,$ETC_DIR/kafka-event-listener.properties#" "$ETC_DIR/config.properties"
else
  rm -f "$ETC_DIR/kafka-event-listener.properties"
fi

# In a container Trino listens on every interface, and announces the address other containers know it by: the HTTP
# listener's metadata.uri shows it (the lineage server maps it with LINEAGE_TRINO_NAMESPACE_ALIASES).
if [ -n "$TRINO_HOST" ]; then
  cat >"$ETC_DIR/node.properties" <<PROPERTIES
node.environment=lineage_compose
node.id=lineage-compose-node-1
node.data-dir=$DATA_DIR
node.internal-address=$TRINO_HOST
PROPERTIES
fi

# Each statement ends with ';' at the end of a line; '--' lines between statements are headings and are not sent, so
# a dbt statement still starts with its /* {...} */ comment.
if [ -n "$SCENARIO_OUT" ]; then
  : "${SCENARIO:?}"
  mkdir -p "$(dirname "$SCENARIO_OUT")"
  awk '
    buffer == "" && ($0 ~ /^[ \t\r]*$/ || $0 ~ /^[ \t]*--/) { next }
    { buffer = buffer $0 "\n" }
    $0 ~ /;[ \t\r]*$/ { printf "%s\n", buffer; buffer = "" }
    END { if (buffer != "") printf "%s", buffer }
  ' "$SCENARIO" >"$SCENARIO_OUT"
  echo "wrote $(grep -c ';[[:space:]]*$' "$SCENARIO_OUT") statements into $SCENARIO_OUT"
fi

if [ -n "$TRINO_UID" ]; then
  chown -R "$TRINO_UID:$TRINO_UID" "$DATA_DIR"
fi
echo "rendered $(find "$ETC_DIR" -type f | wc -l) files into $ETC_DIR"
