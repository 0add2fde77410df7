CREATE OR REPLACE VIEW lake.sales.v_open_orders AS
SELECT o.id, o.customer_id, o.amount, c.email
FROM lake.sales.orders o
JOIN lake.sales.customers c ON c.id = o.customer_id
WHERE o.status = 'open'
