package lineage.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
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

/** {@code GET /api/v1/impact} on the jaffle-shop mesh, replayed from Trino 476's OpenLineage listener. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpactApiIT implements TestPropertyProvider {
    private static final String TRINO = "trino://localhost:8085";
    private static final String PAYMENTS = "dataset:" + TRINO + ":paymentsdb.public.payments";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.domains.insights.owner", "analytics-team");
        properties.put("lineage.domains.insights.contact", "#analytics");
        properties.put("lineage.domains.insights.catalogs", "insights");
        return properties;
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    @BeforeAll
    void replayTheMesh() throws IOException {
        for (String file : IngestionIT.TrinoCaptures.openLineageFiles()) {
            assertThat(client().post("/api/v1/lineage", IngestionIT.TrinoCaptures.read(file))
                            .statusCode())
                    .as(file)
                    .isEqualTo(201);
        }
    }

    @Test
    void droppingPaymentsAmountReachesEveryColumnBuiltFromItAcrossDomains() {
        JsonNode impact = impact(PAYMENTS, "&column=amount");

        assertThat(impact.path("column").asText()).isEqualTo("amount");
        assertThat(impact.path("truncated").asBoolean()).isFalse();
        JsonNode view = item(impact, field("insights.default.stg_payments", "amount"));
        assertThat(view.path("distance").asInt()).isEqualTo(1);
        assertThat(view.path("domain").asText()).isEqualTo("insights");
        assertThat(view.path("owner").asText()).isEqualTo("analytics-team");
        assertThat(view.path("contact").asText()).isEqualTo("#analytics");
        assertThat(view.path("source").asText()).isEqualTo("openlineage");
        assertThat(view.path("lastSeen").asText()).startsWith("2026-11-23T");
        assertThat(item(impact, field("insights.default.customer_payments", "total_amount"))
                        .path("distance")
                        .asInt())
                .isEqualTo(2);
        assertThat(item(impact, field("insights.default.daily_order_summary", "amount_cents"))
                        .path("distance")
                        .asInt())
                .isEqualTo(1);
        JsonNode lifetimeValue = item(impact, field("insights.default.dim_customers", "customer_lifetime_value"));
        assertThat(lifetimeValue.path("distance").asInt()).isEqualTo(3);
        List<String> path = texts(lifetimeValue.path("path"));
        assertThat(path.get(0)).isEqualTo(field("paymentsdb.public.payments", "amount"));
        assertThat(path)
                .containsSubsequence(
                        field("insights.default.stg_payments", "amount"),
                        field("insights.default.customer_payments", "total_amount"),
                        field("insights.default.dim_customers", "customer_lifetime_value"));
        assertThat(path.stream().filter(step -> step.startsWith("job:"))).hasSize(3);
        assertThat(ids(impact))
                .contains(
                        "dataset:" + TRINO + ":insights.default.stg_payments",
                        "dataset:" + TRINO + ":insights.default.order_payments",
                        "dataset:" + TRINO + ":insights.default.fct_orders",
                        field("insights.default.fct_orders", "amount"))
                .doesNotContain(field("insights.default.stg_payments", "payment_method"))
                .doesNotContain(field("paymentsdb.public.payments", "amount"));
        assertThat(impact.path("summary")
                        .path("datasetsByDomain")
                        .path("insights")
                        .asInt())
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void aTableReachesEveryJobAndDatasetDownstreamInJobHops() {
        JsonNode impact = impact(PAYMENTS, "");

        assertThat(impact.path("column").isNull()).isTrue();
        assertThat(item(impact, "dataset:" + TRINO + ":insights.default.stg_payments")
                        .path("distance")
                        .asInt())
                .isEqualTo(1);
        JsonNode segments = item(impact, "dataset:" + TRINO + ":insights.default.customer_segments");
        assertThat(segments.path("distance").asInt()).isEqualTo(4);
        assertThat(segments.path("owner").asText()).isEqualTo("analytics-team");
        List<String> path = texts(segments.path("path"));
        assertThat(path.get(0)).isEqualTo(PAYMENTS);
        assertThat(path.get(path.size() - 1)).isEqualTo("dataset:" + TRINO + ":insights.default.customer_segments");
        assertThat(path).hasSize(9);
        JsonNode writer = item(impact, path.get(7));
        assertThat(writer.path("type").asText()).isEqualTo("JOB");
        assertThat(writer.path("domain").asText())
                .as("a job's domain is what it writes")
                .isEqualTo("insights");
        for (JsonNode node : impact.path("impacted")) {
            assertThat(node.path("source").asText()).as(node.toString()).isEqualTo("openlineage");
        }
        assertThat(impact.path("summary").path("jobs").asInt()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void aLeafColumnBreaksNothingAndDepthBoundsTheWalk() {
        JsonNode leaf = impact("dataset:" + TRINO + ":insights.default.customer_segments", "&column=segment");
        assertThat(leaf.path("impacted")).isEmpty();

        JsonNode near = impact(PAYMENTS, "&column=amount&depth=1");
        for (JsonNode node : near.path("impacted")) {
            assertThat(node.path("distance").asInt()).isEqualTo(1);
        }
        assertThat(ids(near)).contains(field("insights.default.stg_payments", "amount"));
    }

    @Test
    void theDomainViewRollsTheMeshUpByCatalog() {
        JsonNode domains = ServerClient.json(client().get("/api/v1/domains").body());
        Map<String, JsonNode> byName = new HashMap<>();
        domains.path("domains").forEach(domain -> byName.put(domain.path("name").asText(), domain));
        assertThat(byName).containsKeys("customersdb", "ordersdb", "paymentsdb", "insights");
        assertThat(byName.get("insights").path("owner").asText()).isEqualTo("analytics-team");
        assertThat(byName.get("paymentsdb").path("owner").isNull()).isTrue();
        assertThat(byName.get("paymentsdb").path("datasets").asInt()).isEqualTo(1);
        assertThat(byName.get("insights").path("datasets").asInt()).isGreaterThanOrEqualTo(9);
        assertThat(byName.get("insights").path("jobs").asInt()).isGreaterThanOrEqualTo(9);

        JsonNode graph = ServerClient.json(client().get("/api/v1/domains/graph").body());
        Map<String, JsonNode> flows = new HashMap<>();
        graph.path("edges")
                .forEach(edge -> flows.put(
                        edge.path("from").asText() + ">" + edge.path("to").asText(), edge));
        assertThat(flows)
                .containsKeys("customersdb>insights", "ordersdb>insights", "paymentsdb>insights", "insights>insights");
        JsonNode payments = flows.get("paymentsdb>insights");
        assertThat(payments.path("edges").asInt()).isGreaterThanOrEqualTo(2);
        List<String> example = texts(payments.path("examplePath"));
        assertThat(example).hasSize(3);
        assertThat(example.get(0)).isEqualTo(PAYMENTS);
        assertThat(example.get(1)).startsWith("job:");
        assertThat(example.get(2)).startsWith("dataset:" + TRINO + ":insights.");
    }

    @Test
    void badQueriesAreProblems() {
        HttpResponse<String> unknown = client().get("/api/v1/impact?nodeId="
                + URLEncoder.encode("dataset:" + TRINO + ":nope.nope.nope", StandardCharsets.UTF_8));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> job = client().get(
                        "/api/v1/impact?nodeId=" + URLEncoder.encode("job:" + TRINO + ":q", StandardCharsets.UTF_8));
        assertThat(job.statusCode()).isEqualTo(400);
        assertThat(ServerClient.json(job.body())
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("nodeId");
        HttpResponse<String> depth =
                client().get("/api/v1/impact?depth=x&nodeId=" + URLEncoder.encode(PAYMENTS, StandardCharsets.UTF_8));
        assertThat(depth.statusCode()).isEqualTo(400);
        HttpResponse<String> indirect = client().get("/api/v1/impact?includeIndirect=maybe&nodeId="
                + URLEncoder.encode(PAYMENTS, StandardCharsets.UTF_8));
        assertThat(indirect.statusCode()).isEqualTo(400);
        assertThat(client().get("/api/v1/impact").statusCode()).isEqualTo(400);
    }

    private JsonNode impact(String nodeId, String query) {
        HttpResponse<String> response =
                client().get("/api/v1/impact?nodeId=" + URLEncoder.encode(nodeId, StandardCharsets.UTF_8) + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private static String field(String dataset, String field) {
        return "datasetField:" + TRINO + ":" + dataset + ":" + field;
    }

    private static JsonNode item(JsonNode impact, String id) {
        for (JsonNode node : impact.path("impacted")) {
            if (node.path("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no " + id + " in " + ids(impact));
    }

    private static List<String> ids(JsonNode impact) {
        return texts(impact.path("impacted").findValues("id"));
    }

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
