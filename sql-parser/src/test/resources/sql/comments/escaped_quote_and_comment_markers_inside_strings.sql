SELECT c.id,
       'it''s -- not a comment' AS label,
       '/* still a string */' AS other
FROM customersdb.public.customers c
JOIN ordersdb.public.orders o ON o.customer_id = c.id
