WITH orders AS (
    SELECT id, customer_id, total_amount
    FROM orders
    WHERE status <> 'cancelled'
)
SELECT customer_id, count(*) AS order_count
FROM orders
GROUP BY customer_id
