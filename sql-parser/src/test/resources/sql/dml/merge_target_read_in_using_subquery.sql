MERGE INTO lake.sales.customer_tiers t
USING (
    SELECT c.customer_id,
           CASE WHEN sum(o.amount) > 10000 THEN 'gold' ELSE 'standard' END AS tier
    FROM lake.sales.orders o
    JOIN lake.sales.customer_tiers c ON c.customer_id = o.customer_id
    GROUP BY c.customer_id
) s
ON t.customer_id = s.customer_id
WHEN MATCHED AND t.tier <> s.tier THEN UPDATE SET tier = s.tier
