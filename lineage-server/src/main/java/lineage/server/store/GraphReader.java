package lineage.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import lineage.server.model.EdgeChange;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;

/**
 * The reads behind the graph: loading every current edge at start-up, the events not projected yet, and the details of
 * a set of nodes in two queries (a lineage answer must not cost a query per node).
 */
@Singleton
public class GraphReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public GraphReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every current edge of visible jobs and datasets, streamed. */
    @Transactional(readOnly = true)
    public void forEachCurrentEdge(Consumer<EdgeChange> consumer) {
        String sql =
                """
                SELECT j.namespace, j.name, d.namespace, d.name, e.direction, e.last_seen, e.source
                FROM lineage_edges e JOIN jobs j ON j.id = e.job_id JOIN datasets d ON d.id = e.dataset_id
                WHERE e.is_current AND NOT j.is_hidden AND NOT d.is_hidden""";
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setFetchSize(10_000);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    consumer.accept(currentEdge(result));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot load the lineage graph", exception);
        }
    }

    /** An event another server projected: its job, and the transaction that projected it. */
    public record ProjectedJob(long eventId, long transaction, String namespace, String name) {}

    /**
     * The oldest transaction still running (PostgreSQL's 64-bit transaction id): every transaction before it has
     * finished, so a later read sees all the rows they committed.
     */
    @Transactional(readOnly = true)
    public long oldestRunningTransaction() {
        try (PreparedStatement statement =
                        connection().prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return Long.parseLong(result.getString(1));
        } catch (SQLException exception) {
            throw new StoreException("cannot read the running transactions", exception);
        }
    }

    /** The jobs of the events that servers other than {@code server} projected in transactions from {@code from} on. */
    @Transactional(readOnly = true)
    public List<ProjectedJob> jobsProjectedByOthers(long from, UUID server) {
        String sql =
                """
                SELECT id, projected_xid::text, job_namespace, job_name FROM lineage_events
                WHERE projected_xid >= ?::xid8 AND projected_by IS DISTINCT FROM ?::uuid AND job_name IS NOT NULL
                ORDER BY id""";
        List<ProjectedJob> jobs = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setString(1, Long.toString(from));
            statement.setString(2, server.toString());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    jobs.add(new ProjectedJob(
                            result.getLong(1),
                            Long.parseLong(result.getString(2)),
                            result.getString(3),
                            result.getString(4)));
                }
            }
            return jobs;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the event log", exception);
        }
    }

    /** The job's current edges (to visible datasets), as graph changes. */
    @Transactional(readOnly = true)
    public List<EdgeChange> currentEdges(String namespace, String name) {
        String sql =
                """
                SELECT j.namespace, j.name, d.namespace, d.name, e.direction, e.last_seen, e.source FROM lineage_edges e
                JOIN jobs j ON j.id = e.job_id JOIN datasets d ON d.id = e.dataset_id
                WHERE j.namespace = ? AND j.name = ? AND e.is_current AND NOT j.is_hidden AND NOT d.is_hidden""";
        List<EdgeChange> edges = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setString(1, namespace);
            statement.setString(2, name);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    edges.add(currentEdge(result));
                }
            }
            return edges;
        } catch (SQLException exception) {
            throw new StoreException("cannot read a job's edges", exception);
        }
    }

    /**
     * The edges of the window that touch the nodes (datasets and jobs, visible ones), as graph changes that add them,
     * each with the last time it was seen.
     */
    @Transactional(readOnly = true)
    public List<EdgeChange> edgesAt(Collection<NodeId> nodes, EdgeWindow window) {
        String sql =
                """
                SELECT j.namespace, j.name, d.namespace, d.name, e.direction, e.last_seen, e.source
                FROM lineage_edges e
                JOIN jobs j ON j.id = e.job_id AND NOT j.is_hidden
                JOIN datasets d ON d.id = e.dataset_id AND NOT d.is_hidden
                WHERE e.first_seen <= ?::timestamptz AND (e.retired_at IS NULL OR e.retired_at > ?::timestamptz)
                    AND e.last_seen >= ?::timestamptz
                    AND (e.dataset_id IN (SELECT x.id FROM datasets x
                            JOIN unnest(?::text[], ?::text[]) AS w(namespace, name)
                            ON x.namespace = w.namespace AND x.name = w.name)
                        OR e.job_id IN (SELECT x.id FROM jobs x
                            JOIN unnest(?::text[], ?::text[]) AS w(namespace, name)
                            ON x.namespace = w.namespace AND x.name = w.name))
                ORDER BY j.namespace, j.name, d.namespace, d.name, e.direction""";
        List<EdgeChange> edges = new ArrayList<>();
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, EdgeWindows.asOf(window));
            statement.setString(2, EdgeWindows.asOf(window));
            statement.setString(3, EdgeWindows.seenSince(window));
            int parameter = 4;
            for (NodeId.Type type : List.of(NodeId.Type.DATASET, NodeId.Type.JOB)) {
                List<NodeId> ofType =
                        nodes.stream().filter(node -> node.type() == type).toList();
                statement.setArray(
                        parameter++,
                        connection.createArrayOf(
                                "text", ofType.stream().map(NodeId::namespace).toArray()));
                statement.setArray(
                        parameter++,
                        connection.createArrayOf(
                                "text", ofType.stream().map(NodeId::name).toArray()));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    edges.add(currentEdge(result));
                }
            }
            return edges;
        } catch (SQLException exception) {
            throw new StoreException("cannot read past edges", exception);
        }
    }

    /** An event of the log that is not projected yet. */
    public record UnprojectedEvent(long id, String payload) {}

    @Transactional(readOnly = true)
    public List<UnprojectedEvent> unprojectedEvents(long afterId, int limit) {
        String sql = "SELECT id, payload::text FROM lineage_events WHERE projected_at IS NULL AND id > ? ORDER BY id"
                + " LIMIT ?";
        List<UnprojectedEvent> events = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setLong(1, afterId);
            statement.setInt(2, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    events.add(new UnprojectedEvent(result.getLong(1), result.getString(2)));
                }
            }
            return events;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the event log", exception);
        }
    }

    /** A dataset's details for a lineage answer. */
    public record DatasetDetails(
            String namespace,
            String name,
            String sourceName,
            JsonNode fields,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    /** A job's details for a lineage answer, with its latest run. */
    public record JobDetails(
            String namespace,
            String name,
            String type,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            RunDetails latestRun) {}

    public record RunDetails(
            UUID id,
            String state,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime startedAt,
            OffsetDateTime endedAt) {}

    @Transactional(readOnly = true)
    public Map<NodeId, DatasetDetails> datasets(Collection<NodeId> nodes) {
        String sql =
                """
                SELECT d.namespace, d.name, d.source_name, d.fields::text, d.created_at, d.updated_at
                FROM datasets d JOIN unnest(?::text[], ?::text[]) AS wanted(namespace, name)
                    ON d.namespace = wanted.namespace AND d.name = wanted.name""";
        Map<NodeId, DatasetDetails> details = new HashMap<>();
        query(sql, nodes, NodeId.Type.DATASET, result -> {
            DatasetDetails dataset = new DatasetDetails(
                    result.getString(1),
                    result.getString(2),
                    result.getString(3),
                    json(result.getString(4)),
                    time(result, 5),
                    time(result, 6));
            details.put(NodeId.dataset(dataset.namespace(), dataset.name()), dataset);
        });
        return details;
    }

    @Transactional(readOnly = true)
    public Map<NodeId, JobDetails> jobs(Collection<NodeId> nodes) {
        String sql =
                """
                SELECT j.namespace, j.name, j.type, j.created_at, j.updated_at,
                    r.id, r.state, r.created_at, r.updated_at, r.started_at, r.ended_at
                FROM jobs j JOIN unnest(?::text[], ?::text[]) AS wanted(namespace, name)
                    ON j.namespace = wanted.namespace AND j.name = wanted.name
                LEFT JOIN runs r ON r.id = j.latest_run_id""";
        Map<NodeId, JobDetails> details = new HashMap<>();
        query(sql, nodes, NodeId.Type.JOB, result -> {
            UUID runId = result.getObject(6, UUID.class);
            RunDetails run = runId == null
                    ? null
                    : new RunDetails(
                            runId,
                            result.getString(7),
                            time(result, 8),
                            time(result, 9),
                            time(result, 10),
                            time(result, 11));
            JobDetails job = new JobDetails(
                    result.getString(1),
                    result.getString(2),
                    result.getString(3),
                    time(result, 4),
                    time(result, 5),
                    run);
            details.put(NodeId.job(job.namespace(), job.name()), job);
        });
        return details;
    }

    /** Every visible dataset, by name, in node order. */
    @Transactional(readOnly = true)
    public void forEachVisibleDataset(Consumer<NodeId> consumer) {
        String sql = "SELECT namespace, name FROM datasets WHERE NOT is_hidden ORDER BY namespace, name";
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setFetchSize(10_000);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    consumer.accept(NodeId.dataset(result.getString(1), result.getString(2)));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read datasets", exception);
        }
    }

    /** The SQL of each job that has one: its {@code sql} facet, else the SQL of its current version. */
    @Transactional(readOnly = true)
    public Map<NodeId, String> jobSql(Collection<NodeId> jobs) {
        String sql =
                """
                SELECT j.namespace, j.name, COALESCE(j.facets -> 'sql' ->> 'query', v.sql)
                FROM jobs j JOIN unnest(?::text[], ?::text[]) AS wanted(namespace, name)
                    ON j.namespace = wanted.namespace AND j.name = wanted.name
                LEFT JOIN job_versions v ON v.id = j.current_version""";
        Map<NodeId, String> texts = new HashMap<>();
        query(sql, jobs, NodeId.Type.JOB, result -> {
            if (result.getString(3) != null && !result.getString(3).isBlank()) {
                texts.put(NodeId.job(result.getString(1), result.getString(2)), result.getString(3));
            }
        });
        return texts;
    }

    /** A current job↔dataset edge: where it came from and when it was first and last seen. */
    public record EdgeDetails(
            NodeId job,
            NodeId dataset,
            String direction,
            String source,
            OffsetDateTime firstSeen,
            OffsetDateTime lastSeen) {}

    /**
     * The edges of the window of the jobs (to visible datasets): with their source and when they were first and last
     * seen.
     */
    @Transactional(readOnly = true)
    public List<EdgeDetails> edgeDetails(Collection<NodeId> jobs, EdgeWindow window) {
        String sql =
                """
                SELECT j.namespace, j.name, d.namespace, d.name, e.direction, e.source, e.first_seen, e.last_seen
                FROM jobs j JOIN unnest(?::text[], ?::text[]) AS wanted(namespace, name)
                    ON j.namespace = wanted.namespace AND j.name = wanted.name
                JOIN lineage_edges e ON e.job_id = j.id AND e.first_seen <= ?::timestamptz
                    AND (e.retired_at IS NULL OR e.retired_at > ?::timestamptz)
                JOIN datasets d ON d.id = e.dataset_id AND NOT d.is_hidden""";
        List<EdgeDetails> edges = new ArrayList<>();
        query(
                sql,
                jobs,
                NodeId.Type.JOB,
                List.of(EdgeWindows.asOf(window), EdgeWindows.asOf(window)),
                result -> edges.add(new EdgeDetails(
                        NodeId.job(result.getString(1), result.getString(2)),
                        NodeId.dataset(result.getString(3), result.getString(4)),
                        result.getString(5),
                        result.getString(6),
                        time(result, 7),
                        time(result, 8))));
        return edges;
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet result) throws SQLException;
    }

    private void query(String sql, Collection<NodeId> nodes, NodeId.Type type, RowConsumer consumer) {
        query(sql, nodes, type, List.of(), consumer);
    }

    /** Runs {@code sql} with the nodes' namespaces and names as its first two parameters, then {@code more} texts. */
    private void query(
            String sql, Collection<NodeId> nodes, NodeId.Type type, List<String> more, RowConsumer consumer) {
        List<String> namespaces = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (NodeId node : nodes) {
            if (node.type() == type) {
                namespaces.add(node.namespace());
                names.add(node.name());
            }
        }
        if (names.isEmpty()) {
            return;
        }
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", namespaces.toArray()));
            statement.setArray(2, connection.createArrayOf("text", names.toArray()));
            for (int index = 0; index < more.size(); index++) {
                statement.setString(3 + index, more.get(index));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    consumer.accept(result);
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read node details", exception);
        }
    }

    /**
     * An edge that is current, from a row of job namespace and name, dataset namespace and name, direction, last seen
     * and source (interned: three values shared by every edge of the graph).
     */
    private static EdgeChange currentEdge(ResultSet result) throws SQLException {
        return new EdgeChange(
                NodeId.job(result.getString(1), result.getString(2)),
                NodeId.dataset(result.getString(3), result.getString(4)),
                EdgeChange.Direction.valueOf(result.getString(5)),
                true,
                result.getObject(6, OffsetDateTime.class).toInstant(),
                result.getString(7).intern());
    }

    private static OffsetDateTime time(ResultSet result, int column) throws SQLException {
        return result.getObject(column, OffsetDateTime.class);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text == null ? "[]" : text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException exception) {
            throw new StoreException("stored JSON is unreadable", exception);
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException exception) {
            throw new StoreException("no database connection", exception);
        }
    }
}
