/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.stg_orders"} */
CREATE OR REPLACE VIEW insights.default.stg_orders AS
SELECT
    id AS order_id,
    user_id AS customer_id,
    order_date,
    status
FROM ordersdb.public.orders
