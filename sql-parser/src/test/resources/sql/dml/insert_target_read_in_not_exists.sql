INSERT INTO lake.sales.customers_dim (customer_id, email, first_seen)
SELECT s.customer_id, s.email, s.signup_date
FROM lake.staging.customers_delta s
WHERE NOT EXISTS (
    SELECT 1 FROM lake.sales.customers_dim d WHERE d.customer_id = s.customer_id
)
