INSERT OVERWRITE DIRECTORY '/tmp/exports/churned_users'
ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
SELECT u.user_id, u.email
FROM dw.users u
WHERE u.churned = true
