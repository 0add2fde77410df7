CREATE TABLE insights.default.stg_orders AS
SELECT id, total_amount FROM ordersdb.public.orders;
SELEC * FROM insights.default.stg_orders
