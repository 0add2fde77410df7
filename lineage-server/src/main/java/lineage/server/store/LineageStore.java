package lineage.server.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import lineage.server.model.NodeId;

/**
 * The writes that project events into the model, set-based: each method writes all its rows in one statement (or one
 * JDBC batch), whether they come from one event or a batch of thousands. Hand-written SQL, because concurrent writers
 * insert the same keys ({@code INSERT ... ON CONFLICT}). Rows are written in key order, so that two transactions that
 * write the same rows take their locks in the same order. Rows must be distinct by key ({@code ON CONFLICT} cannot
 * touch a row twice in one statement). Every method runs in the caller's transaction.
 *
 * <p>Rows of a batch are looked up in a table by key through {@code CROSS JOIN LATERAL (... OFFSET 0)}, which keeps
 * each lookup a probe of the table's unique index whatever PostgreSQL's statistics say. As plain joins of an {@code
 * unnest} of the parameters, a plan cached while a table was small (a hash join over all of it) stayed in use once it
 * had grown: a seq scan of all datasets for each event.
 */
@Singleton
public class LineageStore {
    private final DataSource dataSource;
    private final Set<String> committedNamespaces = ConcurrentHashMap.newKeySet();
    private final AtomicLong shownAgain = new AtomicLong();

    public LineageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates the namespaces that are new. Namespaces known to be committed ({@link #rememberCommitted}) are skipped:
     * events name the same few namespaces over and over.
     */
    public void upsertNamespaces(Collection<String> names, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
        TreeSet<String> wanted = new TreeSet<>(names);
        wanted.removeAll(committedNamespaces);
        if (wanted.isEmpty()) {
            return;
        }
        execute(
                """
                INSERT INTO namespaces (name, created_at, updated_at)
                SELECT name, ?, ? FROM unnest(?::text[]) AS name ORDER BY name
                ON CONFLICT (name) DO UPDATE SET updated_at = GREATEST(namespaces.updated_at, EXCLUDED.updated_at),
                    is_hidden = FALSE""",
                (connection, statement) -> {
                    statement.setTimestamp(1, timestamp(createdAt));
                    statement.setTimestamp(2, timestamp(updatedAt));
                    statement.setArray(3, connection.createArrayOf("text", wanted.toArray()));
                });
    }

    /** Called after a commit: these namespaces exist for good. */
    public void rememberCommitted(Collection<String> namespaces) {
        committedNamespaces.addAll(namespaces);
    }

    /** Called when a namespace is hidden: the next event naming it must write it (and show it again). */
    public void forgetCommitted(String namespace) {
        committedNamespaces.remove(namespace);
    }

    /**
     * How many hidden jobs and datasets events have shown again since start-up. Ingestion compares it before and after
     * a write: when it moved, the graph is reloaded, because the edges of what came back are not in the graph.
     */
    public long shownAgain() {
        return shownAgain.get();
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
        return ids(sql, NodeId::job, (connection, statement) -> {
            statement.setArray(1, SqlArrays.text(connection, jobs, JobWriteRow::namespace));
            statement.setArray(2, SqlArrays.text(connection, jobs, JobWriteRow::name));
            statement.setArray(3, SqlArrays.text(connection, jobs, JobWriteRow::type));
            statement.setArray(4, SqlArrays.text(connection, jobs, JobWriteRow::facets));
            statement.setArray(5, SqlArrays.time(connection, jobs, JobWriteRow::createdAt));
            statement.setArray(6, SqlArrays.time(connection, jobs, JobWriteRow::updatedAt));
            statement.setArray(7, SqlArrays.uuid(connection, jobs, JobWriteRow::latestRunId));
        });
    }

    /** A visible dataset that exists: its id, and whether it already has the facets and the fields of a write. */
    public record ExistingDataset(long id, boolean hasFacets, boolean hasFields) {}

    /**
     * The visible datasets among {@code datasets} that exist, keyed by position in the list. Read without locking any
     * row, so that concurrent events over the same tables do not queue behind each other.
     */
    public Map<Integer, ExistingDataset> findDatasets(List<DatasetWriteRow> datasets) {
        String sql =
                """
                SELECT w.position, d.id, d.facets @> w.facets::jsonb, d.fields = w.fields::jsonb
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                    AS w(namespace, name, facets, fields, position)
                CROSS JOIN LATERAL (
                    SELECT id, facets, fields FROM datasets
                    WHERE namespace = w.namespace AND name = w.name AND NOT is_hidden OFFSET 0) d""";
        Map<Integer, ExistingDataset> existing = new HashMap<>();
        if (datasets.isEmpty()) {
            return existing;
        }
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, SqlArrays.text(connection, datasets, DatasetWriteRow::namespace));
            statement.setArray(2, SqlArrays.text(connection, datasets, DatasetWriteRow::name));
            statement.setArray(3, SqlArrays.text(connection, datasets, DatasetWriteRow::facets));
            statement.setArray(4, SqlArrays.text(connection, datasets, DatasetWriteRow::fields));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    existing.put(
                            result.getInt(1) - 1,
                            new ExistingDataset(result.getLong(2), result.getBoolean(3), result.getBoolean(4)));
                }
            }
            return existing;
        } catch (SQLException exception) {
            throw new StoreException("store query failed", exception);
        }
    }

    /** Creates the datasets or merges facets into them (and shows hidden ones again); their ids by node. */
    public Map<NodeId, Long> upsertDatasets(List<DatasetWriteRow> datasets) {
        if (datasets.isEmpty()) {
            return Map.of();
        }
        String sql =
                """
                WITH wanted AS (
                    SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                        AS w(namespace, name, facets, created_at, updated_at)),
                previous AS (
                    SELECT d.namespace, d.name FROM wanted w CROSS JOIN LATERAL (
                        SELECT namespace, name FROM datasets
                        WHERE namespace = w.namespace AND name = w.name AND is_hidden OFFSET 0) d)
                INSERT INTO datasets (namespace, name, facets, created_at, updated_at)
                SELECT namespace, name, facets::jsonb, created_at::timestamptz, updated_at::timestamptz
                FROM wanted ORDER BY namespace, name
                ON CONFLICT (namespace, name) DO UPDATE SET facets = datasets.facets || EXCLUDED.facets,
                    updated_at = GREATEST(datasets.updated_at, EXCLUDED.updated_at), is_hidden = FALSE
                RETURNING id, namespace, name,
                    EXISTS (SELECT 1 FROM previous p WHERE p.namespace = datasets.namespace AND p.name = datasets.name)""";
        return ids(sql, NodeId::dataset, (connection, statement) -> {
            statement.setArray(1, SqlArrays.text(connection, datasets, DatasetWriteRow::namespace));
            statement.setArray(2, SqlArrays.text(connection, datasets, DatasetWriteRow::name));
            statement.setArray(3, SqlArrays.text(connection, datasets, DatasetWriteRow::facets));
            statement.setArray(4, SqlArrays.time(connection, datasets, DatasetWriteRow::createdAt));
            statement.setArray(5, SqlArrays.time(connection, datasets, DatasetWriteRow::updatedAt));
        });
    }

    /** The stored fields of the datasets, locked until the transaction ends (their schemas are about to grow). */
    public Map<Long, String> lockFields(List<Long> datasetIds) {
        Map<Long, String> fields = new HashMap<>();
        if (datasetIds.isEmpty()) {
            return fields;
        }
        String sql = "SELECT id, fields::text FROM datasets WHERE id = ANY (?) ORDER BY id FOR UPDATE";
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("bigint", datasetIds.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    fields.put(result.getLong(1), result.getString(2));
                }
            }
            return fields;
        } catch (SQLException exception) {
            throw new StoreException("store query failed", exception);
        }
    }

    /**
     * Records the schemas datasets were seen with: a dataset version for each new one, and the {@code current} one as
     * the dataset's fields.
     */
    public void writeSchemas(List<SchemaWriteRow> schemas) {
        if (schemas.isEmpty()) {
            return;
        }
        execute(
                """
                INSERT INTO dataset_versions (id, dataset_id, fields_hash, fields, run_id, created_at)
                SELECT gen_random_uuid(), dataset_id, fields_hash, fields::jsonb, run_id::uuid, created_at::timestamptz
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
                    AS v(dataset_id, fields_hash, fields, run_id, created_at)
                ORDER BY dataset_id, fields_hash
                ON CONFLICT (dataset_id, fields_hash) DO NOTHING""",
                (connection, statement) -> {
                    statement.setArray(1, SqlArrays.bigint(connection, schemas, SchemaWriteRow::datasetId));
                    statement.setArray(2, SqlArrays.text(connection, schemas, SchemaWriteRow::fieldsHash));
                    statement.setArray(3, SqlArrays.text(connection, schemas, SchemaWriteRow::fields));
                    statement.setArray(4, SqlArrays.uuid(connection, schemas, SchemaWriteRow::runId));
                    statement.setArray(5, SqlArrays.time(connection, schemas, SchemaWriteRow::time));
                });
        List<SchemaWriteRow> current =
                schemas.stream().filter(SchemaWriteRow::current).toList();
        if (current.isEmpty()) {
            return;
        }
        execute(
                """
                UPDATE datasets d SET fields = w.fields::jsonb, updated_at = GREATEST(d.updated_at, w.time::timestamptz),
                    current_version = (
                        SELECT v.id FROM dataset_versions v WHERE v.dataset_id = d.id AND v.fields_hash = w.fields_hash)
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS w(id, fields, fields_hash, time)
                WHERE d.id = w.id AND d.fields IS DISTINCT FROM w.fields::jsonb""",
                (connection, statement) -> {
                    statement.setArray(1, SqlArrays.bigint(connection, current, SchemaWriteRow::datasetId));
                    statement.setArray(2, SqlArrays.text(connection, current, SchemaWriteRow::fields));
                    statement.setArray(3, SqlArrays.text(connection, current, SchemaWriteRow::fieldsHash));
                    statement.setArray(4, SqlArrays.time(connection, current, SchemaWriteRow::time));
                });
    }

    /**
     * Records run events, in order. A terminal state (COMPLETED, FAILED, ABORTED) is never replaced by a non-terminal
     * one, so a COMPLETE that arrives before its START still leaves the run completed; between two states of the same
     * kind the later event wins. (The job's latest run is set by {@link #upsertJobs}.)
     *
     * <p>Set-based in rounds: the first event of every run in one statement, the second of every run in the next, and
     * so on. So each statement touches a run once, as {@code ON CONFLICT} requires, and a run's events still apply one
     * after the other; a batch of START and COMPLETE events costs two statements.
     */
    public void upsertRuns(List<RunRow> runs) {
        List<List<RunRow>> rounds = new ArrayList<>();
        Map<UUID, Integer> seen = new HashMap<>();
        for (RunRow run : runs) {
            int round = seen.merge(run.id(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(run);
        }
        for (List<RunRow> round : rounds) {
            upsertRunRound(round);
        }
    }

    private void upsertRunRound(List<RunRow> runs) {
        execute(
                """
                INSERT INTO runs (id, job_id, state, started_at, ended_at, nominal_start, nominal_end, parent_run_id,
                    error_message, facets, last_event_time, created_at, updated_at)
                SELECT id::uuid, job_id, state, started_at::timestamptz, ended_at::timestamptz,
                    nominal_start::timestamptz, nominal_end::timestamptz, parent_run_id::uuid, error_message,
                    facets::jsonb, last_event_time::timestamptz, now(), now()
                FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[])
                    AS r(id, job_id, state, started_at, ended_at, nominal_start, nominal_end, parent_run_id,
                        error_message, facets, last_event_time)
                ORDER BY 1
                ON CONFLICT (id) DO UPDATE SET
                    state = CASE
                        WHEN runs.state IN ('COMPLETED', 'FAILED', 'ABORTED')
                            AND EXCLUDED.state NOT IN ('COMPLETED', 'FAILED', 'ABORTED') THEN runs.state
                        WHEN EXCLUDED.state IN ('COMPLETED', 'FAILED', 'ABORTED')
                            AND runs.state NOT IN ('COMPLETED', 'FAILED', 'ABORTED') THEN EXCLUDED.state
                        WHEN EXCLUDED.last_event_time >= runs.last_event_time THEN EXCLUDED.state
                        ELSE runs.state END,
                    started_at = LEAST(runs.started_at, EXCLUDED.started_at),
                    ended_at = GREATEST(runs.ended_at, EXCLUDED.ended_at),
                    nominal_start = COALESCE(EXCLUDED.nominal_start, runs.nominal_start),
                    nominal_end = COALESCE(EXCLUDED.nominal_end, runs.nominal_end),
                    parent_run_id = COALESCE(EXCLUDED.parent_run_id, runs.parent_run_id),
                    error_message = COALESCE(EXCLUDED.error_message, runs.error_message),
                    facets = runs.facets || EXCLUDED.facets,
                    last_event_time = GREATEST(runs.last_event_time, EXCLUDED.last_event_time),
                    updated_at = now()""",
                (connection, statement) -> {
                    statement.setArray(1, SqlArrays.uuid(connection, runs, RunRow::id));
                    statement.setArray(2, SqlArrays.bigint(connection, runs, RunRow::jobId));
                    statement.setArray(3, SqlArrays.text(connection, runs, RunRow::state));
                    statement.setArray(4, SqlArrays.time(connection, runs, RunRow::startedAt));
                    statement.setArray(5, SqlArrays.time(connection, runs, RunRow::endedAt));
                    statement.setArray(6, SqlArrays.time(connection, runs, RunRow::nominalStart));
                    statement.setArray(7, SqlArrays.time(connection, runs, RunRow::nominalEnd));
                    statement.setArray(8, SqlArrays.uuid(connection, runs, RunRow::parentRunId));
                    statement.setArray(9, SqlArrays.text(connection, runs, RunRow::errorMessage));
                    statement.setArray(10, SqlArrays.text(connection, runs, RunRow::facets));
                    statement.setArray(11, SqlArrays.time(connection, runs, RunRow::lastEventTime));
                });
    }

    /** Creates or updates job↔dataset edges, leaving each as the row says (current, or retired at a time). */
    public void upsertEdges(List<EdgeWriteRow> edges) {
        if (edges.isEmpty()) {
            return;
        }
        execute(
                """
                INSERT INTO lineage_edges (job_id, dataset_id, direction, source, first_seen, last_seen, is_current,
                    retired_at)
                SELECT job_id, dataset_id, direction, source, first_seen::timestamptz, last_seen::timestamptz,
                    retired_at IS NULL, retired_at::timestamptz
                FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    AS e(job_id, dataset_id, direction, source, first_seen, last_seen, retired_at)
                ORDER BY job_id, dataset_id, direction
                ON CONFLICT (job_id, dataset_id, direction) DO UPDATE SET is_current = EXCLUDED.is_current,
                    retired_at = EXCLUDED.retired_at, source = EXCLUDED.source,
                    first_seen = LEAST(lineage_edges.first_seen, EXCLUDED.first_seen),
                    last_seen = GREATEST(lineage_edges.last_seen, EXCLUDED.last_seen)""",
                (connection, statement) -> {
                    statement.setArray(1, SqlArrays.bigint(connection, edges, EdgeWriteRow::jobId));
                    statement.setArray(2, SqlArrays.bigint(connection, edges, EdgeWriteRow::datasetId));
                    statement.setArray(3, SqlArrays.text(connection, edges, EdgeWriteRow::direction));
                    statement.setArray(4, SqlArrays.text(connection, edges, EdgeWriteRow::source));
                    statement.setArray(5, SqlArrays.time(connection, edges, EdgeWriteRow::firstSeen));
                    statement.setArray(6, SqlArrays.time(connection, edges, EdgeWriteRow::lastSeen));
                    statement.setArray(7, SqlArrays.time(connection, edges, EdgeWriteRow::retiredAt));
                });
    }

    /** A job's edge that stopped being current. */
    public record RetiredEdge(
            long jobId,
            String direction,
            String datasetNamespace,
            String datasetName,
            OffsetDateTime retiredAt,
            String source) {}

    /** A job and direction whose current edges are exactly the given datasets since {@code since}. */
    public record CurrentEdges(long jobId, String direction, Collection<Long> datasetIds, OffsetDateTime since) {}

    /**
     * Makes each job's current edges of a direction exactly the given datasets: its other current edges of that
     * direction stop being current, retired at the time of the event that said so. Returns those. At most one entry
     * per job and direction.
     */
    public List<RetiredEdge> retireOtherEdges(List<CurrentEdges> current) {
        List<RetiredEdge> retired = new ArrayList<>();
        if (current.isEmpty()) {
            return retired;
        }
        // Two statements, each planned well whatever PostgreSQL guesses of an unnest of a parameter: the edges to
        // retire are looked up job by job through the primary key (LATERAL ... OFFSET 0 keeps it a parameterised index
        // scan; each job's kept datasets travel with it as one array literal), and only those are updated. As one
        // UPDATE joined to the batch, the planner sorted or hashed the whole edge table (0.3 s per 2,000 events on
        // 600,000 edges).
        String find =
                """
                SELECT x.job_id, x.dataset_id, x.direction, a.since
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS a(job_id, direction, since, kept)
                CROSS JOIN LATERAL (
                    SELECT job_id, dataset_id, direction FROM lineage_edges
                    WHERE job_id = a.job_id AND direction = a.direction AND is_current
                        AND dataset_id <> ALL (a.kept::bigint[])
                    OFFSET 0) x""";
        List<Object[]> gone = new ArrayList<>();
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(find)) {
            statement.setArray(1, SqlArrays.bigint(connection, current, CurrentEdges::jobId));
            statement.setArray(2, SqlArrays.text(connection, current, CurrentEdges::direction));
            statement.setArray(3, SqlArrays.time(connection, current, CurrentEdges::since));
            statement.setArray(4, SqlArrays.text(connection, current, edges -> edges.datasetIds().stream()
                    .map(String::valueOf)
                    .collect(Collectors.joining(",", "{", "}"))));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    gone.add(
                            new Object[] {result.getLong(1), result.getLong(2), result.getString(3), result.getString(4)
                            });
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("store read failed", exception);
        }
        if (gone.isEmpty()) {
            return retired;
        }
        String retire =
                """
                UPDATE lineage_edges e SET is_current = FALSE, retired_at = GREATEST(g.since::timestamptz, e.last_seen)
                FROM datasets d, unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS g(job_id, dataset_id, direction, since)
                WHERE e.job_id = g.job_id AND e.dataset_id = g.dataset_id AND e.direction = g.direction AND e.is_current
                    AND d.id = e.dataset_id
                RETURNING e.job_id, e.direction, d.namespace, d.name, e.retired_at, e.source""";
        try (PreparedStatement statement = connection.prepareStatement(retire)) {
            statement.setArray(
                    1,
                    connection.createArrayOf(
                            "bigint", gone.stream().map(row -> row[0]).toArray()));
            statement.setArray(
                    2,
                    connection.createArrayOf(
                            "bigint", gone.stream().map(row -> row[1]).toArray()));
            statement.setArray(
                    3,
                    connection.createArrayOf(
                            "text", gone.stream().map(row -> row[2]).toArray()));
            statement.setArray(
                    4,
                    connection.createArrayOf(
                            "text", gone.stream().map(row -> row[3]).toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    retired.add(new RetiredEdge(
                            result.getLong(1),
                            result.getString(2),
                            result.getString(3),
                            result.getString(4),
                            result.getObject(5, OffsetDateTime.class),
                            result.getString(6)));
                }
            }
            return retired;
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }

    /** Records column lineage: when each input field was first and last seen reaching each output field. */
    public void upsertColumnLineage(List<ColumnLineageRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        execute(
                """
                INSERT INTO column_lineage (output_dataset_id, output_field, input_dataset_id, input_field,
                    transformation, subtype, description, job_id, source, first_seen, last_seen)
                SELECT output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype,
                    description, job_id, source, first_seen::timestamptz, last_seen::timestamptz
                FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::bigint[], ?::text[], ?::text[], ?::text[])
                    AS c(output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype,
                        description, job_id, source, first_seen, last_seen)
                ORDER BY output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype
                ON CONFLICT (output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype)
                DO UPDATE SET last_seen = GREATEST(column_lineage.last_seen, EXCLUDED.last_seen),
                    description = COALESCE(EXCLUDED.description, column_lineage.description),
                    job_id = COALESCE(EXCLUDED.job_id, column_lineage.job_id)""",
                (connection, statement) -> {
                    statement.setArray(1, SqlArrays.bigint(connection, rows, ColumnLineageRow::outputDatasetId));
                    statement.setArray(2, SqlArrays.text(connection, rows, ColumnLineageRow::outputField));
                    statement.setArray(3, SqlArrays.bigint(connection, rows, ColumnLineageRow::inputDatasetId));
                    statement.setArray(4, SqlArrays.text(connection, rows, ColumnLineageRow::inputField));
                    statement.setArray(5, SqlArrays.text(connection, rows, ColumnLineageRow::transformation));
                    statement.setArray(6, SqlArrays.text(connection, rows, ColumnLineageRow::subtype));
                    statement.setArray(7, SqlArrays.text(connection, rows, ColumnLineageRow::description));
                    statement.setArray(8, SqlArrays.bigint(connection, rows, ColumnLineageRow::jobId));
                    statement.setArray(9, SqlArrays.text(connection, rows, ColumnLineageRow::source));
                    statement.setArray(10, SqlArrays.time(connection, rows, ColumnLineageRow::firstSeen));
                    statement.setArray(11, SqlArrays.time(connection, rows, ColumnLineageRow::lastSeen));
                });
    }

    /**
     * Creates the versions that are new and makes each job's last version in the list its current one. One statement
     * creates the versions and finds the jobs whose current version must change (by index probes: no plan joins a batch
     * to all jobs); only those are updated, by primary key. In the steady state, where a job's runs repeat its current
     * version, that is one statement and no update.
     */
    public void updateJobVersions(List<JobVersionWriteRow> versions) {
        if (versions.isEmpty()) {
            return;
        }
        Map<List<Object>, JobVersionWriteRow> distinct = new LinkedHashMap<>();
        Map<Long, String> last = new HashMap<>();
        for (JobVersionWriteRow version : versions) {
            distinct.putIfAbsent(List.of(version.jobId(), version.versionHash()), version);
            last.put(version.jobId(), version.versionHash());
        }
        List<JobVersionWriteRow> rows = List.copyOf(distinct.values());
        String sql =
                """
                WITH wanted AS (
                    SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[])
                        AS w(job_id, version_hash, inputs, outputs, sql, created_at, is_current)),
                inserted AS (
                    INSERT INTO job_versions (id, job_id, version_hash, inputs, outputs, sql, created_at)
                    SELECT gen_random_uuid(), job_id, version_hash, inputs::jsonb, outputs::jsonb, sql,
                        created_at::timestamptz
                    FROM wanted ORDER BY job_id, version_hash
                    ON CONFLICT (job_id, version_hash) DO NOTHING
                    RETURNING id, job_id, version_hash)
                SELECT i.job_id, i.id FROM inserted i
                JOIN wanted w ON w.job_id = i.job_id AND w.version_hash = i.version_hash WHERE w.is_current
                UNION ALL
                SELECT w.job_id, v.id FROM wanted w
                CROSS JOIN LATERAL (
                    SELECT id FROM job_versions WHERE job_id = w.job_id AND version_hash = w.version_hash OFFSET 0) v
                CROSS JOIN LATERAL (
                    SELECT 1 FROM jobs WHERE id = w.job_id AND current_version IS DISTINCT FROM v.id OFFSET 0) j
                WHERE w.is_current""";
        Map<Long, UUID> changed = new TreeMap<>();
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, SqlArrays.bigint(connection, rows, JobVersionWriteRow::jobId));
            statement.setArray(2, SqlArrays.text(connection, rows, JobVersionWriteRow::versionHash));
            statement.setArray(3, SqlArrays.text(connection, rows, JobVersionWriteRow::inputs));
            statement.setArray(4, SqlArrays.text(connection, rows, JobVersionWriteRow::outputs));
            statement.setArray(5, SqlArrays.text(connection, rows, JobVersionWriteRow::sql));
            statement.setArray(6, SqlArrays.time(connection, rows, JobVersionWriteRow::time));
            statement.setArray(
                    7,
                    connection.createArrayOf(
                            "boolean",
                            rows.stream()
                                    .map(row -> row.versionHash().equals(last.get(row.jobId())))
                                    .toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    changed.put(result.getLong(1), result.getObject(2, UUID.class));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement statement =
                connection.prepareStatement("UPDATE jobs SET current_version = ? WHERE id = ?")) {
            for (Map.Entry<Long, UUID> job : changed.entrySet()) {
                statement.setObject(1, job.getValue());
                statement.setLong(2, job.getKey());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface NodeFactory {
        NodeId node(String namespace, String name);
    }

    /** Runs {@code RETURNING id, namespace, name, <was hidden>}: the ids by node, counting nodes shown again. */
    private Map<NodeId, Long> ids(String sql, NodeFactory nodes, Binder binder) {
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(connection, statement);
            Map<NodeId, Long> ids = new HashMap<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.put(nodes.node(result.getString(2), result.getString(3)), result.getLong(1));
                    if (result.getBoolean(4)) {
                        shownAgain.incrementAndGet();
                    }
                }
            }
            return ids;
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }

    private void execute(String sql, Binder binder) {
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(connection, statement);
            statement.executeUpdate();
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException exception) {
            throw new StoreException("no database connection", exception);
        }
    }

    static Timestamp timestamp(OffsetDateTime time) {
        return time == null ? null : Timestamp.from(time.toInstant());
    }
}
