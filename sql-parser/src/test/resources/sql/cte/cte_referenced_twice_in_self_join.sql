CREATE TABLE insights.default.monthly_revenue_mom AS
WITH monthly AS (
    SELECT date_trunc('month', order_date) AS month_start,
           sum(total_amount)               AS revenue
    FROM ordersdb.public.orders
    GROUP BY 1
)
SELECT cur.month_start,
       cur.revenue,
       prev.revenue AS prev_revenue
FROM monthly cur
LEFT JOIN monthly prev
  ON prev.month_start = cur.month_start - INTERVAL '1' MONTH
