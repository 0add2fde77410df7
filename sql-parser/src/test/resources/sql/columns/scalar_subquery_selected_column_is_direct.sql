CREATE TABLE insights.default.order_payment_summary AS
SELECT o.id AS order_id,
       (SELECT sum(p.amount)
          FROM paymentsdb.public.payments p
         WHERE p.order_id = o.id) AS paid_amount
FROM ordersdb.public.orders o
