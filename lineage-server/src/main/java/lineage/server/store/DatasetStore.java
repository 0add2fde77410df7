package lineage.server.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import lineage.server.model.NodeId;

/**
 * The writes of {@code datasets} and {@code dataset_versions} (the schemas datasets were seen with), set-based, in the
 * caller's transaction (see the package's documentation).
 */
@Singleton
public class DatasetStore {
    private final DataSource dataSource;
    private final ShownAgain shownAgain;

    public DatasetStore(DataSource dataSource, ShownAgain shownAgain) {
        this.dataSource = dataSource;
        this.shownAgain = shownAgain;
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
        return shownAgain.upsert(dataSource, sql, NodeId::dataset, (connection, statement) -> {
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
}
