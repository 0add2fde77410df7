/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.fct_orders"} */
CREATE TABLE insights.default.fct_orders AS
SELECT
    o.order_id,
    o.customer_id,
    o.order_date,
    o.status,
    op.credit_card_amount,
    op.coupon_amount,
    op.bank_transfer_amount,
    op.gift_card_amount,
    op.total_amount AS amount
FROM insights.default.stg_orders o
LEFT JOIN insights.default.order_payments op
    ON o.order_id = op.order_id
