CREATE TABLE insights.default.customer_revenue AS
SELECT customer_id,
       sum(total_amount) AS revenue,
       count(*)          AS order_count
FROM ordersdb.public.orders
GROUP BY customer_id
HAVING max(order_date) >= DATE '2024-01-01'
