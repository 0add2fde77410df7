CREATE TABLE reporting.monthly_sales AS
SELECT date_trunc('month', o.created_at)::date AS month,
       sum(o.total)::numeric(14, 2) AS total
FROM orders o
GROUP BY 1
