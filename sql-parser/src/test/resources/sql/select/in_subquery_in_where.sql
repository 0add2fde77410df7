SELECT id, email
FROM customersdb.public.customers
WHERE id IN (
    SELECT customer_id
    FROM ordersdb.public.orders
    WHERE order_date >= DATE '2024-01-01'
)
