-- Marquez's tags: a tag is created (or described) with PUT /api/v1/tags/{name}, then put on datasets, dataset fields
-- and jobs. A field tag names the field as it appears in the dataset's current fields.
CREATE TABLE tags (
    name         TEXT        PRIMARY KEY,
    description  TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE dataset_tags (
    dataset_id  BIGINT      NOT NULL REFERENCES datasets (id),
    tag_name    TEXT        NOT NULL REFERENCES tags (name),
    tagged_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset_id, tag_name)
);

CREATE TABLE dataset_field_tags (
    dataset_id  BIGINT      NOT NULL REFERENCES datasets (id),
    field       TEXT        NOT NULL,
    tag_name    TEXT        NOT NULL REFERENCES tags (name),
    tagged_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset_id, field, tag_name)
);

CREATE TABLE job_tags (
    job_id      BIGINT      NOT NULL REFERENCES jobs (id),
    tag_name    TEXT        NOT NULL REFERENCES tags (name),
    tagged_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, tag_name)
);
