DELETE FROM lake.sales.orders
WHERE customer_id IN (
    SELECT id FROM lake.gdpr.erasure_requests WHERE processed = false
)
