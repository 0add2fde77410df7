package lineage.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import lineage.server.model.NodeId;

/** Queries about a set of nodes of one kind, bound as two text arrays (namespaces, names), on the caller's transaction. */
final class NodeQueries {
    private NodeQueries() {}

    @FunctionalInterface
    interface RowConsumer {
        void accept(ResultSet result) throws SQLException;
    }

    static void query(
            DataSource dataSource, String sql, Collection<NodeId> nodes, NodeId.Type type, RowConsumer consumer) {
        query(dataSource, sql, nodes, type, List.of(), consumer);
    }

    /** Runs {@code sql} with the nodes' namespaces and names as its first two parameters, then {@code more} texts. */
    static void query(
            DataSource dataSource,
            String sql,
            Collection<NodeId> nodes,
            NodeId.Type type,
            List<String> more,
            RowConsumer consumer) {
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
        Connection connection = Statements.connection(dataSource);
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

    static OffsetDateTime time(ResultSet result, int column) throws SQLException {
        return result.getObject(column, OffsetDateTime.class);
    }
}
