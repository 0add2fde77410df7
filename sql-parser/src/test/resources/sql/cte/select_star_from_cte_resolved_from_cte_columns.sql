CREATE TABLE insights.default.dim_customers AS
WITH customers AS (
    SELECT id AS customer_id, first_name, last_name, email
    FROM customersdb.public.customers
),
final AS (
    SELECT customer_id,
           first_name || ' ' || last_name AS full_name,
           email
    FROM customers
)
SELECT * FROM final
