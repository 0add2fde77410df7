CREATE TABLE reporting.daily_orders AS
SELECT order_date,
       count(*) AS order_count
FROM ordersdb.public.orders
GROUP BY order_date
