SELECT
  customer_id,
  order_date,
  row_number() OVER (PARTITION BY customer_id ORDER BY order_date) AS order_seq,
  sum(total_amount) OVER (
    PARTITION BY customer_id
    ORDER BY order_date
    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
  ) AS running_total
FROM ordersdb.public.orders
