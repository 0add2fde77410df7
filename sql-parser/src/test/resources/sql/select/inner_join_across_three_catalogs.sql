SELECT
    c.id AS customer_id,
    o.id AS order_id,
    p.amount
FROM customersdb.public.customers c
INNER JOIN ordersdb.public.orders o
    ON o.customer_id = c.id
INNER JOIN paymentsdb.public.payments p
    ON p.order_id = o.id
WHERE p.status = 'settled'
