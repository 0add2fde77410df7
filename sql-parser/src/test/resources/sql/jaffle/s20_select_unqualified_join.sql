SELECT c.first_name, count(o.id) AS orders
FROM customers c
JOIN ordersdb.public.orders o ON o.user_id = c.id
GROUP BY c.first_name
ORDER BY orders DESC
LIMIT 3
