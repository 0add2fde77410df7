CREATE TABLE lake.sales.customer_revenue AS
SELECT c.id AS customer_id, c.country, sum(o.amount) AS revenue, count(*) AS order_count
FROM lake.sales.customers c
JOIN lake.sales.orders o ON o.customer_id = c.id
GROUP BY c.id, c.country
