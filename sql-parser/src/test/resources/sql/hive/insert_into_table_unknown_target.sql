INSERT INTO TABLE dw.login_events
SELECT user_id, login_ts, ip_address
FROM raw.auth_log
WHERE event_type = 'login'
