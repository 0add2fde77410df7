CREATE TABLE paid_orders AS
SELECT customers.id,
       customers.total_amount
FROM ordersdb.public.orders AS customers
WHERE customers.status = 'paid'
