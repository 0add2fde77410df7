package lineage.server.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import lineage.server.model.NodeId;

/**
 * Counts the hidden jobs and datasets that writes showed again since start-up. Ingestion compares the count before and
 * after a write: when it moved, the graph is reloaded, because the edges of what came back are not in the graph.
 */
@Singleton
public class ShownAgain {
    private final AtomicLong count = new AtomicLong();

    /** How many hidden jobs and datasets writes have shown again since start-up. */
    public long count() {
        return count.get();
    }

    @FunctionalInterface
    interface NodeFactory {
        NodeId node(String namespace, String name);
    }

    /** Runs an upsert that returns {@code id, namespace, name, <was hidden>}: the ids by node, counting those shown again. */
    Map<NodeId, Long> upsert(DataSource dataSource, String sql, NodeFactory nodes, Statements.Binder binder) {
        Connection connection = Statements.connection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(connection, statement);
            Map<NodeId, Long> ids = new HashMap<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ids.put(nodes.node(result.getString(2), result.getString(3)), result.getLong(1));
                    if (result.getBoolean(4)) {
                        count.incrementAndGet();
                    }
                }
            }
            return ids;
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }
}
