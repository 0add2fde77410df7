CREATE TABLE insights.default.customer_order_counts AS
SELECT customer_id,
       count(*) AS orders_total,
       count(*) FILTER (WHERE status = 'returned') AS orders_returned,
       sum(total_amount) FILTER (WHERE channel = 'web') AS web_revenue
FROM ordersdb.public.orders
GROUP BY customer_id
