CREATE TABLE iceberg.analytics.clean_events AS
SELECT
    TRY_CAST(e.user_id AS bigint) AS user_id,
    CAST(json_parse(e.tags_json) AS ARRAY(VARCHAR)) AS tags,
    TRY_CAST(e.amount_text AS decimal(12, 2)) AS amount,
    CAST(NULL AS varchar) AS note
FROM iceberg.raw.events e
