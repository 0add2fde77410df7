package lineage.server.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import lineage.server.model.NodeId;

/**
 * The writes that project events into the model: namespaces, jobs and datasets (with their schemas) here, runs and job
 * versions in {@link RunStore}, edges and column lineage in {@link EdgeStore}. All of them are set-based: each method
 * writes all its rows in one statement (or one JDBC batch), whether they come from one event or a batch of thousands.
 * Hand-written SQL, because concurrent writers insert the same keys ({@code INSERT ... ON CONFLICT}). Rows are written
 * in key order, so that two transactions that write the same rows take their locks in the same order. Rows must be
 * distinct by key ({@code ON CONFLICT} cannot touch a row twice in one statement). Every method runs in the caller's
 * transaction.
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
        Statements.execute(
                dataSource,
                """
                INSERT INTO namespaces (name, created_at, updated_at)
                SELECT name, ?, ? FROM unnest(?::text[]) AS name ORDER BY name
                ON CONFLICT (name) DO UPDATE SET updated_at = GREATEST(namespaces.updated_at, EXCLUDED.updated_at),
                    is_hidden = FALSE""",
                (connection, statement) -> {
                    statement.setTimestamp(1, Statements.timestamp(createdAt));
                    statement.setTimestamp(2, Statements.timestamp(updatedAt));
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
            statement.setObject(1, SqlArrays.text(jobs, JobWriteRow::namespace));
            statement.setObject(2, SqlArrays.text(jobs, JobWriteRow::name));
            statement.setObject(3, SqlArrays.text(jobs, JobWriteRow::type));
            statement.setObject(4, SqlArrays.text(jobs, JobWriteRow::facets));
            statement.setObject(5, SqlArrays.time(jobs, JobWriteRow::createdAt));
            statement.setObject(6, SqlArrays.time(jobs, JobWriteRow::updatedAt));
            statement.setObject(7, SqlArrays.uuid(jobs, JobWriteRow::latestRunId));
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
        Connection connection = Statements.connection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, SqlArrays.text(datasets, DatasetWriteRow::namespace));
            statement.setObject(2, SqlArrays.text(datasets, DatasetWriteRow::name));
            statement.setObject(3, SqlArrays.text(datasets, DatasetWriteRow::facets));
            statement.setObject(4, SqlArrays.text(datasets, DatasetWriteRow::fields));
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
            statement.setObject(1, SqlArrays.text(datasets, DatasetWriteRow::namespace));
            statement.setObject(2, SqlArrays.text(datasets, DatasetWriteRow::name));
            statement.setObject(3, SqlArrays.text(datasets, DatasetWriteRow::facets));
            statement.setObject(4, SqlArrays.time(datasets, DatasetWriteRow::createdAt));
            statement.setObject(5, SqlArrays.time(datasets, DatasetWriteRow::updatedAt));
        });
    }

    /** The stored fields of the datasets, locked until the transaction ends (their schemas are about to grow). */
    public Map<Long, String> lockFields(List<Long> datasetIds) {
        Map<Long, String> fields = new HashMap<>();
        if (datasetIds.isEmpty()) {
            return fields;
        }
        String sql = "SELECT id, fields::text FROM datasets WHERE id = ANY (?) ORDER BY id FOR UPDATE";
        Connection connection = Statements.connection(dataSource);
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
        Statements.execute(
                dataSource,
                """
                INSERT INTO dataset_versions (id, dataset_id, fields_hash, fields, run_id, created_at)
                SELECT gen_random_uuid(), dataset_id, fields_hash, fields::jsonb, run_id::uuid, created_at::timestamptz
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])
                    AS v(dataset_id, fields_hash, fields, run_id, created_at)
                ORDER BY dataset_id, fields_hash
                ON CONFLICT (dataset_id, fields_hash) DO NOTHING""",
                (connection, statement) -> {
                    statement.setObject(1, SqlArrays.bigint(schemas, SchemaWriteRow::datasetId));
                    statement.setObject(2, SqlArrays.text(schemas, SchemaWriteRow::fieldsHash));
                    statement.setObject(3, SqlArrays.text(schemas, SchemaWriteRow::fields));
                    statement.setObject(4, SqlArrays.uuid(schemas, SchemaWriteRow::runId));
                    statement.setObject(5, SqlArrays.time(schemas, SchemaWriteRow::time));
                });
        List<SchemaWriteRow> current =
                schemas.stream().filter(SchemaWriteRow::current).toList();
        if (current.isEmpty()) {
            return;
        }
        Statements.execute(
                dataSource,
                """
                UPDATE datasets d SET fields = w.fields::jsonb, updated_at = GREATEST(d.updated_at, w.time::timestamptz),
                    current_version = (
                        SELECT v.id FROM dataset_versions v WHERE v.dataset_id = d.id AND v.fields_hash = w.fields_hash)
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS w(id, fields, fields_hash, time)
                WHERE d.id = w.id AND d.fields IS DISTINCT FROM w.fields::jsonb""",
                (connection, statement) -> {
                    statement.setObject(1, SqlArrays.bigint(current, SchemaWriteRow::datasetId));
                    statement.setObject(2, SqlArrays.text(current, SchemaWriteRow::fields));
                    statement.setObject(3, SqlArrays.text(current, SchemaWriteRow::fieldsHash));
                    statement.setObject(4, SqlArrays.time(current, SchemaWriteRow::time));
                });
    }

    @FunctionalInterface
    private interface NodeFactory {
        NodeId node(String namespace, String name);
    }

    /** Runs {@code RETURNING id, namespace, name, <was hidden>}: the ids by node, counting nodes shown again. */
    private Map<NodeId, Long> ids(String sql, NodeFactory nodes, Statements.Binder binder) {
        Connection connection = Statements.connection(dataSource);
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
}
