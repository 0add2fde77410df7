package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What operators use: Prometheus metrics, the OpenAPI document and Swagger UI, and health. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    /** The only test that posts events, so the counters of this class's context are exact. */
    @Test
    void prometheusCountsEventsByResultAndShowsTheGraph() {
        String first = event("ops_first");
        assertThat(client().post("/api/v1/lineage", first).statusCode()).isEqualTo(201);
        assertThat(client().post("/api/v1/lineage", first).statusCode()).isEqualTo(201);
        assertThat(client().post("/api/v1/lineage", "{\"eventType\": \"START\"}")
                        .statusCode())
                .isEqualTo(422);
        // A batch: one new event, one already stored, one invalid.
        HttpResponse<String> batch =
                client().post("/api/v1/lineage", "[" + event("ops_second") + ", " + first + ", {}]");
        assertThat(batch.statusCode()).isEqualTo(200);

        HttpResponse<String> response = client().get("/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        String metrics = response.body();
        assertThat(value(metrics, "lineage_events_ingested_total{result=\"accepted\"}"))
                .isEqualTo(2);
        assertThat(value(metrics, "lineage_events_ingested_total{result=\"duplicate\"}"))
                .isEqualTo(2);
        assertThat(value(metrics, "lineage_events_ingested_total{result=\"rejected\"}"))
                .isEqualTo(2);
        assertThat(value(metrics, "lineage_projection_seconds_count{unit=\"event\"}"))
                .isEqualTo(2);
        assertThat(value(metrics, "lineage_projection_seconds_count{unit=\"batch\"}"))
                .isEqualTo(1);
        assertThat(value(metrics, "lineage_projection_seconds_sum{unit=\"event\"}"))
                .isPositive();
        // Two jobs, each reading one dataset and writing another.
        assertThat(value(metrics, "lineage_graph_nodes")).isEqualTo(6);
        assertThat(value(metrics, "lineage_graph_edges")).isEqualTo(4);
    }

    @Test
    void theOpenApiDocumentNamesTheLineageEndpoints() {
        HttpResponse<String> response = client().get("/swagger/lineage-server-" + version() + ".yml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .startsWith("openapi: 3.")
                .contains("title: lineage-server", "version: " + version())
                .contains("  /api/v1/lineage:\n", "  /api/v1/lineage/export:\n", "  /api/v1/namespaces:\n");
    }

    @Test
    void swaggerUiServesItsPageAndAssets() {
        HttpResponse<String> page = client().get("/swagger-ui/index.html");
        HttpResponse<String> bundle = client().get("/swagger-ui/res/swagger-ui-bundle.js");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("/swagger/lineage-server-" + version() + ".yml");
        assertThat(bundle.statusCode()).isEqualTo(200);
    }

    @Test
    void healthIsUp() {
        HttpResponse<String> response = client().get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(ServerClient.json(response.body()).path("status").asText()).isEqualTo("UP");
    }

    private static String version() {
        String version = System.getProperty("lineage.version");
        assertThat(version).as("lineage.version, set by the failsafe plugin").isNotBlank();
        return version;
    }

    /** The value of one sample line of the Prometheus text format. */
    private static double value(String metrics, String sample) {
        return metrics.lines()
                .filter(line -> line.startsWith(sample + " "))
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample " + sample + " in:\n" + metrics));
    }

    private static String event(String job) {
        return TestEvents.runEventJson(
                UUID.randomUUID(),
                "COMPLETE",
                job,
                "\"inputs\": [{\"namespace\": \"ops\", \"name\": \"" + job + "_in\"}],"
                        + " \"outputs\": [{\"namespace\": \"ops\", \"name\": \"" + job + "_out\"}]");
    }
}
