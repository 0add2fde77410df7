package lineage.server.api;

import static lineage.server.testing.LineageAnswers.ids;
import static lineage.server.testing.LineageAnswers.node;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v1/column-lineage} over two hops of OpenLineage {@code columnLineage} facets, raw.orders →
 * staging.orders → mart.revenue ({@code fixtures/openlineage/column-lineage-*.json}), where mart.revenue.revenue also
 * has an INDIRECT input. Nine fields in all, and answers are cut at seven ({@code lineage.max-graph-nodes}).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ColumnLineageApiIT implements TestPropertyProvider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String DB = "postgres://db:5432";
    private static final String RAW = "raw.orders";
    private static final String STAGING = "staging.orders";
    private static final String MART = "mart.revenue";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.max-graph-nodes", "7");
        return properties;
    }

    @BeforeAll
    void postEvents() throws IOException {
        for (String fixture : List.of("column-lineage-stage-orders.json", "column-lineage-build-mart.json")) {
            try (InputStream event = getClass().getResourceAsStream("/fixtures/openlineage/" + fixture)) {
                String body = new String(event.readAllBytes(), StandardCharsets.UTF_8);
                HttpResponse<String> response = client().post("/api/v1/lineage", body);
                assertThat(response.statusCode())
                        .as(fixture + ": " + response.body())
                        .isEqualTo(201);
            }
        }
    }

    /**
     * By default edges are written as Marquez writes them: a field's in-edges from the field to its input (Marquez's web
     * UI finds a column's upstream through {@code inEdges[].destination}), its out-edges from the field to its output.
     */
    @Test
    void aFieldHasItsUpstreamFieldsWithInEdgesAsMarquezWritesThem() {
        JsonNode answer = lineage("datasetField:" + DB + ":" + MART + ":revenue", "");

        assertThat(answer.fieldNames()).toIterable().containsExactly("graph", "truncated");
        assertThat(answer.path("truncated").asBoolean(true)).isFalse();
        assertThat(ids(answer))
                .containsExactly(
                        field(MART, "revenue"),
                        field(RAW, "amt"),
                        field(RAW, "cust"),
                        field(STAGING, "amount"),
                        field(STAGING, "customer"));
        ObjectNode revenue =
                NODES.objectNode().put("id", field(MART, "revenue")).put("type", "DATASET_FIELD");
        ObjectNode data = revenue.putObject("data")
                .put("namespace", DB)
                .put("dataset", MART)
                .putNull("datasetVersion")
                .put("field", "revenue")
                .put("fieldType", "DECIMAL")
                .put("transformationDescription", "sum(amount)")
                .put("transformationType", "AGGREGATION");
        data.putArray("inputFields")
                .add(inputField(STAGING, "amount", "sum(amount)", "AGGREGATION"))
                .add(inputField(STAGING, "customer", "group by customer", "INDIRECT"));
        revenue.putArray("inEdges")
                .add(edge(field(MART, "revenue"), field(STAGING, "amount")))
                .add(edge(field(MART, "revenue"), field(STAGING, "customer")));
        revenue.putArray("outEdges");
        assertThat(node(answer, field(MART, "revenue"))).isEqualTo(revenue);
        JsonNode amount = node(answer, field(STAGING, "amount"));
        assertThat(amount.path("data").path("fieldType").asText()).isEqualTo("DECIMAL");
        assertThat(amount.path("data").path("inputFields"))
                .containsExactly(inputField(RAW, "amt", "amt / 100", "TRANSFORMATION"));
        assertThat(amount.path("inEdges")).containsExactly(edge(field(STAGING, "amount"), field(RAW, "amt")));
        assertThat(amount.path("outEdges")).containsExactly(edge(field(STAGING, "amount"), field(MART, "revenue")));
        JsonNode amt = node(answer, field(RAW, "amt"));
        assertThat(amt.path("data").path("fieldType").isNull()).isTrue();
        assertThat(amt.path("data").path("inputFields")).isEmpty();
        assertThat(amt.path("inEdges")).isEmpty();
        assertThat(amt.path("outEdges")).containsExactly(edge(field(RAW, "amt"), field(STAGING, "amount")));
        // Upstream only: mart.revenue.customer, downstream of staging.orders.customer, is not walked to.
        assertThat(node(answer, field(STAGING, "customer")).path("outEdges"))
                .containsExactly(edge(field(STAGING, "customer"), field(MART, "revenue")));
    }

    /** {@code edges=flow} writes every edge from the upstream field to the downstream one; nothing else changes. */
    @Test
    void edgesFlowPointsInEdgesFromTheInputToTheField() {
        String staging = "dataset:" + DB + ":" + STAGING;
        JsonNode marquez = lineage(staging, "&depth=1");

        JsonNode flow = lineage(staging, "&depth=1&edges=flow");

        assertThat(node(flow, field(STAGING, "amount")).path("inEdges"))
                .containsExactly(edge(field(RAW, "amt"), field(STAGING, "amount")));
        assertThat(node(flow, field(RAW, "amt")).path("outEdges"))
                .containsExactly(edge(field(RAW, "amt"), field(STAGING, "amount")));
        assertThat(ids(flow)).isEqualTo(ids(marquez));
        int inEdges = 0;
        for (int index = 0; index < flow.path("graph").size(); index++) {
            JsonNode flowNode = flow.path("graph").get(index);
            JsonNode marquezNode = marquez.path("graph").get(index);
            assertThat(flowNode.path("data")).isEqualTo(marquezNode.path("data"));
            assertThat(flowNode.path("outEdges")).isEqualTo(marquezNode.path("outEdges"));
            List<JsonNode> reversed = new ArrayList<>();
            marquezNode
                    .path("inEdges")
                    .forEach(edge -> reversed.add(edge(
                            edge.path("destination").asText(),
                            edge.path("origin").asText())));
            assertThat(flowNode.path("inEdges"))
                    .as(flowNode.path("id").asText())
                    .containsExactlyElementsOf(reversed);
            inEdges += reversed.size();
        }
        assertThat(inEdges).isEqualTo(3);
        // Bound as Marquez binds its enums: any case, '-' and '.' as '_'.
        assertThat(lineage(staging, "&depth=1&edges=FLOW")).isEqualTo(flow);
        assertThat(lineage(staging, "&depth=1&edges=Marquez")).isEqualTo(marquez);
    }

    @Test
    void depthCountsHops() {
        String revenue = "datasetField:" + DB + ":" + MART + ":revenue";

        assertThat(ids(lineage(revenue, "&depth=1")))
                .containsExactly(field(MART, "revenue"), field(STAGING, "amount"), field(STAGING, "customer"));
        JsonNode alone = lineage(revenue, "&depth=0");
        assertThat(ids(alone)).containsExactly(field(MART, "revenue"));
        assertThat(alone.path("graph").get(0).path("data").path("inputFields")).isEmpty();
        assertThat(alone.path("graph").get(0).path("inEdges")).isEmpty();
    }

    @Test
    void withDownstreamAddsTheFieldsDerivedFromItIndirectOnesToo() {
        String customer = "datasetField:" + DB + ":" + STAGING + ":customer";

        assertThat(ids(lineage(customer, ""))).containsExactly(field(RAW, "cust"), field(STAGING, "customer"));
        JsonNode answer = lineage(customer, "&withDownstream=true");
        assertThat(ids(answer))
                .containsExactly(
                        field(MART, "customer"),
                        field(MART, "revenue"),
                        field(RAW, "cust"),
                        field(STAGING, "customer"));
        assertThat(node(answer, field(STAGING, "customer")).path("outEdges"))
                .containsExactly(
                        edge(field(STAGING, "customer"), field(MART, "customer")),
                        edge(field(STAGING, "customer"), field(MART, "revenue")));
        // Only the edges of the answer: revenue's DIRECT input (staging.orders.amount) was not walked to.
        assertThat(node(answer, field(MART, "revenue")).path("data").path("inputFields"))
                .containsExactly(inputField(STAGING, "customer", "group by customer", "INDIRECT"));
        assertThat(node(answer, field(MART, "customer")).path("data").path("inputFields"))
                .containsExactly(inputField(STAGING, "customer", null, "IDENTITY"));
    }

    @Test
    void aDatasetOrAJobStartsFromAllTheFieldsItHasOrWrites() {
        List<String> martUpstream = List.of(
                field(MART, "customer"),
                field(MART, "loaded_at"),
                field(MART, "revenue"),
                field(RAW, "amt"),
                field(RAW, "cust"),
                field(STAGING, "amount"),
                field(STAGING, "customer"));

        JsonNode mart = lineage("dataset:" + DB + ":" + MART, "");
        assertThat(ids(mart)).isEqualTo(martUpstream);
        assertThat(mart.path("truncated").asBoolean(true)).isFalse();
        assertThat(node(mart, field(MART, "loaded_at"))
                        .path("data")
                        .path("fieldType")
                        .asText())
                .isEqualTo("TIMESTAMP");
        assertThat(ids(lineage("job:col_jobs:build_mart", ""))).isEqualTo(martUpstream);
        assertThat(ids(lineage("job:col_jobs:stage_orders", "")))
                .containsExactly(
                        field(RAW, "amt"),
                        field(RAW, "cust"),
                        field(RAW, "id"),
                        field(STAGING, "amount"),
                        field(STAGING, "customer"),
                        field(STAGING, "id"));
        // A field without lineage is a graph of one node, not a 404.
        assertThat(ids(lineage("datasetField:" + DB + ":" + MART + ":loaded_at", "&withDownstream=true")))
                .containsExactly(field(MART, "loaded_at"));
    }

    @Test
    void aGraphOverTheLimitKeepsTheNearestFieldsAndSaysItIsTruncated() {
        String staging = "dataset:" + DB + ":" + STAGING;
        assertThat(lineage(staging, "").path("truncated").asBoolean(true)).isFalse();

        JsonNode answer = lineage(staging, "&withDownstream=true");

        assertThat(answer.path("truncated").asBoolean(false)).isTrue();
        assertThat(ids(answer))
                .containsExactly(
                        field(MART, "customer"),
                        field(RAW, "amt"),
                        field(RAW, "cust"),
                        field(RAW, "id"),
                        field(STAGING, "amount"),
                        field(STAGING, "customer"),
                        field(STAGING, "id"));
        assertThat(answer.toString()).doesNotContain(field(MART, "revenue"));
    }

    @Test
    void badParametersAre400sAndUnknownNodes404s() {
        String revenue = "nodeId=" + encode(field(MART, "revenue"));
        assertInvalid("", "nodeId");
        assertInvalid("nodeId=table:x:y", "nodeId");
        assertInvalid("nodeId=datasetField:ns", "nodeId");
        assertInvalid(revenue + "&depth=-1", "depth");
        assertInvalid(revenue + "&depth=deep", "depth");
        assertInvalid(revenue + "&withDownstream=yes", "withDownstream");
        assertInvalid(revenue + "&edges=upstream", "edges");
        assertInvalid(revenue + "&edges=", "edges");
        assertProblem("nodeId=" + encode("dataset:" + DB + ":no.such.table"), 404, "DATASET_NOT_FOUND");
        assertProblem("nodeId=" + encode(field("no.such.table", "id")), 404, "DATASET_NOT_FOUND");
        assertProblem("nodeId=" + encode(field(MART, "no_such")), 404, "FIELD_NOT_FOUND");
        assertProblem("nodeId=job:col_jobs:no_such_job", 404, "JOB_NOT_FOUND");
    }

    private static ObjectNode inputField(String dataset, String field, String description, String type) {
        return NODES.objectNode()
                .put("namespace", DB)
                .put("dataset", dataset)
                .putNull("datasetVersion")
                .put("field", field)
                .put("transformationDescription", description)
                .put("transformationType", type);
    }

    private static ObjectNode edge(String origin, String destination) {
        return NODES.objectNode().put("origin", origin).put("destination", destination);
    }

    /**
     * Marquez's Dataset carries its own column lineage: each field with its direct inputs, one per transformation
     * (inputs by id), and the first one's transformation at the top; {@code null} for a dataset without any. The same
     * on the dataset, the namespace's list and the dataset's current version.
     */
    @Test
    void aDatasetCarriesTheColumnLineageIntoItsFields() {
        String datasets = "/api/v1/namespaces/" + encode(DB) + "/datasets";
        JsonNode expected = NODES.arrayNode()
                .add(column("customer", input(STAGING, "customer", null, "IDENTITY")))
                .add(column(
                        "revenue",
                        input(STAGING, "amount", "sum(amount)", "AGGREGATION"),
                        input(STAGING, "customer", "group by customer", "INDIRECT")));

        JsonNode mart = getOk(datasets + "/" + MART);

        assertThat(mart.path("columnLineage")).isEqualTo(expected);
        assertThat(getOk(datasets + "/" + RAW).path("columnLineage").isNull()).isTrue();
        assertThat(getOk(datasets + "/" + STAGING).path("columnLineage")).hasSize(3);
        JsonNode list = getOk(datasets).path("datasets");
        assertThat(list).hasSize(3);
        for (JsonNode dataset : list) {
            assertThat(dataset.path("columnLineage"))
                    .as(dataset.path("name").asText())
                    .isEqualTo(getOk(datasets + "/" + dataset.path("name").asText())
                            .path("columnLineage"));
        }
        JsonNode version =
                getOk(datasets + "/" + MART + "/versions").path("versions").get(0);
        assertThat(version.path("version").asText())
                .isEqualTo(mart.path("currentVersion").asText());
        assertThat(version.path("columnLineage")).isEqualTo(expected);
    }

    private static ObjectNode column(String name, ObjectNode... inputs) {
        ObjectNode column = NODES.objectNode().put("name", name);
        column.putArray("inputFields").addAll(List.of(inputs));
        column.set("transformationDescription", inputs[0].get("transformationDescription"));
        column.set("transformationType", inputs[0].get("transformationType"));
        return column;
    }

    private static ObjectNode input(String dataset, String field, String description, String type) {
        return NODES.objectNode()
                .put("namespace", DB)
                .put("dataset", dataset)
                .put("field", field)
                .put("transformationDescription", description)
                .put("transformationType", type);
    }

    private JsonNode getOk(String path) {
        HttpResponse<String> response = client().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private static String field(String dataset, String field) {
        return "datasetField:" + DB + ":" + dataset + ":" + field;
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    private JsonNode lineage(String nodeId, String query) {
        String path = "/api/v1/column-lineage?nodeId=" + encode(nodeId) + query;
        HttpResponse<String> response = client().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private void assertInvalid(String query, String field) {
        JsonNode problem = assertProblem(query, 400, "INVALID_PARAMETER");
        assertThat(problem.path("errors").get(0).path("field").asText())
                .as(query)
                .isEqualTo(field);
    }

    private JsonNode assertProblem(String query, int status, String code) {
        HttpResponse<String> response = client().get("/api/v1/column-lineage?" + query);
        assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).as(query).isEqualTo(code);
        return problem;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
