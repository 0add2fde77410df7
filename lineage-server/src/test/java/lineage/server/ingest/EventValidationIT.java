package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Validation at the door: every event PostgreSQL or the projection cannot hold is refused with 422 naming the field, on
 * its own and inside a batch, and nothing of it is stored.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventValidationIT implements TestPropertyProvider {
    private static final String EVENTS = "/api/v1/lineage";

    @Inject
    EmbeddedServer server;

    private Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        properties = TestingDatabase.properties();
        return properties;
    }

    /** Each bad event (its JSON text) and the field its refusal names. */
    private static Map<String, String> badEvents() {
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put(event("nul_name", "\"name\":\"a\\u0000b\""), "job.name");
        bad.put(event("nul_facet", "\"name\":\"n\",\"facets\":{\"x\":{\"v\":[\"\\u0000\"]}}"), "job.facets.x.v[0]");
        bad.put(event("nul_key", "\"name\":\"n\",\"facets\":{\"k\\u0000\":1}"), "job.facets[\"k\\u0000\"]");
        bad.put(event("surrogate", "\"name\":\"x\\ud800\""), "job.name");
        bad.put(event("low_surrogate", "\"name\":\"x\\udc00y\""), "job.name");
        bad.put(event("long_name", "\"name\":\"" + "n".repeat(1_000_000) + "\""), "job.name");
        bad.put(
                event("long_namespace", "\"name\":\"n\"")
                        .replace("\"namespace\":\"validation\"", "\"namespace\":\"" + "s".repeat(600) + "\""),
                "job.namespace");
        for (String time : List.of("0000-01-01T00:00:00Z", "-0001-06-01T00:00:00Z", "+999999999-12-31T23:59:59Z")) {
            bad.put(event("time_" + time, "\"name\":\"n\"").replace("2026-11-20T08:00:00Z", time), "eventTime");
        }
        bad.put(
                event("nominal", "\"name\":\"n\"")
                        .replace(
                                "\"run\":{",
                                "\"run\":{\"facets\":{\"nominalTime\":{\"nominalStartTime\":\"0000-01-01T00:00:00Z\"}},"),
                "run.facets.nominalTime.nominalStartTime");
        bad.put(event("short_run", "\"name\":\"n\"").replace(RUN, "1-1-1-1-1"), "run.runId");
        bad.put(event("long_run", "\"name\":\"n\"").replace(RUN, RUN + "0"), "run.runId");
        bad.put(event("infinite", "\"name\":\"n\"").replace("\"producer\"", "\"size\":1e400,\"producer\""), "size");
        bad.put(
                event("field", "\"name\":\"n\"")
                        .replace(
                                "\"producer\"",
                                "\"outputs\":[{\"namespace\":\"s\",\"name\":\"t\",\"facets\":{\"columnLineage\":"
                                        + "{\"fields\":{\"" + "c".repeat(1_200) + "\":{\"inputFields\":[]}}}}}],"
                                        + "\"producer\""),
                "outputs[0].facets.columnLineage.fields." + "c".repeat(1_200));
        return bad;
    }

    private static final String RUN = "0193a5b0-0000-7000-8000-00000000b001";

    private static String event(String marker, String job) {
        return "{\"eventType\":\"START\",\"eventTime\":\"2026-11-20T08:00:00Z\",\"run\":{\"runId\":\"" + RUN
                + "\"},\"job\":{\"namespace\":\"validation\"," + job + "},\"producer\":\"https://test/" + marker
                + "\"}";
    }

    @Test
    void eachBadEventIsRefusedWithItsFieldAndNothingIsStored() {
        long before = storedEvents();
        for (Map.Entry<String, String> bad : badEvents().entrySet()) {
            HttpResponse<String> response = client().post(EVENTS, bad.getKey());
            String what = bad.getValue() + ": " + abbreviated(response.body());
            assertThat(response.statusCode()).as(what).isEqualTo(422);
            JsonNode problem = ServerClient.json(response.body());
            assertThat(problem.path("code").asText()).as(what).isEqualTo("INVALID_EVENT");
            assertThat(fields(problem.path("errors"))).as(what).contains(bad.getValue());
        }
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aLoneSurrogateAsRawBytesIsRefused() {
        byte[] text = event("raw", "\"name\":\"x#\"").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[text.length + 2];
        int at = new String(text, StandardCharsets.UTF_8).indexOf('#');
        System.arraycopy(text, 0, body, 0, at);
        body[at] = (byte) 0xED;
        body[at + 1] = (byte) 0xA0;
        body[at + 2] = (byte) 0x80;
        System.arraycopy(text, at + 1, body, at + 3, text.length - at - 1);
        long before = storedEvents();

        HttpResponse<String> response = postBytes(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(fields(ServerClient.json(response.body()).path("errors"))).containsExactly("job.name");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void aBatchRejectsEachBadElementWithItsIndexAndKeepsTheGoodOnes() {
        List<String> bad = new ArrayList<>(badEvents().keySet());
        String good = TestEvents.runEvent("START", "2026-11-20T08:00:00Z", UUID.randomUUID(), "validation", "good")
                .toString();
        long before = storedEvents();

        HttpResponse<String> response = client().post(EVENTS, "[" + good + "," + String.join(",", bad) + "]");

        assertThat(response.statusCode()).as(abbreviated(response.body())).isEqualTo(200);
        JsonNode result = ServerClient.json(response.body());
        assertThat(result.path("accepted").asInt()).isEqualTo(1);
        List<String> expected = new ArrayList<>(badEvents().values());
        JsonNode rejected = result.path("rejected");
        assertThat(rejected).hasSize(bad.size());
        for (int index = 0; index < bad.size(); index++) {
            assertThat(rejected.get(index).path("index").asInt()).isEqualTo(index + 1);
            assertThat(fields(rejected.get(index).path("errors"))).contains(expected.get(index));
        }
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void anUpperCaseRunIdIsOneRunStoredLowerCase() {
        UUID run = UUID.randomUUID();
        ObjectNode upper = TestEvents.runEvent("START", "2026-11-20T08:00:00Z", run, "validation", "upper");
        upper.with("run").put("runId", run.toString().toUpperCase(java.util.Locale.ROOT));
        ObjectNode lower = TestEvents.runEvent("COMPLETE", "2026-11-20T09:00:00Z", run, "validation", "upper");

        assertThat(client().post(EVENTS, upper.toString()).statusCode()).isEqualTo(201);
        assertThat(client().post(EVENTS, lower.toString()).statusCode()).isEqualTo(201);

        assertThat(TestingDatabase.query(
                        properties, "SELECT DISTINCT run_id::text FROM lineage_events WHERE job_name = 'upper'"))
                .containsExactly(run.toString());
        assertThat(TestingDatabase.query(properties, "SELECT id::text FROM runs WHERE id = '" + run + "'"))
                .containsExactly(run.toString());
        assertThat(TestingDatabase.query(
                        properties,
                        "SELECT payload->'run'->>'runId' FROM lineage_events WHERE job_name = 'upper'"
                                + " AND event_type = 'START'"))
                .containsExactly(run.toString().toUpperCase(java.util.Locale.ROOT));
    }

    @Test
    void aTrinoQueryEventGoesThroughTheSameCheck() {
        String body = "{\"createTime\":\"2026-11-20T08:00:00Z\",\"context\":{},\"metadata\":{\"queryId\":\"q1\","
                + "\"query\":\"SELECT 1 -- \\u0000\",\"uri\":\"http://localhost:8080/v1/query/q1\"}}";

        HttpResponse<String> response = client().post("/api/v1/trino/events", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(fields(ServerClient.json(response.body()).path("errors"))).contains("metadata.query");
    }

    @Test
    void extremeBeforeAndAfterAreBadParameters() {
        for (String time :
                List.of("0000-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z")) {
            for (String parameter : List.of("before", "after")) {
                HttpResponse<String> response = client().get("/api/v1/events/lineage?" + parameter + "="
                        + URLEncoder.encode(time, StandardCharsets.UTF_8));
                assertThat(response.statusCode()).as(parameter + "=" + time).isEqualTo(400);
                JsonNode problem = ServerClient.json(response.body());
                assertThat(problem.path("code").asText()).isEqualTo("INVALID_PARAMETER");
                assertThat(fields(problem.path("errors"))).containsExactly(parameter);
            }
        }
    }

    private long storedEvents() {
        return Long.parseLong(TestingDatabase.query(properties, "SELECT count(*) FROM lineage_events")
                .get(0));
    }

    private static List<String> fields(JsonNode errors) {
        List<String> fields = new ArrayList<>();
        errors.forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private static String abbreviated(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "…";
    }

    private HttpResponse<String> postBytes(byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(server.getURI().resolve(EVENTS))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }
}
