SELECT o.id
FROM ordersdb.public.orders o
/* LEFT JOIN paymentsdb.public.payments_old p
     ON p.order_id = o.id */
WHERE o.total_amount > 0
