CREATE TABLE insights.default.customer_order_stats AS
WITH base_orders AS (
    SELECT id, customer_id, total_amount, order_date
    FROM ordersdb.public.orders
    WHERE status = 'completed'
),
per_customer AS (
    SELECT customer_id,
           count(*)          AS order_count,
           sum(total_amount) AS revenue,
           max(order_date)   AS last_order_date
    FROM base_orders
    GROUP BY customer_id
),
enriched AS (
    SELECT c.id AS customer_id,
           c.email,
           pc.order_count,
           pc.revenue,
           pc.last_order_date
    FROM customersdb.public.customers c
    JOIN per_customer pc ON pc.customer_id = c.id
)
SELECT customer_id, email, order_count, revenue, last_order_date
FROM enriched
