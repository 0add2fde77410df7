package lineage.sdk;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openlineage.client.transports.TokenProvider;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts events to an OpenLineage HTTP endpoint: one event as a JSON object (any OpenLineage server takes it), several
 * as a JSON array (the lineage server's batch form, answered {@code {"accepted": n, "rejected": [...]}}).
 */
final class HttpBatchSink implements EventSink {
    private static final Logger log = LoggerFactory.getLogger(HttpBatchSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final Duration timeout;
    private final Optional<TokenProvider> auth;
    private final Map<String, String> headers;
    private final HttpClient client;

    HttpBatchSink(URI uri, Duration timeout, Optional<TokenProvider> auth, Map<String, String> headers) {
        this.uri = requireNonNull(uri, "uri is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.auth = requireNonNull(auth, "auth is null");
        this.headers = Map.copyOf(headers);
        // HTTP/1.1: the JDK client would otherwise offer an h2c upgrade with every new connection's first request.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public Delivery send(List<String> events) throws IOException {
        boolean single = events.size() == 1;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(events, single)));
        headers.forEach(request::header);
        auth.ifPresent(provider -> request.header("Authorization", provider.getToken()));
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while posting to " + uri);
        }
        return delivery(response, events.size(), single);
    }

    /** One event as a JSON object, several as a JSON array, encoded once. */
    private static byte[] body(List<String> events, boolean single) {
        if (single) {
            return events.get(0).getBytes(StandardCharsets.UTF_8);
        }
        int length = events.size() + 1;
        for (String event : events) {
            length += event.length();
        }
        StringBuilder body = new StringBuilder(length).append('[');
        for (int index = 0; index < events.size(); index++) {
            body.append(index == 0 ? "" : ",").append(events.get(index));
        }
        return body.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private Delivery delivery(HttpResponse<String> response, int count, boolean single) throws IOException {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return single ? new Delivery(1, 0) : batchDelivery(response.body(), count);
        }
        if (status == 400 || status == 413 || status == 422) {
            // The server refuses these events as they are: sending them again cannot help.
            log.warn("{} refused {} lineage event(s) with {}: {}", uri, count, status, abbreviate(response.body()));
            return new Delivery(0, count);
        }
        throw new IOException(uri + " answered " + status + ": " + abbreviate(response.body()));
    }

    private Delivery batchDelivery(String body, int count) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException exception) {
            log.warn("{} answered a batch with an unreadable body, counting all {} as sent", uri, count, exception);
            return new Delivery(count, 0);
        }
        int rejected = 0;
        for (JsonNode element : answer.path("rejected")) {
            rejected++;
            log.warn("{} rejected lineage event {} of a batch: {}", uri, element.path("index"), element.path("errors"));
        }
        return new Delivery(count - Math.min(rejected, count), Math.min(rejected, count));
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }

    @Override
    public void close() {
        // java.net.http.HttpClient has no close() before Java 21; its threads end when it is unreachable.
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
