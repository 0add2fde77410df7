UPDATE lake.sales.customers
SET risk_flag = true
WHERE id IN (SELECT customer_id FROM lake.risk.chargebacks)
