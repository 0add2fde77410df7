-- The event log: every accepted event, verbatim, once (by the hash of its canonical JSON).
-- projected_at stays NULL until the event is projected into the model below; a failed projection leaves the row
-- to be reprocessed (see README, "Reprocessing").
CREATE TABLE lineage_events (
    id                BIGSERIAL PRIMARY KEY,
    event_hash        TEXT        NOT NULL UNIQUE,
    event_kind        TEXT        NOT NULL CHECK (event_kind IN ('RUN', 'DATASET', 'JOB')),
    event_type        TEXT,
    event_time        TIMESTAMPTZ NOT NULL,
    run_id            UUID,
    job_namespace     TEXT,
    job_name          TEXT,
    producer          TEXT,
    payload           JSONB       NOT NULL,
    received_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    projected_at      TIMESTAMPTZ,
    projection_error  TEXT
);
CREATE INDEX lineage_events_event_time ON lineage_events (event_time);
CREATE INDEX lineage_events_run_id ON lineage_events (run_id);
CREATE INDEX lineage_events_unprojected ON lineage_events (id) WHERE projected_at IS NULL;

CREATE TABLE namespaces (
    name         TEXT        PRIMARY KEY,
    owner_name   TEXT,
    description  TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    is_hidden    BOOLEAN     NOT NULL DEFAULT FALSE
);

CREATE TABLE datasets (
    id               BIGSERIAL   PRIMARY KEY,
    namespace        TEXT        NOT NULL REFERENCES namespaces (name),
    name             TEXT        NOT NULL,
    source_name      TEXT,
    fields           JSONB       NOT NULL DEFAULT '[]',
    facets           JSONB       NOT NULL DEFAULT '{}',
    current_version  UUID,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    is_hidden        BOOLEAN     NOT NULL DEFAULT FALSE,
    UNIQUE (namespace, name)
);

-- A new version when a dataset's schema changes.
CREATE TABLE dataset_versions (
    id           UUID        PRIMARY KEY,
    dataset_id   BIGINT      NOT NULL REFERENCES datasets (id),
    fields_hash  TEXT        NOT NULL,
    fields       JSONB       NOT NULL,
    run_id       UUID,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (dataset_id, fields_hash)
);

CREATE TABLE jobs (
    id               BIGSERIAL   PRIMARY KEY,
    namespace        TEXT        NOT NULL REFERENCES namespaces (name),
    name             TEXT        NOT NULL,
    type             TEXT        NOT NULL DEFAULT 'BATCH',
    facets           JSONB       NOT NULL DEFAULT '{}',
    current_version  UUID,
    latest_run_id    UUID,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    is_hidden        BOOLEAN     NOT NULL DEFAULT FALSE,
    UNIQUE (namespace, name)
);

-- A new version when a job's inputs, outputs or SQL change.
CREATE TABLE job_versions (
    id            UUID        PRIMARY KEY,
    job_id        BIGINT      NOT NULL REFERENCES jobs (id),
    version_hash  TEXT        NOT NULL,
    inputs        JSONB       NOT NULL,
    outputs       JSONB       NOT NULL,
    sql           TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (job_id, version_hash)
);

CREATE TABLE runs (
    id               UUID        PRIMARY KEY,
    job_id           BIGINT      NOT NULL REFERENCES jobs (id),
    state            TEXT        NOT NULL,
    started_at       TIMESTAMPTZ,
    ended_at         TIMESTAMPTZ,
    nominal_start    TIMESTAMPTZ,
    nominal_end      TIMESTAMPTZ,
    parent_run_id    UUID,
    job_version      UUID,
    error_message    TEXT,
    facets           JSONB       NOT NULL DEFAULT '{}',
    last_event_time  TIMESTAMPTZ NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX runs_job_id ON runs (job_id, created_at DESC);

-- Job <-> dataset edges, with where they came from and when they were seen.
CREATE TABLE lineage_edges (
    job_id      BIGINT      NOT NULL REFERENCES jobs (id),
    dataset_id  BIGINT      NOT NULL REFERENCES datasets (id),
    direction   TEXT        NOT NULL CHECK (direction IN ('INPUT', 'OUTPUT')),
    source      TEXT        NOT NULL CHECK (source IN ('openlineage', 'sql', 'trino')),
    first_seen  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    is_current  BOOLEAN     NOT NULL DEFAULT TRUE,
    PRIMARY KEY (job_id, dataset_id, direction)
);
CREATE INDEX lineage_edges_dataset ON lineage_edges (dataset_id);

CREATE TABLE column_lineage (
    output_dataset_id  BIGINT      NOT NULL REFERENCES datasets (id),
    output_field       TEXT        NOT NULL,
    input_dataset_id   BIGINT      NOT NULL REFERENCES datasets (id),
    input_field        TEXT        NOT NULL,
    transformation     TEXT        NOT NULL,
    subtype            TEXT        NOT NULL,
    description        TEXT,
    job_id             BIGINT      REFERENCES jobs (id),
    source             TEXT        NOT NULL,
    first_seen         TIMESTAMPTZ NOT NULL,
    last_seen          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype)
);
CREATE INDEX column_lineage_input ON column_lineage (input_dataset_id, input_field);
