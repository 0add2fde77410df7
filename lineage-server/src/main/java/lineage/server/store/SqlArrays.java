package lineage.server.store;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import java.util.function.Function;

/**
 * PostgreSQL array parameters for set-based statements ({@code unnest(?::text[], ...)}), bound with
 * {@code setObject}: the driver sends a {@code String[]} or {@code Long[]} in PostgreSQL's binary array format, each
 * element as its bytes, where {@code createArrayOf} writes the array's text form and escapes every character of every
 * element (as costly as serialising a large payload again). Times and UUIDs travel as text and are cast in SQL, which
 * keeps every parameter a plain text or bigint array.
 */
final class SqlArrays {
    private SqlArrays() {}

    static <T> String[] text(Collection<T> rows, Function<T, String> column) {
        return rows.stream().map(column).toArray(String[]::new);
    }

    static <T> Long[] bigint(Collection<T> rows, Function<T, Long> column) {
        return rows.stream().map(column).toArray(Long[]::new);
    }

    static <T> String[] uuid(Collection<T> rows, Function<T, UUID> column) {
        return rows.stream()
                .map(column)
                .map(id -> id == null ? null : id.toString())
                .toArray(String[]::new);
    }

    static <T> String[] time(Collection<T> rows, Function<T, OffsetDateTime> column) {
        return rows.stream().map(column).map(SqlArrays::time).toArray(String[]::new);
    }

    /** ISO 8601, as PostgreSQL reads it ({@link OffsetDateTime#toString} is twice as fast as a formatter). */
    static String time(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }
}
