START TRANSACTION;
DELETE FROM insights.default.customer_totals
WHERE snapshot_date = current_date;
INSERT INTO insights.default.customer_totals (customer_id, total_spent, snapshot_date)
SELECT customer_id, sum(total_amount), current_date
FROM ordersdb.public.orders
GROUP BY customer_id;
COMMIT;
