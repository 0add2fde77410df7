CREATE TABLE insights.default.orders_with_customer AS
SELECT o.*,
       c.email AS customer_email
FROM ordersdb.public.orders o
JOIN customersdb.public.customers c ON c.id = o.customer_id
