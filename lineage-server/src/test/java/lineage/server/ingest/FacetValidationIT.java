package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.DbtOlEvents;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.Test;

/**
 * {@code lineage.validation.facets} through the HTTP API on the real PostgreSQL: {@code reject} (the default) answers
 * 422 naming each bad field beside the envelope's, alone or in a batch, and stores nothing of it, while every event of
 * the project's real producers is accepted; {@code drop} stores the event without its bad facets and names them in the
 * answer; {@code off} stores the event as sent.
 */
class FacetValidationIT {
    private static final String EVENTS = "/api/v1/lineage";
    private static final String TIME = "2026-11-23T10:00:00Z";

    @Test
    void rejectRefusesABadFacetWithTheEnvelopesErrorsAndStoresNothing() {
        Map<String, String> database = TestingDatabase.properties();
        try (EmbeddedServer server = start(database)) {
            ServerClient client = new ServerClient(server.getURI());
            ObjectNode bad = withBadFacets(UUID.randomUUID());
            bad.remove("producer");

            HttpResponse<String> response = client.post(EVENTS, bad.toString());

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = ServerClient.json(response.body());
            assertThat(problem.path("code").asText()).isEqualTo("INVALID_EVENT");
            assertThat(problem.path("detail").asText())
                    .isEqualTo("the event breaks the OpenLineage spec in 3 place(s)");
            assertThat(errors(problem.path("errors")))
                    .containsExactly(
                            "producer: is required",
                            "run.facets.parent.run.runId: is required",
                            "outputs[0].facets.schema.fields[0].name: is required");
            assertThat(storedEvents(database)).isZero();

            ArrayNode batch = JsonNodeFactory.instance.arrayNode();
            batch.add(TestEvents.runEvent("START", TIME, UUID.randomUUID(), "facets", "good"));
            batch.add(withBadFacets(UUID.randomUUID()));
            JsonNode answer =
                    ServerClient.json(client.post(EVENTS, batch.toString()).body());

            assertThat(answer.path("accepted").asInt()).isEqualTo(1);
            assertThat(answer.path("rejected")).hasSize(1);
            assertThat(answer.path("rejected").path(0).path("index").asInt()).isEqualTo(1);
            assertThat(errors(answer.path("rejected").path(0).path("errors")))
                    .containsExactly(
                            "run.facets.parent.run.runId: is required",
                            "outputs[0].facets.schema.fields[0].name: is required");
            assertThat(answer.path("dropped")).isEmpty();
            assertThat(storedEvents(database)).isEqualTo(1);
        }
    }

    @Test
    void everyEventOfTheProjectsRealProducersIsAcceptedByDefault() {
        List<JsonNode> events = new ArrayList<>();
        TrinoCaptures.openLineage().forEach(file -> events.add(TrinoCaptures.json(file)));
        DbtOlEvents.PROJECTS.forEach(project -> events.addAll(DbtOlEvents.of(project)));
        try (EmbeddedServer server = start(TestingDatabase.properties())) {
            ServerClient client = new ServerClient(server.getURI());
            for (JsonNode event : events) {
                HttpResponse<String> response = client.post(EVENTS, event.toString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                assertThat(response.body()).isEmpty();
            }
        }
        assertThat(events).hasSizeGreaterThan(70);
    }

    @Test
    void dropStoresTheEventWithoutItsBadFacetsAndSaysWhich() {
        Map<String, String> database = TestingDatabase.properties();
        try (EmbeddedServer server = start(database, "drop")) {
            ServerClient client = new ServerClient(server.getURI());
            UUID run = UUID.randomUUID();

            HttpResponse<String> response =
                    client.post(EVENTS, withBadFacets(run).toString());

            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode answer = ServerClient.json(response.body());
            assertThat(answer.path("droppedFacets"))
                    .extracting(JsonNode::asText)
                    .containsExactly("run.facets.parent", "outputs[0].facets.schema");
            assertThat(errors(answer.path("errors")))
                    .containsExactly(
                            "run.facets.parent.run.runId: is required",
                            "outputs[0].facets.schema.fields[0].name: is required");
            JsonNode runFacets = ServerClient.json(client.get("/api/v1/jobs/runs/" + run + "/facets?type=run")
                            .body())
                    .path("facets");
            assertThat(runFacets.has("parent")).isFalse();
            assertThat(runFacets.path("nominalTime").path("nominalStartTime").asText())
                    .isEqualTo(TIME);
            String stored = TestingDatabase.query(database, "SELECT payload::text FROM lineage_events")
                    .get(0);
            assertThat(ServerClient.json(stored).at("/run/facets").has("parent"))
                    .isFalse();
            assertThat(ServerClient.json(stored).at("/outputs/0/facets").has("schema"))
                    .isFalse();
            assertThat(ServerClient.json(stored).at("/outputs/0/facets").has("dataSource"))
                    .isTrue();

            ArrayNode batch = JsonNodeFactory.instance.arrayNode();
            batch.add(withBadFacets(UUID.randomUUID()));
            batch.add(TestEvents.runEvent("START", TIME, UUID.randomUUID(), "facets", "good"));
            JsonNode batchAnswer =
                    ServerClient.json(client.post(EVENTS, batch.toString()).body());

            assertThat(batchAnswer.path("accepted").asInt()).isEqualTo(2);
            assertThat(batchAnswer.path("rejected")).isEmpty();
            assertThat(batchAnswer.path("dropped")).hasSize(1);
            assertThat(batchAnswer.path("dropped").path(0).path("index").asInt())
                    .isZero();
            assertThat(batchAnswer.path("dropped").path(0).path("droppedFacets"))
                    .hasSize(2);
            assertThat(storedEvents(database)).isEqualTo(3);
        }
    }

    @Test
    void offStoresTheEventAsSent() {
        Map<String, String> database = TestingDatabase.properties();
        try (EmbeddedServer server = start(database, "off")) {
            ServerClient client = new ServerClient(server.getURI());
            UUID run = UUID.randomUUID();

            HttpResponse<String> response =
                    client.post(EVENTS, withBadFacets(run).toString());

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).isEmpty();
            JsonNode runFacets = ServerClient.json(client.get("/api/v1/jobs/runs/" + run + "/facets?type=run")
                            .body())
                    .path("facets");
            assertThat(runFacets.path("parent").path("job").path("name").asText())
                    .isEqualTo("daily");
        }
    }

    /** A START whose parent facet has no run id and whose output's schema facet has a field without a name. */
    private static ObjectNode withBadFacets(UUID run) {
        ObjectNode event = TestEvents.runEvent("START", TIME, run, "facets", "load_" + run);
        ObjectNode runFacets = event.with("run").with("facets");
        runFacets.putObject("parent").putObject("job").put("namespace", "dag").put("name", "daily");
        runFacets.with("parent").putObject("run");
        runFacets.putObject("nominalTime").put("nominalStartTime", TIME);
        ObjectNode output = TestEvents.dataset("warehouse", "orders_" + run);
        output.with("facets").putObject("schema").putArray("fields").addObject().put("type", "int");
        output.with("facets").putObject("dataSource").put("name", "warehouse");
        event.putArray("outputs").add(output);
        return event;
    }

    private static List<String> errors(JsonNode errors) {
        List<String> all = new ArrayList<>();
        errors.forEach(error -> all.add(
                error.path("field").asText() + ": " + error.path("message").asText()));
        return all;
    }

    private static long storedEvents(Map<String, String> database) {
        return Long.parseLong(TestingDatabase.query(database, "SELECT count(*) FROM lineage_events")
                .get(0));
    }

    /** A server with the default setting. */
    private static EmbeddedServer start(Map<String, String> database) {
        return ApplicationContext.run(EmbeddedServer.class, properties(database));
    }

    private static EmbeddedServer start(Map<String, String> database, String facets) {
        Map<String, Object> properties = properties(database);
        properties.put("lineage.validation.facets", facets);
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private static Map<String, Object> properties(Map<String, String> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("micronaut.server.port", -1);
        properties.put("lineage.follow-interval", "1h");
        return properties;
    }
}
