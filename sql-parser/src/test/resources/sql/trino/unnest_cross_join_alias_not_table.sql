CREATE TABLE iceberg.analytics.order_items_flat AS
SELECT o.order_id, item.sku, item.qty
FROM iceberg.raw.orders o
CROSS JOIN UNNEST(o.line_items) AS item (sku, qty)
