CREATE OR REPLACE VIEW insights.default.v_customer_orders AS
SELECT c.id AS customer_id,
       c.email,
       o.id AS order_id,
       o.total_amount
FROM customersdb.public.customers c
LEFT JOIN ordersdb.public.orders o ON o.customer_id = c.id
