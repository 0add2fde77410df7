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
import javax.sql.DataSource;

/** The append-only event log ({@code lineage_events}). Every method runs in the caller's transaction. */
@Singleton
public class EventLogStore {
    private final DataSource dataSource;

    public EventLogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Appends events marked as projected (the same transaction projects them), in one statement. Returns the hashes of
     * those that were new; an event whose hash is already stored is left out. The events' hashes must be distinct.
     */
    public Set<String> appendProjected(List<EventRow> events) {
        String sql =
                """
                INSERT INTO lineage_events (event_hash, event_kind, event_type, event_time, run_id, job_namespace,
                    job_name, producer, payload, projected_at)
                SELECT hash, kind, type, time::timestamptz, run_id::uuid, job_namespace, job_name, producer,
                    payload::jsonb, now()
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[]) WITH ORDINALITY
                    AS e(hash, kind, type, time, run_id, job_namespace, job_name, producer, payload, position)
                ORDER BY position
                ON CONFLICT (event_hash) DO NOTHING
                RETURNING event_hash""";
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, SqlArrays.text(connection, events, EventRow::hash));
            statement.setArray(2, SqlArrays.text(connection, events, EventRow::kind));
            statement.setArray(3, SqlArrays.text(connection, events, EventRow::eventType));
            statement.setArray(4, SqlArrays.time(connection, events, EventRow::eventTime));
            statement.setArray(
                    5,
                    SqlArrays.text(
                            connection,
                            events,
                            event ->
                                    event.runId() == null ? null : event.runId().toString()));
            statement.setArray(6, SqlArrays.text(connection, events, EventRow::jobNamespace));
            statement.setArray(7, SqlArrays.text(connection, events, EventRow::jobName));
            statement.setArray(8, SqlArrays.text(connection, events, EventRow::producer));
            statement.setArray(9, SqlArrays.text(connection, events, EventRow::payload));
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
            statement.setTimestamp(4, LineageStore.timestamp(event.eventTime()));
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
        update("UPDATE lineage_events SET projected_at = now(), projection_error = NULL WHERE id = ?", eventId, null);
    }

    public void markProjectionFailed(long eventId, String error) {
        update("UPDATE lineage_events SET projection_error = ? WHERE id = ?", eventId, error);
    }

    private void update(String sql, long eventId, String error) {
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (error == null) {
                statement.setLong(1, eventId);
            } else {
                statement.setString(1, error);
                statement.setLong(2, eventId);
            }
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
