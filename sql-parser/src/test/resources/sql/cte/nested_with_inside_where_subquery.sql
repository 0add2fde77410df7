WITH paid AS (
    SELECT order_id, sum(amount) AS paid_amount
    FROM paymentsdb.public.payments
    GROUP BY order_id
)
SELECT o.id, o.total_amount, p.paid_amount
FROM ordersdb.public.orders o
JOIN paid p ON p.order_id = o.id
WHERE o.customer_id IN (
    WITH vip AS (
        SELECT id FROM customersdb.public.customers WHERE tier = 'vip'
    )
    SELECT id FROM vip
)
