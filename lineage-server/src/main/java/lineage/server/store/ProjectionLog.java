package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the event log ({@code lineage_events}) says of projection: the events not projected yet, which start-up
 * projects, and the jobs whose events other servers projected, which a replica follows.
 */
@Singleton
public class ProjectionLog {
    private final DataSource dataSource;

    public ProjectionLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An event of the log that is not projected yet. */
    public record UnprojectedEvent(long id, String payload) {}

    @Transactional(readOnly = true)
    public List<UnprojectedEvent> unprojectedEvents(long afterId, int limit) {
        String sql = "SELECT id, payload::text FROM lineage_events WHERE projected_at IS NULL AND id > ? ORDER BY id"
                + " LIMIT ?";
        List<UnprojectedEvent> events = new ArrayList<>();
        try (PreparedStatement statement = Statements.connection(dataSource).prepareStatement(sql)) {
            statement.setLong(1, afterId);
            statement.setInt(2, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    events.add(new UnprojectedEvent(result.getLong(1), result.getString(2)));
                }
            }
            return events;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the event log", exception);
        }
    }

    /**
     * A stored event that is not projected: its id, when it arrived, its kind ({@code RUN}, {@code DATASET}, {@code
     * JOB}, {@code TRINO}), its job and run when it names them, and why its projection failed (null while it was
     * never tried, such as after a crash between storing and projecting).
     */
    public record UnprojectedRow(
            long id,
            OffsetDateTime receivedAt,
            String kind,
            @Nullable OffsetDateTime eventTime,
            @Nullable String jobNamespace,
            @Nullable String jobName,
            @Nullable UUID runId,
            @Nullable String error) {}

    /** A page of the events not projected, oldest first, and how many there are in all. */
    public record UnprojectedPage(List<UnprojectedRow> events, long totalCount) {
        public UnprojectedPage {
            events = List.copyOf(events);
        }
    }

    /** The events not projected, by id (the order they arrived), a page at a time. */
    @Transactional(readOnly = true)
    public UnprojectedPage findUnprojected(int limit, int offset) {
        String sql =
                """
                SELECT id, received_at, event_kind, event_time, job_namespace, job_name, run_id, projection_error
                FROM lineage_events WHERE projected_at IS NULL ORDER BY id LIMIT ? OFFSET ?""";
        List<UnprojectedRow> rows = new ArrayList<>();
        try (PreparedStatement statement = Statements.connection(dataSource).prepareStatement(sql)) {
            statement.setInt(1, limit);
            statement.setInt(2, offset);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new UnprojectedRow(
                            result.getLong(1),
                            result.getObject(2, OffsetDateTime.class),
                            result.getString(3),
                            result.getObject(4, OffsetDateTime.class),
                            result.getString(5),
                            result.getString(6),
                            result.getObject(7, UUID.class),
                            result.getString(8)));
                }
            }
            return new UnprojectedPage(rows, countUnprojected());
        } catch (SQLException exception) {
            throw new StoreException("cannot read the event log", exception);
        }
    }

    /** How many stored events are not projected (the partial index {@code lineage_events_unprojected} counts them). */
    @Transactional(readOnly = true)
    public long countUnprojected() {
        try (PreparedStatement statement = Statements.connection(dataSource)
                        .prepareStatement("SELECT count(*) FROM lineage_events WHERE projected_at IS NULL");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException exception) {
            throw new StoreException("cannot read the event log", exception);
        }
    }

    /** Records why an event cannot be projected (a reason for people: no stack trace, no SQL). */
    @Transactional
    public void recordFailure(long eventId, String reason) {
        Statements.execute(
                dataSource, "UPDATE lineage_events SET projection_error = ? WHERE id = ?", (c, statement) -> {
                    statement.setString(1, reason);
                    statement.setLong(2, eventId);
                });
    }

    /** An event another server projected: its job, and the transaction that projected it. */
    public record ProjectedJob(long eventId, long transaction, String namespace, String name) {}

    /**
     * The oldest transaction still running (PostgreSQL's 64-bit transaction id): every transaction before it has
     * finished, so a later read sees all the rows they committed.
     */
    @Transactional(readOnly = true)
    public long oldestRunningTransaction() {
        try (PreparedStatement statement = Statements.connection(dataSource)
                        .prepareStatement("SELECT pg_snapshot_xmin(pg_current_snapshot())::text");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return Long.parseLong(result.getString(1));
        } catch (SQLException exception) {
            throw new StoreException("cannot read the running transactions", exception);
        }
    }

    /** The jobs of the events that servers other than {@code server} projected in transactions from {@code from} on. */
    @Transactional(readOnly = true)
    public List<ProjectedJob> jobsProjectedByOthers(long from, UUID server) {
        String sql =
                """
                SELECT id, projected_xid::text, job_namespace, job_name FROM lineage_events
                WHERE projected_xid >= ?::xid8 AND projected_by IS DISTINCT FROM ?::uuid AND job_name IS NOT NULL
                ORDER BY id""";
        List<ProjectedJob> jobs = new ArrayList<>();
        try (PreparedStatement statement = Statements.connection(dataSource).prepareStatement(sql)) {
            statement.setString(1, Long.toString(from));
            statement.setString(2, server.toString());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    jobs.add(new ProjectedJob(
                            result.getLong(1),
                            Long.parseLong(result.getString(2)),
                            result.getString(3),
                            result.getString(4)));
                }
            }
            return jobs;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the event log", exception);
        }
    }
}
