SELECT id, total_amount
FROM Orders
WHERE status = 'open'
