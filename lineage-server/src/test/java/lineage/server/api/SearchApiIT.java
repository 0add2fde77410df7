package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v1/search}: visible datasets and jobs whose name holds {@code q} whatever its case, in a fixed order,
 * filtered by type and namespace, limited, with the count of every match. Each dataset is named by one event only, so
 * its {@code updatedAt} is that event's time.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchApiIT implements TestPropertyProvider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String FIRST = "2026-03-01T10:00:00Z";
    private static final String SECOND = "2026-03-02T10:00:00Z";
    private static final String THIRD = "2026-03-03T10:00:00Z";

    @Inject
    EmbeddedServer server;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @BeforeAll
    void postEvents() {
        post(event(FIRST, "search_a", "load_orders", datasets("search_a", "public.orders"), datasets()));
        post(event(
                SECOND,
                "search_b",
                "Orders_Report",
                datasets("search_b", "dwh.daily_orders"),
                datasets("search_b", "reports.ORDERS_summary")));
        post(event(
                THIRD,
                "search_b",
                "load_customers",
                datasets(),
                datasets(
                        "search_b", "crm.customers",
                        "search_b", "stats.a_b",
                        "search_b", "stats.axb",
                        "search_a", "public.orders_archive")));
        ArrayNode items = datasets();
        for (int item = 1; item <= 12; item++) {
            items.addObject().put("namespace", "search_c").put("name", "bulk.item_%02d".formatted(item));
        }
        post(event(THIRD, "search_c", "load_items", datasets(), items));
        // No endpoint deletes yet: hidden as a soft delete would hide it.
        transactions.executeWrite(status -> {
            try (Statement statement = status.getConnection().createStatement()) {
                return statement.executeUpdate(
                        "UPDATE datasets SET is_hidden = TRUE WHERE name = 'public.orders_archive'");
            }
        });
    }

    @Test
    void matchesIgnoreCaseAndAreSortedByName() {
        JsonNode answer = getOk("/api/v1/search?q=orders");

        assertThat(keys(answer)).containsExactly("totalCount", "results");
        assertThat(answer.path("totalCount").asLong()).isEqualTo(5);
        assertThat(ids(answer))
                .containsExactly(
                        "dataset:search_b:dwh.daily_orders",
                        "job:search_a:load_orders",
                        "job:search_b:Orders_Report",
                        "dataset:search_a:public.orders",
                        "dataset:search_b:reports.ORDERS_summary");
        assertThat(answer.path("results").get(0))
                .isEqualTo(NODES.objectNode()
                        .put("type", "DATASET")
                        .put("name", "dwh.daily_orders")
                        .put("updatedAt", SECOND)
                        .put("namespace", "search_b")
                        .put("nodeId", "dataset:search_b:dwh.daily_orders"));
        assertThat(keys(answer.path("results").get(1)))
                .containsExactly("type", "name", "updatedAt", "namespace", "nodeId");
        assertThat(answer.path("results").get(1).path("type").asText()).isEqualTo("JOB");
        assertThat(answer.path("results").get(1).path("updatedAt").asText()).isEqualTo(FIRST);
        assertThat(getOk("/api/v1/search?q=ORDERS")).isEqualTo(answer);
        assertThat(getOk("/api/v1/search?q=orders&sort=NAME")).isEqualTo(answer);
    }

    @Test
    void updatedAtSortsNewestFirstThenByName() {
        JsonNode answer = getOk("/api/v1/search?q=orders&sort=updated_at");

        assertThat(ids(answer))
                .containsExactly(
                        "dataset:search_b:dwh.daily_orders",
                        "job:search_b:Orders_Report",
                        "dataset:search_b:reports.ORDERS_summary",
                        "job:search_a:load_orders",
                        "dataset:search_a:public.orders");
    }

    @Test
    void filterAndNamespaceNarrowTheSearch() {
        assertThat(ids(getOk("/api/v1/search?q=orders&filter=job")))
                .containsExactly("job:search_a:load_orders", "job:search_b:Orders_Report");
        assertThat(getOk("/api/v1/search?q=orders&filter=job")
                        .path("totalCount")
                        .asLong())
                .isEqualTo(2);
        assertThat(ids(getOk("/api/v1/search?q=orders&filter=DATASET")))
                .containsExactly(
                        "dataset:search_b:dwh.daily_orders",
                        "dataset:search_a:public.orders",
                        "dataset:search_b:reports.ORDERS_summary");
        assertThat(ids(getOk("/api/v1/search?q=orders&namespace=search_b")))
                .containsExactly(
                        "dataset:search_b:dwh.daily_orders",
                        "job:search_b:Orders_Report",
                        "dataset:search_b:reports.ORDERS_summary");
        assertThat(ids(getOk("/api/v1/search?q=orders&namespace=search_a&filter=dataset")))
                .containsExactly("dataset:search_a:public.orders");
        assertThat(getOk("/api/v1/search?q=orders&namespace=no_such_namespace")
                        .path("totalCount")
                        .asLong())
                .isZero();
    }

    @Test
    void theLimitCutsTheResultsButNotTheTotal() {
        JsonNode answer = getOk("/api/v1/search?q=orders&limit=2");

        assertThat(ids(answer)).containsExactly("dataset:search_b:dwh.daily_orders", "job:search_a:load_orders");
        assertThat(answer.path("totalCount").asLong()).isEqualTo(5);
        assertThat(getOk("/api/v1/search?q=orders&limit=0").path("results")).isEmpty();
        JsonNode items = getOk("/api/v1/search?q=item");
        assertThat(items.path("results")).hasSize(10);
        assertThat(items.path("totalCount").asLong()).isEqualTo(13);
        assertThat(ids(items).get(9)).isEqualTo("dataset:search_c:bulk.item_10");
    }

    @Test
    void likeWildcardsInTheQueryAreLiteral() {
        assertThat(ids(getOk("/api/v1/search?q=a_b"))).containsExactly("dataset:search_b:stats.a_b");
        assertThat(getOk("/api/v1/search?q=%25").path("totalCount").asLong()).isZero();
        assertThat(getOk("/api/v1/search?q=%5C").path("totalCount").asLong()).isZero();
    }

    @Test
    void hiddenDatasetsAreLeftOut() {
        assertThat(getOk("/api/v1/search?q=archive").path("totalCount").asLong())
                .isZero();
        assertThat(getOk("/api/v1/search?q=customers").path("totalCount").asLong())
                .isEqualTo(2);
    }

    /** Marquez's UI sends {@code sort=UPDATE_AT}; Marquez binds sort and filter as Dropwizard binds enums. */
    @Test
    void sortAndFilterBindLikeMarquezEnums() {
        JsonNode byTime = getOk("/api/v1/search?q=orders&sort=updated_at");
        for (String sort : List.of("UPDATE_AT", "update_at", "update-at", "Update.At", "UPDATED_AT", "%20update_at")) {
            assertThat(getOk("/api/v1/search?q=orders&sort=" + sort)).as(sort).isEqualTo(byTime);
        }
        JsonNode byName = getOk("/api/v1/search?q=orders");
        assertThat(ids(byName)).isNotEqualTo(ids(byTime));
        for (String sort : List.of("NAME", "name", "Name")) {
            assertThat(getOk("/api/v1/search?q=orders&sort=" + sort)).as(sort).isEqualTo(byName);
        }
        JsonNode jobs = getOk("/api/v1/search?q=orders&filter=job");
        for (String filter : List.of("JOB", "Job", "%20job%20")) {
            assertThat(getOk("/api/v1/search?q=orders&filter=" + filter))
                    .as(filter)
                    .isEqualTo(jobs);
        }
        assertThat(getOk("/api/v1/search?q=orders&filter=DATASET&sort=UPDATE_AT")
                        .path("results"))
                .allSatisfy(result -> assertThat(result.path("type").asText()).isEqualTo("DATASET"));
        assertInvalid("/api/v1/search?q=orders&sort=update_time", "sort");
        assertInvalid("/api/v1/search?q=orders&filter=jobs", "filter");
    }

    @Test
    void badParametersAre400sNamingTheParameter() {
        assertInvalid("/api/v1/search", "q");
        assertInvalid("/api/v1/search?q=", "q");
        assertInvalid("/api/v1/search?q=%20%20", "q");
        assertInvalid("/api/v1/search?q=orders&filter=table", "filter");
        assertInvalid("/api/v1/search?q=orders&sort=size", "sort");
        assertInvalid("/api/v1/search?q=orders&limit=-1", "limit");
        assertInvalid("/api/v1/search?q=orders&limit=many", "limit");
    }

    private static ObjectNode event(String time, String namespace, String job, ArrayNode inputs, ArrayNode outputs) {
        ObjectNode event = NODES.objectNode();
        event.put("eventType", "COMPLETE");
        event.put("eventTime", time);
        event.put("producer", "https://github.com/lineage/tests");
        event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        event.putObject("run").put("runId", UUID.randomUUID().toString());
        event.putObject("job").put("namespace", namespace).put("name", job);
        event.set("inputs", inputs);
        event.set("outputs", outputs);
        return event;
    }

    /** Datasets from (namespace, name) pairs. */
    private static ArrayNode datasets(String... namespacesAndNames) {
        ArrayNode datasets = NODES.arrayNode();
        for (int i = 0; i < namespacesAndNames.length; i += 2) {
            datasets.addObject().put("namespace", namespacesAndNames[i]).put("name", namespacesAndNames[i + 1]);
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
        assertThat(problem.path("errors").get(0).path("field").asText())
                .as(path)
                .isEqualTo(field);
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("results").forEach(result -> ids.add(result.path("nodeId").asText()));
        return ids;
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
