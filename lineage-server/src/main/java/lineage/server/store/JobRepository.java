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

    /** Every namespace's visible jobs, as Marquez lists them: the last updated first (then by namespace and name). */
    @Query(
            "SELECT * FROM jobs WHERE NOT is_hidden ORDER BY updated_at DESC, namespace, name LIMIT :limit OFFSET :offset")
    List<JobRow> findVisible(int limit, int offset);

    @Query("SELECT count(*) FROM jobs WHERE NOT is_hidden")
    long countVisible();

    /** Every namespace's visible jobs whose latest run is in one of the states, the last updated first. */
    @Query(
            """
            SELECT j.* FROM jobs j JOIN runs r ON r.id = j.latest_run_id
            WHERE NOT j.is_hidden AND r.state IN (:states)
            ORDER BY j.updated_at DESC, j.namespace, j.name LIMIT :limit OFFSET :offset""")
    List<JobRow> findVisibleInStates(Collection<String> states, int limit, int offset);

    @Query(
            """
            SELECT count(*) FROM jobs j JOIN runs r ON r.id = j.latest_run_id
            WHERE NOT j.is_hidden AND r.state IN (:states)""")
    long countVisibleInStates(Collection<String> states);

    /** A namespace's visible jobs whose latest run is in one of the states, the last updated first. */
    @Query(
            """
            SELECT j.* FROM jobs j JOIN runs r ON r.id = j.latest_run_id
            WHERE j.namespace = :namespace AND NOT j.is_hidden AND r.state IN (:states)
            ORDER BY j.updated_at DESC, j.name LIMIT :limit OFFSET :offset""")
    List<JobRow> findVisibleInStates(String namespace, Collection<String> states, int limit, int offset);

    @Query(
            """
            SELECT count(*) FROM jobs j JOIN runs r ON r.id = j.latest_run_id
            WHERE j.namespace = :namespace AND NOT j.is_hidden AND r.state IN (:states)""")
    long countVisibleInStates(String namespace, Collection<String> states);

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

    /**
     * The inputs of the runs, by run id, then namespace and name: run-level lineage, inferred from what the store
     * keeps (no run records which dataset version it read). A run read the datasets its job's input edges held at the
     * run's time (seen by its last event, not retired before it started), in the version current when it started; that
     * data came from the last run, registered before this one, of a job whose output edge to the dataset was seen by
     * the time this run started.
     */
    @Query(
            """
            WITH frontier AS (
                SELECT id, job_id, created_at, last_event_time, COALESCE(started_at, last_event_time) AS run_time
                FROM runs WHERE id IN (:runIds))
            SELECT f.id AS run_id, d.namespace, d.name,
                (SELECT v.id FROM dataset_versions v WHERE v.dataset_id = d.id AND v.created_at <= f.run_time
                    ORDER BY v.created_at DESC, v.id LIMIT 1) AS dataset_version,
                (SELECT p.id FROM lineage_edges w CROSS JOIN LATERAL (
                        SELECT id, created_at FROM runs
                        WHERE job_id = w.job_id AND created_at <= f.created_at AND id <> f.id
                        ORDER BY created_at DESC, id LIMIT 1) p
                    WHERE w.dataset_id = d.id AND w.direction = 'OUTPUT' AND w.first_seen <= f.run_time
                    ORDER BY p.created_at DESC, p.id LIMIT 1) AS produced_by_run_id
            FROM frontier f
            JOIN lineage_edges e ON e.job_id = f.job_id AND e.direction = 'INPUT'
                AND e.first_seen <= f.last_event_time AND (e.retired_at IS NULL OR e.retired_at >= f.run_time)
            JOIN datasets d ON d.id = e.dataset_id
            ORDER BY f.id, d.namespace, d.name""")
    List<RunInputRow> findInputs(Collection<UUID> runIds);

    /**
     * The job version each run ran: the one it records, else the job's version last created by the run's last event
     * (versions are created when first seen, so a job that goes back to an older version is not seen to).
     */
    @Query(
            """
            SELECT r.id AS run_id, COALESCE(r.job_version, (
                SELECT v.id FROM job_versions v WHERE v.job_id = r.job_id AND v.created_at <= r.last_event_time
                ORDER BY v.created_at DESC, v.id LIMIT 1)) AS job_version
            FROM runs r WHERE r.id IN (:runIds) ORDER BY r.id""")
    List<RunVersionRow> findRunVersions(Collection<UUID> runIds);
}
