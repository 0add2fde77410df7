CREATE MATERIALIZED VIEW lake.sales.mv_customer_ltv AS
SELECT customer_id, sum(amount) AS lifetime_value, max(created_at) AS last_order_at
FROM lake.sales.orders
GROUP BY customer_id
