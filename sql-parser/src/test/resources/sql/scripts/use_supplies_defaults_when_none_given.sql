USE ordersdb.public;
SELECT o.id, i.sku
FROM orders o
JOIN order_items i ON i.order_id = o.id
