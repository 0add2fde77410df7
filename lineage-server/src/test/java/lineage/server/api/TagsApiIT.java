package lineage.server.api;

import static lineage.server.testing.TestEvents.dataset;
import static lineage.server.testing.TestEvents.runEvent;
import static lineage.server.testing.TestEvents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Marquez's tags: creating and listing tags, tagging datasets, their fields and jobs, and every refusal. Each test uses
 * namespaces and tags of its own.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TagsApiIT implements TestPropertyProvider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TEN = "2026-11-23T10:00:00Z";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @Test
    void tagsAreCreatedDescribedAndListedByName() {
        assertThat(ok(client().put("/api/v1/tags/list_b", "{\"description\": \"first\"}")))
                .isEqualTo(tag("list_b", "first"));
        assertThat(ok(client().put("/api/v1/tags/list_a", "{}"))).isEqualTo(tag("list_a", null));
        assertThat(ok(client().put("/api/v1/tags/list_b", "{\"description\": \"second\"}")))
                .isEqualTo(tag("list_b", "second"));

        JsonNode tags = ok(client().get("/api/v1/tags")).path("tags");

        assertThat(names(tags)).containsSubsequence("list_a", "list_b").doesNotHaveDuplicates();
        assertThat(find(tags, "list_b")).isEqualTo(tag("list_b", "second"));
        List<String> all = names(tags);
        assertThat(names(ok(client().get("/api/v1/tags?limit=1&offset=1")).path("tags")))
                .isEqualTo(all.subList(1, 2));
        assertProblem(client().get("/api/v1/tags?limit=-1"), 400, "INVALID_PARAMETER");
        assertProblem(client().put("/api/v1/tags/bad", "{\"description\": 1}"), 400, "INVALID_PARAMETER");
        assertProblem(client().put("/api/v1/tags/bad", "{\"description\": "), 400, "MALFORMED_JSON");
    }

    @Test
    void datasetAndFieldTagsShowInTheDataset() {
        ObjectNode output = dataset("tagged_ds", "orders");
        output.putObject("facets").set("schema", schema("id", "BIGINT", "email", "VARCHAR"));
        post(event("COMPLETE", "tagged_ds", "load")
                .set("outputs", NODES.arrayNode().add(output)));
        ok(client().put("/api/v1/tags/pii", "{\"description\": \"personal data\"}"));
        ok(client().put("/api/v1/tags/gold", "{}"));
        String path = "/api/v1/namespaces/tagged_ds/datasets/orders";

        ok(client().post(path + "/tags/gold", ""));
        JsonNode tagged = ok(client().post(path + "/tags/pii", ""));
        ok(client().post(path + "/tags/pii", ""));
        JsonNode fieldTagged = ok(client().post(path + "/fields/email/tags/pii", ""));

        assertThat(texts(tagged.path("tags"))).containsExactly("gold", "pii");
        assertThat(texts(fieldTagged.path("fields").get(1).path("tags"))).containsExactly("pii");
        assertThat(fieldTagged.path("fields").get(0).path("tags")).isEmpty();
        assertThat(ok(client().get(path))).isEqualTo(fieldTagged);
        JsonNode listed = ok(client().get("/api/v1/namespaces/tagged_ds/datasets"))
                .path("datasets")
                .get(0);
        assertThat(listed).isEqualTo(fieldTagged);

        JsonNode untagged = ok(client().delete(path + "/tags/gold"));
        assertThat(texts(untagged.path("tags"))).containsExactly("pii");
        JsonNode fieldUntagged = ok(client().delete(path + "/fields/email/tags/pii"));
        assertThat(fieldUntagged.path("fields").get(1).path("tags")).isEmpty();
        assertThat(ok(client().delete(path + "/fields/email/tags/pii"))).isEqualTo(fieldUntagged);
    }

    @Test
    void jobTagsShowInTheJob() {
        post(event("COMPLETE", "tagged_job", "daily")
                .set("outputs", NODES.arrayNode().add(dataset("tagged_job", "t"))));
        ok(client().put("/api/v1/tags/critical", "{\"description\": \"pages someone\"}"));
        String path = "/api/v1/namespaces/tagged_job/jobs/daily";

        JsonNode tagged = ok(client().post(path + "/tags/critical", ""));

        assertThat(texts(tagged.path("tags"))).containsExactly("critical");
        assertThat(ok(client().get(path)).path("tags")).isEqualTo(tagged.path("tags"));
        assertThat(ok(client().get("/api/v1/namespaces/tagged_job/jobs"))
                        .path("jobs")
                        .get(0)
                        .path("tags"))
                .isEqualTo(tagged.path("tags"));
        assertThat(ok(client().delete(path + "/tags/critical")).path("tags")).isEmpty();
        assertThat(ok(client().get(path)).path("tags")).isEmpty();
    }

    @Test
    void unknownTagsDatasetsFieldsAndJobsAre404() {
        ObjectNode output = dataset("tag_refusals", "t");
        output.putObject("facets").set("schema", schema("id", "BIGINT"));
        post(event("COMPLETE", "tag_refusals", "job")
                .set("outputs", NODES.arrayNode().add(output)));
        ok(client().put("/api/v1/tags/known", "{}"));
        String datasets = "/api/v1/namespaces/tag_refusals/datasets/";

        assertProblem(client().post(datasets + "t/tags/no_such_tag", ""), 404, "TAG_NOT_FOUND");
        assertProblem(client().delete(datasets + "t/tags/no_such_tag"), 404, "TAG_NOT_FOUND");
        assertProblem(client().post(datasets + "t/fields/id/tags/no_such_tag", ""), 404, "TAG_NOT_FOUND");
        assertProblem(client().post(datasets + "t/fields/nope/tags/known", ""), 404, "FIELD_NOT_FOUND");
        assertProblem(client().post(datasets + "nope/tags/known", ""), 404, "DATASET_NOT_FOUND");
        assertProblem(
                client().post("/api/v1/namespaces/tag_refusals/jobs/job/tags/no_such_tag", ""), 404, "TAG_NOT_FOUND");
        assertProblem(client().post("/api/v1/namespaces/tag_refusals/jobs/nope/tags/known", ""), 404, "JOB_NOT_FOUND");
        assertProblem(client().post("/api/v1/namespaces/nowhere/jobs/job/tags/known", ""), 404, "NAMESPACE_NOT_FOUND");
        assertThat(ok(client().get(datasets + "t")).path("tags")).isEmpty();
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
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
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

    private static ObjectNode tag(String name, String description) {
        return NODES.objectNode().put("name", name).put("description", description);
    }

    private static ObjectNode event(String type, String namespace, String job) {
        return runEvent(type, TEN, UUID.randomUUID(), namespace, job);
    }

    private static JsonNode find(JsonNode tags, String name) {
        for (JsonNode tag : tags) {
            if (tag.path("name").asText().equals(name)) {
                return tag;
            }
        }
        throw new AssertionError("no tag " + name + " in " + tags);
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(element -> names.add(element.path("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
