SELECT id
FROM ordersdb.public.orders
WHERE id = = 1
