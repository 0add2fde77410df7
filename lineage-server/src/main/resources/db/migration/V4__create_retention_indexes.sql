-- Retention (lineage.retention.max-age) finds old runs by time, and keeps every job's latest run.
CREATE INDEX runs_last_event_time ON runs (last_event_time);
CREATE INDEX jobs_latest_run_id ON jobs (latest_run_id);
