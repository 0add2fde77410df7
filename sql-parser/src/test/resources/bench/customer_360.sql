/* {"app": "dbt", "dbt_version": "1.8.0", "profile_name": "jaffle_mesh", "target_name": "dev", "node_id": "model.jaffle_mesh.customer_360"} */
CREATE TABLE insights.default.customer_360 AS
-- One row per customer across the three domains (customers, orders, payments).
-- Rendered from models/marts/customer_360.sql; the as-of date is the dbt var run_date.
WITH source_customers AS (
    SELECT
        id AS customer_id,
        trim(first_name) AS first_name,
        trim(last_name) AS last_name,
        concat(trim(first_name), ' ', trim(last_name)) AS full_name,
        upper(substr(trim(first_name), 1, 1)) || upper(substr(trim(last_name), 1, 1)) AS initials
    FROM customersdb.public.customers
),

source_orders AS (
    SELECT
        id AS order_id,
        user_id AS customer_id,
        order_date,
        lower(status) AS status,
        date_trunc('month', order_date) AS order_month,
        day_of_week(order_date) AS order_weekday
    FROM ordersdb.public.orders
    WHERE order_date <= DATE '2018-04-09'
),

source_payments AS (
    SELECT
        id AS payment_id,
        order_id,
        lower(payment_method) AS payment_method,
        -- amount is stored in cents
        CAST(amount AS decimal(12, 2)) / 100 AS amount
    FROM paymentsdb.public.payments
    WHERE amount IS NOT NULL
),

-- cash and voucher payments are reported apart
payment_lines AS (
    SELECT
        payment_id,
        order_id,
        payment_method,
        amount,
        'cash' AS payment_kind
    FROM source_payments
    WHERE payment_method IN ('credit_card', 'bank_transfer')
    UNION ALL
    SELECT
        payment_id,
        order_id,
        payment_method,
        amount,
        'voucher' AS payment_kind
    FROM source_payments
    WHERE payment_method IN ('coupon', 'gift_card')
),

order_payments AS (
    SELECT
        order_id,
        count(*) AS payment_count,
        sum(CASE WHEN payment_method = 'credit_card' THEN amount ELSE 0 END) AS credit_card_amount,
        sum(CASE WHEN payment_method = 'coupon' THEN amount ELSE 0 END) AS coupon_amount,
        sum(CASE WHEN payment_method = 'bank_transfer' THEN amount ELSE 0 END) AS bank_transfer_amount,
        sum(CASE WHEN payment_method = 'gift_card' THEN amount ELSE 0 END) AS gift_card_amount,
        sum(amount) FILTER (WHERE payment_kind = 'cash') AS cash_amount,
        sum(amount) FILTER (WHERE payment_kind = 'voucher') AS voucher_amount,
        sum(amount) AS total_amount
    FROM payment_lines
    GROUP BY order_id
),

orders_enriched AS (
    SELECT
        o.order_id,
        o.customer_id,
        o.order_date,
        o.order_month,
        o.order_weekday,
        o.status,
        CASE
            WHEN o.status IN ('returned', 'return_pending') THEN 'returned'
            WHEN o.status IN ('placed', 'shipped') THEN 'open'
            WHEN o.status = 'completed' THEN 'completed'
            ELSE 'other'
        END AS status_group,
        coalesce(p.payment_count, 0) AS payment_count,
        coalesce(p.credit_card_amount, 0) AS credit_card_amount,
        coalesce(p.coupon_amount, 0) AS coupon_amount,
        coalesce(p.bank_transfer_amount, 0) AS bank_transfer_amount,
        coalesce(p.gift_card_amount, 0) AS gift_card_amount,
        coalesce(p.cash_amount, 0) AS cash_amount,
        coalesce(p.voucher_amount, 0) AS voucher_amount,
        coalesce(p.total_amount, 0) AS order_amount,
        p.order_id IS NOT NULL AS is_paid
    FROM source_orders AS o
    LEFT JOIN order_payments AS p
        ON o.order_id = p.order_id
),

order_sequence AS (
    SELECT
        order_id,
        customer_id,
        order_date,
        status,
        status_group,
        order_amount,
        row_number() OVER (PARTITION BY customer_id ORDER BY order_date, order_id) AS order_number,
        row_number() OVER (PARTITION BY customer_id ORDER BY order_date DESC, order_id DESC) AS reverse_order_number,
        lag(order_date) OVER (PARTITION BY customer_id ORDER BY order_date, order_id) AS previous_order_date,
        sum(order_amount) OVER (
            PARTITION BY customer_id
            ORDER BY order_date, order_id
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS running_amount
    FROM orders_enriched
),

order_gaps AS (
    SELECT
        customer_id,
        order_id,
        order_number,
        date_diff('day', previous_order_date, order_date) AS days_since_previous_order
    FROM order_sequence
    WHERE previous_order_date IS NOT NULL
),

customer_order_stats AS (
    SELECT
        customer_id,
        min(order_date) AS first_order_date,
        max(order_date) AS most_recent_order_date,
        count(order_id) AS number_of_orders,
        count_if(status_group = 'completed') AS completed_orders,
        count_if(status_group = 'returned') AS returned_orders,
        count_if(status_group = 'open') AS open_orders,
        count_if(NOT is_paid) AS unpaid_orders,
        sum(order_amount) AS lifetime_value,
        sum(cash_amount) AS lifetime_cash_amount,
        sum(voucher_amount) AS lifetime_voucher_amount,
        sum(credit_card_amount) AS lifetime_credit_card_amount,
        sum(coupon_amount) AS lifetime_coupon_amount,
        sum(bank_transfer_amount) AS lifetime_bank_transfer_amount,
        sum(gift_card_amount) AS lifetime_gift_card_amount,
        avg(order_amount) AS average_order_value,
        max(order_amount) AS largest_order_value,
        count(DISTINCT order_weekday) AS distinct_order_weekdays
    FROM orders_enriched
    GROUP BY customer_id
),

customer_gap_stats AS (
    SELECT
        customer_id,
        avg(days_since_previous_order) AS avg_days_between_orders,
        max(days_since_previous_order) AS max_days_between_orders
    FROM order_gaps
    GROUP BY customer_id
),

customer_payment_mix AS (
    SELECT
        o.customer_id,
        CAST(sum(CASE WHEN pl.payment_kind = 'cash' THEN pl.amount ELSE 0 END) AS double)
            / CAST(nullif(sum(pl.amount), 0) AS double) AS cash_share,
        max_by(pl.payment_method, pl.amount) AS preferred_payment_method,
        count(DISTINCT pl.payment_method) AS distinct_payment_methods,
        count(pl.payment_id) AS number_of_payments
    FROM source_orders AS o
    JOIN payment_lines AS pl
        ON pl.order_id = o.order_id
    GROUP BY o.customer_id
),

monthly_activity AS (
    SELECT
        customer_id,
        order_month,
        count(*) AS orders_in_month,
        sum(order_amount) AS amount_in_month
    FROM orders_enriched
    GROUP BY customer_id, order_month
),

customer_monthly_stats AS (
    SELECT
        customer_id,
        count(*) AS active_months,
        max(orders_in_month) AS max_orders_in_month,
        max(amount_in_month) AS best_month_amount,
        max_by(order_month, amount_in_month) AS best_month
    FROM monthly_activity
    GROUP BY customer_id
),

first_and_last_orders AS (
    SELECT
        customer_id,
        max(CASE WHEN order_number = 1 THEN order_id END) AS first_order_id,
        max(CASE WHEN order_number = 1 THEN status END) AS first_order_status,
        max(CASE WHEN order_number = 1 THEN order_amount END) AS first_order_amount,
        max(CASE WHEN reverse_order_number = 1 THEN order_id END) AS last_order_id,
        max(CASE WHEN reverse_order_number = 1 THEN status END) AS last_order_status,
        max(CASE WHEN reverse_order_number = 1 THEN running_amount END) AS last_running_amount
    FROM order_sequence
    GROUP BY customer_id
),

customer_segments AS (
    SELECT
        s.customer_id,
        CASE
            WHEN s.lifetime_value >= 100 AND s.number_of_orders >= 3 THEN 'champion'
            WHEN s.lifetime_value >= 50 THEN 'loyal'
            WHEN s.number_of_orders = 1 THEN 'one_time'
            ELSE 'regular'
        END AS value_segment,
        CASE
            WHEN date_diff('day', s.most_recent_order_date, DATE '2018-04-09') <= 30 THEN 'active'
            WHEN date_diff('day', s.most_recent_order_date, DATE '2018-04-09') <= 90 THEN 'cooling'
            ELSE 'lapsed'
        END AS recency_segment,
        ntile(4) OVER (ORDER BY s.lifetime_value DESC) AS value_quartile,
        rank() OVER (ORDER BY s.lifetime_value DESC, s.customer_id) AS value_rank
    FROM customer_order_stats AS s
)

SELECT
    c.customer_id,
    c.first_name,
    c.last_name,
    c.full_name,
    c.initials,
    s.first_order_date,
    s.most_recent_order_date,
    date_diff('day', s.first_order_date, s.most_recent_order_date) AS customer_tenure_days,
    coalesce(s.number_of_orders, 0) AS number_of_orders,
    coalesce(s.completed_orders, 0) AS completed_orders,
    coalesce(s.returned_orders, 0) AS returned_orders,
    coalesce(s.open_orders, 0) AS open_orders,
    coalesce(s.unpaid_orders, 0) AS unpaid_orders,
    CAST(s.returned_orders AS double) / nullif(s.number_of_orders, 0) AS return_rate,
    coalesce(s.lifetime_value, 0) AS customer_lifetime_value,
    coalesce(s.lifetime_cash_amount, 0) AS lifetime_cash_amount,
    coalesce(s.lifetime_voucher_amount, 0) AS lifetime_voucher_amount,
    coalesce(s.lifetime_credit_card_amount, 0) AS lifetime_credit_card_amount,
    coalesce(s.lifetime_coupon_amount, 0) AS lifetime_coupon_amount,
    coalesce(s.lifetime_bank_transfer_amount, 0) AS lifetime_bank_transfer_amount,
    coalesce(s.lifetime_gift_card_amount, 0) AS lifetime_gift_card_amount,
    round(s.average_order_value, 2) AS average_order_value,
    s.largest_order_value,
    s.distinct_order_weekdays,
    g.avg_days_between_orders,
    g.max_days_between_orders,
    pm.cash_share,
    pm.preferred_payment_method,
    pm.distinct_payment_methods,
    pm.number_of_payments,
    ms.active_months,
    ms.max_orders_in_month,
    ms.best_month,
    ms.best_month_amount,
    fl.first_order_id,
    fl.first_order_status,
    fl.first_order_amount,
    fl.last_order_id,
    fl.last_order_status,
    fl.last_running_amount,
    coalesce(seg.value_segment, 'prospect') AS value_segment,
    coalesce(seg.recency_segment, 'never_ordered') AS recency_segment,
    seg.value_quartile,
    seg.value_rank,
    CAST(current_timestamp AS timestamp(6) with time zone) AS loaded_at
FROM source_customers AS c
LEFT JOIN customer_order_stats AS s
    ON c.customer_id = s.customer_id
LEFT JOIN customer_gap_stats AS g
    ON c.customer_id = g.customer_id
LEFT JOIN customer_payment_mix AS pm
    ON c.customer_id = pm.customer_id
LEFT JOIN customer_monthly_stats AS ms
    ON c.customer_id = ms.customer_id
LEFT JOIN first_and_last_orders AS fl
    ON c.customer_id = fl.customer_id
LEFT JOIN customer_segments AS seg
    ON c.customer_id = seg.customer_id
WHERE c.customer_id IS NOT NULL
