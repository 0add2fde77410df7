CREATE TABLE insights.default.ranked_orders AS
SELECT id AS order_id,
       rank() OVER (PARTITION BY customer_id ORDER BY total_amount DESC) AS amount_rank,
       lag(order_date) OVER (PARTITION BY customer_id ORDER BY order_date) AS previous_order_date
FROM ordersdb.public.orders
