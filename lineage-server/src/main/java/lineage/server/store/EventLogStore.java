package lineage.server.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The append-only event log ({@code lineage_events}), and its counts per quarter hour and type ({@code
 * lineage_event_counts}), which each statement that stores events updates. Every method runs in the caller's
 * transaction.
 */
@Singleton
public class EventLogStore {
    /** Most events per statement of {@link #appendProjected}. */
    private static final int ROWS = 1_000;
    /** Most payload characters per statement: an array parameter is one value, and PostgreSQL's limit is 1 GB. */
    private static final long CHARS = 64L << 20;

    private final DataSource dataSource;
    /** Marks the rows this server projects, so that it does not follow its own writes as another server's. */
    private final UUID server = UUID.randomUUID();

    public EventLogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The id this server marks the rows it projects with (a new one at every start). */
    public UUID server() {
        return server;
    }

    /**
     * Appends events marked as projected (the same transaction projects them). Returns the hashes of those that were
     * new; an event whose hash is already stored is left out. The events' hashes must be distinct.
     *
     * <p>One statement per {@value #ROWS} events (fewer when their payloads are large), always the same text, so that
     * PostgreSQL plans it once per connection: a multi-row {@code VALUES} has a text per row count, and planning one of
     * 1,000 rows took 18 ms.
     */
    public Set<String> appendProjected(List<EventRow> events) {
        Set<String> stored = new HashSet<>();
        int from = 0;
        while (from < events.size()) {
            int to = from;
            long chars = 0;
            while (to < events.size()
                    && to - from < ROWS
                    && (to == from || chars + events.get(to).payload().length() <= CHARS)) {
                chars += events.get(to).payload().length();
                to++;
            }
            stored.addAll(appendProjectedRows(events.subList(from, to)));
            from = to;
        }
        return stored;
    }

    private Set<String> appendProjectedRows(List<EventRow> events) {
        String sql =
                """
                WITH stored AS (
                    INSERT INTO lineage_events (event_hash, event_kind, event_type, event_time, run_id, job_namespace,
                        job_name, producer, payload, projected_at, projected_xid, projected_by)
                    SELECT hash, kind, type, time::timestamptz, run_id::uuid, job_namespace, job_name, producer,
                        payload::jsonb, now(), pg_current_xact_id(), ?::uuid
                    FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[]) AS e(hash, kind, type, time, run_id, job_namespace, job_name, producer,
                        payload)
                    ORDER BY hash
                    ON CONFLICT (event_hash) DO NOTHING
                    RETURNING event_hash, event_time, event_type),
                """
                        + EventCounts.counted("stored", '+')
                        + """

                SELECT event_hash FROM stored""";
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, server.toString());
            statement.setObject(2, SqlArrays.text(events, EventRow::hash));
            statement.setObject(3, SqlArrays.text(events, EventRow::kind));
            statement.setObject(4, SqlArrays.text(events, EventRow::eventType));
            statement.setObject(5, SqlArrays.time(events, EventRow::eventTime));
            statement.setObject(6, SqlArrays.uuid(events, EventRow::runId));
            statement.setObject(7, SqlArrays.text(events, EventRow::jobNamespace));
            statement.setObject(8, SqlArrays.text(events, EventRow::jobName));
            statement.setObject(9, SqlArrays.text(events, EventRow::producer));
            statement.setObject(10, SqlArrays.text(events, EventRow::payload));
            Set<String> stored = new HashSet<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    stored.add(result.getString(1));
                }
            }
            return stored;
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }

    /** Appends an event that is not projected (yet); empty when an identical event is already stored. */
    public Optional<Long> appendUnprojected(EventRow event) {
        String sql =
                """
                WITH stored AS (
                    INSERT INTO lineage_events (event_hash, event_kind, event_type, event_time, run_id, job_namespace,
                        job_name, producer, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    ON CONFLICT (event_hash) DO NOTHING
                    RETURNING id, event_time, event_type),
                """
                        + EventCounts.counted("stored", '+')
                        + """

                SELECT id FROM stored""";
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, event.hash());
            statement.setString(2, event.kind());
            statement.setString(3, event.eventType());
            statement.setTimestamp(4, Statements.timestamp(event.eventTime()));
            statement.setObject(5, event.runId(), Types.OTHER);
            statement.setString(6, event.jobNamespace());
            statement.setString(7, event.jobName());
            statement.setString(8, event.producer());
            statement.setString(9, event.payload());
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(result.getLong(1)) : Optional.empty();
            }
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }

    public void markProjected(long eventId) {
        String sql =
                """
                UPDATE lineage_events SET projected_at = now(), projected_xid = pg_current_xact_id(),
                    projected_by = ?::uuid, projection_error = NULL
                WHERE id = ?""";
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, server.toString());
            statement.setLong(2, eventId);
            statement.executeUpdate();
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }

    public void markProjectionFailed(long eventId, String error) {
        Connection connection = connection();
        try (PreparedStatement statement =
                connection.prepareStatement("UPDATE lineage_events SET projection_error = ? WHERE id = ?")) {
            statement.setString(1, error);
            statement.setLong(2, eventId);
            statement.executeUpdate();
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
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
