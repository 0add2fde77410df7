SELECT id, total_amount
FROM public.orders
WHERE status = 'open'
