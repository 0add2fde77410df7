package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.transports.ApiKeyTokenProvider;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.HttpTransportResponseException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** API keys: the official client's {@code ApiKeyTokenProvider}, and plain HTTP with and without the right key. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeyIT implements TestPropertyProvider {
    private static final String WRITE_KEY = "write-key-0b6c";
    private static final String OTHER_WRITE_KEY = "write-key-7f21";
    private static final String READ_KEY = "read-key-93ad";

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.auth.write-keys", WRITE_KEY + "," + OTHER_WRITE_KEY);
        properties.put("lineage.auth.read-keys", READ_KEY);
        return properties;
    }

    @Test
    void theOfficialClientWithAWriteKeyIsHeard() throws IOException {
        try (HttpTransport transport = transport(OTHER_WRITE_KEY)) {
            transport.emit(completeEvent("etl.with_key"));
        }

        HttpResponse<String> lineage = get("/api/v1/lineage?nodeId=" + encode("job:etl:etl.with_key"), READ_KEY);

        assertThat(lineage.statusCode()).isEqualTo(200);
        assertThat(LineageAnswers.ids(ServerClient.json(lineage.body())))
                .containsExactly(
                        "dataset:trino://trino:8080:a.b.in",
                        "dataset:trino://trino:8080:a.b.out",
                        "job:etl:etl.with_key");
    }

    @Test
    void theOfficialClientWithAWrongKeyIsRefusedAndNothingIsStored() throws IOException {
        try (HttpTransport transport = transport("not-a-key")) {
            assertThatThrownBy(() -> transport.emit(completeEvent("etl.wrong_key")))
                    .isInstanceOfSatisfying(
                            HttpTransportResponseException.class,
                            refusal -> assertThat(refusal.getStatusCode()).isEqualTo(401));
        }
        try (HttpTransport transport = transport(READ_KEY)) {
            assertThatThrownBy(() -> transport.emit(completeEvent("etl.read_key")))
                    .isInstanceOfSatisfying(
                            HttpTransportResponseException.class,
                            refusal -> assertThat(refusal.getStatusCode()).isEqualTo(401));
        }

        assertThat(get("/api/v1/lineage?nodeId=" + encode("job:etl:etl.wrong_key"), WRITE_KEY)
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/lineage?nodeId=" + encode("job:etl:etl.read_key"), WRITE_KEY)
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void aPostWithoutAKeyIsA401ProblemThatRevealsNoKey() {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/lineage"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertUnauthorized(response);
        assertThat(ServerClient.json(response.body()).path("detail").asText())
                .isEqualTo("this request needs an API key: Authorization: Bearer <key>");
    }

    @Test
    void aPostWithAReadKeyOrAnotherSchemeIsRefused() {
        assertUnauthorized(post(READ_KEY));
        HttpResponse<String> basic = send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/lineage"))
                .header("Authorization", "Basic " + WRITE_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertUnauthorized(basic);
    }

    @Test
    void readsNeedAReadOrAWriteKey() {
        assertUnauthorized(send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/namespaces"))
                .GET()));
        assertUnauthorized(get("/api/v1/namespaces", "not-a-key"));
        assertUnauthorized(get("/api/v1/namespaces", READ_KEY + "x"));

        assertThat(get("/api/v1/namespaces", READ_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/namespaces", WRITE_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void settingANamespacesOwnerNeedsAWriteKey() {
        String owner = "{\"ownerName\": \"data-platform\"}";
        for (String key : List.of("", READ_KEY)) {
            HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve("/api/v1/namespaces/keyed"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(owner));
            if (!key.isEmpty()) {
                request.header("Authorization", "Bearer " + key);
            }
            assertUnauthorized(send(request));
        }
        assertThat(get("/api/v1/namespaces/keyed", READ_KEY).statusCode()).isEqualTo(404);

        HttpResponse<String> written =
                send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/namespaces/keyed"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + WRITE_KEY)
                        .PUT(HttpRequest.BodyPublishers.ofString(owner)));

        assertThat(written.statusCode()).isEqualTo(200);
        assertThat(ServerClient.json(get("/api/v1/namespaces/keyed", READ_KEY).body())
                        .path("ownerName")
                        .asText())
                .isEqualTo("data-platform");
    }

    @Test
    void healthNeedsNoKey() {
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(server.getURI().resolve("/health")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(response.headers().firstValue("www-authenticate")).contains("Bearer realm=\"lineage\"");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(response.body()).doesNotContain(WRITE_KEY, OTHER_WRITE_KEY, READ_KEY);
    }

    private HttpTransport transport(String apiKey) {
        ApiKeyTokenProvider auth = new ApiKeyTokenProvider();
        auth.setApiKey(apiKey);
        HttpConfig config = new HttpConfig();
        config.setUrl(server.getURI());
        config.setAuth(auth);
        return new HttpTransport(config);
    }

    private static OpenLineage.RunEvent completeEvent(String job) {
        return TestEvents.clientRunEvent(
                UUID.randomUUID(), OpenLineage.RunEvent.EventType.COMPLETE, job, List.of("a.b.in"), List.of("a.b.out"));
    }

    private HttpResponse<String> post(String key) {
        return send(HttpRequest.newBuilder(server.getURI().resolve("/api/v1/lineage"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    }

    private HttpResponse<String> get(String path, String key) {
        return send(HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Authorization", "Bearer " + key)
                .GET());
    }

    private static String encode(String nodeId) {
        return URLEncoder.encode(nodeId, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }
}
