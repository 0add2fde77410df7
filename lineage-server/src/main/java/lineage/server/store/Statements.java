package lineage.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/** What the stores' hand-written statements share: running one, the transaction's connection, times as parameters. */
final class Statements {
    private Statements() {}

    /** Binds a statement's parameters; the connection makes array parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(Connection connection, PreparedStatement statement) throws SQLException;
    }

    /** Runs a statement that returns no rows, on the caller's transaction. */
    static void execute(DataSource dataSource, String sql, Binder binder) {
        Connection connection = connection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(connection, statement);
            statement.executeUpdate();
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }

    /** The connection of the caller's transaction. */
    static Connection connection(DataSource dataSource) {
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
