CREATE TABLE insights.default.payment_running_totals AS
SELECT id AS payment_id,
       sum(amount) OVER w  AS running_amount,
       row_number() OVER w AS payment_seq
FROM paymentsdb.public.payments
WINDOW w AS (PARTITION BY customer_id ORDER BY paid_at)
