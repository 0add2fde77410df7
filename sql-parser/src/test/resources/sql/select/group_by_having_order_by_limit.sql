SELECT customer_id, sum(total_amount) AS revenue
FROM orders
GROUP BY customer_id
HAVING sum(total_amount) > 1000
ORDER BY revenue DESC
LIMIT 10
