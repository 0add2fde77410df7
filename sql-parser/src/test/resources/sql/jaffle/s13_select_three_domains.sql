SELECT c.first_name, c.last_name, count(DISTINCT o.id) AS orders, sum(p.amount) AS paid_cents
FROM customersdb.public.customers c
JOIN ordersdb.public.orders o ON o.user_id = c.id
JOIN paymentsdb.public.payments p ON p.order_id = o.id
WHERE o.status <> 'returned'
GROUP BY c.first_name, c.last_name
ORDER BY paid_cents DESC
LIMIT 5
