CREATE TABLE insights.default.daily_order_summary (
    order_date date,
    status varchar,
    orders bigint,
    amount_cents bigint
)
