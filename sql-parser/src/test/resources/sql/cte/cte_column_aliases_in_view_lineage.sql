CREATE VIEW insights.default.v_order_payments AS
WITH pay (order_ref, paid_total) AS (
    SELECT order_id, sum(amount)
    FROM paymentsdb.public.payments
    GROUP BY order_id
)
SELECT o.id AS order_id,
       o.total_amount,
       pay.paid_total,
       o.total_amount - coalesce(pay.paid_total, 0) AS outstanding
FROM ordersdb.public.orders o
LEFT JOIN pay ON pay.order_ref = o.id
