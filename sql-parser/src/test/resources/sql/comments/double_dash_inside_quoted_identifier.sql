CREATE TABLE insights.default.revenue_report AS
SELECT sum(total_amount) AS "revenue -- usd",
       customer_id
FROM ordersdb.public.orders
GROUP BY customer_id
