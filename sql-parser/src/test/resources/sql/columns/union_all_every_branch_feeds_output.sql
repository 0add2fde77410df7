CREATE TABLE insights.default.all_transactions AS
SELECT id AS transaction_id, amount, paid_at AS occurred_at
FROM paymentsdb.public.payments
UNION ALL
SELECT id, -refund_amount, refunded_at
FROM paymentsdb.public.refunds
