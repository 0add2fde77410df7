WITH customers AS (
    SELECT id, email
    FROM customersdb.staging.customers_raw
)
SELECT id, email FROM customers;

SELECT id, email FROM customers;
