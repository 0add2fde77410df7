-- Trino's HTTP event listener posts QueryCreatedEvent and QueryCompletedEvent bodies to /api/v1/trino/events: the log
-- keeps them verbatim as their own kind, next to the OpenLineage events they are projected like.
ALTER TABLE lineage_events DROP CONSTRAINT lineage_events_event_kind_check;
ALTER TABLE lineage_events ADD CONSTRAINT lineage_events_event_kind_check
    CHECK (event_kind IN ('RUN', 'DATASET', 'JOB', 'TRINO'));

-- In a Trino data mesh each catalog is a domain (customersdb, ordersdb, insights): a Trino dataset is named
-- catalog.schema.table in a trino://host:port namespace, so its domain is the first part of its name, whichever source
-- (OpenLineage listener, HTTP listener, parsed SQL) named it. Other datasets have none.
ALTER TABLE datasets ADD COLUMN domain TEXT GENERATED ALWAYS AS (
    CASE WHEN namespace LIKE 'trino://%' AND strpos(name, '.') > 0 THEN split_part(name, '.', 1) END) STORED;
CREATE INDEX datasets_domain ON datasets (domain) WHERE domain IS NOT NULL;
