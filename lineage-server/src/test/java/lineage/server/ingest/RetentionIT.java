package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import lineage.server.config.RetentionConfig;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Retention: old raw events and runs go; the current graph, recent data and each job's latest run stay. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionIT implements TestPropertyProvider {
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);
    private static final OffsetDateTime TWO_YEARS_AGO = NOW.minusYears(2);
    private static final List<String> NODES = List.of(
            "job:ns:old_only",
            "job:ns:mixed",
            "job:ns:recent",
            "dataset:ns:old_in",
            "dataset:ns:mixed_out",
            "dataset:ns:recent_out");

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Inject
    Retention retention;

    @Inject
    RetentionConfig config;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.retention.max-age", "365d");
        return properties;
    }

    @Test
    void purgesOldEventsAndRunsButNotTheGraphOrTheLatestRuns() {
        UUID oldFirst = UUID.randomUUID();
        UUID oldLatest = UUID.randomUUID();
        UUID mixedOld = UUID.randomUUID();
        UUID mixedRecent = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        // old_only: two old runs, the second its latest. mixed: an old run, then a recent one. recent: a recent run.
        post(oldFirst, "START", "old_only", TWO_YEARS_AGO, "old_in", "old_out");
        post(oldFirst, "COMPLETE", "old_only", TWO_YEARS_AGO.plusMinutes(5), "old_in", "old_out");
        post(oldLatest, "COMPLETE", "old_only", TWO_YEARS_AGO.plusDays(1), "old_in", "old_out");
        post(mixedOld, "COMPLETE", "mixed", TWO_YEARS_AGO, "old_out", "mixed_old_out");
        post(mixedRecent, "COMPLETE", "mixed", NOW.minusHours(1), "old_out", "mixed_out");
        post(recent, "COMPLETE", "recent", NOW.minusMinutes(1), "mixed_out", "recent_out");
        long unprojected = insertUnprojectedOldEvent();
        Map<String, JsonNode> before = lineage();

        Retention.Purged purged = retention.purgeOlderThan(config.maxAge().orElseThrow());

        assertThat(purged).isEqualTo(new Retention.Purged(3, 2));
        assertThat(eventRunIds()).containsExactly(oldLatest, mixedRecent, recent);
        assertThat(ids("SELECT id FROM lineage_events WHERE projected_at IS NULL"))
                .containsExactly(unprojected);
        assertThat(runIds()).containsExactlyInAnyOrder(oldLatest, mixedRecent, recent);
        assertThat(ids("SELECT count(*) FROM jobs j LEFT JOIN runs r ON r.id = j.latest_run_id WHERE r.id IS NULL"))
                .containsExactly(0L);
        assertThat(lineage()).isEqualTo(before);
        // The old mixed_old_out edge is no longer current, yet the dataset itself stays.
        assertThat(ids("SELECT count(*) FROM datasets WHERE name = 'mixed_old_out'"))
                .containsExactly(1L);
    }

    @Test
    void aSecondPurgeFindsNothingMoreToDelete() {
        post(UUID.randomUUID(), "COMPLETE", "twice_purged", TWO_YEARS_AGO, "twice_in", "twice_out");
        retention.purgeOlderThan(config.maxAge().orElseThrow());

        assertThat(retention.purgeOlderThan(config.maxAge().orElseThrow())).isEqualTo(new Retention.Purged(0, 0));
    }

    private void post(UUID runId, String type, String job, OffsetDateTime time, String input, String output) {
        String event = "{\"eventType\": \"" + type + "\", \"eventTime\": \"" + time + "\","
                + " \"producer\": \"https://github.com/lineage/tests\","
                + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + " \"run\": {\"runId\": \"" + runId + "\"}, \"job\": {\"namespace\": \"ns\", \"name\": \"" + job
                + "\"}, \"inputs\": [{\"namespace\": \"ns\", \"name\": \"" + input + "\"}],"
                + " \"outputs\": [{\"namespace\": \"ns\", \"name\": \"" + output + "\"}]}";
        assertThat(new ServerClient(server.getURI())
                        .post("/api/v1/lineage", event)
                        .statusCode())
                .isEqualTo(201);
    }

    /** An old event whose projection failed: it waits for reprocessing, so retention must keep it. */
    private long insertUnprojectedOldEvent() {
        String sql =
                """
                INSERT INTO lineage_events (event_hash, event_kind, event_type, event_time, payload)
                VALUES ('unprojected-old', 'RUN', 'COMPLETE', ?, '{}'::jsonb) RETURNING id""";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, TWO_YEARS_AGO);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException exception) {
            throw new AssertionError(exception);
        }
    }

    private Map<String, JsonNode> lineage() {
        ServerClient client = new ServerClient(server.getURI());
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String node : NODES) {
            answers.put(node, client.lineage(node, ""));
        }
        return answers;
    }

    private List<UUID> eventRunIds() {
        return select("SELECT DISTINCT run_id, min(id) FROM lineage_events WHERE run_id IS NOT NULL"
                        + " AND job_name IN ('old_only', 'mixed', 'recent') GROUP BY run_id ORDER BY min(id)")
                .stream()
                .map(UUID.class::cast)
                .toList();
    }

    private List<UUID> runIds() {
        return select("SELECT r.id FROM runs r JOIN jobs j ON j.id = r.job_id"
                        + " WHERE j.name IN ('old_only', 'mixed', 'recent')")
                .stream()
                .map(UUID.class::cast)
                .toList();
    }

    private List<Long> ids(String sql) {
        return select(sql).stream().map(Long.class::cast).toList();
    }

    private List<Object> select(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            List<Object> values = new ArrayList<>();
            while (result.next()) {
                values.add(result.getObject(1));
            }
            return values;
        } catch (SQLException exception) {
            throw new AssertionError(exception);
        }
    }
}
