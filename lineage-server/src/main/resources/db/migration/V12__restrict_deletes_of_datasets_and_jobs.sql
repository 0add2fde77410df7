-- Only an identity merge deletes datasets and jobs (store.IdentityMerges: 50,000 merged datasets in a merge of a cluster
-- alias over 100,000). Each deleted row runs one check per foreign key that references it (six for a dataset, five for a
-- job), and a NO ACTION check runs two queries: whether another row now has the deleted key, then whether any row
-- still references it. RESTRICT runs only the second; the merge deletes a row once nothing references it, so both
-- refuse the same deletes, RESTRICT just cannot be deferred (none of these is deferrable). Measured on PostgreSQL 15
-- and 17: the checks of 50,000 deletes took 2.2 to 2.4 times as long with NO ACTION.
-- Each constraint keeps its name; adding it back checks the table's rows once.
ALTER TABLE dataset_versions
    DROP CONSTRAINT dataset_versions_dataset_id_fkey,
    ADD CONSTRAINT dataset_versions_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES datasets (id)
        ON DELETE RESTRICT;
ALTER TABLE lineage_edges
    DROP CONSTRAINT lineage_edges_dataset_id_fkey,
    ADD CONSTRAINT lineage_edges_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES datasets (id) ON DELETE RESTRICT,
    DROP CONSTRAINT lineage_edges_job_id_fkey,
    ADD CONSTRAINT lineage_edges_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE RESTRICT;
ALTER TABLE column_lineage
    DROP CONSTRAINT column_lineage_output_dataset_id_fkey,
    ADD CONSTRAINT column_lineage_output_dataset_id_fkey FOREIGN KEY (output_dataset_id) REFERENCES datasets (id)
        ON DELETE RESTRICT,
    DROP CONSTRAINT column_lineage_input_dataset_id_fkey,
    ADD CONSTRAINT column_lineage_input_dataset_id_fkey FOREIGN KEY (input_dataset_id) REFERENCES datasets (id)
        ON DELETE RESTRICT,
    DROP CONSTRAINT column_lineage_job_id_fkey,
    ADD CONSTRAINT column_lineage_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE RESTRICT;
ALTER TABLE dataset_tags
    DROP CONSTRAINT dataset_tags_dataset_id_fkey,
    ADD CONSTRAINT dataset_tags_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES datasets (id) ON DELETE RESTRICT;
ALTER TABLE dataset_field_tags
    DROP CONSTRAINT dataset_field_tags_dataset_id_fkey,
    ADD CONSTRAINT dataset_field_tags_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES datasets (id)
        ON DELETE RESTRICT;
ALTER TABLE job_versions
    DROP CONSTRAINT job_versions_job_id_fkey,
    ADD CONSTRAINT job_versions_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE RESTRICT;
ALTER TABLE runs
    DROP CONSTRAINT runs_job_id_fkey,
    ADD CONSTRAINT runs_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE RESTRICT;
ALTER TABLE job_tags
    DROP CONSTRAINT job_tags_job_id_fkey,
    ADD CONSTRAINT job_tags_job_id_fkey FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE RESTRICT;
