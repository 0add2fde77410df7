package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The limits of docs/api.md, with small settings: the HTTP layer follows {@code lineage.max-event-bytes} (at, under and
 * over it, plain and gzip), oversized schema-change previews are refused before any work, and work past {@code
 * lineage.limits.max-work-time} (here 1 ns, so every bounded answer runs past it) is stopped with 503.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LimitsIT implements TestPropertyProvider {
    private static final int LIMIT = 1_048_576;
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.max-event-bytes", Integer.toString(LIMIT));
        properties.put("lineage.limits.max-schema-changes", "5");
        properties.put("lineage.limits.max-ddl-bytes", "1000");
        properties.put("lineage.limits.max-work-time", "PT0.000000001S");
        properties.put("lineage.limits.max-batch-events", "3");
        return properties;
    }

    @Test
    void bodiesUpToTheLimitAreReadAndOneByteMoreIsRefusedNamingTheSetting() {
        for (String path : new String[] {"/api/v1/lineage", "/api/v1/trino/events"}) {
            assertThat(send(path, body(LIMIT), false).statusCode())
                    .as("exactly at the limit, %s reads it (and finds no event in it)", path)
                    .isEqualTo(422);
            assertThat(send(path, body(LIMIT - 1), false).statusCode()).isEqualTo(422);
            HttpResponse<String> over = send(path, body(LIMIT + 1), false);
            assertThat(over.statusCode()).isEqualTo(413);
            assertProblem(over, "PAYLOAD_TOO_LARGE");
            assertThat(ServerClient.json(over.body()).path("detail").asText())
                    .isEqualTo("the body is larger than 1048576 bytes, the limit set by lineage.max-event-bytes"
                            + " (after gzip or deflate is undone)");
        }
    }

    @Test
    void gzipBodiesAreReadAndTheLimitHoldsAfterDecompression() {
        String event = TestEvents.runEventJson(UUID.randomUUID(), "COMPLETE", "gzipped", "\"inputs\": []");
        assertThat(send("/api/v1/lineage", gzip(event.getBytes(StandardCharsets.UTF_8)), true)
                        .statusCode())
                .isEqualTo(201);
        byte[] bomb = gzip(body(8 * LIMIT));
        assertThat(bomb.length).as("the bomb is small on the wire").isLessThan(LIMIT / 10);
        HttpResponse<String> exploded = send("/api/v1/lineage", bomb, true);
        assertThat(exploded.statusCode()).isEqualTo(413);
        assertProblem(exploded, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyThatIsNotTheGzipItClaimsIsA400() {
        byte[] garbage = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 'n', 'o', 't', ' ', 'g', 'z', 'i', 'p'};
        for (byte[] body : new byte[][] {garbage, "plain text".getBytes(StandardCharsets.UTF_8)}) {
            HttpResponse<String> response = send("/api/v1/lineage", body, true);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertProblem(response, "MALFORMED_JSON");
        }
    }

    @Test
    void aBatchOfMoreElementsThanTheLimitIsRefusedWhole() {
        ServerClient client = new ServerClient(server.getURI());
        assertThat(client.post("/api/v1/lineage", "[1, 2, 3]").statusCode()).isEqualTo(200);
        HttpResponse<String> over = client.post("/api/v1/lineage", "[1, 2, 3, 4]");
        assertThat(over.statusCode()).isEqualTo(413);
        assertProblem(over, "PAYLOAD_TOO_LARGE");
        assertThat(ServerClient.json(over.body()).path("detail").asText())
                .isEqualTo("the batch has 4 elements; the limit is 3 (lineage.limits.max-batch-events)");
    }

    @Test
    void tooManyChangesOrTooLargeADdlScriptIsRefusedBeforeAnyWork() {
        StringBuilder changes = new StringBuilder("{\"changes\": [");
        for (int index = 0; index < 6; index++) {
            changes.append(index == 0 ? "" : ",")
                    .append("{\"kind\": \"DROP_COLUMN\", \"dataset\": \"a.b.c\", \"column\": \"c")
                    .append(index)
                    .append("\"}");
        }
        assertRefused(
                changes.append("]}").toString(),
                "changes",
                "has 6 items; the limit is 5 (lineage.limits.max-schema-changes)");
        assertRefused(
                "{\"ddl\": \"" + "ALTER TABLE a.b.c DROP COLUMN x;".repeat(40) + "\"}",
                "ddl",
                "has 1280 bytes; the limit is 1000 (lineage.limits.max-ddl-bytes)");
        assertRefused(
                "{\"ddl\": \"" + "DROP TABLE a.b.c;".repeat(6) + "\"}",
                "ddl",
                "has 6 statements; the limit is 5 (lineage.limits.max-schema-changes)");
    }

    @Test
    void workPastItsTimeIsStoppedWith503() {
        ServerClient client = new ServerClient(server.getURI());
        String event = TestEvents.runEventJson(
                UUID.randomUUID(),
                "COMPLETE",
                "limits.copy",
                "\"inputs\": [{\"namespace\": \"ns\", \"name\": \"a.b.source\"}],"
                        + " \"outputs\": [{\"namespace\": \"ns\", \"name\": \"a.b.target\"}]");
        assertThat(client.post("/api/v1/lineage", event).statusCode()).isEqualTo(201);
        String[] bounded = {
            "/api/v1/lineage?nodeId=dataset:ns:a.b.source",
            "/api/v1/lineage/export?nodeId=dataset:ns:a.b.source",
            "/api/v1/impact?nodeId=dataset:ns:a.b.source",
            "/api/v1/impact?nodeId=dataset:ns:a.b.source&column=id"
        };
        for (String path : bounded) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.get(path);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(503);
            assertProblem(response, "WORK_TOO_LONG");
            assertThat(response.body()).contains("lineage.limits.max-work-time");
        }
        long start = System.nanoTime();
        HttpResponse<String> preview = client.post(
                "/api/v1/impact/schema-change",
                "{\"changes\": [{\"kind\": \"DROP_COLUMN\", \"dataset\": \"a.b.source\", \"namespace\": \"ns\","
                        + " \"column\": \"id\"}]}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(503);
        assertProblem(preview, "WORK_TOO_LONG");
    }

    private void assertRefused(String request, String field, String message) {
        long start = System.nanoTime();
        HttpResponse<String> response = new ServerClient(server.getURI()).post("/api/v1/impact/schema-change", request);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertProblem(response, "PAYLOAD_TOO_LARGE");
        JsonNode error = ServerClient.json(response.body()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo(field);
        assertThat(error.path("message").asText()).isEqualTo(message);
    }

    static void assertProblem(HttpResponse<String> response, String code) {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(ServerClient.json(response.body()).path("code").asText()).isEqualTo(code);
    }

    /** A JSON object of exactly {@code size} bytes: {@code {"x":"aaa…"}}. */
    private static byte[] body(int size) {
        String prefix = "{\"x\":\"";
        String suffix = "\"}";
        return (prefix + "a".repeat(size - prefix.length() - suffix.length()) + suffix)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(bytes);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return compressed.toByteArray();
    }

    private HttpResponse<String> send(String path, byte[] body, boolean gzipped) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.getURI().resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzipped) {
            request.header("Content-Encoding", "gzip");
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
