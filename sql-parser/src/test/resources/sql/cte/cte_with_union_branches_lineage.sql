CREATE TABLE insights.default.all_contacts AS
WITH contacts AS (
    SELECT email, 'customer' AS source
    FROM customersdb.public.customers
    UNION ALL
    SELECT contact_email, 'guest'
    FROM ordersdb.public.guest_checkouts
)
SELECT lower(email) AS email,
       source
FROM contacts
