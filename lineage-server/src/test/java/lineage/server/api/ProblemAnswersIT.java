package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every error is problem+json with no Java, Jackson, Netty or framework class in it: malformed bodies at every endpoint
 * that reads one, unreadable parameters, the management endpoints, and read parameters PostgreSQL cannot hold (NUL,
 * lone surrogates) or times outside the accepted range, which are 400 naming the parameter.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemAnswersIT implements TestPropertyProvider {
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b(java|javax|jakarta|io\\.micronaut|com\\.fasterxml|io\\.netty|org\\.postgresql)\\.|Exception\\b"
                    + "|StreamReadConstraints|Feature '");
    private static final String[] BODY_PATHS = {
        "/api/v1/lineage", "/api/v1/trino/events", "/api/v1/impact/schema-change"
    };

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        return new HashMap<>(TestingDatabase.properties());
    }

    @Test
    void malformedBodiesAreProblemsThatNameNoClass() {
        List<byte[]> bodies = new ArrayList<>();
        for (String text : new String[] {
            "{\"a\":",
            "{'a': 1}",
            "{\"a\": 1}}",
            "[1,]",
            "/* comment */ {}",
            "{\"a\": 1e99999999}",
            "{\"a\": NaN}",
            "{\"a\": 0x10}",
            "{\"a\": \"\u0000\"}",
            "{\"a\": \"\\ud800\"}",
            "{\"eventTime\": 12, \"run\": [], \"job\": \"x\", \"producer\": {}}",
            "{\"depth\": \"deep\", \"changes\": 7}",
            "{\"depth\": 99999999999999999999, \"ddl\": 1}",
            "\"just a string\"",
            "nul",
            "{\"a\": \"" + "1".repeat(30_000) + "\"}",
            "{\"a\": " + "9".repeat(2_000) + "}",
            "[".repeat(5_000),
            "{\"a\": tru}",
            "{\"a\":1, \"a\":2}",
            "{\"run\": {\"runId\": \"1-1-1-1-1\"}}",
        }) {
            bodies.add(text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {(byte) 0xff, (byte) 0xfe, 0x7b, 0x7d});
        bodies.add(new byte[] {0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, (byte) 0xed, (byte) 0xa0, (byte) 0x80, 0x22, 0x7d});
        bodies.add(new byte[] {(byte) 0xc3, 0x28});
        for (String path : BODY_PATHS) {
            for (byte[] body : bodies) {
                HttpResponse<String> response = send("POST", path, body, "application/json");
                assertProblemWithoutInternals(response, path + " " + new String(body, StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void unreadableParametersMethodsAndTypesAreProblemsThatNameNoClass() {
        String[] paths = {
            "/api/v1/namespaces?limit=abc",
            "/api/v1/namespaces?limit=-1&offset=x",
            "/api/v1/namespaces/ns/jobs?limit=99999999999999999999",
            "/api/v1/lineage?nodeId=dataset:a:b&depth=deep",
            "/api/v1/lineage?nodeId=nothing",
            "/api/v1/lineage?nodeId=dataset:a:b&includeStale=maybe",
            "/api/v1/impact?nodeId=dataset:a:b&paths=maybe",
            "/api/v1/search?q=x&limit=abc",
            "/api/v1/events/lineage?limit=abc",
            "/api/v1/column-lineage?nodeId=x",
            "/no/such/route",
        };
        for (String path : paths) {
            assertProblemWithoutInternals(send("GET", path, null, null), path);
        }
        assertProblemWithoutInternals(send("DELETE", "/api/v1/lineage", null, null), "DELETE");
        assertProblemWithoutInternals(send("PATCH", "/api/v1/search", new byte[] {1}, "text/plain"), "PATCH");
        assertProblemWithoutInternals(
                send("PUT", "/api/v1/tags/x", "{\"description\": 5}".getBytes(StandardCharsets.UTF_8), "text/csv"),
                "PUT tag");
    }

    @Test
    void aRequestLineTooLongIsRefusedForWhatItIsNotForItsBody() {
        HttpResponse<String> response = send("GET", "/api/v1/search?q=" + "a".repeat(20_000), null, null);
        assertProblemWithoutInternals(response, "a long URL");
        assertThat(ServerClient.json(response.body()).path("detail").asText()).isEqualTo(ProblemRenderer.LINE_TOO_LONG);
        // Netty reads no more of that connection: a client that sent its next request on it would lose it.
        assertThat(response.headers().firstValue("Connection")).hasValue("close");
    }

    @Test
    void managementEndpointsOtherThanHealthAndPrometheusAreProblemsToo() {
        for (String path : new String[] {"/beans", "/info", "/routes", "/threaddump", "/loggers", "/env", "/refresh"}) {
            HttpResponse<String> response = send("GET", path, null, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertProblemWithoutInternals(response, path);
        }
        assertThat(send("GET", "/health", null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/prometheus", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void textNoNameCanHoldIsA400NamingTheParameter() {
        assertInvalid("/api/v1/lineage?nodeId=dataset:a%00b:x", "nodeId", "must not contain the NUL character");
        assertInvalid("/api/v1/impact?nodeId=dataset:a%00b:x", "nodeId", "must not contain the NUL character");
        assertInvalid("/api/v1/search?q=a%00b", "q", "must not contain the NUL character");
        assertInvalid("/api/v1/namespaces/a%00b/datasets/x", "path", "must not contain the NUL character");
        assertInvalid("/api/v1/namespaces/ns/jobs/a%00b", "path", "must not contain the NUL character");
        // A lone surrogate can only arrive as its (invalid) UTF-8 bytes, which decode to U+FFFD: an ordinary search.
        HttpResponse<String> surrogate = send("GET", "/api/v1/search?q=a%ED%A0%80b", null, null);
        assertThat(surrogate.statusCode()).as(surrogate.body()).isEqualTo(200);
    }

    @Test
    void timesOutsideTheAcceptedRangeAreA400() {
        for (String asOf : new String[] {
            "-999999999-01-01T00:00:00Z", "%2B999999999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "1899-12-31T23:59:59Z"
        }) {
            assertInvalid(
                    "/api/v1/lineage?nodeId=dataset:a:b&asOf=" + asOf,
                    "asOf",
                    "must be between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
        }
        assertThat(send("GET", "/api/v1/lineage?nodeId=dataset:a:b&asOf=1900-01-01T00:00:00Z", null, null)
                        .statusCode())
                .as("the first accepted time")
                .isEqualTo(404);
    }

    private void assertInvalid(String path, String field, String message) {
        HttpResponse<String> response = send("GET", path, null, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertProblemWithoutInternals(response, path);
        assertThat(ServerClient.json(response.body())
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo(field);
        assertThat(ServerClient.json(response.body())
                        .path("errors")
                        .get(0)
                        .path("message")
                        .asText())
                .isEqualTo(message);
    }

    private static void assertProblemWithoutInternals(HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(what + ": " + response.body()).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type")).as(what).contains("application/problem+json");
        assertThat(ServerClient.json(response.body()).path("code").asText())
                .as(what)
                .isNotEmpty();
        assertThat(INTERNALS.matcher(response.body()).find())
                .as("%s answered %s", what, response.body())
                .isFalse();
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
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
