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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Soft deletes of namespaces, datasets and jobs: the deleted object leaves the lists and the lineage graph (with the
 * edges through it), and the next event naming it brings it back with its lineage. Each test uses namespaces of its
 * own.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeleteApiIT implements TestPropertyProvider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TEN = "2026-11-23T10:00:00Z";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @Test
    void aDeletedDatasetLeavesListsAndLineageUntilAnEventNamesIt() {
        post(run("del_ds", "load", datasets("del_ds", "raw"), datasets("del_ds", "clean")));
        post(run("del_ds", "report", datasets("del_ds", "clean"), datasets("del_ds", "summary")));
        String path = "/api/v1/namespaces/del_ds/datasets/clean";

        JsonNode deleted = ok(client().delete(path));

        assertThat(deleted.path("name").asText()).isEqualTo("clean");
        assertThat(deleted.path("deleted").asBoolean()).isTrue();
        assertProblem(client().get(path), 404, "DATASET_NOT_FOUND");
        assertProblem(client().delete(path), 404, "DATASET_NOT_FOUND");
        assertThat(names(ok(client().get("/api/v1/namespaces/del_ds/datasets")).path("datasets")))
                .containsExactly("raw", "summary");
        assertThat(ok(client().get("/api/v1/namespaces/del_ds/datasets"))
                        .path("totalCount")
                        .asLong())
                .isEqualTo(2);
        JsonNode lineage = client().lineage("dataset:del_ds:raw", "");
        assertThat(nodeIds(lineage)).containsExactly("dataset:del_ds:raw", "job:del_ds:load");
        assertThat(edges(lineage)).doesNotContain("job:del_ds:load>dataset:del_ds:clean");

        // A reader naming it brings it back, with the edge from the writer that still writes it.
        post(run("del_ds", "audit", datasets("del_ds", "clean"), NODES.arrayNode()));

        assertThat(ok(client().get(path)).path("deleted").asBoolean()).isFalse();
        JsonNode back = client().lineage("dataset:del_ds:raw", "");
        assertThat(nodeIds(back))
                .containsExactly(
                        "dataset:del_ds:clean",
                        "dataset:del_ds:raw",
                        "dataset:del_ds:summary",
                        "job:del_ds:audit",
                        "job:del_ds:load",
                        "job:del_ds:report");
        assertThat(edges(back))
                .contains("job:del_ds:load>dataset:del_ds:clean", "dataset:del_ds:clean>job:del_ds:report");
    }

    @Test
    void aDeletedJobLeavesListsAndLineageUntilAnEventNamesIt() {
        post(run("del_job", "load", datasets("del_job", "raw"), datasets("del_job", "clean")));
        post(run("del_job", "other", NODES.arrayNode(), datasets("del_job", "elsewhere")));
        String path = "/api/v1/namespaces/del_job/jobs/load";

        JsonNode deleted = ok(client().delete(path));

        assertThat(deleted.path("name").asText()).isEqualTo("load");
        assertThat(deleted.path("outputs").get(0).path("name").asText()).isEqualTo("clean");
        assertProblem(client().get(path), 404, "JOB_NOT_FOUND");
        assertProblem(client().delete(path), 404, "JOB_NOT_FOUND");
        assertThat(names(ok(client().get("/api/v1/namespaces/del_job/jobs")).path("jobs")))
                .containsExactly("other");
        assertThat(nodeIds(client().lineage("dataset:del_job:raw", ""))).containsExactly("dataset:del_job:raw");
        assertThat(nodeIds(client().lineage("dataset:del_job:clean", ""))).containsExactly("dataset:del_job:clean");

        // A FAIL names the job but reports no datasets: the job comes back with the edges it still has.
        ObjectNode fail = run("del_job", "load", NODES.arrayNode(), NODES.arrayNode());
        fail.put("eventType", "FAIL");
        fail.remove("inputs");
        fail.remove("outputs");
        post(fail);

        assertThat(ok(client().get(path)).path("outputs").get(0).path("name").asText())
                .isEqualTo("clean");
        assertThat(nodeIds(client().lineage("dataset:del_job:raw", "")))
                .containsExactly("dataset:del_job:clean", "dataset:del_job:raw", "job:del_job:load");
    }

    @Test
    void aDeletedNamespaceHidesEverythingInItUntilAnEventNamesIt() {
        post(run("del_ns_keep", "load", datasets("del_ns_keep", "raw"), datasets("del_ns", "staged")));
        post(run("del_ns", "transform", datasets("del_ns", "staged"), datasets("del_ns", "mart")));

        JsonNode deleted = ok(client().delete("/api/v1/namespaces/del_ns"));

        assertThat(deleted.path("name").asText()).isEqualTo("del_ns");
        assertThat(deleted.path("isHidden").asBoolean()).isTrue();
        assertThat(ok(client().get("/api/v1/namespaces/del_ns"))
                        .path("isHidden")
                        .asBoolean())
                .isTrue();
        assertThat(names(ok(client().get("/api/v1/namespaces?limit=100000")).path("namespaces")))
                .contains("del_ns_keep")
                .doesNotContain("del_ns");
        assertThat(ok(client().get("/api/v1/namespaces/del_ns/datasets")).path("datasets"))
                .isEmpty();
        assertThat(ok(client().get("/api/v1/namespaces/del_ns/jobs")).path("jobs"))
                .isEmpty();
        assertProblem(client().get("/api/v1/namespaces/del_ns/jobs/transform"), 404, "JOB_NOT_FOUND");
        assertThat(nodeIds(client().lineage("dataset:del_ns_keep:raw", "")))
                .containsExactly("dataset:del_ns_keep:raw", "job:del_ns_keep:load");

        // An event of the job brings back the namespace, the job and the datasets it names, not the rest.
        post(run("del_ns", "transform", datasets("del_ns", "staged"), NODES.arrayNode()));

        assertThat(ok(client().get("/api/v1/namespaces/del_ns"))
                        .path("isHidden")
                        .asBoolean())
                .isFalse();
        assertThat(names(ok(client().get("/api/v1/namespaces/del_ns/datasets")).path("datasets")))
                .containsExactly("staged");
        assertThat(names(ok(client().get("/api/v1/namespaces/del_ns/jobs")).path("jobs")))
                .containsExactly("transform");
        assertThat(nodeIds(client().lineage("dataset:del_ns_keep:raw", "")))
                .containsExactly(
                        "dataset:del_ns:staged",
                        "dataset:del_ns_keep:raw",
                        "job:del_ns:transform",
                        "job:del_ns_keep:load");
    }

    @Test
    void deletingWhatDoesNotExistIs404() {
        post(run("del_absent", "job", NODES.arrayNode(), datasets("del_absent", "t")));

        assertProblem(client().delete("/api/v1/namespaces/del_nowhere"), 404, "NAMESPACE_NOT_FOUND");
        assertProblem(client().delete("/api/v1/namespaces/del_nowhere/datasets/t"), 404, "NAMESPACE_NOT_FOUND");
        assertProblem(client().delete("/api/v1/namespaces/del_absent/datasets/nope"), 404, "DATASET_NOT_FOUND");
        assertProblem(client().delete("/api/v1/namespaces/del_absent/jobs/nope"), 404, "JOB_NOT_FOUND");
        assertThat(ok(client().get("/api/v1/namespaces/del_absent/datasets/t"))
                        .path("deleted")
                        .asBoolean())
                .isFalse();
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
        assertThat(ServerClient.json(response.body()).path("code").asText())
                .as(response.uri().toString())
                .isEqualTo(code);
    }

    /** A COMPLETE run of the job that read the inputs and wrote the outputs. */
    private static ObjectNode run(String namespace, String job, ArrayNode inputs, ArrayNode outputs) {
        ObjectNode event = TestEvents.runEvent("COMPLETE", TEN, UUID.randomUUID(), namespace, job);
        event.set("inputs", inputs);
        event.set("outputs", outputs);
        return event;
    }

    private static ArrayNode datasets(String namespace, String name) {
        return NODES.arrayNode().add(TestEvents.dataset(namespace, name));
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(element -> names.add(element.path("name").asText()));
        return names;
    }

    private static List<String> nodeIds(JsonNode lineage) {
        List<String> ids = new ArrayList<>();
        lineage.path("graph").forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }

    /** Every edge of the graph as {@code origin>destination}. */
    private static List<String> edges(JsonNode lineage) {
        List<String> edges = new ArrayList<>();
        for (JsonNode node : lineage.path("graph")) {
            node.path("outEdges")
                    .forEach(edge -> edges.add(edge.path("origin").asText() + ">"
                            + edge.path("destination").asText()));
        }
        return edges;
    }
}
