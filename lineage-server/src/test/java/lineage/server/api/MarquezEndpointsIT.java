package lineage.server.api;

import static lineage.server.testing.TestEvents.dataset;
import static lineage.server.testing.TestEvents.runEvent;
import static lineage.server.testing.TestEvents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Marquez endpoints beyond the basic reads: {@code /api/v1/jobs} with {@code lastRunStates}, sources, {@code PUT}
 * of a namespace, job versions and a dataset version by id, upstream run lineage, and the answers to what this server
 * does not offer (410, 501, 503). Each test writes its data over HTTP into namespaces of its own.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarquezEndpointsIT implements TestPropertyProvider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @Test
    void jobsOfEveryNamespaceAreListedLastUpdatedFirstAndFilteredByTheirLastRunState() {
        post(runEvent("COMPLETE", "2031-01-01T10:00:00Z", UUID.randomUUID(), "all_jobs_a", "ok_job"));
        post(runEvent("FAIL", "2031-01-01T11:00:00Z", UUID.randomUUID(), "all_jobs_b", "failed_job"));
        post(runEvent("START", "2031-01-01T12:00:00Z", UUID.randomUUID(), "all_jobs_a", "running_job"));
        UUID aborted = UUID.randomUUID();
        post(runEvent("FAIL", "2031-01-01T09:00:00Z", UUID.randomUUID(), "all_jobs_b", "was_failed"));
        post(runEvent("ABORT", "2031-01-01T13:00:00Z", aborted, "all_jobs_b", "was_failed"));

        JsonNode all = getOk("/api/v1/jobs");

        assertThat(keys(all)).containsExactly("jobs", "totalCount");
        assertThat(all.path("totalCount").asLong()).isEqualTo(all.path("jobs").size());
        assertThat(names(all.path("jobs")).subList(0, 4))
                .containsExactly(
                        "all_jobs_b/was_failed",
                        "all_jobs_a/running_job",
                        "all_jobs_b/failed_job",
                        "all_jobs_a/ok_job");
        JsonNode first = all.path("jobs").get(0);
        assertThat(first).isEqualTo(getOk("/api/v1/namespaces/all_jobs_b/jobs/was_failed"));
        assertThat(first.path("latestRun").path("id").asText()).isEqualTo(aborted.toString());
        assertThat(first.path("latestRun").path("state").asText()).isEqualTo("ABORTED");

        JsonNode failed = getOk("/api/v1/jobs?lastRunStates=FAILED");
        assertThat(names(failed.path("jobs")))
                .contains("all_jobs_b/failed_job")
                .doesNotContain("all_jobs_b/was_failed");
        assertThat(failed.path("jobs"))
                .allSatisfy(job ->
                        assertThat(job.path("latestRun").path("state").asText()).isEqualTo("FAILED"));
        assertThat(failed.path("totalCount").asLong())
                .isEqualTo(failed.path("jobs").size());
        JsonNode two = getOk("/api/v1/jobs?lastRunStates=failed&lastRunStates=ABORTED");
        assertThat(two).isEqualTo(getOk("/api/v1/jobs?lastRunStates=ABORTED,FAILED"));
        assertThat(names(two.path("jobs"))).contains("all_jobs_b/failed_job", "all_jobs_b/was_failed");
        assertThat(getOk("/api/v1/jobs?lastRunStates=NEW").path("jobs")).isEmpty();

        JsonNode page = getOk("/api/v1/jobs?limit=2&offset=1");
        assertThat(page.path("jobs"))
                .containsExactly(all.path("jobs").get(1), all.path("jobs").get(2));
        assertThat(page.path("totalCount").asLong())
                .isEqualTo(all.path("totalCount").asLong());

        JsonNode inNamespace = getOk("/api/v1/namespaces/all_jobs_b/jobs?lastRunStates=ABORTED&lastRunStates=FAILED");
        assertThat(names(inNamespace.path("jobs"))).containsExactly("all_jobs_b/was_failed", "all_jobs_b/failed_job");
        assertThat(inNamespace.path("totalCount").asLong()).isEqualTo(2);
        assertThat(getOk("/api/v1/namespaces/all_jobs_a/jobs?lastRunStates=running")
                        .path("jobs")
                        .size())
                .isEqualTo(1);

        for (String path : List.of("/api/v1/jobs", "/api/v1/namespaces/all_jobs_a/jobs")) {
            assertInvalid(path + "?lastRunStates=DONE", "lastRunStates");
            assertInvalid(path + "?lastRunStates=FAILED&lastRunStates=nope", "lastRunStates");
        }
        assertInvalid("/api/v1/jobs?limit=-1", "limit");
        assertInvalid("/api/v1/jobs?offset=x", "offset");
    }

    @Test
    void sourcesComeFromTheDataSourceFacetsOfDatasets() {
        post(runEvent("COMPLETE", "2026-11-23T10:00:00Z", UUID.randomUUID(), "sources_ns", "load")
                .set(
                        "outputs",
                        NODES.arrayNode().add(withSource("sources_ns", "orders", "src-orders", "postgres://db:5432"))));
        post(runEvent("COMPLETE", "2026-11-23T12:00:00Z", UUID.randomUUID(), "sources_ns", "load2")
                .set(
                        "outputs",
                        NODES.arrayNode().add(withSource("sources_ns", "items", "src-orders", "postgres://db2:5432"))));
        post(runEvent("COMPLETE", "2026-11-23T11:00:00Z", UUID.randomUUID(), "sources_ns", "load3")
                .set(
                        "outputs",
                        NODES.arrayNode()
                                .add(withSource("sources_ns", "old", "src-orders", "postgres://old:1"))
                                .add(withSource("sources_ns", "lake", "src-lake", "s3://bucket"))
                                .add(dataset("sources_ns", "plain"))));

        JsonNode source = getOk("/api/v1/sources/src-orders");

        assertThat(keys(source))
                .containsExactly("type", "name", "createdAt", "updatedAt", "connectionUrl", "description");
        assertThat(source.path("type").asText()).isEqualTo("POSTGRES");
        assertThat(source.path("name").asText()).isEqualTo("src-orders");
        assertThat(source.path("createdAt").asText()).isEqualTo("2026-11-23T10:00:00Z");
        assertThat(source.path("updatedAt").asText()).isEqualTo("2026-11-23T12:00:00Z");
        assertThat(source.path("connectionUrl").asText())
                .as("the URI of the latest event, not of the last one posted")
                .isEqualTo("postgres://db2:5432");
        assertThat(source.path("description").isNull()).isTrue();
        assertThat(getOk("/api/v1/sources/src-lake").path("type").asText()).isEqualTo("S3");
        JsonNode fallback = getOk("/api/v1/sources/default");
        assertThat(fallback.path("connectionUrl").asText()).isEmpty();
        assertThat(fallback.path("type").asText()).isEqualTo("UNKNOWN");

        JsonNode sources = getOk("/api/v1/sources");
        assertThat(keys(sources)).containsExactly("sources");
        List<String> all = new ArrayList<>();
        sources.path("sources").forEach(each -> all.add(each.path("name").asText()));
        assertThat(all).isSorted().contains("default", "src-lake", "src-orders");
        assertThat(sources.path("sources").get(all.indexOf("src-orders"))).isEqualTo(source);
        assertThat(getOk("/api/v1/sources?limit=1&offset=1").path("sources"))
                .containsExactly(sources.path("sources").get(1));
        assertProblem("/api/v1/sources/no-such-source", 404, "SOURCE_NOT_FOUND");
        assertInvalid("/api/v1/sources?limit=-1", "limit");
    }

    @Test
    void aPutNamespaceCreatesOrDescribesIt() {
        HttpResponse<String> created =
                client().put("/api/v1/namespaces/put_ns", "{\"ownerName\": \"team-a\", \"description\": \"ours\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode namespace = ServerClient.json(created.body());
        assertThat(namespace.path("name").asText()).isEqualTo("put_ns");
        assertThat(namespace.path("ownerName").asText()).isEqualTo("team-a");
        assertThat(namespace.path("description").asText()).isEqualTo("ours");
        assertThat(getOk("/api/v1/namespaces/put_ns")).isEqualTo(namespace);

        post(runEvent("COMPLETE", "2026-11-23T10:00:00Z", UUID.randomUUID(), "put_ns", "job"));
        HttpResponse<String> owner = client().put("/api/v1/namespaces/put_ns", "{\"ownerName\": \"team-b\"}");
        assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
        JsonNode updated = getOk("/api/v1/namespaces/put_ns");
        assertThat(updated.path("ownerName").asText()).isEqualTo("team-b");
        assertThat(updated.path("description").asText())
                .as("kept when the body gives none")
                .isEqualTo("ours");
        assertThat(getOk("/api/v1/namespaces/put_ns/jobs/job").path("name").asText())
                .isEqualTo("job");

        assertPutRefused("{\"description\": \"x\"}", 422, "INVALID_NAMESPACE", "ownerName", "is required");
        assertPutRefused("{\"ownerName\": \" \"}", 422, "INVALID_NAMESPACE", "ownerName", "must not be blank");
        assertPutRefused("{\"ownerName\": 7}", 422, "INVALID_NAMESPACE", "ownerName", "must be a string");
        assertPutRefused(
                "{\"ownerName\": \"a\", \"description\": []}",
                422,
                "INVALID_NAMESPACE",
                "description",
                "must be a string");
        assertPutRefused("[]", 422, "INVALID_NAMESPACE", "body", null);
        assertPutRefused("", 422, "INVALID_NAMESPACE", "body", null);
        HttpResponse<String> malformed = client().put("/api/v1/namespaces/put_ns", "{\"ownerName\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(ServerClient.json(malformed.body()).path("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(getOk("/api/v1/namespaces/put_ns").path("ownerName").asText())
                .isEqualTo("team-b");
    }

    @Test
    void aJobHasAVersionPerInputsAndOutputsNewestFirst() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        post(runEvent("COMPLETE", "2026-11-23T10:00:00Z", first, "jv_ns", "load")
                .<ObjectNode>set("inputs", datasets("jv_ns", "raw"))
                .set("outputs", datasets("jv_ns", "v1")));
        post(runEvent("COMPLETE", "2026-11-23T11:00:00Z", second, "jv_ns", "load")
                .<ObjectNode>set("inputs", datasets("jv_ns", "raw"))
                .set("outputs", datasets("jv_ns", "v2")));
        JsonNode job = getOk("/api/v1/namespaces/jv_ns/jobs/load");

        JsonNode versions = getOk("/api/v1/namespaces/jv_ns/jobs/load/versions");

        assertThat(keys(versions)).containsExactly("versions");
        assertThat(versions.path("versions")).hasSize(2);
        JsonNode newest = versions.path("versions").get(0);
        assertThat(keys(newest))
                .containsExactly(
                        "id",
                        "name",
                        "createdAt",
                        "version",
                        "namespace",
                        "location",
                        "inputs",
                        "outputs",
                        "latestRun",
                        "facets");
        String version = newest.path("version").asText();
        assertThat(version).isEqualTo(job.path("currentVersion").asText());
        assertThat(newest.path("id")).isEqualTo(id("jv_ns", "load").put("version", version));
        assertThat(newest.path("createdAt").asText()).isEqualTo("2026-11-23T11:00:00Z");
        assertThat(newest.path("inputs")).containsExactly(id("jv_ns", "raw"));
        assertThat(newest.path("outputs")).containsExactly(id("jv_ns", "v2"));
        assertThat(newest.path("latestRun").path("id").asText()).isEqualTo(second.toString());
        JsonNode oldest = versions.path("versions").get(1);
        assertThat(oldest.path("outputs")).containsExactly(id("jv_ns", "v1"));
        assertThat(oldest.path("latestRun").isNull()).isTrue();
        assertThat(oldest.path("facets").isObject()).isTrue();
        assertThat(getOk("/api/v1/namespaces/jv_ns/jobs/load/versions/" + version))
                .isEqualTo(newest);
        assertThat(getOk("/api/v1/namespaces/jv_ns/jobs/load/versions?limit=1&offset=1")
                        .path("versions"))
                .containsExactly(oldest);

        assertProblem("/api/v1/namespaces/jv_ns/jobs/load/versions/" + UUID.randomUUID(), 404, "JOB_VERSION_NOT_FOUND");
        assertProblem("/api/v1/namespaces/jv_ns/jobs/nope/versions", 404, "JOB_NOT_FOUND");
        assertProblem("/api/v1/namespaces/jv_nope/jobs/load/versions", 404, "NAMESPACE_NOT_FOUND");
        assertInvalid("/api/v1/namespaces/jv_ns/jobs/load/versions/not-a-uuid", "version");
        assertInvalid("/api/v1/namespaces/jv_ns/jobs/load/versions?offset=-1", "offset");
    }

    @Test
    void aDatasetVersionIsFoundByItsId() {
        UUID run = UUID.randomUUID();
        ObjectNode output = dataset("dv_ns", "orders");
        output.with("facets").set("schema", schema("id", "BIGINT"));
        post(runEvent("COMPLETE", "2026-11-23T10:00:00Z", run, "dv_ns", "load")
                .set("outputs", NODES.arrayNode().add(output)));
        JsonNode listed = getOk("/api/v1/namespaces/dv_ns/datasets/orders/versions")
                .path("versions")
                .get(0);

        JsonNode version = getOk("/api/v1/namespaces/dv_ns/datasets/orders/versions/"
                + listed.path("version").asText());

        assertThat(version).isEqualTo(listed);
        assertThat(version.path("createdByRun").path("id").asText()).isEqualTo(run.toString());
        assertProblem(
                "/api/v1/namespaces/dv_ns/datasets/orders/versions/" + UUID.randomUUID(),
                404,
                "DATASET_VERSION_NOT_FOUND");
        assertProblem("/api/v1/namespaces/dv_ns/datasets/nope/versions/" + UUID.randomUUID(), 404, "DATASET_NOT_FOUND");
        assertInvalid("/api/v1/namespaces/dv_ns/datasets/orders/versions/1-2-3-4-5", "version");
    }

    @Test
    void upstreamRunLineageFollowsTheRunsThatProducedWhatARunRead() {
        UUID extract = UUID.randomUUID();
        UUID transform = UUID.randomUUID();
        UUID report = UUID.randomUUID();
        post(runEvent("COMPLETE", "2026-11-23T10:00:00Z", extract, "rl_ns", "extract")
                .set("outputs", datasets("rl_ns", "raw")));
        post(runEvent("COMPLETE", "2026-11-23T11:00:00Z", transform, "rl_ns", "transform")
                .<ObjectNode>set("inputs", datasets("rl_ns", "raw"))
                .set("outputs", datasets("rl_ns", "clean")));
        post(runEvent("START", "2026-11-23T12:00:00Z", report, "rl_ns", "report")
                .set("inputs", datasets("rl_ns", "clean", "rl_ns", "raw")));

        JsonNode lineage = getOk("/api/v1/runlineage/upstream?runId=" + report);

        assertThat(keys(lineage)).containsExactly("runs");
        JsonNode runs = lineage.path("runs");
        assertThat(runs).hasSize(3);
        JsonNode first = runs.get(0);
        assertThat(keys(first)).containsExactly("job", "run", "inputs");
        assertThat(keys(first.path("job"))).containsExactly("namespace", "name", "version");
        assertThat(first.path("job").path("name").asText()).isEqualTo("report");
        assertThat(keys(first.path("run"))).containsExactly("id", "start", "end", "status");
        assertThat(first.path("run").path("id").asText()).isEqualTo(report.toString());
        assertThat(first.path("run").path("start").asText()).isEqualTo("2026-11-23T12:00:00Z");
        assertThat(first.path("run").path("end").isNull()).isTrue();
        assertThat(first.path("run").path("status").asText()).isEqualTo("RUNNING");
        assertThat(keys(first.path("inputs").get(0)))
                .containsExactly("namespace", "name", "version", "producedByRunId");
        assertThat(first.path("inputs").get(0).path("name").asText()).isEqualTo("clean");
        assertThat(first.path("inputs").get(0).path("producedByRunId").asText()).isEqualTo(transform.toString());
        assertThat(first.path("inputs").get(1).path("name").asText()).isEqualTo("raw");
        assertThat(first.path("inputs").get(1).path("producedByRunId").asText()).isEqualTo(extract.toString());
        // Level 1: both producers, by job name; extract read nothing.
        assertThat(runs.get(1).path("run").path("id").asText()).isEqualTo(extract.toString());
        assertThat(runs.get(1).path("inputs")).isEmpty();
        assertThat(runs.get(1).path("job").path("version").asText()).matches("[0-9a-f-]{36}");
        assertThat(runs.get(2).path("run").path("id").asText()).isEqualTo(transform.toString());
        assertThat(runs.get(2).path("run").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(runs.get(2).path("inputs").get(0).path("producedByRunId").asText())
                .isEqualTo(extract.toString());

        assertThat(getOk("/api/v1/runlineage/upstream?runId=" + transform + "&depth=0")
                        .path("runs"))
                .hasSize(1);
        assertThat(getOk("/api/v1/runlineage/upstream?runId=" + transform + "&depth=1")
                        .path("runs"))
                .hasSize(2);
        assertProblem("/api/v1/runlineage/upstream?runId=" + UUID.randomUUID(), 404, "RUN_NOT_FOUND");
        assertInvalid("/api/v1/runlineage/upstream", "runId");
        assertInvalid("/api/v1/runlineage/upstream?runId=nope", "runId");
        assertInvalid("/api/v1/runlineage/upstream?runId=" + report + "&depth=-1", "depth");
    }

    @Test
    void theDeprecatedWriteApisAreGoneAndSayHowToWriteInstead() {
        UUID run = UUID.randomUUID();
        List<HttpResponse<String>> answers = List.of(
                client().put("/api/v1/namespaces/ns/datasets/t", "{\"type\": \"DB_TABLE\"}"),
                client().put("/api/v1/namespaces/ns/jobs/j", "{}"),
                client().put("/api/v1/sources/s", "{}"),
                client().post("/api/v1/namespaces/ns/jobs/j/runs", "{}"),
                client().post("/api/v1/jobs/runs/" + run + "/start", ""),
                client().post("/api/v1/jobs/runs/" + run + "/complete?at=2026-11-23T10:00:00Z", ""),
                client().post("/api/v1/jobs/runs/" + run + "/fail", ""),
                client().post("/api/v1/jobs/runs/" + run + "/abort", ""));
        for (HttpResponse<String> answer : answers) {
            String request =
                    answer.request().method() + " " + answer.request().uri().getPath();
            assertThat(answer.statusCode()).as(request + ": " + answer.body()).isEqualTo(410);
            assertThat(answer.headers().firstValue("content-type")).as(request).contains("application/problem+json");
            JsonNode problem = ServerClient.json(answer.body());
            assertThat(problem.path("code").asText()).as(request).isEqualTo("DEPRECATED_API");
            assertThat(problem.path("status").asInt()).as(request).isEqualTo(410);
            assertThat(problem.path("detail").asText()).as(request).contains("POST /api/v1/lineage");
        }
        assertThat(client().get("/api/v1/namespaces/ns/jobs/j/runs").statusCode())
                .as("reading runs is not gone")
                .isEqualTo(404);
    }

    @Test
    void graphqlIsNotImplementedAndOpenSearchIsDisabled() {
        HttpResponse<String> graphql = client().post("/api/v1-beta/graphql", "{\"query\": \"{ datasets { name } }\"}");
        assertThat(graphql.statusCode()).isEqualTo(501);
        JsonNode problem = ServerClient.json(graphql.body());
        assertThat(problem.path("code").asText()).isEqualTo("NOT_IMPLEMENTED");
        assertThat(problem.path("detail").asText()).contains("GraphQL");
        assertProblem("/api/v1/schema.json", 501, "NOT_IMPLEMENTED");

        for (String type : List.of("jobs", "datasets")) {
            JsonNode disabled = assertProblem("/api/v2beta/search/" + type + "?q=orders", 503, "SEARCH_DISABLED");
            assertThat(disabled.path("detail").asText()).contains("/api/v1/search");
            assertInvalid("/api/v2beta/search/" + type, "q");
        }
        assertProblem("/api/v2beta/search/runs?q=x", 404, "ROUTE_NOT_FOUND");
    }

    private void assertPutRefused(String body, int status, String code, String field, String message) {
        HttpResponse<String> response = client().put("/api/v1/namespaces/put_ns", body);
        assertThat(response.statusCode()).as(body + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).as(body).isEqualTo(code);
        assertThat(problem.path("errors").get(0).path("field").asText())
                .as(body)
                .isEqualTo(field);
        if (message != null) {
            assertThat(problem.path("errors").get(0).path("message").asText())
                    .as(body)
                    .isEqualTo(message);
        }
    }

    private static ObjectNode withSource(String namespace, String name, String source, String uri) {
        ObjectNode dataset = dataset(namespace, name);
        dataset.with("facets")
                .putObject("dataSource")
                .put("_producer", "https://github.com/lineage/tests")
                .put("_schemaURL", "https://openlineage.io/spec/facets/1-0-1/DatasourceDatasetFacet.json")
                .put("name", source)
                .put("uri", uri);
        return dataset;
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

    private JsonNode assertProblem(String path, int status, String code) {
        HttpResponse<String> response = client().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).as(path).isEqualTo(code);
        assertThat(problem.path("status").asInt()).as(path).isEqualTo(status);
        return problem;
    }

    private void assertInvalid(String path, String field) {
        JsonNode problem = assertProblem(path, 400, "INVALID_PARAMETER");
        assertThat(problem.path("errors")).as(path).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asText())
                .as(path)
                .isEqualTo(field);
    }

    private static ArrayNode datasets(String... namespacesAndNames) {
        ArrayNode datasets = NODES.arrayNode();
        for (int i = 0; i < namespacesAndNames.length; i += 2) {
            datasets.add(dataset(namespacesAndNames[i], namespacesAndNames[i + 1]));
        }
        return datasets;
    }

    private static ObjectNode id(String namespace, String name) {
        return NODES.objectNode().put("namespace", namespace).put("name", name);
    }

    /** Each job as namespace/name. */
    private static List<String> names(JsonNode jobs) {
        List<String> names = new ArrayList<>();
        jobs.forEach(job -> names.add(
                job.path("namespace").asText() + "/" + job.path("name").asText()));
        return names;
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
