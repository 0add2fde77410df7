SELECT c.id,
       o.id  AS order_id,
       p.id  AS payment_id,
       r.reason
FROM customersdb.public.customers c
LEFT OUTER JOIN ordersdb.public.orders o ON o.customer_id = c.id
RIGHT JOIN paymentsdb.public.payments p ON p.order_id = o.id
FULL OUTER JOIN paymentsdb.public.refunds r ON r.payment_id = p.id
