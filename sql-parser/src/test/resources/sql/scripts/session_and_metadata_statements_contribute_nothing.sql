SET SESSION query_max_run_time = '2h';
SHOW TABLES FROM ordersdb.public;
DESCRIBE customersdb.public.customers;
SHOW COLUMNS FROM paymentsdb.public.payments;
RESET SESSION query_max_run_time;
CREATE TABLE insights.default.big_orders AS
SELECT id, total_amount
FROM ordersdb.public.orders
WHERE total_amount > 10000;
