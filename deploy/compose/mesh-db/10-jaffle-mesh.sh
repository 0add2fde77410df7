#!/bin/sh
# Run once by the postgres image's entrypoint on an empty data directory: the jaffle-shop domain databases, as
# deploy/local/trino-stack.sh loads them. The role Trino connects as owns the four databases; the three domains get
# the seed of deploy/local/seed (mounted at /seed), insights the tables of Trino's Iceberg JDBC catalog.
set -eu

psql_as() {
  role=$1
  shift
  psql -v ON_ERROR_STOP=1 -q --no-psqlrc --username "$role" "$@"
}

psql_as "$POSTGRES_USER" --dbname postgres -c "CREATE ROLE $MESH_DB_USER LOGIN PASSWORD '$MESH_DB_PASSWORD'"
for database in customersdb ordersdb paymentsdb insights; do
  psql_as "$POSTGRES_USER" --dbname postgres -c "CREATE DATABASE $database OWNER $MESH_DB_USER"
done
for database in customersdb ordersdb paymentsdb insights; do
  psql_as "$MESH_DB_USER" --dbname "$database" -f "/seed/$database.sql" >/dev/null
done
echo "loaded customersdb, ordersdb, paymentsdb and created insights (owner $MESH_DB_USER)"
