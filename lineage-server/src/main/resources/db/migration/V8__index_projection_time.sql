-- Each server follows the others' writes by reading the events projected in the last seconds (ReplicaFollower), twice
-- a second: without an index that read scans the whole event log, and grows with it.
CREATE INDEX lineage_events_projected_at ON lineage_events (projected_at);
