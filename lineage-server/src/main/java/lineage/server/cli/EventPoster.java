package lineage.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Posts events to a server's {@code POST /api/v1/lineage}: as JSON arrays of up to {@code batchSize} events (and
 * {@link #MAX_BATCH_BYTES}), which this server takes in one request; one by one when {@code batchSize} is 1 or when
 * the server answers an array as a bad event (Marquez takes single events only). A batch the server finds too large
 * (413) is halved. Events the server refuses are counted with the reason it gives; anything else it answers, or not
 * reaching it, stops the command.
 */
final class EventPoster {
    static final int MAX_BATCH_BYTES = 8 << 20;
    private static final String WHAT = "POST /api/v1/lineage";
    private static final int REJECTIONS_SHOWN = 20;

    /** An event to post and how to name it in a report ({@code events.ndjson line 7}). */
    record Outgoing(JsonNode event, String label) {
        Outgoing {
            requireNonNull(event, "event is null");
            requireNonNull(label, "label is null");
        }
    }

    /** An event the server refused, and why. */
    record Rejection(String label, String reason) {}

    private final ServerCalls server;
    private final int batchSize;
    private final PrintStream err;
    private final List<Rejection> rejections = new ArrayList<>();
    private boolean oneByOne;
    private long accepted;

    EventPoster(URI server, Optional<String> apiKey, int batchSize, PrintStream err) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize is below 1: " + batchSize);
        }
        this.server = new ServerCalls(server, apiKey);
        this.batchSize = batchSize;
        this.oneByOne = batchSize == 1;
        this.err = err;
    }

    /** Posts the events in order; returns when the server has answered for each. */
    void send(List<Outgoing> events) throws CommandFailure {
        List<Outgoing> batch = new ArrayList<>();
        List<byte[]> texts = new ArrayList<>();
        long bytes = 0;
        for (Outgoing event : events) {
            byte[] text = text(event.event());
            if (!batch.isEmpty() && (batch.size() >= batchSize || bytes + text.length + 1 > MAX_BATCH_BYTES)) {
                post(batch, texts);
                batch = new ArrayList<>();
                texts = new ArrayList<>();
                bytes = 0;
            }
            batch.add(event);
            texts.add(text);
            bytes += text.length + 1;
        }
        if (!batch.isEmpty()) {
            post(batch, texts);
        }
    }

    /** Events the server acknowledged (an event it already had included: sending again changes nothing). */
    long accepted() {
        return accepted;
    }

    List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    URI uri() {
        return server.uri();
    }

    /** {@code N rejected:} and the first of them with their reasons. */
    static void print(PrintStream out, List<Rejection> rejections) {
        out.println(rejections.size() + " rejected" + (rejections.isEmpty() ? "" : ":"));
        rejections.stream()
                .limit(REJECTIONS_SHOWN)
                .forEach(rejection -> out.println("  " + rejection.label() + ": " + rejection.reason()));
        if (rejections.size() > REJECTIONS_SHOWN) {
            out.println("  and " + (rejections.size() - REJECTIONS_SHOWN) + " more");
        }
    }

    private void post(List<Outgoing> batch, List<byte[]> texts) throws CommandFailure {
        if (oneByOne) {
            for (int index = 0; index < batch.size(); index++) {
                postOne(batch.get(index), texts.get(index));
            }
            return;
        }
        HttpResponse<String> response = server.send(request(array(texts)), WHAT);
        int status = response.statusCode();
        if (status == 200) {
            JsonNode answer = server.json(response, WHAT);
            if (!answer.has("accepted")) {
                throw new CommandFailure(server.uri() + " answered " + WHAT + " with 200 but no count of accepted"
                        + " events: is it a lineage server?");
            }
            accepted += answer.path("accepted").asLong();
            for (JsonNode rejected : answer.path("rejected")) {
                String reason = ServerCalls.reason(rejected.toString());
                rejections.add(new Rejection(
                        batch.get(rejected.path("index").asInt()).label(),
                        reason.isEmpty() ? "refused" : reason.substring(2)));
            }
        } else if (status == 413) {
            if (batch.size() == 1) {
                postOne(batch.get(0), texts.get(0));
                return;
            }
            int half = batch.size() / 2;
            post(batch.subList(0, half), texts.subList(0, half));
            post(batch.subList(half, batch.size()), texts.subList(half, texts.size()));
        } else if (status == 400 || status == 415 || status == 422) {
            // An array read as one bad event: a server of single events, such as Marquez.
            oneByOne = true;
            err.println("lineage: " + server.uri() + " does not take batches (" + status
                    + " to an array of events); posting one event per request");
            post(batch, texts);
        } else {
            throw server.refused(WHAT, response);
        }
    }

    private void postOne(Outgoing event, byte[] text) throws CommandFailure {
        HttpResponse<String> response = server.send(request(text), WHAT);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            accepted++;
        } else if (status == 400 || status == 413 || status == 422) {
            String reason = ServerCalls.reason(response.body());
            rejections.add(new Rejection(event.label(), status + (reason.isEmpty() ? "" : " " + reason.substring(2))));
        } else {
            throw server.refused(WHAT, response);
        }
    }

    private HttpRequest.Builder request(byte[] body) {
        return server.request("/api/v1/lineage")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static byte[] array(List<byte[]> texts) {
        int size = 2 + texts.stream().mapToInt(text -> text.length + 1).sum();
        ByteArrayOutputStream body = new ByteArrayOutputStream(size);
        body.write('[');
        for (int index = 0; index < texts.size(); index++) {
            if (index > 0) {
                body.write(',');
            }
            body.writeBytes(texts.get(index));
        }
        body.write(']');
        return body.toByteArray();
    }

    private static byte[] text(JsonNode event) {
        try {
            return ServerCalls.JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
