CREATE TABLE insights.default.customers_snapshot AS
SELECT * FROM customersdb.public.customers
