UPDATE lake.sales.order_lines
SET line_total = quantity * unit_price * (1 - discount_pct / 100.0)
WHERE line_total IS NULL
