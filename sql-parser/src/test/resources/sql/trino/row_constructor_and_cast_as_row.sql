CREATE TABLE iceberg.analytics.customer_profiles AS
SELECT
    c.id AS customer_id,
    ROW(c.street, c.city, c.zip) AS address,
    CAST(ROW(c.first_name, c.last_name) AS ROW(given VARCHAR, family VARCHAR)) AS full_name
FROM iceberg.raw.customers c
