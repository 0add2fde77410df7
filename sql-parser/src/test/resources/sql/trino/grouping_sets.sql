CREATE TABLE iceberg.analytics.sales_cube AS
SELECT region, product_line, grouping(region, product_line) AS grouping_level, sum(net_amount) AS net_sales
FROM iceberg.raw.sales
GROUP BY GROUPING SETS ((region, product_line), (region), ())
