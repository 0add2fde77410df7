package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the web UI's first page reads besides the domain graph: {@code GET /api/v1/datasets/most-read} (datasets by the
 * number of visible jobs that read them now) and {@code GET /api/v1/domains/{domain}/datasets} (where a domain of the
 * graph leads).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeshOverviewApiIT implements TestPropertyProvider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MESH = "overview";
    private static final String OTHER = "overview_other";
    /** A namespace with slashes: without a configured domain or a catalog, it names the domain of its datasets. */
    private static final String WAREHOUSE = "postgres://overview:5432";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.domains.sales.owner", "sales-team");
        properties.put("lineage.domains.sales.namespaces", MESH);
        properties.put("lineage.domains.unused.owner", "nobody");
        return properties;
    }

    /**
     * raw.orders is read by three jobs, mart.orders and raw.customers by two each (a third reader of raw.customers is
     * deleted), raw.payments by none any more (its reader's last COMPLETE read nothing), raw.secret's reader reads a
     * deleted dataset, and other.events, in another domain, by one.
     */
    @BeforeAll
    void postTheMesh() {
        post(run(MESH, "build_orders", datasets("raw.orders", "raw.customers"), datasets("mart.orders")));
        post(run(MESH, "build_revenue", datasets("raw.orders"), datasets("mart.revenue")));
        post(run(MESH, "check_orders", datasets("raw.orders", "raw.customers"), datasets()));
        post(run(MESH, "report_daily", datasets("mart.orders"), datasets()));
        post(run(MESH, "report_weekly", datasets("mart.orders"), datasets()));
        post(run(MESH, "old_reader", datasets("raw.customers"), datasets()));
        post(run(MESH, "payments_once", datasets("raw.payments"), datasets()));
        post(run(MESH, "payments_once", datasets(), datasets()));
        post(run(MESH, "peek", datasets("raw.secret"), datasets()));
        ArrayNode other = NODES.arrayNode();
        other.addObject().put("namespace", OTHER).put("name", "events");
        post(run(OTHER, "count_events", other, datasets()));
        ArrayNode warehouse = NODES.arrayNode();
        warehouse.addObject().put("namespace", WAREHOUSE).put("name", "public.copies");
        post(run(OTHER, "copy_out", datasets(), warehouse));
        ok(client().delete("/api/v1/namespaces/" + MESH + "/jobs/old_reader"));
        ok(client().delete("/api/v1/namespaces/" + MESH + "/datasets/raw.secret"));
    }

    @Test
    void theMostReadDatasetsComeFirstCountingTheVisibleJobsThatReadThemNow() {
        JsonNode answer = ok(client().get("/api/v1/datasets/most-read"));

        assertThat(rows(answer))
                .containsExactly(
                        MESH + " raw.orders 3 sales",
                        MESH + " mart.orders 2 sales",
                        MESH + " raw.customers 2 sales",
                        OTHER + " events 1 " + OTHER);
        JsonNode first = answer.path("datasets").get(0);
        assertThat(first.path("nodeId").asText()).isEqualTo("dataset:" + MESH + ":raw.orders");
        assertThat(fieldNames(first)).containsExactly("nodeId", "namespace", "name", "domain", "readers");
    }

    @Test
    void theLimitKeepsTheFirstAndBadLimitsAre400s() {
        assertThat(rows(ok(client().get("/api/v1/datasets/most-read?limit=2"))))
                .containsExactly(MESH + " raw.orders 3 sales", MESH + " mart.orders 2 sales");
        assertThat(rows(ok(client().get("/api/v1/datasets/most-read?limit=0")))).isEmpty();
        for (String limit : List.of("-1", "ten")) {
            HttpResponse<String> response = client().get("/api/v1/datasets/most-read?limit=" + limit);
            assertProblem(response, 400, "INVALID_PARAMETER");
            assertThat(ServerClient.json(response.body())
                            .path("errors")
                            .get(0)
                            .path("field")
                            .asText())
                    .isEqualTo("limit");
        }
    }

    @Test
    void aDomainListsItsVisibleDatasetsByNameAPageAtATime() {
        JsonNode answer = ok(client().get("/api/v1/domains/sales/datasets"));

        assertThat(answer.path("domain").path("name").asText()).isEqualTo("sales");
        assertThat(answer.path("domain").path("owner").asText()).isEqualTo("sales-team");
        assertThat(answer.path("domain").path("datasets").asLong()).isEqualTo(5);
        assertThat(names(answer))
                .as("raw.secret is deleted")
                .containsExactly("mart.orders", "mart.revenue", "raw.customers", "raw.orders", "raw.payments");
        assertThat(answer.path("datasets").get(0).path("nodeId").asText())
                .isEqualTo("dataset:" + MESH + ":mart.orders");
        assertThat(answer.path("totalCount").asLong()).isEqualTo(5);

        JsonNode page = ok(client().get("/api/v1/domains/sales/datasets?limit=2&offset=1"));
        assertThat(names(page)).containsExactly("mart.revenue", "raw.customers");
        assertThat(page.path("totalCount").asLong()).isEqualTo(5);
    }

    @Test
    void aDomainNamedAfterANamespaceIsReachedWithItsSlashesEncoded() {
        JsonNode answer = ok(client().get("/api/v1/domains/postgres:%2F%2Foverview:5432/datasets"));

        assertThat(answer.path("domain").path("name").asText()).isEqualTo(WAREHOUSE);
        assertThat(names(answer)).containsExactly("public.copies");
    }

    @Test
    void aConfiguredDomainWithoutDatasetsIsEmptyAndAnUnknownOneIs404() {
        JsonNode unused = ok(client().get("/api/v1/domains/unused/datasets"));
        assertThat(unused.path("domain").path("owner").asText()).isEqualTo("nobody");
        assertThat(unused.path("datasets")).isEmpty();
        assertThat(unused.path("totalCount").asLong()).isZero();

        assertProblem(client().get("/api/v1/domains/no_such_domain/datasets"), 404, "DOMAIN_NOT_FOUND");
        assertProblem(client().get("/api/v1/domains/SALES/datasets"), 404, "DOMAIN_NOT_FOUND");
        assertProblem(client().get("/api/v1/domains/sales/datasets?offset=-1"), 400, "INVALID_PARAMETER");
    }

    private static ObjectNode run(String namespace, String job, ArrayNode inputs, ArrayNode outputs) {
        ObjectNode event = NODES.objectNode();
        event.put("eventType", "COMPLETE");
        event.put("eventTime", "2026-11-23T10:00:00Z");
        event.put("producer", "https://github.com/lineage/tests");
        event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        event.putObject("run").put("runId", UUID.randomUUID().toString());
        event.putObject("job").put("namespace", namespace).put("name", job);
        event.set("inputs", inputs);
        event.set("outputs", outputs);
        return event;
    }

    private static ArrayNode datasets(String... names) {
        ArrayNode datasets = NODES.arrayNode();
        for (String name : names) {
            datasets.addObject().put("namespace", MESH).put("name", name);
        }
        return datasets;
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    private void post(ObjectNode event) {
        HttpResponse<String> response = client().post("/api/v1/lineage", event.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode())
                .as(response.uri() + ": " + response.body())
                .isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode())
                .as(response.uri() + ": " + response.body())
                .isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(ServerClient.json(response.body()).path("code").asText()).isEqualTo(code);
    }

    /** Each most-read dataset as "namespace name readers domain". */
    private static List<String> rows(JsonNode answer) {
        List<String> rows = new ArrayList<>();
        answer.path("datasets")
                .forEach(dataset -> rows.add(String.join(
                        " ",
                        dataset.path("namespace").asText(),
                        dataset.path("name").asText(),
                        dataset.path("readers").asText(),
                        dataset.path("domain").asText())));
        return rows;
    }

    private static List<String> names(JsonNode answer) {
        List<String> names = new ArrayList<>();
        answer.path("datasets")
                .forEach(dataset -> names.add(dataset.path("name").asText()));
        return names;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
