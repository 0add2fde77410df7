SELECT s.code,
       s.label,
       count(o.id) AS order_count
FROM (VALUES ('P', 'pending'), ('S', 'shipped'), ('D', 'delivered')) AS s (code, label)
LEFT JOIN ordersdb.public.orders o ON o.status_code = s.code
GROUP BY s.code, s.label
