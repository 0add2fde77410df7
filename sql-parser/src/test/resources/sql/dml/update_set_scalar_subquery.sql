UPDATE lake.sales.orders
SET paid_amount = (
    SELECT coalesce(sum(p.amount), 0)
    FROM lake.payments.payments p
    WHERE p.order_id = orders.id
)
WHERE status = 'open'
