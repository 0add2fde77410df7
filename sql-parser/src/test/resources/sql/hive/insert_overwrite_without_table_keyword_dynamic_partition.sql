INSERT OVERWRITE dw.user_activity PARTITION (dt)
SELECT user_id, count(*) AS events, max(event_ts) AS last_event_ts, dt
FROM raw.clickstream
WHERE dt >= '2026-11-20'
GROUP BY user_id, dt
