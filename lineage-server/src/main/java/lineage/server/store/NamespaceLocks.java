package lineage.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * Locks between identity merges and the writes of ingestion, by namespace, for the caller's transaction (PostgreSQL
 * advisory locks, released at commit or rollback). A write takes a shared lock on every namespace it writes, before it
 * locks any row; a merge takes an exclusive lock on the namespaces it moves rows from and to, before anything else.
 * So a write naming those namespaces either ran before the merge (which waits for it to commit) or waits, holding no
 * row, until the merge has committed: neither waits for the other while holding what the other needs (row locks taken
 * in opposite orders deadlocked a merge with ingestion that named the canonical namespace), and no dataset can appear
 * under a name a merge is about to give an alias row. Writes to other namespaces are not held up. Both sides lock in
 * the order of the keys, so two merges, or a merge and a write, never wait for each other in a circle.
 */
final class NamespaceLocks {
    /** The first key of the two-integer advisory locks, which no other lock of this project uses. */
    private static final int NAMESPACES = 19;

    private NamespaceLocks() {}

    /** Shared locks on the namespaces: a write to them waits while a merge holds one. */
    static void share(DataSource dataSource, Collection<String> namespaces) {
        lock(dataSource, "pg_advisory_xact_lock_shared", namespaces);
    }

    /** Exclusive locks on the namespaces: waits for the writes to them that hold a shared one. */
    static void exclusive(DataSource dataSource, Collection<String> namespaces) {
        lock(dataSource, "pg_advisory_xact_lock", namespaces);
    }

    private static void lock(DataSource dataSource, String function, Collection<String> namespaces) {
        if (namespaces.isEmpty()) {
            return;
        }
        // hashtext: two namespaces may share a key, which only makes one wait for the other needlessly.
        String sql =
                """
                SELECT count(%s(%d, key)) FROM (
                    SELECT DISTINCT hashtext(name) AS key FROM unnest(?::text[]) AS name ORDER BY key) keys"""
                        .formatted(function, NAMESPACES);
        Connection connection = Statements.connection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("text", namespaces.toArray()));
            try (ResultSet result = statement.executeQuery()) {
                result.next();
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot lock namespaces", exception);
        }
    }
}
