DROP TABLE IF EXISTS insights.default.fct_payments;

CREATE TABLE insights.default.fct_payments (
    payment_id bigint,
    order_id   bigint,
    amount     decimal(12, 2)
);

INSERT INTO insights.default.fct_payments (payment_id, order_id, amount)
SELECT id, order_id, amount
FROM paymentsdb.public.payments
WHERE status = 'settled';
