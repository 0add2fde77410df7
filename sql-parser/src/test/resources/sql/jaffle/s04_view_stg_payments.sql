/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.stg_payments"} */
CREATE OR REPLACE VIEW insights.default.stg_payments AS
SELECT
    id AS payment_id,
    order_id,
    payment_method,
    -- amount is stored in cents
    CAST(amount AS decimal(12, 2)) / 100 AS amount
FROM paymentsdb.public.payments
