package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v1/events/lineage}: the stored events of a time window as received, ordered by event time then
 * arrival, paged, with the window's total. The class has a database of its own, so the log holds only its four events.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsApiIT implements TestPropertyProvider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PATH = "/api/v1/events/lineage?kinds=all";

    @Inject
    EmbeddedServer server;

    private ObjectNode start;
    private ObjectNode complete;
    private ObjectNode datasetEvent;
    private ObjectNode nextDay;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @BeforeAll
    void postEvents() {
        UUID runId = UUID.randomUUID();
        start = TestEvents.runEvent("START", "2026-01-01T10:00:00Z", runId, "events_ns", "load_orders");
        start.putArray("inputs").addObject().put("namespace", "events_ns").put("name", "raw.orders");
        complete = TestEvents.runEvent("COMPLETE", "2026-01-01T11:00:00Z", runId, "events_ns", "load_orders");
        complete.putArray("outputs").addObject().put("namespace", "events_ns").put("name", "dwh.orders");
        // The same time as the COMPLETE, received after it.
        datasetEvent = NODES.objectNode();
        datasetEvent.put("eventTime", "2026-01-01T11:00:00Z");
        datasetEvent.put("producer", "https://github.com/lineage/tests");
        datasetEvent.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent");
        datasetEvent.putObject("dataset").put("namespace", "events_ns").put("name", "dwh.orders");
        // 07:00 UTC on January 2nd.
        nextDay = TestEvents.runEvent(
                "START", "2026-01-02T09:00:00+02:00", UUID.randomUUID(), "events_ns", "load_orders");
        for (ObjectNode event : List.of(start, complete, datasetEvent, nextDay)) {
            HttpResponse<String> response = client().post("/api/v1/lineage", event.toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    @Test
    void eventsAreListedAsReceivedNewestFirstThenLastReceivedFirst() {
        JsonNode answer = getOk(PATH);

        assertThat(keys(answer)).containsExactly("events", "totalCount");
        assertThat(events(answer)).containsExactly(nextDay, datasetEvent, complete, start);
        assertThat(answer.path("totalCount").asLong()).isEqualTo(4);
        assertThat(getOk(PATH + "&sortDirection=desc")).isEqualTo(answer);
    }

    @Test
    void ascendingListsOldestFirstThenFirstReceivedFirst() {
        JsonNode answer = getOk(PATH + "&sortDirection=asc");

        assertThat(events(answer)).containsExactly(start, complete, datasetEvent, nextDay);
        assertThat(answer.path("totalCount").asLong()).isEqualTo(4);
        assertThat(getOk(PATH + "&sortDirection=ASC")).isEqualTo(answer);
    }

    @Test
    void theWindowIncludesAfterAndExcludesBefore() {
        JsonNode window = getOk(PATH + "&after=2026-01-01T11:00:00Z&before=2026-01-02T07:00:00Z");

        assertThat(events(window)).containsExactly(datasetEvent, complete);
        assertThat(window.path("totalCount").asLong()).isEqualTo(2);
        assertThat(events(getOk(PATH + "&after=2026-01-02T07:00:00Z"))).containsExactly(nextDay);
        assertThat(events(getOk(PATH + "&before=2026-01-01T10:00:00Z"))).isEmpty();
        assertThat(events(getOk(PATH + "&after=2026-01-03T00:00:00Z&before=2026-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void timesWithAnOffsetAreReadEncodedOrNot() {
        // 09:00:01+02:00 is just after the last event; an unencoded "+" reaches the server as a space.
        assertThat(events(getOk(PATH + "&before=2026-01-02T09:00:01%2B02:00"))).hasSize(4);
        assertThat(events(getOk(PATH + "&before=2026-01-02T09:00:00+02:00")))
                .containsExactly(datasetEvent, complete, start);
        assertThat(events(getOk(PATH + "&after=2026-01-01T12:00:00.000%2B01:00")))
                .containsExactly(nextDay, datasetEvent, complete);
    }

    @Test
    void eventsArePagedWithTheTotalOfTheWindow() {
        JsonNode page = getOk(PATH + "&limit=2&offset=1");

        assertThat(events(page)).containsExactly(datasetEvent, complete);
        assertThat(page.path("totalCount").asLong()).isEqualTo(4);
        assertThat(events(getOk(PATH + "&limit=1&sortDirection=asc"))).containsExactly(start);
        assertThat(events(getOk(PATH + "&limit=0"))).isEmpty();
        assertThat(getOk(PATH + "&limit=0").path("totalCount").asLong()).isEqualTo(4);
        assertThat(events(getOk(PATH + "&offset=4"))).isEmpty();
    }

    @Test
    void runEventsOnlyUnlessAskedForOtherKinds() {
        JsonNode runs = getOk("/api/v1/events/lineage");

        assertThat(events(runs)).containsExactly(nextDay, complete, start);
        assertThat(runs.path("totalCount").asLong()).isEqualTo(3);
        assertThat(getOk("/api/v1/events/lineage?kinds=RUN")).isEqualTo(runs);
        assertThat(events(getOk("/api/v1/events/lineage?kinds=dataset"))).containsExactly(datasetEvent);
        assertThat(events(getOk("/api/v1/events/lineage?kinds=job,dataset,run")))
                .containsExactly(nextDay, datasetEvent, complete, start);
    }

    @Test
    void badParametersAre400sNamingTheParameter() {
        assertInvalid(PATH + "&before=yesterday", "before");
        assertInvalid(PATH + "&after=2026-01-01", "after");
        assertInvalid(PATH + "&after=2026-01-01T10:00:00", "after");
        assertInvalid(PATH + "&before=", "before");
        assertInvalid(PATH + "&sortDirection=up", "sortDirection");
        assertInvalid(PATH + "&limit=-1", "limit");
        assertInvalid(PATH + "&limit=ten", "limit");
        assertInvalid(PATH + "&offset=-1", "offset");
        assertInvalid("/api/v1/events/lineage?kinds=run,trino", "kinds");
        assertInvalid("/api/v1/events/lineage?kinds=", "kinds");
        JsonNode problem =
                ServerClient.json(client().get(PATH + "&before=yesterday").body());
        assertThat(problem.path("detail").asText())
                .isEqualTo("before 'yesterday' is not an ISO-8601 date-time with an offset");
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    private JsonNode getOk(String path) {
        HttpResponse<String> response = client().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return ServerClient.json(response.body());
    }

    private void assertInvalid(String path, String field) {
        HttpResponse<String> response = client().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).as(path).isEqualTo("INVALID_PARAMETER");
        assertThat(problem.path("errors")).as(path).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asText())
                .as(path)
                .isEqualTo(field);
    }

    private static List<JsonNode> events(JsonNode answer) {
        List<JsonNode> events = new ArrayList<>();
        answer.path("events").forEach(events::add);
        return events;
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
