CREATE TABLE insights.default.payment_details AS
SELECT p.id AS payment_id,
       amount,
       o.customer_id
FROM paymentsdb.public.payments p
JOIN ordersdb.public.orders o ON o.id = p.order_id
