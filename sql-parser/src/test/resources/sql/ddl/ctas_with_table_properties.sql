CREATE TABLE IF NOT EXISTS lake.sales.orders_by_day
WITH (format = 'PARQUET', partitioning = ARRAY['order_date'])
AS
SELECT id AS order_id, customer_id, CAST(created_at AS date) AS order_date, amount
FROM lake.sales.orders
