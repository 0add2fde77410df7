SELECT order_id,
       i.sku,
       p.amount
FROM ordersdb.public.order_items i
JOIN paymentsdb.public.payments p USING (order_id)
