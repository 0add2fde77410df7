package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every answer of the HTTP API, byte for byte: status, headers and body of each call in {@link WireCalls#all()}, in
 * that order, against golden files {@code src/test/resources/wire/<name>.txt}, after a fixed set of events (the jaffle-shop
 * mesh from both Trino listeners, the column-lineage fixtures and {@code fixtures/openlineage/wire-shapes.json}).
 *
 * <p>What the server makes up at run time is masked, and only that: a random (version 4) UUID that no posted event
 * holds (dataset and job versions) becomes {@code <uuid-N>}, numbered by first appearance in its body, and a timestamp
 * within ten minutes of this test's run (the database's {@code now()}: run and tag times) becomes {@code <now>}. Every
 * event time is weeks before the test runs. The {@code date} header is left out and {@code content-length} is checked
 * against the body rather than written down, as masking changes the length.
 *
 * <p>To write the golden files again from today's answers, run with {@code -Dwire.update=true} and review the diff.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireShapesIT implements TestPropertyProvider {
    private static final String GOLDEN = "src/test/resources/wire";
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(10);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern RANDOM_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

    private final Set<String> postedUuids = new TreeSet<>();
    private Instant started;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.domains.insights.owner", "analytics-team");
        properties.put("lineage.domains.insights.contact", "#analytics");
        properties.put("lineage.domains.insights.catalogs", "insights");
        properties.put("lineage.domains.sales.owner", "sales-team");
        properties.put("lineage.domains.sales.namespaces", "wire");
        return properties;
    }

    @BeforeAll
    void postTheEvents() {
        started = Instant.now();
        for (String file : TrinoCaptures.all()) {
            String path = TrinoCaptures.isHttp(file) ? "/api/v1/trino/events" : "/api/v1/lineage";
            postOk(path, TrinoCaptures.read(file));
        }
        for (String fixture : List.of("column-lineage-stage-orders.json", "column-lineage-build-mart.json")) {
            postOk("/api/v1/lineage", resource("/fixtures/openlineage/" + fixture));
        }
        for (JsonNode event : ServerClient.json(resource("/fixtures/openlineage/wire-shapes.json"))) {
            postOk("/api/v1/lineage", event.toString());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyAnswerIsAsPinned() {
        return WireCalls.all().stream().map(call -> DynamicTest.dynamicTest(call.name(), () -> check(call)));
    }

    private void check(WireCalls.Call call) throws IOException {
        remember(call.body());
        HttpResponse<String> response = send(call);
        String actual = describe(call, response);
        Path golden = Path.of(GOLDEN, call.name() + ".txt");
        if (Boolean.getBoolean("wire.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(response.headers().firstValue("content-length"))
                .as("content-length of " + call.name())
                .hasValueSatisfying(length -> assertThat(Integer.parseInt(length))
                        .isEqualTo(response.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(actual).as(call.name()).isEqualTo(golden(call.name()));
    }

    private HttpResponse<String> send(WireCalls.Call call) {
        ServerClient client = new ServerClient(server.getURI());
        return switch (call.method()) {
            case "GET" -> client.get(call.path());
            case "POST" -> client.post(call.path(), call.body());
            case "PUT" -> client.put(call.path(), call.body());
            case "DELETE" -> client.delete(call.path());
            default -> throw new IllegalArgumentException("no method " + call.method());
        };
    }

    /** The call, then the status, the headers (without date; content-length checked, not kept) and the masked body. */
    private String describe(WireCalls.Call call, HttpResponse<String> response) {
        StringBuilder text = new StringBuilder();
        text.append(call.method()).append(' ').append(call.path()).append('\n');
        text.append(response.statusCode()).append('\n');
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        headers.forEach((name, values) -> {
            if (!name.equals("date")) {
                String value = name.equals("content-length") ? "<length>" : String.join(", ", values);
                text.append(name).append(": ").append(value).append('\n');
            }
        });
        text.append('\n').append(mask(response.body()));
        return text.toString();
    }

    private String mask(String body) {
        Map<String, String> uuids = new LinkedHashMap<>();
        Matcher uuid = RANDOM_UUID.matcher(body);
        StringBuilder masked = new StringBuilder();
        while (uuid.find()) {
            String value = uuid.group();
            String replacement = postedUuids.contains(value)
                    ? value
                    : uuids.computeIfAbsent(value, key -> "<uuid-" + (uuids.size() + 1) + ">");
            uuid.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        uuid.appendTail(masked);
        Instant from = started.minus(CLOCK_SLACK);
        Instant to = Instant.now().plus(CLOCK_SLACK);
        Matcher timestamp = TIMESTAMP.matcher(masked.toString());
        StringBuilder result = new StringBuilder();
        while (timestamp.find()) {
            String replacement = timestamp.group();
            try {
                Instant instant = OffsetDateTime.parse(timestamp.group()).toInstant();
                if (!instant.isBefore(from) && !instant.isAfter(to)) {
                    replacement = "<now>";
                }
            } catch (DateTimeParseException notATime) {
                // Text that only looks like a time (no seconds, say) is compared as it is.
            }
            timestamp.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        timestamp.appendTail(result);
        return result.toString();
    }

    private void postOk(String path, String body) {
        remember(body);
        HttpResponse<String> response = new ServerClient(server.getURI()).post(path, body);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
    }

    private void remember(String body) {
        Matcher matcher = UUID_TEXT.matcher(body);
        while (matcher.find()) {
            postedUuids.add(matcher.group().toLowerCase(Locale.ROOT));
        }
    }

    /** A golden file's text: {@code wire/<name>.txt}. */
    static String golden(String name) {
        return resource("/wire/" + name + ".txt");
    }

    private static String resource(String path) {
        try (InputStream in = WireShapesIT.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new AssertionError("no " + path + " on the class path (golden files: -Dwire.update=true)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
