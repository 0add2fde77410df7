SELECT c.id
FROM customersdb.public.customers c
WHERE EXISTS (
        SELECT 1 FROM ordersdb.public.orders o WHERE o.customer_id = c.id
      )
  AND NOT EXISTS (
        SELECT 1 FROM paymentsdb.public.chargebacks cb WHERE cb.customer_id = c.id
      )
