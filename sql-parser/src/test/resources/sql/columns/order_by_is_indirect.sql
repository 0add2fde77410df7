CREATE TABLE insights.default.top_payments AS
SELECT id,
       amount
FROM paymentsdb.public.payments
ORDER BY paid_at DESC
LIMIT 100
