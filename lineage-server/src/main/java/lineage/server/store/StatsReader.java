package lineage.server.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * What Marquez's {@code /api/v1/stats} endpoints count, per quarter hour: stored lineage events by type (from {@code
 * lineage_event_counts}, V14), new jobs and datasets (by {@code created_at}, indexed) and new sources (the first
 * dataset naming each {@code dataSource}). Each read is a few index range scans, whatever the size of the log.
 */
@Singleton
public class StatsReader {
    /**
     * Sources are named by datasets; a dataset without a {@code dataSource} facet is in Marquez's source of this name.
     */
    public static final String DEFAULT_SOURCE = "default";

    /** Events of one type stored with an event time in the quarter hour from {@code start}. */
    public record EventCount(Instant start, String eventType, long events) {
        public EventCount {
            requireNonNull(start, "start is null");
            requireNonNull(eventType, "eventType is null");
        }
    }

    /** Jobs or datasets: how many were created before a time, and how many in each quarter hour from then on. */
    public record Creations(long before, Map<Instant, Long> byQuarterHour) {
        public Creations {
            byQuarterHour = Map.copyOf(byQuarterHour);
        }
    }

    public enum Entity {
        JOBS("jobs"),
        DATASETS("datasets");

        private final String table;

        Entity(String table) {
            this.table = table;
        }
    }

    private final DataSource dataSource;

    public StatsReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The stored events' counts of the quarter hours in {@code [from, to)}, by quarter hour and type. */
    @Transactional(readOnly = true)
    public List<EventCount> findEventCounts(Instant from, Instant to) {
        String sql =
                """
                SELECT bucket_start, event_type, sum(events) FROM lineage_event_counts
                WHERE bucket_start >= ? AND bucket_start < ?
                GROUP BY bucket_start, event_type ORDER BY bucket_start, event_type""";
        List<EventCount> counts = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(to));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    counts.add(
                            new EventCount(result.getTimestamp(1).toInstant(), result.getString(2), result.getLong(3)));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read event counts", exception);
        }
        return counts;
    }

    /**
     * How many jobs or datasets (hidden ones too, as Marquez counts them) were created before {@code from}, and in each
     * quarter hour of {@code [from, to)}.
     */
    @Transactional(readOnly = true)
    public Creations findCreations(Entity entity, Instant from, Instant to) {
        String sql =
                """
                SELECT NULL, count(*) FROM %1$s WHERE created_at < ?
                UNION ALL
                SELECT %2$s, count(*) FROM %1$s WHERE created_at >= ? AND created_at < ? GROUP BY 1"""
                        .formatted(entity.table, EventCounts.BUCKET.formatted("created_at"));
        long before = 0;
        Map<Instant, Long> byQuarterHour = new TreeMap<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(from));
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(to));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Timestamp start = result.getTimestamp(1);
                    if (start == null) {
                        before = result.getLong(2);
                    } else {
                        byQuarterHour.put(start.toInstant(), result.getLong(2));
                    }
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot count " + entity.table, exception);
        }
        return new Creations(before, byQuarterHour);
    }

    /** Each source with the event time of the first dataset that named it, by name (table {@code sources}, V13). */
    @Transactional(readOnly = true)
    public Map<String, Instant> findSources() {
        String sql = "SELECT name, created_at FROM sources";
        Map<String, Instant> sources = new TreeMap<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Timestamp created = result.getTimestamp(2);
                    if (created != null) {
                        sources.put(result.getString(1), created.toInstant());
                    }
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read sources", exception);
        }
        return sources;
    }

    private Connection connection() {
        return Statements.connection(dataSource);
    }
}
