INSERT INTO customer_emails (email, customer_id)
SELECT lower(c.email_address) AS customer_id, c.id AS email
FROM customers c
