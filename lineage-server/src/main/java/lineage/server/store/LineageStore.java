package lineage.server.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The writes of ingestion: the event log and the upserts that project events into the model. Hand-written SQL, because
 * concurrent writers insert the same keys ({@code INSERT ... ON CONFLICT}). Every method runs in the caller's
 * transaction.
 */
@Singleton
public class LineageStore {
    private final DataSource dataSource;
    private final java.util.Set<String> committedNamespaces = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong shownAgain = new java.util.concurrent.atomic.AtomicLong();

    public LineageStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends an event to the log; empty when an identical event (same hash) is already there. {@code projected} says
     * whether the same transaction projects it (then the row is marked projected at once).
     */
    public Optional<Long> appendEvent(EventRow event, boolean projected) {
        String sql =
                """
                INSERT INTO lineage_events (event_hash, event_kind, event_type, event_time, run_id, job_namespace,
                    job_name, producer, payload, projected_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, CASE WHEN ? THEN now() END)
                ON CONFLICT (event_hash) DO NOTHING
                RETURNING id""";
        return query(
                sql,
                statement -> {
                    statement.setString(1, event.hash());
                    statement.setString(2, event.kind());
                    statement.setString(3, event.eventType());
                    statement.setTimestamp(4, timestamp(event.eventTime()));
                    statement.setObject(5, event.runId(), Types.OTHER);
                    statement.setString(6, event.jobNamespace());
                    statement.setString(7, event.jobName());
                    statement.setString(8, event.producer());
                    statement.setString(9, event.payload());
                    statement.setBoolean(10, projected);
                },
                result -> result.getLong(1));
    }

    public void markProjected(long eventId) {
        update(
                "UPDATE lineage_events SET projected_at = now(), projection_error = NULL WHERE id = ?",
                statement -> statement.setLong(1, eventId));
    }

    public void markProjectionFailed(long eventId, String error) {
        update("UPDATE lineage_events SET projection_error = ? WHERE id = ?", statement -> {
            statement.setString(1, error);
            statement.setLong(2, eventId);
        });
    }

    /**
     * Creates the namespace when new. Namespaces known to be committed ({@link #rememberCommitted}) are skipped: events
     * name the same few namespaces over and over, and this saves a statement per dataset.
     */
    public void upsertNamespace(String name, OffsetDateTime time) {
        if (!committedNamespaces.contains(name)) {
            writeNamespace(name, time);
        }
    }

    /** Called after a commit: these namespaces exist for good. */
    public void rememberCommitted(java.util.Collection<String> namespaces) {
        committedNamespaces.addAll(namespaces);
    }

    private void writeNamespace(String name, OffsetDateTime time) {
        update(
                """
                INSERT INTO namespaces (name, created_at, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET updated_at = GREATEST(namespaces.updated_at, EXCLUDED.updated_at),
                    is_hidden = FALSE""",
                statement -> {
                    statement.setString(1, name);
                    statement.setTimestamp(2, timestamp(time));
                    statement.setTimestamp(3, timestamp(time));
                });
    }

    /** The dataset's id, creating the dataset (and un-hiding it) as needed. */
    public long upsertDataset(String namespace, String name, String facets, OffsetDateTime time) {
        // Most events name datasets that exist with the facets they carry: find those without locking their row, so
        // that concurrent events over the same tables do not queue behind each other.
        Optional<Long> existing = query(
                "SELECT id FROM datasets WHERE namespace = ? AND name = ? AND NOT is_hidden",
                statement -> {
                    statement.setString(1, namespace);
                    statement.setString(2, name);
                },
                result -> result.getLong(1));
        if (existing.isPresent()) {
            if (!facets.equals("{}")) {
                update(
                        """
                        UPDATE datasets SET facets = facets || ?::jsonb, updated_at = GREATEST(updated_at, ?)
                        WHERE id = ? AND NOT facets @> ?::jsonb""",
                        statement -> {
                            statement.setString(1, facets);
                            statement.setTimestamp(2, timestamp(time));
                            statement.setLong(3, existing.get());
                            statement.setString(4, facets);
                        });
            }
            return existing.get();
        }
        // The CTE reads the row as it was before this statement: whether the upsert shows a hidden dataset again.
        return query(
                        """
                WITH previous AS (SELECT is_hidden FROM datasets WHERE namespace = ? AND name = ?)
                INSERT INTO datasets (namespace, name, facets, created_at, updated_at) VALUES (?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (namespace, name) DO UPDATE SET facets = datasets.facets || EXCLUDED.facets,
                    updated_at = GREATEST(datasets.updated_at, EXCLUDED.updated_at), is_hidden = FALSE
                RETURNING id, COALESCE((SELECT is_hidden FROM previous), FALSE)""",
                        statement -> {
                            statement.setString(1, namespace);
                            statement.setString(2, name);
                            statement.setString(3, namespace);
                            statement.setString(4, name);
                            statement.setString(5, facets);
                            statement.setTimestamp(6, timestamp(time));
                            statement.setTimestamp(7, timestamp(time));
                        },
                        this::idCountingShown)
                .orElseThrow();
    }

    /** Sets the dataset's fields; a schema not seen before becomes a new dataset version. */
    public void updateSchema(long datasetId, String fields, String fieldsHash, UUID runId, OffsetDateTime time) {
        update(
                """
                INSERT INTO dataset_versions (id, dataset_id, fields_hash, fields, run_id, created_at)
                VALUES (?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (dataset_id, fields_hash) DO NOTHING""",
                statement -> {
                    statement.setObject(1, UUID.randomUUID());
                    statement.setLong(2, datasetId);
                    statement.setString(3, fieldsHash);
                    statement.setString(4, fields);
                    statement.setObject(5, runId, Types.OTHER);
                    statement.setTimestamp(6, timestamp(time));
                });
        update(
                """
                UPDATE datasets SET fields = ?::jsonb, updated_at = GREATEST(updated_at, ?),
                    current_version = (SELECT id FROM dataset_versions WHERE dataset_id = ? AND fields_hash = ?)
                WHERE id = ? AND fields IS DISTINCT FROM ?::jsonb""",
                statement -> {
                    statement.setString(1, fields);
                    statement.setTimestamp(2, timestamp(time));
                    statement.setLong(3, datasetId);
                    statement.setString(4, fieldsHash);
                    statement.setLong(5, datasetId);
                    statement.setString(6, fields);
                });
    }

    /** The job's id, creating it as needed; facets are merged (a newer facet of a name replaces the older). */
    public long upsertJob(String namespace, String name, String type, String facets, OffsetDateTime time) {
        return query(
                        """
                WITH previous AS (SELECT is_hidden FROM jobs WHERE namespace = ? AND name = ?)
                INSERT INTO jobs (namespace, name, type, facets, created_at, updated_at) VALUES (?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (namespace, name) DO UPDATE SET facets = jobs.facets || EXCLUDED.facets,
                    type = EXCLUDED.type, updated_at = GREATEST(jobs.updated_at, EXCLUDED.updated_at),
                    is_hidden = FALSE
                RETURNING id, COALESCE((SELECT is_hidden FROM previous), FALSE)""",
                        statement -> {
                            statement.setString(1, namespace);
                            statement.setString(2, name);
                            statement.setString(3, namespace);
                            statement.setString(4, name);
                            statement.setString(5, type);
                            statement.setString(6, facets);
                            statement.setTimestamp(7, timestamp(time));
                            statement.setTimestamp(8, timestamp(time));
                        },
                        this::idCountingShown)
                .orElseThrow();
    }

    /**
     * How many hidden jobs and datasets events have shown again since start-up. Ingestion compares it before and after
     * a write: when it moved, the graph is reloaded, because the edges of what came back are not in the graph.
     */
    public long shownAgain() {
        return shownAgain.get();
    }

    /** Called when a namespace is hidden: the next event naming it must write it (and show it again). */
    public void forgetCommitted(String namespace) {
        committedNamespaces.remove(namespace);
    }

    /** Reads {@code RETURNING id, <was hidden>}. */
    private long idCountingShown(ResultSet result) throws SQLException {
        if (result.getBoolean(2)) {
            shownAgain.incrementAndGet();
        }
        return result.getLong(1);
    }

    /**
     * Records a run event. A terminal state (COMPLETED, FAILED, ABORTED) is never replaced by a non-terminal one, so a
     * COMPLETE that arrives before its START still leaves the run completed; between two states of the same kind the
     * later event wins.
     */
    public void upsertRun(RunRow run) {
        update(
                """
                WITH run AS (
                INSERT INTO runs (id, job_id, state, started_at, ended_at, nominal_start, nominal_end, parent_run_id,
                    error_message, facets, last_event_time, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, now(), now())
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
                    updated_at = now()
                RETURNING id, job_id)
                UPDATE jobs SET latest_run_id = run.id FROM run
                WHERE jobs.id = run.job_id AND jobs.latest_run_id IS DISTINCT FROM run.id""",
                statement -> {
                    statement.setObject(1, run.id());
                    statement.setLong(2, run.jobId());
                    statement.setString(3, run.state());
                    statement.setTimestamp(4, timestamp(run.startedAt()));
                    statement.setTimestamp(5, timestamp(run.endedAt()));
                    statement.setTimestamp(6, timestamp(run.nominalStart()));
                    statement.setTimestamp(7, timestamp(run.nominalEnd()));
                    statement.setObject(8, run.parentRunId(), Types.OTHER);
                    statement.setString(9, run.errorMessage());
                    statement.setString(10, run.facets());
                    statement.setTimestamp(11, timestamp(run.lastEventTime()));
                });
    }

    /** Records that the job read (INPUT) or wrote (OUTPUT) the datasets, now: one statement for all of them. */
    public void upsertEdges(
            long jobId, Collection<Long> datasetIds, String direction, String source, OffsetDateTime time) {
        if (datasetIds.isEmpty()) {
            return;
        }
        update(
                """
                INSERT INTO lineage_edges (job_id, dataset_id, direction, source, first_seen, last_seen, is_current)
                SELECT ?, dataset_id, ?, ?, ?, ?, TRUE FROM unnest(?::bigint[]) AS dataset_id
                ON CONFLICT (job_id, dataset_id, direction) DO UPDATE SET is_current = TRUE, source = EXCLUDED.source,
                    last_seen = GREATEST(lineage_edges.last_seen, EXCLUDED.last_seen)""",
                statement -> {
                    statement.setLong(1, jobId);
                    statement.setString(2, direction);
                    statement.setString(3, source);
                    statement.setTimestamp(4, timestamp(time));
                    statement.setTimestamp(5, timestamp(time));
                    statement.setArray(6, statement.getConnection().createArrayOf("bigint", datasetIds.toArray()));
                });
    }

    /** The ids of the datasets that exist (and are visible), keyed by {@code namespace + "\n" + name}. */
    public java.util.Map<String, Long> findDatasetIds(Collection<String> namespaces, Collection<String> names) {
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        Connection connection = connection();
        String sql =
                """
                SELECT d.id, d.namespace, d.name FROM datasets d
                JOIN unnest(?::text[], ?::text[]) AS wanted(namespace, name)
                    ON d.namespace = wanted.namespace AND d.name = wanted.name
                WHERE NOT d.is_hidden""";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", namespaces.toArray()));
            statement.setArray(2, connection.createArrayOf("text", names.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.put(result.getString(2) + "\n" + result.getString(3), result.getLong(1));
                }
            }
            return ids;
        } catch (SQLException exception) {
            throw new StoreException("store query failed", exception);
        }
    }

    /** Merges facets into a dataset's, only when they add something (then the row is locked and updated). */
    public void mergeDatasetFacets(long datasetId, String facets, OffsetDateTime time) {
        update(
                """
                UPDATE datasets SET facets = facets || ?::jsonb, updated_at = GREATEST(updated_at, ?)
                WHERE id = ? AND NOT facets @> ?::jsonb""",
                statement -> {
                    statement.setString(1, facets);
                    statement.setTimestamp(2, timestamp(time));
                    statement.setLong(3, datasetId);
                    statement.setString(4, facets);
                });
    }

    /**
     * Makes the job's current edges of one direction exactly {@code datasetIds}: the others stop being current. Returns
     * the datasets (namespace, name) whose edges were retired.
     */
    public java.util.List<String[]> retireOtherEdges(long jobId, String direction, Collection<Long> datasetIds) {
        String sql =
                """
                UPDATE lineage_edges e SET is_current = FALSE FROM datasets d
                WHERE d.id = e.dataset_id AND e.job_id = ? AND e.direction = ? AND e.is_current
                    AND NOT (e.dataset_id = ANY (?))
                RETURNING d.namespace, d.name""";
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, jobId);
            statement.setString(2, direction);
            statement.setArray(3, connection.createArrayOf("bigint", datasetIds.toArray()));
            java.util.List<String[]> retired = new java.util.ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    retired.add(new String[] {result.getString(1), result.getString(2)});
                }
            }
            return retired;
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }

    public void upsertColumnLineage(ColumnLineageRow row) {
        update(
                """
                INSERT INTO column_lineage (output_dataset_id, output_field, input_dataset_id, input_field,
                    transformation, subtype, description, job_id, source, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype)
                DO UPDATE SET last_seen = GREATEST(column_lineage.last_seen, EXCLUDED.last_seen),
                    description = COALESCE(EXCLUDED.description, column_lineage.description),
                    job_id = COALESCE(EXCLUDED.job_id, column_lineage.job_id)""",
                statement -> {
                    statement.setLong(1, row.outputDatasetId());
                    statement.setString(2, row.outputField());
                    statement.setLong(3, row.inputDatasetId());
                    statement.setString(4, row.inputField());
                    statement.setString(5, row.transformation());
                    statement.setString(6, row.subtype());
                    statement.setString(7, row.description());
                    if (row.jobId() == null) {
                        statement.setNull(8, Types.BIGINT);
                    } else {
                        statement.setLong(8, row.jobId());
                    }
                    statement.setString(9, row.source());
                    statement.setTimestamp(10, timestamp(row.seen()));
                    statement.setTimestamp(11, timestamp(row.seen()));
                });
    }

    /** Sets the job's current version to the one with this hash, creating it when new. */
    public void updateJobVersion(
            long jobId, String versionHash, String inputs, String outputs, String sql, OffsetDateTime time) {
        // One statement: the CTE's insert is invisible to the statement's own reads, hence the UNION.
        update(
                """
                WITH inserted AS (
                    INSERT INTO job_versions (id, job_id, version_hash, inputs, outputs, sql, created_at)
                    VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) ON CONFLICT (job_id, version_hash) DO NOTHING
                    RETURNING id),
                version AS (
                    SELECT id FROM inserted
                    UNION ALL SELECT id FROM job_versions WHERE job_id = ? AND version_hash = ?
                    LIMIT 1)
                UPDATE jobs SET current_version = version.id FROM version
                WHERE jobs.id = ? AND jobs.current_version IS DISTINCT FROM version.id""",
                statement -> {
                    statement.setObject(1, UUID.randomUUID());
                    statement.setLong(2, jobId);
                    statement.setString(3, versionHash);
                    statement.setString(4, inputs);
                    statement.setString(5, outputs);
                    statement.setString(6, sql);
                    statement.setTimestamp(7, timestamp(time));
                    statement.setLong(8, jobId);
                    statement.setString(9, versionHash);
                    statement.setLong(10, jobId);
                });
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet result) throws SQLException;
    }

    private <T> Optional<T> query(String sql, Binder binder, Reader<T> reader) {
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(reader.read(result)) : Optional.empty();
            }
        } catch (SQLException exception) {
            throw new StoreException("store query failed", exception);
        }
    }

    private void update(String sql, Binder binder) {
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
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
