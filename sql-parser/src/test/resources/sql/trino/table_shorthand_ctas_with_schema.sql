CREATE TABLE iceberg.analytics.orders_copy AS TABLE iceberg.raw.orders
