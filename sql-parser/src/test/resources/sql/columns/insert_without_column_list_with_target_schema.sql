INSERT INTO insights.default.daily_payments
SELECT CAST(paid_at AS date) AS payment_date,
       sum(amount)           AS total_paid
FROM paymentsdb.public.payments
GROUP BY 1
