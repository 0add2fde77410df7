WITH daily AS (
    SELECT paid_at, amount
    FROM stg_payments
),
stg_payments AS (
    SELECT paid_at, amount
    FROM paymentsdb.public.payments
)
SELECT d.paid_at,
       d.amount AS staged_amount,
       s.amount AS source_amount
FROM daily d
JOIN stg_payments s ON s.paid_at = d.paid_at
