package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link ProblemBodies}: an error that some part of the server answered without a body (here a filter's bare 403, as
 * the management endpoints' filter answered 401 and 403) reaches the client as problem+json.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemBodiesIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("testing.empty-error-filter", "true");
        return properties;
    }

    @Test
    void anErrorWithoutABodyGetsAProblemBody() {
        HttpResponse<String> response = new ServerClient(server.getURI()).get("/testing/empty-error");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(403);
        assertThat(problem.path("code").asText()).isEqualTo("FORBIDDEN");
    }
}
