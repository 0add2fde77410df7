package lineage.server.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/** Pages of the event log ({@code lineage_events}) by event time, each event as the JSON text it is stored as. */
@Singleton
public class EventReader {
    /** By event time, then by arrival (the log's id) among events of the same time. */
    public enum Order {
        ASCENDING("ORDER BY event_time, id"),
        DESCENDING("ORDER BY event_time DESC, id DESC");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /** The events from {@code after} (inclusive) to {@code before} (exclusive), as in Marquez. */
    public record Window(OffsetDateTime after, OffsetDateTime before) {
        public Window {
            requireNonNull(after, "after is null");
            requireNonNull(before, "before is null");
        }
    }

    /** A page of events and how many events the whole window holds. */
    public record EventPage(List<String> payloads, long totalCount) {
        public EventPage {
            payloads = List.copyOf(payloads);
        }
    }

    /** The kinds of OpenLineage event the log holds (Trino's raw query events, kind TRINO, are never listed). */
    public enum Kind {
        RUN,
        DATASET,
        JOB
    }

    private static final String WHERE =
            " FROM lineage_events WHERE event_time >= ? AND event_time < ? AND event_kind = ANY (?::text[]) ";

    private final DataSource dataSource;

    public EventReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The page and the count in one transaction. */
    @Transactional(readOnly = true)
    public EventPage findEvents(Window window, Set<Kind> kinds, Order order, int limit, int offset) {
        String sql = "SELECT payload::text" + WHERE + order.sql + " LIMIT ? OFFSET ?";
        Connection connection = connection();
        List<String> payloads = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            setWindow(statement, window, kinds);
            statement.setInt(4, limit);
            statement.setInt(5, offset);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    payloads.add(result.getString(1));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read the event log", exception);
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*)" + WHERE)) {
            setWindow(statement, window, kinds);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return new EventPage(payloads, result.getLong(1));
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot count the event log", exception);
        }
    }

    private static void setWindow(PreparedStatement statement, Window window, Set<Kind> kinds) throws SQLException {
        statement.setObject(1, window.after());
        statement.setObject(2, window.before());
        statement.setArray(
                3,
                statement
                        .getConnection()
                        .createArrayOf(
                                "text", kinds.stream().map(Kind::name).sorted().toArray()));
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException exception) {
            throw new StoreException("no database connection", exception);
        }
    }
}
