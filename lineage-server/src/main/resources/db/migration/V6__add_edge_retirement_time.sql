-- Edge lifecycle: an edge is current from first_seen until an authoritative event of its job leaves it out
-- (retired_at, the time of that event); lineage "as of" a time T keeps the edges with first_seen <= T and no
-- retirement at or before T. is_current stays the fast flag of the current graph: it is exactly retired_at IS NULL.
ALTER TABLE lineage_edges ADD COLUMN retired_at TIMESTAMPTZ;
-- Edges retired before this column existed: the last time they were seen is the best bound we have.
UPDATE lineage_edges SET retired_at = last_seen WHERE NOT is_current;
ALTER TABLE lineage_edges ADD CONSTRAINT lineage_edges_retired_iff_not_current
    CHECK ((retired_at IS NULL) = is_current);
