/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.customer_orders"} */
CREATE TABLE insights.default.customer_orders AS
SELECT
    customer_id,
    min(order_date) AS first_order,
    max(order_date) AS most_recent_order,
    count(order_id) AS number_of_orders
FROM insights.default.stg_orders
GROUP BY customer_id
