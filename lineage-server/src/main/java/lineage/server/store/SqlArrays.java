package lineage.server.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Function;

/**
 * PostgreSQL array parameters for set-based statements ({@code unnest(?::text[], ...)}). Times and UUIDs travel as
 * text and are cast in SQL, which keeps every parameter a plain text or bigint array.
 */
final class SqlArrays {
    private SqlArrays() {}

    static <T> Array text(Connection connection, Collection<T> rows, Function<T, String> column) throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(column).toArray());
    }

    static <T> Array bigint(Connection connection, Collection<T> rows, Function<T, Long> column) throws SQLException {
        return connection.createArrayOf("bigint", rows.stream().map(column).toArray());
    }

    static <T> Array uuid(Connection connection, Collection<T> rows, Function<T, UUID> column) throws SQLException {
        return connection.createArrayOf(
                "text",
                rows.stream()
                        .map(column)
                        .map(id -> id == null ? null : id.toString())
                        .toArray());
    }

    static <T> Array time(Connection connection, Collection<T> rows, Function<T, OffsetDateTime> column)
            throws SQLException {
        return connection.createArrayOf(
                "text", rows.stream().map(column).map(SqlArrays::time).toArray());
    }

    /** ISO 8601, as PostgreSQL reads it ({@link OffsetDateTime#toString} is twice as fast as a formatter). */
    static String time(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }
}
