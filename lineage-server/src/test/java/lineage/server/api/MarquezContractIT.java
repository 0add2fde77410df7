package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import lineage.server.testing.JaffleMesh;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract with Marquez's clients: every endpoint of Marquez 0.51 that this server offers answers with every field
 * Marquez's model classes have, each with a JSON type a Marquez client reads ({@code marquez/contract.json}, derived
 * from Marquez's source; fields of ours beyond them are allowed). The data: the jaffle-shop mesh as Trino reported it,
 * plus {@code fixtures/openlineage/marquez-contract.json} (a run with nominal times, job facets, a {@code dataSource},
 * {@code schema} with descriptions, column lineage, a lifecycle state and data quality assertions) and tags on a
 * dataset, a field and a job, so that optional fields are filled.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarquezContractIT implements TestPropertyProvider {
    static final String TRINO = path(JaffleMesh.TRINO);
    static final String WAREHOUSE = path("postgres://warehouse:5432");
    static final String SUMMARY = "public.customer_summary";
    static final String DIM_CUSTOMERS = "insights.default.dim_customers";
    static final String JOB = "customer_summary.build";
    static final String RUN = "0193b000-0000-7000-8000-0000000c0001";
    static final String RUN_STARTED = "2026-11-23T14:00:00Z";

    private final MarquezShapes shapes = MarquezShapes.contract();
    private ServerClient client;
    private String datasetVersion;
    private String jobVersion;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @BeforeAll
    void loadTheMesh() {
        client = new ServerClient(server.getURI());
        load(client);
        datasetVersion = first(client, "/api/v1/namespaces/" + WAREHOUSE + "/datasets/" + SUMMARY + "/versions");
        jobVersion = first(client, "/api/v1/namespaces/analytics/jobs/" + JOB + "/versions");
    }

    /**
     * The mesh, the contract's events and tags on a dataset, a field and a job: what {@link MarquezContractIT} and
     * {@link MarquezWebUiIT} read.
     */
    static void load(ServerClient client) {
        JaffleMesh.replay(client);
        for (JsonNode event : MarquezShapes.resource("/fixtures/openlineage/marquez-contract.json")) {
            ok(client.post("/api/v1/lineage", event.toString()), "POST /api/v1/lineage");
        }
        ok(client.put("/api/v1/tags/pii", "{\"description\": \"personal data\"}"), "PUT tag");
        ok(client.put("/api/v1/tags/gold", "{\"description\": \"curated\"}"), "PUT tag");
        String summary = "/api/v1/namespaces/" + WAREHOUSE + "/datasets/" + SUMMARY;
        ok(client.post(summary + "/tags/gold", ""), "tag dataset");
        ok(client.post(summary + "/fields/customer_id/tags/pii", ""), "tag field");
        ok(client.post("/api/v1/namespaces/" + TRINO + "/datasets/" + DIM_CUSTOMERS + "/tags/pii", ""), "tag");
        ok(client.post("/api/v1/namespaces/analytics/jobs/" + JOB + "/tags/gold", ""), "tag job");
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersWithMarquezsShape() {
        return calls().stream().map(call -> DynamicTest.dynamicTest(call.toString(), () -> check(call)));
    }

    @Test
    void everyEndpointOfTheContractIsCalled() {
        Set<String> contract = new TreeSet<>();
        shapes.document()
                .path("endpoints")
                .forEach(endpoint -> contract.add(endpoint.path("endpoint").asText()));
        Set<String> called = new TreeSet<>();
        calls().forEach(call -> called.add(call.endpoint()));

        assertThat(called).as("endpoints called").containsExactlyInAnyOrderElementsOf(contract);
    }

    @Test
    void theContractsTypesAreAllDefined() {
        List<String> undefined = new ArrayList<>();
        shapes.document().path("types").fields().forEachRemaining(type -> type.getValue()
                .path("fields")
                .fields()
                .forEachRemaining(field -> names(field.getValue().asText()).stream()
                        .filter(name -> !shapes.document().path("types").has(name))
                        .forEach(name -> undefined.add(type.getKey() + "." + field.getKey() + ": " + name))));
        shapes.document()
                .path("endpoints")
                .forEach(endpoint -> names(endpoint.path("response").asText()).stream()
                        .filter(name -> !name.equals("empty")
                                && !shapes.document().path("types").has(name))
                        .forEach(name -> undefined.add(endpoint.path("endpoint").asText() + ": " + name)));

        assertThat(undefined).isEmpty();
    }

    @Test
    void aRunWasCreatedWhenItsFirstEventHappened() {
        JsonNode run = getOk("/api/v1/jobs/runs/" + RUN);

        assertThat(Instant.parse(run.path("createdAt").asText()))
                .as("GET /api/v1/jobs/runs/" + RUN + ": $.createdAt is its first event's time, as in Marquez")
                .isEqualTo(Instant.parse(RUN_STARTED));
    }

    @Test
    void aDatasetWithoutADataSourceFacetIsInTheDefaultSource() {
        JsonNode dataset = getOk("/api/v1/namespaces/" + TRINO + "/datasets/" + DIM_CUSTOMERS);

        assertThat(dataset.path("sourceName").asText(null))
                .as("GET a dataset without a dataSource facet: $.sourceName")
                .isEqualTo("default");
        assertThat(getOk("/api/v1/namespaces/" + WAREHOUSE + "/datasets/" + SUMMARY)
                        .path("sourceName")
                        .asText(null))
                .isEqualTo("warehouse");
    }

    @Test
    void aDatasetCarriesItsColumnLineage() {
        JsonNode lineage = getOk("/api/v1/namespaces/" + WAREHOUSE + "/datasets/" + SUMMARY)
                .path("columnLineage");

        assertThat(lineage.isArray())
                .as("GET " + SUMMARY + ": $.columnLineage is an array, found " + lineage)
                .isTrue();
        List<String> fields = new ArrayList<>();
        lineage.forEach(field -> fields.add(field.path("name").asText()));
        assertThat(fields).containsExactlyInAnyOrder("customer_id", "first_name", "number_of_orders");
        JsonNode input = lineage.get(0).path("inputFields").path(0);
        assertThat(input.path("namespace").asText()).isEqualTo(JaffleMesh.TRINO);
        assertThat(input.path("dataset").asText()).isEqualTo(DIM_CUSTOMERS);
    }

    @Test
    void aNamespacesJobsAreListedLastUpdatedFirst() {
        List<Instant> updated = new ArrayList<>();
        getOk("/api/v1/namespaces/" + TRINO + "/jobs")
                .path("jobs")
                .forEach(job -> updated.add(Instant.parse(job.path("updatedAt").asText())));

        assertThat(updated).hasSizeGreaterThan(2);
        assertThat(updated)
                .as("GET /api/v1/namespaces/{namespace}/jobs: $.jobs[].updatedAt, last updated first")
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    private void check(Call call) {
        JsonNode endpoint = endpoint(call.endpoint());
        HttpResponse<String> response = send(client, call);
        int status = endpoint.path("status").asInt();
        assertThat(response.statusCode())
                .as(call + ": status (body " + abbreviate(response.body()) + ")")
                .isEqualTo(status);
        String type = endpoint.path("response").asText();
        if (type.equals("empty")) {
            return;
        }
        List<String> mismatches = shapes.mismatches(ServerClient.json(response.body()), type, "$");
        assertThat(mismatches)
                .as(call + " answers Marquez's " + type + " ("
                        + endpoint.path("source").asText() + ")")
                .isEmpty();
    }

    /** Every endpoint with the requests that exercise it, in order: reads, writes, then deletes. */
    private List<Call> calls() {
        String summary = "/api/v1/namespaces/" + WAREHOUSE + "/datasets/" + SUMMARY;
        String dimCustomers = "/api/v1/namespaces/" + TRINO + "/datasets/" + DIM_CUSTOMERS;
        String job = "/api/v1/namespaces/analytics/jobs/" + JOB;
        String datasetNode = query("dataset:" + JaffleMesh.TRINO + ":" + DIM_CUSTOMERS);
        List<Call> calls = new ArrayList<>(List.of(
                get("GET /api/v1/lineage", "/api/v1/lineage?nodeId=" + datasetNode + "&depth=2"),
                get("GET /api/v1/lineage", "/api/v1/lineage?nodeId=" + query("job:analytics:" + JOB)),
                get(
                        "GET /api/v1/column-lineage",
                        "/api/v1/column-lineage?nodeId=" + query("dataset:postgres://warehouse:5432:" + SUMMARY)
                                + "&depth=20&withDownstream=true"),
                get(
                        "GET /api/v1/column-lineage",
                        "/api/v1/column-lineage?nodeId="
                                + query("datasetField:" + JaffleMesh.TRINO + ":" + DIM_CUSTOMERS + ":customer_id")),
                get("GET /api/v1/runlineage/upstream", "/api/v1/runlineage/upstream?runId=" + RUN),
                get("GET /api/v1/events/lineage", "/api/v1/events/lineage"),
                get(
                        "GET /api/v1/events/lineage",
                        "/api/v1/events/lineage?limit=50&before=2026-11-23T23:59:59.000Z"
                                + "&after=2026-11-23T00:00:00.000Z&offset=0&sortDirection=desc"),
                get("GET /api/v1/namespaces", "/api/v1/namespaces"),
                get("GET /api/v1/namespaces/{namespace}", "/api/v1/namespaces/analytics"),
                get("GET /api/v1/namespaces/{namespace}", "/api/v1/namespaces/" + TRINO),
                get("GET /api/v1/sources", "/api/v1/sources"),
                get("GET /api/v1/sources/{source}", "/api/v1/sources/warehouse"),
                get("GET /api/v1/namespaces/{namespace}/datasets", "/api/v1/namespaces/" + TRINO + "/datasets"),
                get("GET /api/v1/namespaces/{namespace}/datasets", "/api/v1/namespaces/" + WAREHOUSE + "/datasets"),
                get("GET /api/v1/namespaces/{namespace}/datasets/{dataset}", summary),
                get("GET /api/v1/namespaces/{namespace}/datasets/{dataset}", dimCustomers),
                get("GET /api/v1/namespaces/{namespace}/datasets/{dataset}/versions", summary + "/versions"),
                get("GET /api/v1/namespaces/{namespace}/datasets/{dataset}/versions", dimCustomers + "/versions"),
                get(
                        "GET /api/v1/namespaces/{namespace}/datasets/{dataset}/versions/{version}",
                        summary + "/versions/" + datasetVersion),
                get("GET /api/v1/jobs", "/api/v1/jobs"),
                get("GET /api/v1/jobs", "/api/v1/jobs?limit=10&offset=0&lastRunStates=FAILED"),
                get("GET /api/v1/namespaces/{namespace}/jobs", "/api/v1/namespaces/" + TRINO + "/jobs"),
                get("GET /api/v1/namespaces/{namespace}/jobs", "/api/v1/namespaces/analytics/jobs"),
                get("GET /api/v1/namespaces/{namespace}/jobs/{job}", job),
                get("GET /api/v1/namespaces/{namespace}/jobs/{job}/versions", job + "/versions"),
                get(
                        "GET /api/v1/namespaces/{namespace}/jobs/{job}/versions/{version}",
                        job + "/versions/" + jobVersion),
                get("GET /api/v1/namespaces/{namespace}/jobs/{job}/runs", job + "/runs"),
                get("GET /api/v1/jobs/runs/{id}", "/api/v1/jobs/runs/" + RUN),
                get("GET /api/v1/jobs/runs/{id}/facets", "/api/v1/jobs/runs/" + RUN + "/facets?type=run"),
                get("GET /api/v1/jobs/runs/{id}/facets", "/api/v1/jobs/runs/" + RUN + "/facets?type=job"),
                get("GET /api/v1/search", "/api/v1/search?q=customer"),
                get("GET /api/v1/search", "/api/v1/search?q=customer&sort=UPDATE_AT&limit=100&filter=DATASET"),
                get("GET /api/v1/tags", "/api/v1/tags")));
        for (String period : List.of("period=DAY&timezone=UTC", "period=WEEK&timezone=Europe/Berlin")) {
            for (String stats : List.of("lineage-events", "jobs", "datasets", "sources")) {
                calls.add(get("GET /api/v1/stats/" + stats, "/api/v1/stats/" + stats + "?" + period));
            }
        }
        calls.addAll(List.of(
                new Call("POST /api/v1/lineage", "POST", "/api/v1/lineage", startEvent()),
                new Call(
                        "PUT /api/v1/namespaces/{namespace}",
                        "PUT",
                        "/api/v1/namespaces/contract_owned",
                        "{\"ownerName\": \"data-team\", \"description\": \"owned\"}"),
                new Call("PUT /api/v1/tags/{name}", "PUT", "/api/v1/tags/silver", "{\"description\": \"checked\"}"),
                write(
                        "POST /api/v1/namespaces/{namespace}/datasets/{dataset}/tags/{tag}",
                        "POST",
                        dimCustomers + "/tags/gold"),
                write(
                        "DELETE /api/v1/namespaces/{namespace}/datasets/{dataset}/tags/{tag}",
                        "DELETE",
                        dimCustomers + "/tags/gold"),
                write(
                        "POST /api/v1/namespaces/{namespace}/datasets/{dataset}/fields/{field}/tags/{tag}",
                        "POST",
                        summary + "/fields/first_name/tags/pii"),
                write(
                        "DELETE /api/v1/namespaces/{namespace}/datasets/{dataset}/fields/{field}/tags/{tag}",
                        "DELETE",
                        summary + "/fields/first_name/tags/pii"),
                write("POST /api/v1/namespaces/{namespace}/jobs/{job}/tags/{tag}", "POST", job + "/tags/silver"),
                write("DELETE /api/v1/namespaces/{namespace}/jobs/{job}/tags/{tag}", "DELETE", job + "/tags/silver"),
                write(
                        "DELETE /api/v1/namespaces/{namespace}/datasets/{dataset}",
                        "DELETE",
                        "/api/v1/namespaces/contract_deleted/datasets/doomed.output"),
                write(
                        "DELETE /api/v1/namespaces/{namespace}/jobs/{job}",
                        "DELETE",
                        "/api/v1/namespaces/contract_deleted/jobs/doomed"),
                write("DELETE /api/v1/namespaces/{namespace}", "DELETE", "/api/v1/namespaces/contract_deleted")));
        return calls;
    }

    private JsonNode endpoint(String key) {
        for (JsonNode endpoint : shapes.document().path("endpoints")) {
            if (endpoint.path("endpoint").asText().equals(key)) {
                return endpoint;
            }
        }
        throw new AssertionError("contract.json has no endpoint " + key);
    }

    private JsonNode getOk(String path) {
        HttpResponse<String> response = client.get(path);
        ok(response, "GET " + path);
        return ServerClient.json(response.body());
    }

    /** The names of the named types in a type expression. */
    private static Set<String> names(String type) {
        Set<String> names = new LinkedHashSet<>();
        for (String part : type.split("[<>|\\s]+")) {
            if (!part.isEmpty()
                    && !List.of("string", "integer", "number", "boolean", "object", "any", "array", "map", "null")
                            .contains(part)
                    && !part.equals("absent")) {
                names.add(part);
            }
        }
        return names;
    }

    static HttpResponse<String> send(ServerClient client, Call call) {
        return switch (call.method()) {
            case "GET" -> client.get(call.path());
            case "POST" -> client.post(call.path(), call.body());
            case "PUT" -> client.put(call.path(), call.body());
            case "DELETE" -> client.delete(call.path());
            default -> throw new IllegalArgumentException("no method " + call.method());
        };
    }

    /** The {@code version} of the first of a versions list. */
    private static String first(ServerClient client, String path) {
        HttpResponse<String> response = client.get(path);
        ok(response, "GET " + path);
        String version = ServerClient.json(response.body())
                .path("versions")
                .path(0)
                .path("version")
                .asText("");
        assertThat(version).as("a version in " + path).isNotEmpty();
        return version;
    }

    static void ok(HttpResponse<String> response, String what) {
        assertThat(response.statusCode())
                .as(what + ": " + abbreviate(response.body()))
                .isBetween(200, 201);
    }

    private static String startEvent() {
        return "{\"eventType\": \"START\", \"eventTime\": \"2026-11-23T16:00:00Z\","
                + " \"producer\": \"https://github.com/lineage/tests\","
                + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + " \"run\": {\"runId\": \"0193b000-0000-7000-8000-0000000c0003\"},"
                + " \"job\": {\"namespace\": \"analytics\", \"name\": \"contract.ping\"}}";
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    /** A name as a path segment. */
    static String path(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Call get(String endpoint, String path) {
        return new Call(endpoint, "GET", path, "");
    }

    private static Call write(String endpoint, String method, String path) {
        return new Call(endpoint, method, path, "");
    }

    /** One request of an endpoint of the contract ({@code endpoint} is its key there). */
    record Call(String endpoint, String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }
}
