SELECT status, count(*) AS n FROM insights.default.stg_orders GROUP BY status ORDER BY n DESC
