CREATE TABLE dw.order_skus STORED AS ORC AS
SELECT o.order_id, e.sku
FROM raw.orders o
LATERAL VIEW explode(o.skus) e AS sku
WHERE o.dt = '2026-11-22'
