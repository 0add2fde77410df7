CREATE TABLE daily_signups AS
SELECT CAST(created_at AS date) AS signup_date,
       count(*) AS signups
FROM customersdb.public.customers
GROUP BY 1;

USE paymentsdb.public;

CREATE TABLE daily_payments AS
SELECT CAST(paid_at AS date) AS payment_date,
       sum(amount) AS amount
FROM payments
GROUP BY 1;

SELECT * FROM insights.default.daily_signups;
