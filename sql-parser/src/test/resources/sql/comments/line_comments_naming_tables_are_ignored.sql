-- old version: SELECT * FROM legacy.public.orders_v1
SELECT id, total_amount
FROM ordersdb.public.orders -- TODO join fake.public.customers later
WHERE status = 'open'
