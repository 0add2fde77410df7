MERGE INTO lake.sales.customers AS t
USING lake.staging.customer_updates AS s
ON t.id = s.customer_id
WHEN MATCHED THEN
    UPDATE SET email = s.email, updated_at = s.changed_at
WHEN NOT MATCHED THEN
    INSERT (id, email, created_at, updated_at)
    VALUES (s.customer_id, s.email, s.changed_at, s.changed_at)
