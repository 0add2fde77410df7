package lineage.server.store;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import lineage.server.model.EdgeChange;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;

/**
 * The reads of job↔dataset edges ({@code lineage_edges}): every current edge for the graph at start-up, a job's
 * current edges for a replica that follows another server, the edges a past graph is built from, and the details of a
 * lineage answer's edges.
 */
@Singleton
public class EdgeReader {
    private final DataSource dataSource;

    public EdgeReader(DataSource dataSource) {
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
        try (PreparedStatement statement = Statements.connection(dataSource).prepareStatement(sql)) {
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

    /**
     * The job's current edges (to visible datasets), as graph changes. The job is found first, then its edges through
     * the primary key's leading {@code job_id} and each edge's dataset by its id ({@code LATERAL}), whatever the
     * statistics say: as a plain join, tables grown since their last ANALYZE got a parallel scan of every edge (0.4 s
     * over 1.5 million, against under a millisecond), and a replica following another's writes asks this for every
     * job the other wrote.
     */
    @Transactional(readOnly = true)
    public List<EdgeChange> currentEdges(String namespace, String name) {
        String sql =
                """
                SELECT j.namespace, j.name, d.namespace, d.name, e.direction, e.last_seen, e.source
                FROM jobs j
                CROSS JOIN LATERAL (
                    SELECT * FROM lineage_edges WHERE job_id = j.id AND is_current OFFSET 0) e
                CROSS JOIN LATERAL (
                    SELECT namespace, name FROM datasets WHERE id = e.dataset_id AND NOT is_hidden OFFSET 0) d
                WHERE j.namespace = ? AND j.name = ? AND NOT j.is_hidden""";
        List<EdgeChange> edges = new ArrayList<>();
        try (PreparedStatement statement = Statements.connection(dataSource).prepareStatement(sql)) {
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
        Connection connection = Statements.connection(dataSource);
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
        NodeQueries.query(
                dataSource,
                sql,
                jobs,
                NodeId.Type.JOB,
                List.of(EdgeWindows.asOf(window), EdgeWindows.asOf(window)),
                result -> edges.add(new EdgeDetails(
                        NodeId.job(result.getString(1), result.getString(2)),
                        NodeId.dataset(result.getString(3), result.getString(4)),
                        result.getString(5),
                        result.getString(6),
                        NodeQueries.time(result, 7),
                        NodeQueries.time(result, 8))));
        return edges;
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
}
