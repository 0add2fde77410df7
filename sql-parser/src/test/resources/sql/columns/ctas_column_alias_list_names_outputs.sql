CREATE TABLE insights.default.customer_geo (customer_id, country_code, city) AS
SELECT c.id,
       upper(a.country),
       a.city
FROM customersdb.public.customers c
JOIN customersdb.public.addresses a ON a.customer_id = c.id
