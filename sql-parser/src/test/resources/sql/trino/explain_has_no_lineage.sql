EXPLAIN (TYPE DISTRIBUTED)
INSERT INTO iceberg.analytics.daily_signups (signup_date, signups)
SELECT CAST(created_at AS date), count(*)
FROM iceberg.raw.users
GROUP BY 1
