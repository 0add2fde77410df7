SELECT o.id AS order_id,
       upper(c.email) AS email
FROM ordersdb.public.orders o
JOIN customersdb.public.customers c ON c.id = o.customer_id
WHERE o.status = 'open'
