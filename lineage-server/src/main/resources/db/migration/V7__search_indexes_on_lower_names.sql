-- The trigram indexes of V2 were on name itself, and pg_trgm (1.6+) also serves name = '…' with them: the planner then
-- sometimes looked names up through the trigram index instead of the unique (namespace, name) b-tree, a bitmap scan
-- over every name sharing the trigrams of 'job_1' (measured: an impact query of 3,000 jobs ran for minutes on a
-- 500,000-job graph). Search now matches lower(name) LIKE lower('%q%'), so the trigram indexes are on lower(name),
-- which no equality on name can use.
DROP INDEX IF EXISTS datasets_name_trgm;
DROP INDEX IF EXISTS jobs_name_trgm;
DO $$
DECLARE
    trgm_schema TEXT;
BEGIN
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX datasets_lower_name_trgm ON datasets USING gin (lower(name) %I.gin_trgm_ops)',
            trgm_schema);
        EXECUTE format('CREATE INDEX jobs_lower_name_trgm ON jobs USING gin (lower(name) %I.gin_trgm_ops)',
            trgm_schema);
    END IF;
END
$$;
