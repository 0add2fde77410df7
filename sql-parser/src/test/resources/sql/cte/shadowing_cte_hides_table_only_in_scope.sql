SELECT a.customer_id,
       a.lifetime_value,
       c.segment
FROM (
    WITH customers AS (
        SELECT customer_id, sum(total_amount) AS lifetime_value
        FROM ordersdb.public.orders
        GROUP BY customer_id
    )
    SELECT customer_id, lifetime_value
    FROM customers
) a
JOIN customers c
  ON c.id = a.customer_id
