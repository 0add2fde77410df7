CREATE TABLE iceberg.analytics.subscription_windows AS
SELECT
    s.subscription_id,
    s.started_at + INTERVAL '30' DAY AS trial_ends_at,
    date_add('month', s.term_months, s.started_at) AS renews_at,
    current_date - INTERVAL '1' YEAR AS lookback_start
FROM iceberg.raw.subscriptions s
WHERE s.started_at >= current_timestamp - INTERVAL '2' YEAR
