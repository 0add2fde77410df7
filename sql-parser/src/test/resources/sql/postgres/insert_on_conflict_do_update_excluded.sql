INSERT INTO public.customer_stats (customer_id, order_count, last_order_at)
SELECT customer_id, count(*), max(created_at)
FROM public.orders
GROUP BY customer_id
ON CONFLICT (customer_id) DO UPDATE
SET order_count = EXCLUDED.order_count,
    last_order_at = EXCLUDED.last_order_at
