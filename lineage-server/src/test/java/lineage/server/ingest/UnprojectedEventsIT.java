package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * Stored events that cannot be projected (written straight into the log, as an older release could have stored them)
 * are reported once when the log is reprocessed: one WARN line without a stack trace, the gauge {@code
 * lineage.events.unprojected}, and {@code GET /api/v1/events/unprojected} with the reason. A stored event that can be
 * projected now is projected and no longer listed.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnprojectedEventsIT implements TestPropertyProvider {
    private static final String PATH = "/api/v1/events/unprojected";

    @Inject
    EmbeddedServer server;

    @Inject
    GraphLoader loader;

    @Inject
    MeterRegistry registry;

    private Map<String, String> properties;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private String longNameId;
    private String notAnEventId;
    private int projected;

    @Override
    public Map<String, String> getProperties() {
        properties = TestingDatabase.properties();
        return properties;
    }

    @BeforeAll
    void storeEventsThatCannotBeProjectedAndReprocess() {
        String longName = "n".repeat(3_000);
        longNameId = insert(
                "long",
                "RUN",
                "'unprojected_ns'",
                "'" + longName + "'",
                TestEvents.runEvent("START", "2026-11-20T08:00:00Z", UUID.randomUUID(), "unprojected_ns", longName)
                        .toString(),
                "NULL");
        notAnEventId = insert("not-an-event", "RUN", "NULL", "NULL", "{\"hello\": \"world\"}", "'StoreException'");
        insert(
                "fine-now",
                "RUN",
                "'unprojected_ns'",
                "'fine_now'",
                TestEvents.runEvent("START", "2026-11-20T08:00:00Z", UUID.randomUUID(), "unprojected_ns", "fine_now")
                        .toString(),
                "'StoreException'");
        Logger logger = (Logger) LoggerFactory.getLogger(GraphLoader.class);
        logged.start();
        logger.addAppender(logged);
        try {
            projected = loader.reprocess();
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void reprocessingLogsOneWarningAndNoStackTrace() {
        assertThat(projected).isEqualTo(1);
        List<ILoggingEvent> warnings = logged.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getFormattedMessage()).startsWith("2 stored event(s) cannot be projected");
        assertThat(logged.list)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    }

    @Test
    void theEndpointListsEachWithItsReason() {
        JsonNode answer = getOk(PATH);

        assertThat(answer.path("totalCount").asLong()).isEqualTo(2);
        JsonNode events = answer.path("events");
        assertThat(events.findValuesAsText("id")).containsExactly(longNameId, notAnEventId);
        JsonNode longName = events.get(0);
        assertThat(longName.path("kind").asText()).isEqualTo("RUN");
        assertThat(longName.path("job").path("namespace").asText()).isEqualTo("unprojected_ns");
        assertThat(longName.path("receivedAt").asText()).isNotEmpty();
        assertThat(longName.path("eventTime").asText()).isEqualTo("2026-11-20T08:00:00Z");
        assertThat(longName.path("reason").asText())
                .contains("job.name is 3000 bytes long; a name may hold at most 1500 bytes");
        JsonNode notAnEvent = events.get(1);
        assertThat(notAnEvent.path("job").isNull()).isTrue();
        assertThat(notAnEvent.path("reason").asText()).contains("eventTime is required");
        for (JsonNode event : events) {
            assertThat(event.path("reason").asText()).doesNotContain("Exception", "SELECT", "INSERT", "\tat ");
        }
    }

    @Test
    void theListIsPaged() {
        JsonNode page = getOk(PATH + "?limit=1&offset=1");

        assertThat(page.path("totalCount").asLong()).isEqualTo(2);
        assertThat(page.path("events").findValuesAsText("id")).containsExactly(notAnEventId);
        assertThat(client().get(PATH + "?limit=many").statusCode()).isEqualTo(400);
    }

    @Test
    void theGaugeCountsThem() {
        assertThat(registry.get("lineage.events.unprojected").gauge().value()).isEqualTo(2.0);
    }

    private String insert(String hash, String kind, String namespace, String name, String payload, String error) {
        String sql = "INSERT INTO lineage_events (event_hash, event_kind, event_time, job_namespace, job_name,"
                + " payload, projection_error) VALUES ('" + hash + "', '" + kind + "', '2026-11-20T08:00:00Z', "
                + namespace + ", " + name + ", '" + payload.replace("'", "''") + "'::jsonb, " + error
                + ") RETURNING id::text";
        return TestingDatabase.query(properties, sql).get(0);
    }

    private JsonNode getOk(String path) {
        HttpResponse<String> response = client().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }
}
