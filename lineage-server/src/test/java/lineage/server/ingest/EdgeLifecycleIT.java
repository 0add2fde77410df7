package lineage.server.ingest;

import static lineage.server.testing.LineageAnswers.ids;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Edge lifecycle: {@code asOf} answers with the graph as it was, a job that stops reading a table stops being its
 * downstream (tables and columns), and edges not seen within {@code lineage.edges.stale-after} (30 days here) are left
 * out unless {@code includeStale=true}.
 *
 * <p>The story: job {@code load_b} reads {@code sales.public.a} into {@code mart.public.b} on 2026-01-01 (column
 * {@code x} from {@code a.x}); {@code report_d} reads {@code b} into {@code reports.public.d} on 2026-02-01; on
 * 2026-03-01 {@code load_b} reads {@code sales.public.c} instead of {@code a}; an hour ago {@code export_e} read
 * {@code b} into {@code mart.public.e}. Today, only {@code export_e}'s edges are fresh.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeLifecycleIT implements TestPropertyProvider {
    private static final String NS = "trino://lifecycle-" + UUID.randomUUID() + ":8080";
    private static final String A = "sales.public.a";
    private static final String B = "mart.public.b";
    private static final String C = "sales.public.c";
    private static final String D = "reports.public.d";
    private static final String E = "mart.public.e";
    private static final String FEBRUARY = "2026-02-15T00:00:00Z";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.edges.stale-after", "30d");
        return properties;
    }

    @BeforeAll
    void postTheStory() {
        run("load_b", "2026-01-01T02:00:00Z", A, B, "x");
        run("report_d", "2026-02-01T02:00:00Z", B, D, null);
        run("load_b", "2026-03-01T02:00:00Z", C, B, "x");
        run("export_e", Instant.now().minus(1, ChronoUnit.HOURS).toString(), B, E, null);
    }

    @Test
    void todayOnlyFreshEdgesCountUnlessStaleOnesAreAskedFor() {
        assertThat(ids(client().lineage(dataset(B), "&direction=downstream")))
                .containsExactlyInAnyOrder(dataset(B), job("export_e"), dataset(E));
        assertThat(ids(client().lineage(dataset(B), "&direction=downstream&includeStale=true")))
                .containsExactlyInAnyOrder(dataset(B), job("export_e"), dataset(E), job("report_d"), dataset(D));
    }

    @Test
    void aJobThatStoppedReadingATableIsNoLongerItsDownstream() {
        assertThat(ids(client().lineage(dataset(B), "&direction=upstream&includeStale=true")))
                .containsExactlyInAnyOrder(dataset(B), job("load_b"), dataset(C));
        assertThat(impacted(A, "&includeStale=true")).isEmpty();
        assertThat(impacted(A, "&column=x&includeStale=true")).isEmpty();
        assertThat(impacted(C, "&column=x&includeStale=true"))
                .containsExactlyInAnyOrder(job("load_b"), dataset(B), field(B, "x"));
    }

    @Test
    void asOfAnswersWithTheGraphAsItWas() {
        String february = "&asOf=" + FEBRUARY + "&includeStale=true";
        assertThat(ids(client().lineage(dataset(B), "&direction=upstream" + february)))
                .containsExactlyInAnyOrder(dataset(B), job("load_b"), dataset(A));
        assertThat(ids(client().lineage(dataset(B), "&direction=downstream" + february)))
                .containsExactlyInAnyOrder(dataset(B), job("report_d"), dataset(D));
        assertThat(impacted(A, february))
                .containsExactlyInAnyOrder(job("load_b"), dataset(B), job("report_d"), dataset(D));
        assertThat(impacted(A, "&column=x" + february))
                .containsExactlyInAnyOrder(job("load_b"), dataset(B), field(B, "x"));
        assertThat(impacted(C, february)).isEmpty();
        // Before anything was seen, a dataset that exists today has no lineage.
        assertThat(ids(client().lineage(dataset(B), "&asOf=2025-06-01T00:00:00Z&includeStale=true")))
                .containsExactly(dataset(B));
    }

    @Test
    void staleEdgesAreFlaggedWhenIncluded() {
        JsonNode answer = impact(B, "&includeStale=true");
        Map<String, Boolean> stale = new HashMap<>();
        answer.path("impacted")
                .forEach(item ->
                        stale.put(item.path("id").asText(), item.path("stale").asBoolean()));
        assertThat(stale)
                .containsEntry(job("report_d"), true)
                .containsEntry(dataset(D), true)
                .containsEntry(job("export_e"), false)
                .containsEntry(dataset(E), false);
        assertThat(answer.path("includeStale").asBoolean()).isTrue();
    }

    @Test
    void lineageAndImpactCanBeFilteredToDomains() {
        JsonNode lineage = client().lineage(dataset(B), "&direction=downstream&includeStale=true&domain=reports");
        assertThat(ids(lineage))
                .contains(dataset(B), job("report_d"), dataset(D))
                .doesNotContain(dataset(E));
        lineage.path("graph").forEach(node -> {
            if (node.path("type").asText().equals("DATASET")) {
                assertThat(node.path("data").path("domain").asText())
                        .isEqualTo(node.path("data").path("name").asText().split("\\.")[0]);
            }
        });
        JsonNode impact = impact(B, "&includeStale=true&domain=reports");
        assertThat(impacted(impact)).containsExactlyInAnyOrder(job("report_d"), dataset(D));
        assertThat(impact.path("summary").path("datasetsByDomain").toString()).isEqualTo("{\"reports\":1}");
    }

    @Test
    void aBadTimeIsAnInvalidParameter() {
        HttpResponse<String> response = client().get("/api/v1/impact?nodeId=" + encode(dataset(B)) + "&asOf=yesterday");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("asOf");
    }

    private void run(String job, String time, String input, String output, String column) {
        UUID runId = UUID.randomUUID();
        for (String type : List.of("START", "COMPLETE")) {
            ObjectNode event = TestEvents.runEvent(type, time, runId, NS, job);
            event.putArray("inputs").add(TestEvents.dataset(NS, input));
            ObjectNode written = TestEvents.dataset(NS, output);
            if (column != null) {
                ObjectNode source = ((ObjectNode) written.get("facets"))
                        .putObject("columnLineage")
                        .put("_producer", "https://github.com/lineage/tests")
                        .put("_schemaURL", "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json")
                        .putObject("fields")
                        .putObject(column)
                        .putArray("inputFields")
                        .addObject()
                        .put("namespace", NS)
                        .put("name", input)
                        .put("field", column);
                source.putArray("transformations")
                        .addObject()
                        .put("type", "DIRECT")
                        .put("subtype", "IDENTITY");
            }
            event.putArray("outputs").add(written);
            HttpResponse<String> response = client().post("/api/v1/lineage", event.toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    private JsonNode impact(String dataset, String query) {
        HttpResponse<String> response = client().get("/api/v1/impact?nodeId=" + encode(dataset(dataset)) + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private List<String> impacted(String dataset, String query) {
        return impacted(impact(dataset, query));
    }

    private static List<String> impacted(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("impacted").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static String dataset(String name) {
        return "dataset:" + NS + ":" + name;
    }

    private static String field(String dataset, String field) {
        return "datasetField:" + NS + ":" + dataset + ":" + field;
    }

    private static String job(String name) {
        return "job:" + NS + ":" + name;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }
}
