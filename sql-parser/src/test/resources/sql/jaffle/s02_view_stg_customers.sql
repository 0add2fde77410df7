/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.stg_customers"} */
CREATE OR REPLACE VIEW insights.default.stg_customers AS
SELECT
    id AS customer_id,
    first_name,
    last_name
FROM customersdb.public.customers
