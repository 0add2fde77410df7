INSERT INTO lake.sales.price_history (sku, price, valid_from)
SELECT sku, price * 1.05, DATE '2027-01-01'
FROM lake.sales.price_history
WHERE valid_from = DATE '2026-01-01'
