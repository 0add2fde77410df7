SELECT * FROM ordersdb.public.refunds
