package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import lineage.server.testing.FuzzRequest;
import lineage.server.testing.RequestFuzzer;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fuzz suite: thousands of hostile requests (mutated events, batches, broken encodings, Trino events, schema-change
 * requests, reads with hostile parameters) against the running server. Whatever is sent, the server answers below 500,
 * every 4xx is problem+json with a code, and every event it accepts can be read back afterwards.
 *
 * <p>{@code -Dfuzz.seed=N} replays a run (the seed is printed first), {@code -Dfuzz.only=I} sends only request
 * {@code I} of it, {@code -Dfuzz.requests=N} sets how many ({@code bench/fuzz.sh} runs a long one).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FuzzIT implements TestPropertyProvider {
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 6_000);
    private static final long SEED = Long.getLong("fuzz.seed", System.currentTimeMillis());
    private static final int SENDERS = 4;
    private static final Duration REQUEST_BOUND = Duration.ofSeconds(60);

    @Inject
    EmbeddedServer server;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final Set<String> readsOfAccepted = java.util.Collections.synchronizedSet(new TreeSet<>());
    private final Queue<String> slow = new ConcurrentLinkedQueue<>();

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @Test
    void noRequestBreaksTheServer() throws InterruptedException {
        System.out.println("FuzzIT: seed " + SEED + ", " + REQUESTS + " requests; replay with -Dfuzz.seed=" + SEED
                + " (one request: -Dfuzz.only=<index>)");
        RequestFuzzer fuzzer = new RequestFuzzer(seedEvents(), trinoEvents(), SEED);
        Integer only = Integer.getInteger("fuzz.only");
        IntStream indexes = only == null ? IntStream.range(0, REQUESTS) : IntStream.of(only);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        indexes.forEach(index -> senders.execute(() -> {
            if (send(index, fuzzer.request(index))) {
                accepted.incrementAndGet();
            }
        }));
        senders.shutdown();
        assertThat(senders.awaitTermination(10, TimeUnit.MINUTES)).isTrue();

        readBack();
        System.out.println("FuzzIT: " + accepted.get() + " request(s) accepted, " + readsOfAccepted.size()
                + " read back; " + failures.size() + " failure(s); slower than 2 s: " + slow.size());
        slow.stream().limit(20).forEach(line -> System.out.println("FuzzIT slow: " + excerpt(line)));
        assertThat(failures)
                .as(
                        "seed %d: %d failure(s), the first %d:%n%s",
                        SEED,
                        failures.size(),
                        Math.min(40, failures.size()),
                        String.join("\n", failures.stream().limit(40).toList()))
                .isEmpty();
    }

    /** Sends one request and checks its answer; true when it was accepted (2xx). */
    private boolean send(int index, FuzzRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.getURI().resolve(request.path()))
                .timeout(REQUEST_BOUND)
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, value) -> {
            if (!value.isEmpty()) {
                builder.header(name, value);
            }
        });
        HttpResponse<String> response;
        long started = System.nanoTime();
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis > 2_000) {
                slow.add(millis + " ms: " + describe(index, request, String.valueOf(response.statusCode())));
            }
        } catch (IOException exception) {
            failures.add(describe(index, request, "no answer: " + exception));
            return false;
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            return false;
        }
        String problem = check(response);
        if (!problem.isEmpty()) {
            failures.add(describe(index, request, problem));
        }
        if (response.statusCode() / 100 == 2) {
            readsOfAccepted.addAll(request.readsIfAccepted());
            return true;
        }
        return false;
    }

    /** What is wrong with an answer, or empty. */
    private static String check(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return status + " " + excerpt(response.body());
        }
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("application/problem+json")) {
                return status + " with Content-Type '" + type + "': " + excerpt(response.body());
            }
            JsonNode body;
            try {
                body = ServerClient.json(response.body());
            } catch (UncheckedIOException exception) {
                return status + " problem+json that is not JSON: " + excerpt(response.body());
            }
            if (!body.path("code").isTextual() || body.path("status").asInt() != status) {
                return status + " problem without code or with another status: " + excerpt(response.body());
            }
        }
        return "";
    }

    /** Every accepted event's run and job, and the lists that show everything, answer 200. */
    private void readBack() {
        List<String> reads = new ArrayList<>(readsOfAccepted);
        reads.addAll(List.of(
                "/api/v1/namespaces?limit=1000",
                "/api/v1/domains",
                "/api/v1/domains/graph",
                "/api/v1/search?q=a&limit=100",
                "/api/v1/events/lineage?limit=100",
                "/api/v1/tags"));
        for (String path : reads) {
            HttpResponse<String> response = get(path);
            if (response.statusCode() != 200) {
                failures.add(
                        "read back " + excerpt(path) + ": " + response.statusCode() + " " + excerpt(response.body()));
            }
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(server.getURI() + path))
                            .timeout(REQUEST_BOUND)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }

    /** The valid events mutations start from: the OpenLineage fixtures and the Trino OpenLineage listener's. */
    private static List<ObjectNode> seedEvents() {
        List<ObjectNode> events = new ArrayList<>();
        for (String fixture : List.of("column-lineage-build-mart.json", "column-lineage-stage-orders.json")) {
            events.add((ObjectNode) resource("/fixtures/openlineage/" + fixture));
        }
        resource("/fixtures/openlineage/wire-shapes.json").forEach(event -> events.add((ObjectNode) event));
        TrinoCaptures.openLineage().stream()
                .limit(12)
                .forEach(file -> events.add((ObjectNode) TrinoCaptures.json(file)));
        return events;
    }

    /** The HTTP listener's smaller captures (the largest are 600 KB: mutated thousands of times they slow the run). */
    private static List<ObjectNode> trinoEvents() {
        return TrinoCaptures.http().stream()
                .map(TrinoCaptures::read)
                .filter(text -> text.length() < 40_000)
                .map(text -> (ObjectNode) ServerClient.json(text))
                .toList();
    }

    private static JsonNode resource(String path) {
        try (InputStream in = FuzzIT.class.getResourceAsStream(path)) {
            return ServerClient.json(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static String describe(int index, FuzzRequest request, String problem) {
        return "request " + index + " (" + request.method() + " " + excerpt(request.path()) + ", "
                + request.description() + "): " + problem;
    }

    private static String excerpt(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…(" + text.length() + " chars)" : text;
    }
}
