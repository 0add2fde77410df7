DELETE FROM lake.sales.events
WHERE event_time < (SELECT max(event_time) FROM lake.sales.events) - INTERVAL '90' DAY
