SELECT id, FROM ordersdb.public.orders
