INSERT INTO iceberg.analytics.customer_orders_enriched (customer_id, email, order_id, order_total, segment)
SELECT c.id, c.email, o.id, o.total, s.segment
FROM postgresql.public.customers c
JOIN mysql.shop.orders o ON o.customer_id = c.id
LEFT JOIN hive.crm.segments s ON s.customer_id = c.id
