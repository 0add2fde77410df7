-- Replicas follow each other's writes by the transaction that projected them (ReplicaFollower): a round reads the rows
-- of transactions from the oldest one still running at its last round on, and only the rows other servers wrote. That
-- replaces looking back 10 s by time, which read every event twenty times and this server's own events too.
ALTER TABLE lineage_events ADD COLUMN projected_xid xid8, ADD COLUMN projected_by uuid;
CREATE INDEX lineage_events_projected_xid ON lineage_events (projected_xid) WHERE projected_xid IS NOT NULL;
DROP INDEX lineage_events_projected_at;
