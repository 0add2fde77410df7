/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.customer_payments"} */
CREATE TABLE insights.default.customer_payments AS
SELECT
    orders.customer_id,
    sum(payments.amount) AS total_amount
FROM insights.default.stg_payments AS payments
LEFT JOIN insights.default.stg_orders AS orders
    ON payments.order_id = orders.order_id
GROUP BY orders.customer_id
