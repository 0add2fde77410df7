INSERT INTO insights.default.customers_backup
SELECT * FROM customersdb.public.customers
