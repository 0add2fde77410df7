CREATE TABLE customer_segments AS
SELECT
    customer_id,
    CASE
        WHEN customer_lifetime_value >= 50 THEN 'high'
        WHEN customer_lifetime_value > 0 THEN 'regular'
        ELSE 'prospect'
    END AS segment
FROM dim_customers
