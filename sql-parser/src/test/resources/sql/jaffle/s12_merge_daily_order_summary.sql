MERGE INTO insights.default.daily_order_summary t
USING (
    SELECT order_date, status, count(*) AS orders, CAST(sum(amount) * 100 AS bigint) AS amount_cents
    FROM insights.default.fct_orders
    WHERE order_date >= DATE '2018-03-25'
    GROUP BY order_date, status
) s
ON t.order_date = s.order_date AND t.status = s.status
WHEN MATCHED THEN UPDATE SET orders = s.orders, amount_cents = s.amount_cents
WHEN NOT MATCHED THEN INSERT (order_date, status, orders, amount_cents)
    VALUES (s.order_date, s.status, s.orders, s.amount_cents)
