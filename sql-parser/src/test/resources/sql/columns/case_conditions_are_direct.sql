CREATE TABLE insights.default.order_flags AS
SELECT id AS order_id,
       CASE
           WHEN status = 'cancelled' THEN 0
           WHEN total_amount > 500 THEN 2
           ELSE 1
       END AS priority
FROM ordersdb.public.orders
