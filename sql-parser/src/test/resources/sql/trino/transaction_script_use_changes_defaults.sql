START TRANSACTION ISOLATION LEVEL READ COMMITTED;
USE iceberg.raw;
INSERT INTO orders_archive (order_id, amount)
SELECT order_id, amount FROM orders WHERE created_at < DATE '2026-01-01';
DELETE FROM orders WHERE created_at < DATE '2026-01-01';
COMMIT;
