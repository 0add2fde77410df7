/* run nightly; then DELETE FROM insights.default.tmp_orders; */
CREATE TABLE insights.default.nightly_orders AS
SELECT id,  -- keep id; total_amount comes from ordersdb.public.order_totals
       total_amount
FROM ordersdb.public.orders
