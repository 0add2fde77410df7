INSERT INTO lake.sales.orders_archive
SELECT id, customer_id, status, created_at
FROM lake.sales.orders
WHERE created_at < DATE '2025-01-01'
