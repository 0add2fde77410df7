CREATE TABLE iceberg.analytics.clicks_sample AS
SELECT session_id, url, clicked_at
FROM iceberg.raw.clicks TABLESAMPLE BERNOULLI (5)
