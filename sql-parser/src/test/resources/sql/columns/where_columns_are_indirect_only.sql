CREATE TABLE insights.default.active_customers AS
SELECT id,
       email
FROM customersdb.public.customers
WHERE status = 'active'
  AND created_at < current_date
