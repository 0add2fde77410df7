WITH recent_orders AS (
    SELECT id, customer_id, total_amount
    FROM ordersdb.public.orders
    WHERE order_date >= current_date - INTERVAL '30' DAY
)
SELECT customer_id, sum(total_amount) AS revenue_30d
FROM recent_orders
GROUP BY customer_id
