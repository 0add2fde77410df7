CREATE TABLE dw.top_customers
STORED AS PARQUET
LOCATION 's3a://warehouse/dw/top_customers'
AS
SELECT customer_id, sum(amount) AS total_spend
FROM dw.orders
GROUP BY customer_id
ORDER BY total_spend DESC
LIMIT 100
