-- Dataset identity (docs/identity.md): other names of one data source or dataset, each mapped to its canonical name.
-- A namespace alias has alias_name = '' and canonical_name = '' (a Trino cluster seen under a second address: every
-- dataset and job of alias_namespace is the same-named one of canonical_namespace); a dataset alias names one dataset.
-- Configuration's aliases (origin config, catalog-mapping) are not stored: configuration stays their source. merged_at
-- is when what was stored under the alias was moved onto the canonical node (NULL: not yet).
CREATE TABLE identity_aliases (
    alias_namespace      TEXT        NOT NULL,
    alias_name           TEXT        NOT NULL DEFAULT '',
    canonical_namespace  TEXT        NOT NULL,
    canonical_name       TEXT        NOT NULL DEFAULT '',
    origin               TEXT        NOT NULL CHECK (origin IN ('trino-query-id', 'symlinks', 'manual')),
    evidence             TEXT,
    learned_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    merged_at            TIMESTAMPTZ,
    PRIMARY KEY (alias_namespace, alias_name),
    CHECK ((alias_name = '') = (canonical_name = '')),
    CHECK ((alias_namespace, alias_name) <> (canonical_namespace, canonical_name))
);

-- "Never merge": an alias an operator removed, which learning must not bring back.
CREATE TABLE identity_vetoes (
    alias_namespace      TEXT        NOT NULL,
    alias_name           TEXT        NOT NULL DEFAULT '',
    canonical_namespace  TEXT        NOT NULL,
    canonical_name       TEXT        NOT NULL DEFAULT '',
    vetoed_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (alias_namespace, alias_name, canonical_namespace, canonical_name)
);

-- What happened to identity, in order: an alias learned, added or removed, a merge or a split performed. Operators read
-- it (a merge is visible); replicas follow it (a change they did not make reloads their aliases and graph).
CREATE TABLE identity_changes (
    id                   BIGSERIAL   PRIMARY KEY,
    changed_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    action               TEXT        NOT NULL CHECK (action IN ('alias', 'merge', 'split')),
    alias_namespace      TEXT        NOT NULL,
    alias_name           TEXT        NOT NULL DEFAULT '',
    canonical_namespace  TEXT        NOT NULL,
    canonical_name       TEXT        NOT NULL DEFAULT '',
    origin               TEXT        NOT NULL,
    detail               TEXT
);

-- A merge deletes the alias's jobs: their column lineage is found by job (without this index, each deleted job scanned
-- the whole table: 77 s for 20,000 jobs).
CREATE INDEX column_lineage_job_id ON column_lineage (job_id);
