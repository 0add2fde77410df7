(SELECT customer_id FROM ordersdb.public.orders
 INTERSECT
 SELECT customer_id FROM paymentsdb.public.payments)
EXCEPT
SELECT id FROM customersdb.public.blocked_customers
