SELECT c.id,
       c.email,
       o.id AS order_id
FROM public.customers c
JOIN ordersdb.public.orders o
  ON o.customer_id = c.id
JOIN customers_dedup d
  ON d.id = c.id
