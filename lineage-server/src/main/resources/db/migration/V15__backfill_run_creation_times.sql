-- A run's createdAt is, as in Marquez, the time of its first event (store.RunStore writes the earliest event time of the
-- run since this version); before, it was the time the server first stored the run. Runs whose events are all in the log
-- take their earliest event's time; a run whose events retention deleted keeps what it has, or its start if earlier.
UPDATE runs r SET created_at = first.event_time
FROM (SELECT run_id, min(event_time) AS event_time FROM lineage_events WHERE run_id IS NOT NULL GROUP BY run_id) first
WHERE r.id = first.run_id AND r.created_at IS DISTINCT FROM first.event_time;
UPDATE runs SET created_at = LEAST(started_at, ended_at, last_event_time)
WHERE created_at > LEAST(started_at, ended_at, last_event_time);
