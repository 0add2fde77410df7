EXPLAIN CREATE TABLE insights.default.tmp_customers AS
SELECT * FROM customersdb.public.customers;
EXPLAIN ANALYZE
SELECT status, count(*) FROM ordersdb.public.orders GROUP BY status;
