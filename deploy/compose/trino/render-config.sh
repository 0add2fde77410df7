#!/bin/sh
# Renders deploy/local's Trino configuration templates for the compose stack, so both stacks share one set: fills in
# the same @PLACEHOLDERS@ as deploy/local/trino-stack.sh, then replaces node.properties, whose loopback-only settings
# suit one machine but not a container. Also writes the demo scenario without its heading lines, as
# deploy/local/E2eCheck.java sends it. POSIX sh, sed and awk: runs in the compose stack's busybox image and in the
# deploy module's tests.
#
# Environment: TEMPLATES (deploy/local/etc), SCENARIO (deploy/local/jaffle_mesh.sql), ETC_DIR (where the rendered
# configuration goes; also the path Trino reads it from), DATA_DIR, WAREHOUSE_DIR, SCENARIO_OUT, TRINO_PORT,
# TRINO_HEAP, TRINO_HOST (the coordinator's address as other containers reach it), LINEAGE_HOST, LINEAGE_PORT,
# PG_HOST, PG_PORT, PG_USER, PG_PASSWORD, PG_DB_PREFIX, TRINO_UID (owner of DATA_DIR; empty leaves it alone).
set -eu

: "${TEMPLATES:?}" "${SCENARIO:?}" "${ETC_DIR:?}" "${DATA_DIR:?}" "${WAREHOUSE_DIR:?}" "${SCENARIO_OUT:?}"
: "${TRINO_PORT:?}" "${TRINO_HEAP:?}" "${TRINO_HOST:?}" "${LINEAGE_HOST:?}" "${LINEAGE_PORT:?}"
: "${PG_HOST:?}" "${PG_PORT:?}" "${PG_USER:?}" "${PG_PASSWORD:?}"
PG_DB_PREFIX=${PG_DB_PREFIX:-}
TRINO_UID=${TRINO_UID:-}

render() {
  sed -e "s#@DATA_DIR@#$DATA_DIR#g" -e "s#@ETC_DIR@#$ETC_DIR#g" -e "s#@HEAP@#$TRINO_HEAP#g" \
    -e "s#@TRINO_PORT@#$TRINO_PORT#g" -e "s#@LINEAGE_HOST@#$LINEAGE_HOST#g" -e "s#@LINEAGE_PORT@#$LINEAGE_PORT#g" \
    -e "s#@PG_HOST@#$PG_HOST#g" -e "s#@PG_PORT@#$PG_PORT#g" -e "s#@PG_USER@#$PG_USER#g" \
    -e "s#@PG_PASSWORD@#$PG_PASSWORD#g" -e "s#@PG_DB_PREFIX@#$PG_DB_PREFIX#g" \
    -e "s#@WAREHOUSE_DIR@#$WAREHOUSE_DIR#g" "$1" >"$2"
}

mkdir -p "$ETC_DIR" "$WAREHOUSE_DIR/warehouse" "$(dirname "$SCENARIO_OUT")"
rm -rf "$ETC_DIR"/* "$ETC_DIR/catalog"
mkdir -p "$ETC_DIR/catalog"
for file in "$TEMPLATES"/*.properties "$TEMPLATES"/jvm.config "$TEMPLATES"/catalog/*.properties; do
  render "$file" "$ETC_DIR/${file#"$TEMPLATES"/}"
done

# In a container Trino listens on every interface, and announces the address other containers know it by: the HTTP
# listener's metadata.uri shows it (the lineage server maps it with LINEAGE_TRINO_NAMESPACE_ALIASES).
cat >"$ETC_DIR/node.properties" <<PROPERTIES
node.environment=lineage_compose
node.id=lineage-compose-node-1
node.data-dir=$DATA_DIR
node.internal-address=$TRINO_HOST
PROPERTIES

# Each statement ends with ';' at the end of a line; '--' lines between statements are headings and are not sent, so
# a dbt statement still starts with its /* {...} */ comment.
awk '
  buffer == "" && ($0 ~ /^[ \t\r]*$/ || $0 ~ /^[ \t]*--/) { next }
  { buffer = buffer $0 "\n" }
  $0 ~ /;[ \t\r]*$/ { printf "%s\n", buffer; buffer = "" }
  END { if (buffer != "") printf "%s", buffer }
' "$SCENARIO" >"$SCENARIO_OUT"

if [ -n "$TRINO_UID" ]; then
  chown -R "$TRINO_UID:$TRINO_UID" "$DATA_DIR"
fi
echo "rendered $(find "$ETC_DIR" -type f | wc -l) files into $ETC_DIR and $(grep -c ';[[:space:]]*$' "$SCENARIO_OUT") statements into $SCENARIO_OUT"
