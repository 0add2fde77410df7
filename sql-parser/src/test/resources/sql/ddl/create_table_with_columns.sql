CREATE TABLE lake.sales.refunds (
    refund_id bigint,
    order_id bigint,
    amount decimal(12, 2),
    reason varchar,
    created_at timestamp(6)
)
