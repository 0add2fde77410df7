CREATE TABLE lake.sales.orders_template AS
SELECT id, customer_id, amount, status
FROM lake.sales.orders
WITH NO DATA
