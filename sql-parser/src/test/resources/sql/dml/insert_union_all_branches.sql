INSERT INTO lake.sales.all_payments (payment_id, amount, source)
SELECT id, amount_eur, 'card' FROM lake.payments.card_payments
UNION ALL
SELECT transfer_id, amount * fx_rate, 'wire' FROM lake.payments.wire_transfers
