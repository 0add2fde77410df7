package lineage.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A dataset named {@code " .public.u"} under a {@code trino://} namespace (a blank catalog) is stored, and every read
 * around it still answers: its domain is its namespace's.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlankCatalogIT implements TestPropertyProvider {
    private static final String TRINO = "trino://blank-catalog:8080";
    private static final List<String> NODES = List.of(
            "dataset:" + TRINO + ":cat.public.a",
            "job:" + TRINO + ":writes_blank",
            "dataset:" + TRINO + ": .public.u",
            "job:" + TRINO + ":reads_blank",
            "dataset:" + TRINO + ":cat.public.b");

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @BeforeAll
    void storeTheBlankCatalog() {
        post(job("writes_blank", "cat.public.a", " .public.u"));
        post(job("reads_blank", " .public.u", "cat.public.b"));
    }

    @Test
    void domainsAndTheDomainGraphAnswer() {
        JsonNode domains = getOk("/api/v1/domains");
        assertThat(domains.path("domains").findValuesAsText("name")).contains("cat", TRINO);
        JsonNode graph = getOk("/api/v1/domains/graph");
        assertThat(graph.path("edges").toString()).contains(TRINO);
    }

    @Test
    void lineageOfEveryNodeAroundItAnswers() {
        for (String node : NODES) {
            JsonNode lineage = client().lineage(node, "&depth=5");
            assertThat(lineage.path("graph")).as(node).hasSize(NODES.size());
        }
    }

    @Test
    void impactOfEveryNodeAroundItAnswers() {
        for (String node :
                NODES.stream().filter(id -> id.startsWith("dataset:")).toList()) {
            HttpResponse<String> response =
                    client().get("/api/v1/impact?nodeId=" + URLEncoder.encode(node, StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(node + ": " + response.body()).isEqualTo(200);
        }
        JsonNode impact = getOk("/api/v1/impact?nodeId=" + URLEncoder.encode(NODES.get(0), StandardCharsets.UTF_8));
        assertThat(impact.path("impacted").findValuesAsText("domain")).contains(TRINO, "cat");
    }

    private static ObjectNode job(String name, String input, String output) {
        ObjectNode event = TestEvents.runEvent("COMPLETE", "2026-11-20T08:00:00Z", UUID.randomUUID(), TRINO, name);
        event.putArray("inputs").add(TestEvents.dataset(TRINO, input));
        event.putArray("outputs").add(TestEvents.dataset(TRINO, output));
        return event;
    }

    private void post(ObjectNode event) {
        HttpResponse<String> response = client().post("/api/v1/lineage", event.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private JsonNode getOk(String path) {
        HttpResponse<String> response = client().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }
}
