/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.dim_customers"} */
CREATE TABLE insights.default.dim_customers AS
WITH customers AS (
    SELECT * FROM insights.default.stg_customers
),
customer_orders AS (
    SELECT * FROM insights.default.customer_orders
),
customer_payments AS (
    SELECT * FROM insights.default.customer_payments
)
SELECT
    customers.customer_id,
    customers.first_name,
    customers.last_name,
    customer_orders.first_order,
    customer_orders.most_recent_order,
    customer_orders.number_of_orders,
    customer_payments.total_amount AS customer_lifetime_value
FROM customers
LEFT JOIN customer_orders
    ON customers.customer_id = customer_orders.customer_id
LEFT JOIN customer_payments
    ON customers.customer_id = customer_payments.customer_id;
