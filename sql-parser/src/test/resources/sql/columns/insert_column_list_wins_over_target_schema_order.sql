INSERT INTO insights.default.customer_emails (email, customer_id)
SELECT c.email_address,
       c.id
FROM customersdb.public.customers c
