CREATE TABLE iceberg.analytics.orders_snapshot_20261122 AS
SELECT order_id, status, amount
FROM iceberg.raw.orders FOR TIMESTAMP AS OF TIMESTAMP '2026-11-22 00:00:00 UTC'
