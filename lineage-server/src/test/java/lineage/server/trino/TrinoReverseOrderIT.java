package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The 86 captures in reverse arrival order (every COMPLETE before its START, every completed event before its created
 * one, models before the views they read) give the same runs, jobs and lineage; and what {@code POST
 * /api/v1/trino/events} answers to bad input.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoReverseOrderIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.max-event-bytes", "1048576");
        return properties;
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    @BeforeAll
    void replayInReverseOrder() {
        List<String> files = new ArrayList<>(TrinoCaptures.all());
        Collections.reverse(files);
        TrinoIngestionIT.post(client(), files);
    }

    @Test
    void eachQueryIsStillOneRunOfOneJob() {
        TrinoIngestionIT.assertOneRunPerQuery(client());
    }

    @Test
    void theLineageIsTheSame() {
        TrinoIngestionIT.assertReachesTheThreeDomains(client());
        TrinoIngestionIT.assertDomainsAndNoArtefacts(client());
        TrinoIngestionIT.assertSchemasAreWholeTables(client());
    }

    @Test
    void failedQueriesAreStillFailedRuns() {
        TrinoIngestionIT.assertFailedRuns(client());
    }

    @Test
    void malformedJsonIsA400Problem() {
        HttpResponse<String> response = client().post("/api/v1/trino/events", "{\"metadata\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(ServerClient.json(response.body()).path("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(client().post("/api/v1/trino/events", "").statusCode()).isEqualTo(400);
    }

    @Test
    void jsonThatIsNoTrinoQueryEventIsA422ListingEachField() {
        HttpResponse<String> response = client().post(
                        "/api/v1/trino/events",
                        "{\"createTime\": \"yesterday\", \"metadata\": {\"queryId\": 7}, \"context\": {}}");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("INVALID_TRINO_EVENT");
        assertThat(problem.path("errors").toString())
                .contains("{\"field\":\"metadata.queryId\",\"message\":\"must be a non-empty string\"}")
                .contains("{\"field\":\"metadata.query\",\"message\":\"is required\"}")
                .contains("{\"field\":\"createTime\",\"message\":\"'yesterday' is not an ISO-8601 instant\"}");
        assertThat(client().post("/api/v1/trino/events", "[]").statusCode()).isEqualTo(422);
        assertThat(client().post("/api/v1/trino/events", "{\"eventType\": \"START\"}")
                        .statusCode())
                .isEqualTo(422);
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String body = "{\"createTime\": \"2026-11-23T13:51:24.040Z\", \"padding\": \"" + "x".repeat(1_100_000) + "\"}";

        HttpResponse<String> response = client().post("/api/v1/trino/events", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(ServerClient.json(response.body()).path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
    }
}
