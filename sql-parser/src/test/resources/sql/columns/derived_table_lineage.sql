CREATE TABLE insights.default.customer_ltv AS
SELECT t.customer_id,
       t.lifetime_value,
       t.lifetime_value / nullif(t.order_count, 0) AS avg_order_value
FROM (
    SELECT customer_id,
           sum(total_amount) AS lifetime_value,
           count(id)         AS order_count
    FROM ordersdb.public.orders
    GROUP BY customer_id
) t
