-- GET /api/v1/search matches dataset and job names by case-insensitive substring (name ILIKE '%q%'), which only a
-- trigram index serves. pg_trgm ships with PostgreSQL's contrib and is a trusted extension (PostgreSQL 13+), but a
-- server without contrib, or a role that may not create extensions, must still migrate: search then scans the names.
DO $$
DECLARE
    trgm_schema TEXT;
BEGIN
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
    EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
        RAISE WARNING 'pg_trgm cannot be created (%): search will scan dataset and job names', SQLERRM;
    END;
    -- An extension is installed once per database, maybe in another schema than these tables.
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    IF trgm_schema IS NOT NULL THEN
        EXECUTE format('CREATE INDEX datasets_name_trgm ON datasets USING gin (name %I.gin_trgm_ops)', trgm_schema);
        EXECUTE format('CREATE INDEX jobs_name_trgm ON jobs USING gin (name %I.gin_trgm_ops)', trgm_schema);
    END IF;
END
$$;
