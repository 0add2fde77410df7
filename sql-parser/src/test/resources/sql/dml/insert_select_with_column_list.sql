INSERT INTO lake.sales.order_facts (order_id, customer_id, order_total, order_day)
SELECT o.id, o.customer_id, o.quantity * o.unit_price, CAST(o.created_at AS date)
FROM lake.sales.orders o
WHERE o.status = 'complete'
