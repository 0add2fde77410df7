INSERT INTO iceberg.analytics.country_totals (country, total)
SELECT country, sum(amount)
FROM hive.web.orders
GROUP BY country
