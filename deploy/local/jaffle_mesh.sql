-- Jaffle shop data mesh, run through Trino by E2eCheck.java (one statement at a time,
-- in this order). Rules for this file: a statement ends with ';' at the end of a line;
-- '--' lines between statements are headings and are NOT sent; everything else
-- (including the dbt-style /* ... */ query comments) is sent to Trino verbatim.
-- Catalogs: customersdb, ordersdb, paymentsdb (postgresql) and insights (iceberg).

-- 01 schema for the dbt models
CREATE SCHEMA IF NOT EXISTS insights.default;

-- 02-04 staging views: one per domain, renaming columns (dbt materialized='view')
/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.stg_customers"} */
CREATE OR REPLACE VIEW insights.default.stg_customers AS
SELECT
    id AS customer_id,
    first_name,
    last_name
FROM customersdb.public.customers;

/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.stg_orders"} */
CREATE OR REPLACE VIEW insights.default.stg_orders AS
SELECT
    id AS order_id,
    user_id AS customer_id,
    order_date,
    status
FROM ordersdb.public.orders;

/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.stg_payments"} */
CREATE OR REPLACE VIEW insights.default.stg_payments AS
SELECT
    id AS payment_id,
    order_id,
    payment_method,
    -- amount is stored in cents
    CAST(amount AS decimal(12, 2)) / 100 AS amount
FROM paymentsdb.public.payments;

-- 05-09 table models (dbt materialized='table' => CTAS)
/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.customer_orders"} */
CREATE TABLE insights.default.customer_orders AS
SELECT
    customer_id,
    min(order_date) AS first_order,
    max(order_date) AS most_recent_order,
    count(order_id) AS number_of_orders
FROM insights.default.stg_orders
GROUP BY customer_id;

/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.customer_payments"} */
CREATE TABLE insights.default.customer_payments AS
SELECT
    orders.customer_id,
    sum(payments.amount) AS total_amount
FROM insights.default.stg_payments AS payments
LEFT JOIN insights.default.stg_orders AS orders
    ON payments.order_id = orders.order_id
GROUP BY orders.customer_id;

/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.order_payments"} */
CREATE TABLE insights.default.order_payments AS
SELECT
    order_id,
    sum(CASE WHEN payment_method = 'credit_card' THEN amount ELSE 0 END) AS credit_card_amount,
    sum(CASE WHEN payment_method = 'coupon' THEN amount ELSE 0 END) AS coupon_amount,
    sum(CASE WHEN payment_method = 'bank_transfer' THEN amount ELSE 0 END) AS bank_transfer_amount,
    sum(CASE WHEN payment_method = 'gift_card' THEN amount ELSE 0 END) AS gift_card_amount,
    sum(amount) AS total_amount
FROM insights.default.stg_payments
GROUP BY order_id;

/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.dim_customers"} */
CREATE TABLE insights.default.dim_customers AS
WITH customers AS (
    SELECT * FROM insights.default.stg_customers
),
customer_orders AS (
    SELECT * FROM insights.default.customer_orders
),
customer_payments AS (
    SELECT * FROM insights.default.customer_payments
)
SELECT
    customers.customer_id,
    customers.first_name,
    customers.last_name,
    customer_orders.first_order,
    customer_orders.most_recent_order,
    customer_orders.number_of_orders,
    customer_payments.total_amount AS customer_lifetime_value
FROM customers
LEFT JOIN customer_orders
    ON customers.customer_id = customer_orders.customer_id
LEFT JOIN customer_payments
    ON customers.customer_id = customer_payments.customer_id;

/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.fct_orders"} */
CREATE TABLE insights.default.fct_orders AS
SELECT
    o.order_id,
    o.customer_id,
    o.order_date,
    o.status,
    op.credit_card_amount,
    op.coupon_amount,
    op.bank_transfer_amount,
    op.gift_card_amount,
    op.total_amount AS amount
FROM insights.default.stg_orders o
LEFT JOIN insights.default.order_payments op
    ON o.order_id = op.order_id;

-- 10-12 an explicitly created table, INSERT INTO ... SELECT straight from two domains, then an incremental MERGE
CREATE TABLE insights.default.daily_order_summary (
    order_date date,
    status varchar,
    orders bigint,
    amount_cents bigint
);

INSERT INTO insights.default.daily_order_summary (order_date, status, orders, amount_cents)
SELECT o.order_date, o.status, count(DISTINCT o.id), sum(p.amount)
FROM ordersdb.public.orders o
JOIN paymentsdb.public.payments p ON p.order_id = o.id
WHERE o.order_date < DATE '2018-04-01'
GROUP BY o.order_date, o.status;

MERGE INTO insights.default.daily_order_summary t
USING (
    SELECT order_date, status, count(*) AS orders, CAST(sum(amount) * 100 AS bigint) AS amount_cents
    FROM insights.default.fct_orders
    WHERE order_date >= DATE '2018-03-25'
    GROUP BY order_date, status
) s
ON t.order_date = s.order_date AND t.status = s.status
WHEN MATCHED THEN UPDATE SET orders = s.orders, amount_cents = s.amount_cents
WHEN NOT MATCHED THEN INSERT (order_date, status, orders, amount_cents)
    VALUES (s.order_date, s.status, s.orders, s.amount_cents);

-- 13 ad-hoc SELECT joining the three domain catalogs directly
SELECT c.first_name, c.last_name, count(DISTINCT o.id) AS orders, sum(p.amount) AS paid_cents
FROM customersdb.public.customers c
JOIN ordersdb.public.orders o ON o.user_id = c.id
JOIN paymentsdb.public.payments p ON p.order_id = o.id
WHERE o.status <> 'returned'
GROUP BY c.first_name, c.last_name
ORDER BY paid_cents DESC
LIMIT 5;

-- 14-15 reading a derived table and a view
SELECT customer_id, first_name, number_of_orders, customer_lifetime_value
FROM insights.default.dim_customers
ORDER BY customer_lifetime_value DESC NULLS LAST
LIMIT 5;

SELECT status, count(*) AS n FROM insights.default.stg_orders GROUP BY status ORDER BY n DESC;

-- 16 failing: syntax error
SELEC id, first_name FROM customersdb.public.customers;

-- 17 failing: table does not exist
SELECT * FROM ordersdb.public.refunds;

-- 18-20 unqualified names resolved through the session catalog/schema
USE customersdb.public;

SELECT id, first_name, last_name FROM customers WHERE id <= 3;

SELECT c.first_name, count(o.id) AS orders
FROM customers c
JOIN ordersdb.public.orders o ON o.user_id = c.id
GROUP BY c.first_name
ORDER BY orders DESC
LIMIT 3;

-- 21-22 unqualified CTAS target and source inside the insights schema
USE insights.default;

CREATE TABLE customer_segments AS
SELECT
    customer_id,
    CASE
        WHEN customer_lifetime_value >= 50 THEN 'high'
        WHEN customer_lifetime_value > 0 THEN 'regular'
        ELSE 'prospect'
    END AS segment
FROM dim_customers;
