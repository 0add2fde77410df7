INSERT INTO iceberg.analytics.status_changes (order_id, status_now, status_before)
SELECT cur.order_id, cur.status, old.status
FROM iceberg.raw.orders cur
JOIN iceberg.raw.orders FOR VERSION AS OF 8954597067493422955 AS old
    ON old.order_id = cur.order_id
WHERE cur.status <> old.status
