INSERT INTO insights.default.daily_revenue (revenue_date, revenue)
WITH daily_revenue AS (
    SELECT CAST(paid_at AS date) AS revenue_date,
           sum(amount)           AS revenue
    FROM paymentsdb.public.payments
    GROUP BY 1
)
SELECT revenue_date, revenue
FROM daily_revenue
