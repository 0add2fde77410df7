-- Marquez's /api/v1/stats endpoints (docs/api.md, "Stats").
--
-- Lineage events per type and quarter hour: the log's rows counted as they are stored and deleted (store.EventLogStore,
-- store.RetentionStore), so a week's figures read a few thousand rows, not the week's events. Quarter hours, not hours:
-- the hours and days of a timezone 30 or 45 minutes off UTC (India, Nepal) are whole quarter hours. Each writing
-- backend (writer: its process id) adds to rows of its own, so two transactions storing events at once never wait for
-- each other's commit on the current quarter hour's row; a quarter hour has a row per type and backend that wrote in it.
-- event_type is '' for events without one (dataset and job events).
CREATE TABLE lineage_event_counts (
    bucket_start  TIMESTAMPTZ NOT NULL,
    event_type    TEXT        NOT NULL,
    writer        INTEGER     NOT NULL,
    events        BIGINT      NOT NULL,
    PRIMARY KEY (bucket_start, event_type, writer)
);
INSERT INTO lineage_event_counts (bucket_start, event_type, writer, events)
SELECT to_timestamp(floor(extract(epoch FROM event_time) / 900) * 900), COALESCE(event_type, ''), 0, count(*)
FROM lineage_events
GROUP BY 1, 2;

-- New jobs and datasets per interval: counted from created_at, which no update changes (so these indexes keep the
-- frequent updates of both tables HOT).
CREATE INDEX jobs_created_at ON jobs (created_at);
CREATE INDEX datasets_created_at ON datasets (created_at);
