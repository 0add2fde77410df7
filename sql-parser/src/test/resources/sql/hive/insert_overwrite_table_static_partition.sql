INSERT OVERWRITE TABLE dw.daily_sales PARTITION (dt='2026-11-22')
SELECT store_id, sum(amount) AS revenue, count(*) AS tx_count
FROM raw.pos_transactions
WHERE dt = '2026-11-22'
GROUP BY store_id
