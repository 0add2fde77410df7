CREATE VIEW lake.sales.v_daily_revenue (sales_day, revenue) AS
SELECT CAST(created_at AS date), sum(amount)
FROM lake.sales.orders
GROUP BY CAST(created_at AS date)
