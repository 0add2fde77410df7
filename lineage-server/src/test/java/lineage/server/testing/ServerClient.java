package lineage.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Plain HTTP against the running server, so tests see exactly what a client sees (status, headers, body). */
public final class ServerClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();

    public ServerClient(URI base) {
        this.base = base;
    }

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> put(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE().build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    /** {@code GET /api/v1/lineage} for a node, as JSON; fails unless the answer is 200. */
    public JsonNode lineage(String nodeId, String query) {
        HttpResponse<String> response =
                get("/api/v1/lineage?nodeId=" + URLEncoder.encode(nodeId, StandardCharsets.UTF_8) + query);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "lineage of " + nodeId + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response.body());
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }
}
