SELECT customer_id, sum(total_amount
FROM ordersdb.public.orders
GROUP BY customer_id
