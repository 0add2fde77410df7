SELECT t.customer_id, t.order_count
FROM (
    SELECT customer_id, count(*) AS order_count
    FROM ordersdb.public.orders
    GROUP BY customer_id
) AS t
WHERE t.order_count > 5
