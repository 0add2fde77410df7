CREATE TABLE insights.default.customer_contacts AS
SELECT id,
       concat(first_name, ' ', last_name)   AS full_name,
       coalesce(mobile_phone, home_phone)   AS phone,
       date_trunc('month', created_at)      AS signup_month,
       lower(trim(email))                   AS email_normalized,
       CAST(loyalty_points AS double) / 100 AS loyalty_score
FROM customersdb.public.customers
