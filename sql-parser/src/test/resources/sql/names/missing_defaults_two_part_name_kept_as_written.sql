SELECT o.id,
       c.email
FROM Public.Orders o
JOIN customersdb.public.customers c ON c.id = o.customer_id
