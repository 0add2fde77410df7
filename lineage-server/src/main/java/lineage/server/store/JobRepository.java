package lineage.server.store;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The visible (not hidden) jobs of a namespace, their current edges and their runs. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface JobRepository extends GenericRepository<JobRow, Long> {
    String RUN_COLUMNS =
            """
            r.id, r.job_id, j.namespace AS job_namespace, j.name AS job_name, r.state, r.started_at, r.ended_at,
                r.nominal_start, r.nominal_end, r.job_version, CAST(r.facets AS text) AS facets, r.created_at,
                r.updated_at
            """;
    String RUNS = "SELECT " + RUN_COLUMNS + " FROM runs r JOIN jobs j ON j.id = r.job_id ";

    @Query("SELECT * FROM jobs WHERE namespace = :namespace AND name = :name AND NOT is_hidden")
    Optional<JobRow> findVisible(String namespace, String name);

    /**
     * Most recently updated first, as Marquez lists them, then by name. The namespace's rows are found by the unique
     * (namespace, name) index and sorted: no index on updated_at, which every run event changes, so that updating a job
     * stays HOT (V10).
     */
    @Query("SELECT * FROM jobs WHERE namespace = :namespace AND NOT is_hidden ORDER BY updated_at DESC, name"
            + " LIMIT :limit OFFSET :offset")
    List<JobRow> findVisible(String namespace, int limit, int offset);

    @Query("SELECT count(*) FROM jobs WHERE namespace = :namespace AND NOT is_hidden")
    long countVisible(String namespace);

    /** The current edges of the jobs to visible datasets, by job, direction, namespace and name. */
    @Query(
            """
            SELECT e.job_id, e.direction, d.namespace, d.name
            FROM lineage_edges e JOIN datasets d ON d.id = e.dataset_id
            WHERE e.job_id IN (:jobIds) AND e.is_current AND NOT d.is_hidden
            ORDER BY e.job_id, e.direction, d.namespace, d.name""")
    List<JobEdgeRow> findCurrentEdges(Collection<Long> jobIds);

    // Not "id": Micronaut Data would take a parameter of that name for the job's id.
    @Query(RUNS + "WHERE r.id = :runId")
    Optional<JobRunRow> findRun(UUID runId);

    @Query(RUNS + "WHERE r.id IN (:ids) ORDER BY r.id")
    List<JobRunRow> findRuns(Collection<UUID> ids);

    /** Newest first. */
    @Query(RUNS + "WHERE r.job_id = :jobId ORDER BY r.created_at DESC, r.id LIMIT :limit OFFSET :offset")
    List<JobRunRow> findRuns(long jobId, int limit, int offset);

    @Query("SELECT count(*) FROM runs WHERE job_id = :jobId")
    long countRuns(long jobId);

    /** The newest {@code perJob} runs of each job, by job then newest first; each job's runs from its index. */
    @Query(
            "SELECT " + RUN_COLUMNS
                    + """
                    FROM jobs j CROSS JOIN LATERAL (
                        SELECT * FROM runs WHERE runs.job_id = j.id ORDER BY runs.created_at DESC, runs.id
                        LIMIT :perJob) r
                    WHERE j.id IN (:jobIds)
                    ORDER BY j.id, r.created_at DESC, r.id""")
    List<JobRunRow> findLatestRuns(Collection<Long> jobIds, int perJob);

    /**
     * The job facets the run's events carried, merged in event order (a later facet of a name replaces an earlier
     * one), as a JSON object.
     */
    @Query(
            """
            SELECT CAST(COALESCE(jsonb_object_agg(facet.key, facet.value ORDER BY e.event_time, e.id),
                CAST('{}' AS jsonb)) AS text)
            FROM lineage_events e CROSS JOIN LATERAL jsonb_each(CASE
                WHEN jsonb_typeof(e.payload -> 'job' -> 'facets') = 'object' THEN e.payload -> 'job' -> 'facets'
                ELSE CAST('{}' AS jsonb) END) AS facet
            WHERE e.run_id = :runId""")
    String jobFacetsOfRun(UUID runId);
}
