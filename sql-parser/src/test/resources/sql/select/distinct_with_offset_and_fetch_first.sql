SELECT DISTINCT customer_id
FROM paymentsdb.public.payments
WHERE status = 'failed'
ORDER BY customer_id
OFFSET 20 ROWS
FETCH FIRST 10 ROWS ONLY
