CREATE TABLE insights.default.stg_orders AS
SELECT id AS order_id,
       customer_id,
       total_amount
FROM ordersdb.public.orders
WHERE status <> 'cancelled';

INSERT INTO insights.default.customer_totals (customer_id, total_spent)
SELECT customer_id,
       sum(total_amount)
FROM insights.default.stg_orders
GROUP BY customer_id;
