package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import lineage.server.graph.LineageGraph;
import lineage.server.model.NodeId;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Ingestion over HTTP: idempotency, every class of bad input, what FAIL events and artefacts leave out, restarts. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestionIT implements TestPropertyProvider {
    private static final String TRINO = "trino://localhost:8085";

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Inject
    GraphLoader loader;

    @Inject
    LineageGraph graph;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.max-event-bytes", "1048576");
        return properties;
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    @Test
    void theSameEventSentTwiceIsStoredOnce() {
        String event = TestEvents.runEventJson(
                UUID.randomUUID(),
                "COMPLETE",
                "twice",
                "\"inputs\": [{\"namespace\": \"ns\"," + " \"name\": \"twice_in\"}], \"outputs\": []");

        assertThat(client().post("/api/v1/lineage", event).statusCode()).isEqualTo(201);
        assertThat(client().post("/api/v1/lineage", event).statusCode()).isEqualTo(201);
        // The same JSON with its keys in another order and other spacing is the same event.
        JsonNode reordered = ServerClient.json(event);
        assertThat(client().post("/api/v1/lineage", reordered.toPrettyString()).statusCode())
                .isEqualTo(201);

        assertThat(count("SELECT count(*) FROM lineage_events WHERE job_name = 'twice'"))
                .isEqualTo(1);
    }

    @Test
    void aDatasetNamedTwiceInOneEventIsOneEdge() {
        String event = TestEvents.runEventJson(
                UUID.randomUUID(),
                "COMPLETE",
                "twice_named",
                "\"inputs\": [{\"namespace\": \"ns\","
                        + " \"name\": \"same\"}, {\"namespace\": \"ns\", \"name\": \"same\"}], \"outputs\": []");

        assertThat(client().post("/api/v1/lineage", event).statusCode()).isEqualTo(201);

        assertThat(count("SELECT count(*) FROM lineage_edges e JOIN jobs j ON j.id = e.job_id"
                        + " WHERE j.name = 'twice_named'"))
                .isEqualTo(1);
    }

    @Test
    void malformedJsonIsA400Problem() {
        HttpResponse<String> response = client().post("/api/v1/lineage", "{\"eventTime\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(problem.path("detail").asText()).startsWith("the body is not valid JSON at line 1");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
    }

    @Test
    void jsonNestedTooDeeplyIsA400ThatSaysWhy() {
        HttpResponse<String> response = client().post("/api/v1/lineage", "[".repeat(5000) + "]".repeat(5000));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(ServerClient.json(response.body()).path("detail").asText())
                .isEqualTo(
                        "the body is not valid JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)");
    }

    @Test
    void anEventThatBreaksTheSpecIsA422ListingEachField() {
        String event = "{\"eventType\": \"START\", \"eventTime\": \"yesterday\", \"producer\": \"p\","
                + " \"run\": {}, \"job\": {\"namespace\": \"ns\"}}";

        HttpResponse<String> response = client().post("/api/v1/lineage", event);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("INVALID_EVENT");
        assertThat(problem.path("errors").toString())
                .contains("{\"field\":\"eventTime\",\"message\":\"'yesterday' is not an ISO-8601 date-time\"}")
                .contains("{\"field\":\"run.runId\",\"message\":\"is required\"}")
                .contains("{\"field\":\"job.name\",\"message\":\"is required\"}");
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String padding = "x".repeat(1_100_000);
        String event = TestEvents.runEventJson(UUID.randomUUID(), "START", "big", "\"padding\": \"" + padding + "\"");

        HttpResponse<String> response = client().post("/api/v1/lineage", event);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(ServerClient.json(response.body()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBatchOfValidEventsSaysSoWithAnEmptyRejectedList() {
        String first = TestEvents.runEventJson(UUID.randomUUID(), "START", "batch_ok", "\"inputs\": []");
        String second = TestEvents.runEventJson(UUID.randomUUID(), "START", "batch_ok", "\"inputs\": []");

        HttpResponse<String> response = client().post("/api/v1/lineage", "[" + first + ", " + second + "]");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"accepted\":2,\"rejected\":[],\"dropped\":[]}");
    }

    @Test
    void aBatchKeepsTheValidEventsAndRejectsEachInvalidOneAlone() {
        String good = TestEvents.runEventJson(UUID.randomUUID(), "START", "batch", "\"inputs\": []");
        String bad = "{\"eventTime\": \"2026-11-23T10:00:00Z\", \"producer\": \"p\", \"run\": {\"runId\": \"x\"},"
                + " \"job\": {\"namespace\": \"ns\", \"name\": \"batch\"}}";

        HttpResponse<String> response = client().post("/api/v1/lineage", "[" + good + ", " + bad + ", 7]");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = ServerClient.json(response.body());
        assertThat(result.path("accepted").asInt()).isEqualTo(1);
        assertThat(result.path("rejected").get(0).path("index").asInt()).isEqualTo(1);
        assertThat(result.path("rejected")
                        .get(0)
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("run.runId");
        assertThat(result.path("rejected").get(1).path("index").asInt()).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM lineage_events WHERE job_name = 'batch'"))
                .isEqualTo(1);
    }

    @Test
    void badParametersAndUnknownNodesAreProblemsNot500s() {
        assertThat(client().get("/api/v1/lineage").statusCode()).isEqualTo(400);
        assertThat(client().get("/api/v1/lineage?nodeId=table:x:y").statusCode())
                .isEqualTo(400);
        assertThat(client().get("/api/v1/lineage?nodeId=dataset:ns:t&depth=deep")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> missing = client().get("/api/v1/lineage?nodeId=dataset:" + TRINO + ":no.such.table");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ServerClient.json(missing.body()).path("code").asText()).isEqualTo("DATASET_NOT_FOUND");
        HttpResponse<String> route = client().get("/api/v1/nothing-here");
        assertThat(route.statusCode()).isEqualTo(404);
        assertThat(route.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(ServerClient.json(route.body()).path("code").asText()).isEqualTo("ROUTE_NOT_FOUND");
        assertThat(ServerClient.json(route.body()).path("title").asText()).isEqualTo("Route not found");
        HttpResponse<String> method = client().put("/api/v1/lineage", "{}");
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(method.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(ServerClient.json(method.body()).path("code").asText()).isEqualTo("METHOD_NOT_ALLOWED");
    }

    @Test
    void aFailedRunRecordsItsErrorButCreatesNoDatasetAndNoEdge() {
        String event = TestEvents.runEventJson(
                UUID.randomUUID(),
                "FAIL",
                "failing",
                "\"inputs\": [{\"namespace\": \"ns\"," + " \"name\": \"only_in_a_failure\"}], \"outputs\": []");

        assertThat(client().post("/api/v1/lineage", event).statusCode()).isEqualTo(201);

        assertThat(client().get("/api/v1/lineage?nodeId=dataset:ns:only_in_a_failure")
                        .statusCode())
                .isEqualTo(404);
        assertThat(count("SELECT count(*) FROM runs r JOIN jobs j ON j.id = r.job_id WHERE j.name = 'failing'"
                        + " AND r.state = 'FAILED'"))
                .isEqualTo(1);
    }

    @Test
    void trinosOpenLineageEventsReplayIntoTheMeshAndLeaveOutItsArtefacts() throws IOException {
        for (String file : TrinoCaptures.openLineageFiles()) {
            HttpResponse<String> response = client().post("/api/v1/lineage", TrinoCaptures.read(file));
            assertThat(response.statusCode()).as(file).isEqualTo(201);
        }

        JsonNode lineage =
                client().lineage("dataset:" + TRINO + ":insights.default.dim_customers", "&direction=upstream&depth=1");
        assertThat(LineageAnswers.ids(lineage))
                .contains(
                        "dataset:" + TRINO + ":insights.default.stg_customers",
                        "dataset:" + TRINO + ":insights.default.customer_orders",
                        "dataset:" + TRINO + ":insights.default.customer_payments");
        assertThat(count("SELECT count(*) FROM datasets WHERE name LIKE '%\\_generated\\_query'"))
                .isZero();
        // Trino reports the columns a query used, not the table's schema: fields only grow from its events.
        assertThat(fieldNames("insights.default.dim_customers"))
                .containsExactly(
                        "customer_id",
                        "first_name",
                        "last_name",
                        "first_order",
                        "most_recent_order",
                        "number_of_orders",
                        "customer_lifetime_value");
        assertThat(fieldNames("insights.default.daily_order_summary"))
                .containsExactly("order_date", "status", "orders", "amount_cents");
        assertThat(fieldNames("customersdb.public.customers"))
                .containsExactlyInAnyOrder("id", "first_name", "last_name");
        assertThat(count("SELECT count(*) FROM datasets WHERE name = 'ordersdb.public.refunds'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM datasets WHERE fields::text LIKE '%$row_id%'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM column_lineage WHERE output_field = '$row_id'"
                        + " OR input_field = '$row_id'"))
                .isZero();
    }

    @Test
    void theGraphRebuiltFromTheStoreIsTheSameGraph() {
        String event = TestEvents.runEventJson(
                UUID.randomUUID(),
                "COMPLETE",
                "rebuild",
                "\"inputs\": [{\"namespace\": \"ns\","
                        + " \"name\": \"rebuild_in\"}], \"outputs\": [{\"namespace\": \"ns\", \"name\": \"rebuild_out\"}]");
        assertThat(client().post("/api/v1/lineage", event).statusCode()).isEqualTo(201);
        NodeId start = NodeId.dataset("ns", "rebuild_out");
        LineageGraph.Subgraph before = graph.walk(start, LineageGraph.Direction.BOTH, 20, 10_000);
        int nodes = graph.nodeCount();
        int edges = graph.edgeCount();

        loader.load();

        assertThat(graph.walk(start, LineageGraph.Direction.BOTH, 20, 10_000)).isEqualTo(before);
        assertThat(graph.nodeCount()).isEqualTo(nodes);
        assertThat(graph.edgeCount()).isEqualTo(edges);
        assertThat(before.nodes()).hasSize(3);
    }

    private List<String> fieldNames(String dataset) {
        HttpResponse<String> response = client().get("/api/v1/namespaces/"
                + java.net.URLEncoder.encode(TRINO, StandardCharsets.UTF_8) + "/datasets/" + dataset);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServerClient.json(response.body()).path("fields").findValuesAsText("name");
    }

    private long count(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException exception) {
            throw new AssertionError(exception);
        }
    }

    /** The Trino 476 OpenLineage listener payloads under {@code fixtures/trino/476}, in arrival order. */
    static final class TrinoCaptures {
        private TrinoCaptures() {}

        static List<String> openLineageFiles() throws IOException {
            try (InputStream index = IngestionIT.class.getResourceAsStream("/fixtures/trino/476/INDEX")) {
                return new String(index.readAllBytes(), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
            }
        }

        static String read(String file) throws IOException {
            try (InputStream in = IngestionIT.class.getResourceAsStream("/fixtures/trino/476/" + file)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
