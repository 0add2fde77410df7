package lineage.server.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import lineage.server.config.TrinoPollerConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.ingest.KnownLineage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls {@code system.runtime.queries} every {@code lineage.trino.poller.interval} and ingests each finished query once,
 * through the same mapping as a query-history export ({@link TrinoQueryLogs}): the run id is the UUID of the query id
 * and the raw event is deduplicated in the log, so a query polled again (here, or after a restart) changes nothing.
 * The server's own queries (client source {@link TrinoCluster#SOURCE}) are left out.
 *
 * <p>Trino keeps only the last {@code query.max-history} queries (100 by default) and no session catalog or schema
 * there: unqualified names are read with the configured defaults, and queries that leave the history between two
 * polls are lost. The HTTP event listener has neither limit.
 */
@Singleton
@Requires(property = "lineage.trino.poller.enabled", value = "true")
public class TrinoHistoryPoller {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoHistoryPoller.class);
    /** Query ids remembered so a query still in the history is not mapped again at each poll. */
    private static final int REMEMBERED = 10_000;

    private static final String HISTORY = "SELECT query_id, state, \"user\", source, query, created, \"end\","
            + " error_type, error_code FROM system.runtime.queries WHERE state IN ('FINISHED', 'FAILED')"
            + " AND (source IS NULL OR source <> ?) ORDER BY created, query_id";

    private final TrinoCluster cluster;
    private final TrinoQueryLogs logs;
    private final TrinoIngester ingester;
    private final TrinoPollerConfig config;
    private final KnownLineage known;
    /** Guarded by {@code this}: the query ids of recent polls, oldest first. */
    private final Set<String> seen = new LinkedHashSet<>();

    public TrinoHistoryPoller(
            TrinoCluster cluster,
            TrinoQueryLogs logs,
            TrinoIngester ingester,
            TrinoPollerConfig config,
            KnownLineage known) {
        this.cluster = cluster;
        this.logs = logs;
        this.ingester = ingester;
        this.config = config;
        this.known = known;
    }

    /**
     * What one poll did: rows new to this poller, queries ingested, queries a listener had already reported as ended,
     * rows skipped and queries that failed to ingest.
     */
    public record Poll(int rows, int ingested, int reported, int skipped, int failed) {}

    @Scheduled(fixedDelay = "${lineage.trino.poller.interval:1m}")
    void pollOnSchedule() {
        try {
            poll();
        } catch (SQLException | RuntimeException failure) {
            // The next poll tries again; the queries still in the history are not lost.
            if (failure instanceof LineageException refusal && refusal.code() == ErrorCode.DATABASE_UNAVAILABLE) {
                // Nothing of this poll is remembered as seen: the next one ingests it (stored ones are not doubled).
                LOG.warn(
                        "Polling the Trino query history paused: the database is unavailable; next try in {}",
                        config.interval());
                return;
            }
            LOG.warn(
                    "Polling the Trino query history at {} failed; next try in {}",
                    cluster.url(),
                    config.interval(),
                    failure);
        }
    }

    /** Reads the history once and ingests the finished queries not seen before. */
    public synchronized Poll poll() throws SQLException {
        List<JsonNode> rows = unseenRows();
        int[] outcome = new int[3];
        TrinoQueryLogs.Summary summary = logs.readRows(rows, mapping -> {
            if (alreadyReported(mapping)) {
                outcome[2]++;
                return;
            }
            try {
                ingester.ingest(mapping);
                outcome[0]++;
            } catch (LineageException | IllegalStateException failure) {
                if (failure instanceof LineageException refusal && refusal.code() == ErrorCode.DATABASE_UNAVAILABLE) {
                    throw refusal; // the whole poll waits for the database, instead of skipping its queries
                }
                outcome[1]++;
                LOG.warn(
                        "Trino query of run {} (job {}) could not be ingested",
                        mapping.event().runId().orElseThrow(),
                        mapping.event().job().orElseThrow().name(),
                        failure);
            }
        });
        int skipped =
                summary.skipped().values().stream().mapToInt(Integer::intValue).sum();
        if (skipped > 0) {
            LOG.warn("Skipped {} Trino history row(s): {}", skipped, summary.skipped());
        }
        for (JsonNode row : rows) {
            remember(row.path("query_id").asText());
        }
        LOG.debug("Polled the Trino query history: {} new row(s), {} ingested", rows.size(), outcome[0]);
        return new Poll(rows.size(), outcome[0], outcome[2], skipped, outcome[1]);
    }

    /**
     * Whether a listener already reported the query as ended (its run, keyed by the query id, is finished): the engine's
     * own account of its tables beats what the parser makes of the history's text, which lacks the session's catalog.
     */
    private boolean alreadyReported(TrinoMapping mapping) {
        return mapping.event().runId().map(known::runEnded).orElse(false);
    }

    private List<JsonNode> unseenRows() throws SQLException {
        List<JsonNode> rows = new ArrayList<>();
        try (Connection connection = cluster.connect();
                PreparedStatement statement = connection.prepareStatement(HISTORY)) {
            statement.setString(1, TrinoCluster.SOURCE);
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    if (!seen.contains(result.getString("query_id"))) {
                        rows.add(row(result, columns));
                    }
                }
            }
        }
        return rows;
    }

    private static JsonNode row(ResultSet result, ResultSetMetaData columns) throws SQLException {
        ObjectNode row = JsonNodeFactory.instance.objectNode();
        for (int column = 1; column <= columns.getColumnCount(); column++) {
            String value = result.getString(column);
            if (value != null) {
                row.put(columns.getColumnLabel(column).toLowerCase(Locale.ROOT), value);
            }
        }
        return row;
    }

    private void remember(String queryId) {
        seen.add(queryId);
        if (seen.size() > REMEMBERED) {
            seen.remove(seen.iterator().next());
        }
    }
}
