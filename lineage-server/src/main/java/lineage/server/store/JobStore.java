package lineage.server.store;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import lineage.server.model.NodeId;

/** The writes of {@code jobs}, set-based, in the caller's transaction (see the package's documentation). */
@Singleton
public class JobStore {
    private final DataSource dataSource;
    private final ShownAgain shownAgain;

    public JobStore(DataSource dataSource, ShownAgain shownAgain) {
        this.dataSource = dataSource;
        this.shownAgain = shownAgain;
    }

    /**
     * Creates or updates the jobs (and shows hidden ones again), making each row's latest run, when it has one, the
     * job's latest run; their ids by node.
     */
    public Map<NodeId, Long> upsertJobs(List<JobWriteRow> jobs) {
        if (jobs.isEmpty()) {
            return Map.of();
        }
        String sql =
                """
                WITH wanted AS (
                    SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                        AS w(namespace, name, type, facets, created_at, updated_at, latest_run_id)),
                previous AS (
                    SELECT j.namespace, j.name FROM wanted w CROSS JOIN LATERAL (
                        SELECT namespace, name FROM jobs
                        WHERE namespace = w.namespace AND name = w.name AND is_hidden OFFSET 0) j)
                INSERT INTO jobs (namespace, name, type, facets, created_at, updated_at, latest_run_id)
                SELECT namespace, name, type, facets::jsonb, created_at::timestamptz, updated_at::timestamptz,
                    latest_run_id::uuid
                FROM wanted ORDER BY namespace, name
                ON CONFLICT (namespace, name) DO UPDATE SET facets = jobs.facets || EXCLUDED.facets,
                    type = EXCLUDED.type, updated_at = GREATEST(jobs.updated_at, EXCLUDED.updated_at),
                    latest_run_id = COALESCE(EXCLUDED.latest_run_id, jobs.latest_run_id), is_hidden = FALSE
                RETURNING id, namespace, name,
                    EXISTS (SELECT 1 FROM previous p WHERE p.namespace = jobs.namespace AND p.name = jobs.name)""";
        return shownAgain.upsert(dataSource, sql, NodeId::job, (connection, statement) -> {
            statement.setObject(1, SqlArrays.text(jobs, JobWriteRow::namespace));
            statement.setObject(2, SqlArrays.text(jobs, JobWriteRow::name));
            statement.setObject(3, SqlArrays.text(jobs, JobWriteRow::type));
            statement.setObject(4, SqlArrays.text(jobs, JobWriteRow::facets));
            statement.setObject(5, SqlArrays.time(jobs, JobWriteRow::createdAt));
            statement.setObject(6, SqlArrays.time(jobs, JobWriteRow::updatedAt));
            statement.setObject(7, SqlArrays.uuid(jobs, JobWriteRow::latestRunId));
        });
    }
}
