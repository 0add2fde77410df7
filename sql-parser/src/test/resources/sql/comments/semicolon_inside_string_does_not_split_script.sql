SELECT id
FROM ordersdb.public.orders
WHERE note = 'a;b; DROP TABLE insights.default.orders';
SELECT id FROM paymentsdb.public.payments
