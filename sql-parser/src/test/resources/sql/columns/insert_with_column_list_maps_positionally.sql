INSERT INTO insights.default.fct_orders (order_id, customer_key, order_total, ordered_on)
SELECT o.id,
       o.customer_id,
       o.total_amount + o.shipping_amount,
       CAST(o.created_at AS date)
FROM ordersdb.public.orders o
WHERE o.status <> 'draft'
