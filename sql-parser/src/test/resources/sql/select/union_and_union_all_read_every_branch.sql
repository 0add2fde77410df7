SELECT id, email FROM customersdb.public.customers
UNION
SELECT id, email FROM customersdb.archive.customers
UNION ALL
SELECT customer_id, contact_email FROM ordersdb.public.guest_checkouts
