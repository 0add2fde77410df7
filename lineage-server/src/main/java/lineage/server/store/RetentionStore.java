package lineage.server.store;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import javax.sql.DataSource;

/**
 * The deletes of retention, one batch per call and transaction. Neither touches the current graph: datasets, jobs,
 * edges, versions and column lineage stay, and so does every job's latest run with its events. Deleted events are taken
 * out of the stats' counts ({@code lineage_event_counts}), which so cover the events retention kept.
 */
@Singleton
public class RetentionStore {
    private final DataSource dataSource;

    public RetentionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Deletes up to {@code limit} projected events older than {@code cutoff} that are not events of a job's latest
     * run. Events not projected yet stay, whatever their age. Returns how many were deleted.
     */
    @Transactional
    public int deleteEventsBefore(OffsetDateTime cutoff, int limit) {
        return delete(
                """
                WITH deleted AS (
                    DELETE FROM lineage_events WHERE id IN (
                        SELECT e.id FROM lineage_events e
                        WHERE e.event_time < ? AND e.projected_at IS NOT NULL
                            AND (e.run_id IS NULL
                                OR NOT EXISTS (SELECT 1 FROM jobs j WHERE j.latest_run_id = e.run_id))
                        LIMIT ?)
                    RETURNING event_time, event_type),
                """
                        + EventCounts.counted("deleted", '-')
                        + """

                SELECT count(*) FROM deleted""",
                cutoff,
                limit);
    }

    /**
     * Deletes up to {@code limit} runs whose last event is older than {@code cutoff}, except each job's latest run.
     * The job rows are locked, so an event that makes an old run the latest meanwhile keeps it. Returns how many.
     */
    @Transactional
    public int deleteRunsBefore(OffsetDateTime cutoff, int limit) {
        return delete(
                """
                DELETE FROM runs WHERE id IN (
                    SELECT r.id FROM runs r JOIN jobs j ON j.id = r.job_id
                    WHERE r.last_event_time < ? AND j.latest_run_id IS DISTINCT FROM r.id
                    LIMIT ? FOR UPDATE OF j)""",
                cutoff,
                limit);
    }

    private int delete(String sql, OffsetDateTime cutoff, int limit) {
        try (PreparedStatement statement = dataSource.getConnection().prepareStatement(sql)) {
            statement.setTimestamp(1, Statements.timestamp(cutoff));
            statement.setInt(2, limit);
            if (statement.execute()) {
                try (ResultSet result = statement.getResultSet()) {
                    result.next();
                    return result.getInt(1);
                }
            }
            return statement.getUpdateCount();
        } catch (SQLException exception) {
            throw new StoreException("retention delete failed", exception);
        }
    }
}
