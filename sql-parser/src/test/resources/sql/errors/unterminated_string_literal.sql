SELECT id, 'open AS status_label
FROM ordersdb.public.orders
