-- The web UI's first page lists the most-read datasets (GET /api/v1/datasets/most-read): the current input edges
-- counted per dataset. This index holds only those edges, so the count is an index-only scan of them instead of a scan
-- of every edge ever seen (outputs and retired edges included). Refreshing an edge's last_seen, what most events do,
-- changes no indexed column and stays a HOT update; retiring or reviving an edge (is_current) no longer can.
CREATE INDEX lineage_edges_current_inputs ON lineage_edges (dataset_id, job_id) WHERE direction = 'INPUT' AND is_current;
