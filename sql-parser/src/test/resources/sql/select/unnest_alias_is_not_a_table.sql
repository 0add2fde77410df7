SELECT o.id,
       item.sku,
       item.quantity
FROM ordersdb.public.orders o
CROSS JOIN UNNEST(o.line_items) AS item (sku, quantity)
