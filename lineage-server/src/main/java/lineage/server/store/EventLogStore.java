package lineage.server.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** The append-only event log ({@code lineage_events}). Every method runs in the caller's transaction. */
@Singleton
public class EventLogStore {
    /** Rows per statement of {@link #appendProjected}: 10 parameters each, far below PostgreSQL's 65,535. */
    private static final int ROWS = 1_000;

    private static final String PROJECTED_ROW =
            "(?, ?, ?, ?::timestamptz, ?::uuid, ?, ?, ?, ?::jsonb, now(), pg_current_xact_id(), ?::uuid)";

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
     * Appends events marked as projected (the same transaction projects them), in one statement per {@value #ROWS}
     * events. Returns the hashes of those that were new; an event whose hash is already stored is left out. The events'
     * hashes must be distinct.
     *
     * <p>Each value is a plain parameter of a multi-row {@code VALUES}, not an element of a {@code text[]}: the driver
     * escapes every character of an array element, which costs as much as serialising a large payload again.
     */
    public Set<String> appendProjected(List<EventRow> events) {
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < events.size(); from += ROWS) {
            stored.addAll(appendProjectedRows(events.subList(from, Math.min(events.size(), from + ROWS))));
        }
        return stored;
    }

    private Set<String> appendProjectedRows(List<EventRow> events) {
        String sql =
                "INSERT INTO lineage_events (event_hash, event_kind, event_type, event_time, run_id, job_namespace,"
                        + " job_name, producer, payload, projected_at, projected_xid, projected_by) VALUES "
                        + String.join(", ", Collections.nCopies(events.size(), PROJECTED_ROW))
                        + " ON CONFLICT (event_hash) DO NOTHING RETURNING event_hash";
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 0;
            for (EventRow event : events) {
                statement.setString(++parameter, event.hash());
                statement.setString(++parameter, event.kind());
                statement.setString(++parameter, event.eventType());
                statement.setString(++parameter, SqlArrays.time(event.eventTime()));
                statement.setString(
                        ++parameter,
                        event.runId() == null ? null : event.runId().toString());
                statement.setString(++parameter, event.jobNamespace());
                statement.setString(++parameter, event.jobName());
                statement.setString(++parameter, event.producer());
                statement.setString(++parameter, event.payload());
                statement.setString(++parameter, server.toString());
            }
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
                INSERT INTO lineage_events (event_hash, event_kind, event_type, event_time, run_id, job_namespace,
                    job_name, producer, payload)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (event_hash) DO NOTHING
                RETURNING id""";
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
