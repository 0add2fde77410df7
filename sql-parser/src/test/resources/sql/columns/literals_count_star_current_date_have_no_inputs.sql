CREATE TABLE insights.default.load_audit AS
SELECT 'ordersdb'      AS source_system,
       current_date    AS load_date,
       count(*)        AS row_count,
       max(updated_at) AS max_updated_at
FROM ordersdb.public.orders
