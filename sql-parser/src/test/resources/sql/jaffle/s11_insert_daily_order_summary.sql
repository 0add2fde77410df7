INSERT INTO insights.default.daily_order_summary (order_date, status, orders, amount_cents)
SELECT o.order_date, o.status, count(DISTINCT o.id), sum(p.amount)
FROM ordersdb.public.orders o
JOIN paymentsdb.public.payments p ON p.order_id = o.id
WHERE o.order_date < DATE '2018-04-01'
GROUP BY o.order_date, o.status
