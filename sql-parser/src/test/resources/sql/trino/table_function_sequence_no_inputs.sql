CREATE TABLE iceberg.analytics.calendar_2026 AS
SELECT date_add('day', sequential_number, DATE '2026-01-01') AS calendar_day
FROM TABLE(sequence(start => 0, stop => 364))
