package lineage.server.store;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;

/**
 * Column lineage around a set of fields: a walk over {@code column_lineage}, one query per hop and direction for a
 * whole frontier (upstream by the primary key, which starts with the output field; downstream by {@code
 * column_lineage_input}). Edges touching a hidden dataset are left out. The walk is cut at a number of nodes: the
 * nearest hops are kept whole, and within a hop the fields with the smallest ids.
 */
@Singleton
public class ColumnLineageReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Comparator<Field> BY_ID =
            Comparator.comparing(field -> field.nodeId().value());
    static final Comparator<Edge> EDGE_ORDER = Comparator.comparing(Edge::input, BY_ID)
            .thenComparing(Edge::output, BY_ID)
            .thenComparing(Edge::transformation)
            .thenComparing(Edge::subtype);

    /** A field of a dataset; {@code datasetId} is how {@code column_lineage} names the dataset. */
    public record Field(long datasetId, String namespace, String dataset, String name) {
        public Field {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(dataset, "dataset is null");
            requireNonNull(name, "name is null");
        }

        public NodeId nodeId() {
            return NodeId.field(namespace, dataset, name);
        }
    }

    /**
     * An input field reaching an output field by one transformation (OpenLineage type and subtype), written by a job
     * when one is known; where the edge came from ({@code openlineage}, {@code sql}, {@code trino}) and when it was
     * last seen.
     */
    public record Edge(
            Field input,
            Field output,
            String transformation,
            String subtype,
            Optional<String> description,
            Optional<NodeId> job,
            String source,
            OffsetDateTime lastSeen) {
        public Edge {
            requireNonNull(input, "input is null");
            requireNonNull(output, "output is null");
            requireNonNull(transformation, "transformation is null");
            requireNonNull(subtype, "subtype is null");
            requireNonNull(description, "description is null");
            requireNonNull(job, "job is null");
            requireNonNull(source, "source is null");
            requireNonNull(lastSeen, "lastSeen is null");
        }
    }

    /** A field of the answer with its type, when its dataset's schema names one. */
    public record FieldNode(Field field, Optional<String> type) {}

    /** The fields reached, sorted by id; the edges between them, by input, output, transformation and subtype. */
    public record Walk(List<FieldNode> nodes, List<Edge> edges, boolean truncated) {
        public Walk {
            nodes = List.copyOf(nodes);
            edges = List.copyOf(edges);
        }
    }

    enum Direction {
        UPSTREAM,
        DOWNSTREAM
    }

    /** The edges an {@link EdgeWindow} sees; {@code %1$s} is its {@code asOf}, {@code %2$s} its {@code seenSince}. */
    static final String WINDOW =
            """
            WHERE NOT i.is_hidden AND NOT o.is_hidden
                AND cl.first_seen <= %1$s AND cl.last_seen >= %2$s
                AND (cl.job_id IS NULL OR EXISTS (
                    SELECT 1 FROM lineage_edges e
                    WHERE e.job_id = cl.job_id AND e.dataset_id = cl.output_dataset_id AND e.direction = 'OUTPUT'
                        AND e.first_seen <= %1$s
                        AND (e.retired_at IS NULL OR e.retired_at > %1$s)))
                AND (cl.job_id IS NULL OR NOT EXISTS (
                    SELECT 1 FROM lineage_edges e
                    WHERE e.job_id = cl.job_id AND e.dataset_id = cl.input_dataset_id AND e.direction = 'INPUT'
                        AND e.retired_at <= %1$s))""";

    static final String EDGE_COLUMNS =
            """
            i.id, i.namespace, i.name, cl.input_field, o.id, o.namespace, o.name, cl.output_field,
                cl.transformation, cl.subtype, cl.description, j.namespace, j.name, cl.source, cl.last_seen""";
    private static final String EDGES = "SELECT " + EDGE_COLUMNS
            + """

            FROM unnest(?::bigint[], ?::text[]) AS wanted(dataset_id, field)
            JOIN column_lineage cl ON %s
            JOIN datasets i ON i.id = cl.input_dataset_id
            JOIN datasets o ON o.id = cl.output_dataset_id
            LEFT JOIN jobs j ON j.id = cl.job_id
            """
            + WINDOW.formatted("?::timestamptz", "?::timestamptz");
    private static final String UPSTREAM_EDGES =
            EDGES.formatted("cl.output_dataset_id = wanted.dataset_id AND cl.output_field = wanted.field");
    private static final String DOWNSTREAM_EDGES =
            EDGES.formatted("cl.input_dataset_id = wanted.dataset_id AND cl.input_field = wanted.field");

    private final DataSource dataSource;

    public ColumnLineageReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The fields of visible datasets, sorted by id: those their schema lists and those column lineage names (a dataset
     * read by a column-lineage facet often has no schema of its own).
     */
    @Transactional(readOnly = true)
    public List<Field> findFields(Collection<Long> datasetIds) {
        String sql =
                """
                SELECT d.id, d.namespace, d.name, f.name
                FROM datasets d CROSS JOIN LATERAL (
                    SELECT element ->> 'name' AS name FROM jsonb_array_elements(
                        CASE WHEN jsonb_typeof(d.fields) = 'array' THEN d.fields ELSE CAST('[]' AS jsonb) END) AS element
                    UNION SELECT output_field FROM column_lineage WHERE output_dataset_id = d.id
                    UNION SELECT input_field FROM column_lineage WHERE input_dataset_id = d.id) AS f
                WHERE d.id = ANY (?) AND NOT d.is_hidden AND f.name IS NOT NULL AND f.name <> ''""";
        TreeSet<Field> fields = new TreeSet<>(BY_ID);
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("bigint", datasetIds.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    fields.add(new Field(
                            result.getLong(1), result.getString(2), result.getString(3), result.getString(4)));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read dataset fields", exception);
        }
        return List.copyOf(fields);
    }

    /** The ids of the visible datasets the job currently writes. */
    @Transactional(readOnly = true)
    public List<Long> findCurrentOutputs(long jobId) {
        String sql =
                """
                SELECT e.dataset_id FROM lineage_edges e JOIN datasets d ON d.id = e.dataset_id
                WHERE e.job_id = ? AND e.direction = 'OUTPUT' AND e.is_current AND NOT d.is_hidden
                ORDER BY e.dataset_id""";
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setLong(1, jobId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getLong(1));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read the outputs of a job", exception);
        }
        return ids;
    }

    /**
     * The edges of the window leaving the fields (to the fields they reach), the nearest outputs (by id) first. A column
     * edge written by a job counts while the job writes the output dataset and has not stopped reading the input one: a
     * job that stops writing a table stops being the upstream of its columns. (A column's sources may be base tables
     * behind a view the job reads, which are not its inputs, so only a retired input edge rules it out.)
     */
    @Transactional(readOnly = true)
    public List<Edge> findDownstreamEdges(Collection<Field> fields, EdgeWindow window) {
        return fields.isEmpty() ? List.of() : edges(List.copyOf(fields), Direction.DOWNSTREAM, window);
    }

    /** A visible dataset's field, if the dataset exists. */
    @Transactional(readOnly = true)
    public Optional<Field> findField(String namespace, String dataset, String field) {
        String sql = "SELECT id FROM datasets WHERE namespace = ? AND name = ? AND NOT is_hidden";
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setString(1, namespace);
            statement.setString(2, dataset);
            try (ResultSet result = statement.executeQuery()) {
                return result.next()
                        ? Optional.of(new Field(result.getLong(1), namespace, dataset, field))
                        : Optional.empty();
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read a dataset", exception);
        }
    }

    /** The edges of the frontier in one direction, the nearest fields (by id) first. */
    List<Edge> edges(List<Field> frontier, Direction direction, EdgeWindow window) {
        Connection connection = connection();
        List<Edge> edges = new ArrayList<>();
        String sql = direction == Direction.UPSTREAM ? UPSTREAM_EDGES : DOWNSTREAM_EDGES;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(
                    1,
                    connection.createArrayOf(
                            "bigint", frontier.stream().map(Field::datasetId).toArray()));
            statement.setArray(
                    2,
                    connection.createArrayOf(
                            "text", frontier.stream().map(Field::name).toArray()));
            statement.setString(3, EdgeWindows.asOf(window));
            statement.setString(4, EdgeWindows.seenSince(window));
            statement.setString(5, EdgeWindows.asOf(window));
            statement.setString(6, EdgeWindows.asOf(window));
            statement.setString(7, EdgeWindows.asOf(window));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    edges.add(edge(result));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read column lineage", exception);
        }
        Comparator<Edge> nearest = direction == Direction.UPSTREAM
                ? Comparator.comparing(Edge::input, BY_ID).thenComparing(EDGE_ORDER)
                : Comparator.comparing(Edge::output, BY_ID).thenComparing(EDGE_ORDER);
        edges.sort(nearest);
        return edges;
    }

    /** An edge from the first 15 columns of {@link #EDGE_COLUMNS}. */
    static Edge edge(ResultSet result) throws SQLException {
        return new Edge(
                new Field(result.getLong(1), result.getString(2), result.getString(3), result.getString(4)),
                new Field(result.getLong(5), result.getString(6), result.getString(7), result.getString(8)),
                result.getString(9),
                result.getString(10),
                Optional.ofNullable(result.getString(11)),
                result.getString(12) == null
                        ? Optional.empty()
                        : Optional.of(NodeId.job(result.getString(12), result.getString(13))),
                result.getString(14),
                result.getObject(15, OffsetDateTime.class));
    }

    /** The fields sorted by id, each with the type its dataset's schema gives it. */
    List<FieldNode> typed(Set<Field> fields) {
        Map<Long, Map<String, String>> types = new HashMap<>();
        String sql = "SELECT id, fields::text FROM datasets WHERE id = ANY (?)";
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            Array ids = connection.createArrayOf(
                    "bigint", fields.stream().map(Field::datasetId).distinct().toArray());
            statement.setArray(1, ids);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    types.put(result.getLong(1), types(result.getString(2)));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read dataset fields", exception);
        }
        return fields.stream()
                .sorted(BY_ID)
                .map(field -> new FieldNode(
                        field,
                        Optional.ofNullable(
                                types.getOrDefault(field.datasetId(), Map.of()).get(field.name()))))
                .toList();
    }

    /** Field name to type, from a dataset's stored {@code fields} ({@code [{name, type, description}...]}). */
    private static Map<String, String> types(String fields) {
        Map<String, String> types = new HashMap<>();
        try {
            for (JsonNode field : JSON.readTree(fields)) {
                if (field.path("name").isTextual() && field.path("type").isTextual()) {
                    types.putIfAbsent(
                            field.get("name").asText(), field.get("type").asText());
                }
            }
        } catch (JsonProcessingException exception) {
            throw new StoreException("stored JSON is unreadable", exception);
        }
        return types;
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException exception) {
            throw new StoreException("no database connection", exception);
        }
    }
}
