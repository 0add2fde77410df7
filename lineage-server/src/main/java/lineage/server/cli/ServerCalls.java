package lineage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTP calls of the event commands to one server: its API key sent as this server's clients send it ({@code
 * Authorization: Bearer <key>}), and every failure as one line naming the server.
 */
final class ServerCalls {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 300;

    private final URI server;
    private final Optional<String> apiKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ServerCalls(URI server, Optional<String> apiKey) {
        this.server = server;
        this.apiKey = apiKey;
    }

    URI uri() {
        return server;
    }

    /** A request to a path (with its query) under the server's address. */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(server.toString().replaceAll("/+$", "") + path))
                .timeout(Duration.ofMinutes(2));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        return request;
    }

    HttpResponse<String> send(HttpRequest.Builder request, String what) throws CommandFailure {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException refused) {
            throw new CommandFailure("cannot reach " + server + " (" + what + "): connection refused");
        } catch (IOException failure) {
            throw new CommandFailure("cannot reach " + server + " (" + what + "): "
                    + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted");
        }
    }

    JsonNode json(HttpResponse<String> response, String what) throws CommandFailure {
        try {
            return JSON.readTree(response.body());
        } catch (IOException notJson) {
            throw new CommandFailure(server + " answered " + what + " with " + response.statusCode()
                    + " but not JSON: is it a Marquez-compatible lineage server?");
        }
    }

    /** A failure naming the status and the server's reason. */
    CommandFailure refused(String what, HttpResponse<String> response) {
        return new CommandFailure(
                server + " answered " + what + " with " + response.statusCode() + reason(response.body()));
    }

    /**
     * {@code ": "} and the reason a server gives: a problem+json {@code detail} (with its field errors), Marquez's
     * {@code message}, or the start of a text body; empty when there is none.
     */
    static String reason(String body) {
        String reason;
        try {
            JsonNode answer = JSON.readTree(body);
            StringBuilder text = new StringBuilder(answer.path("detail")
                    .asText(answer.path("message").asText(answer.path("title").asText(""))));
            for (JsonNode error : answer.path("errors")) {
                text.append(text.isEmpty() ? "" : "; ")
                        .append(error.path("field").asText())
                        .append(": ")
                        .append(error.path("message").asText());
            }
            reason = text.toString();
        } catch (IOException notJson) {
            reason = body == null ? "" : body.strip();
        }
        reason = reason.replaceAll("\\s+", " ");
        if (reason.length() > MAX_DETAIL) {
            reason = reason.substring(0, MAX_DETAIL) + "…";
        }
        return reason.isEmpty() ? "" : ": " + reason;
    }
}
