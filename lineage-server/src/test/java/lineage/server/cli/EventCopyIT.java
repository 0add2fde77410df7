package lineage.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import lineage.server.ingest.IdentityMerger;
import lineage.server.testing.JaffleMesh;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lineage copy-events}, {@code export-events} and {@code import-events} between servers of this build, each on
 * its own port and schema: the jaffle-shop mesh copied, copied again, copied in two halves, and exported and imported
 * gives the same graph (nodes, edges, fields) and the same event log; events of one time across page boundaries are
 * all copied. The source guards its reads with a key and the destinations their writes, so keys are sent as the
 * server takes them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventCopyIT {
    private static final String READ_KEY = "copy-reader-key";
    private static final String WRITE_KEY = "copy-writer-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, String> sourceDatabase = TestingDatabase.properties();
    private EmbeddedServer source;
    private Snapshot mesh;

    @TempDir
    Path directory;

    @BeforeAll
    void loadTheMeshIntoTheSource() {
        Map<String, Object> properties = new HashMap<>(sourceDatabase);
        properties.put("lineage.auth.read-keys", READ_KEY);
        source = start(properties);
        JaffleMesh.replay(new ServerClient(source.getURI()));
        settle(source);
        mesh = snapshot(source, Optional.of(READ_KEY), sourceDatabase);
        assertThat(mesh.nodes()).hasSizeGreaterThan(10);
        assertThat(mesh.edges()).hasSizeGreaterThan(10);
        assertThat(mesh.events()).hasSize(42);
    }

    @AfterAll
    void stopTheSource() {
        source.close();
    }

    @Test
    void aCopyGivesTheSameGraphAndCopyingAgainChangesNothing() {
        Map<String, String> database = TestingDatabase.properties();
        try (EmbeddedServer destination = start(writeGuarded(database))) {
            LineageCliRun copy = copy(destination, "--page-size", "7", "--batch-size", "5");

            assertThat(copy.exitCode()).as(copy.err()).isZero();
            assertThat(copy.out())
                    .startsWith("42 events copied from " + source.getURI() + " to " + destination.getURI() + " in ")
                    .contains("\n0 rejected\ncopied up to " + latestEventTime() + "; to copy later events: --since "
                            + latestEventTime() + "\n");
            settle(destination);
            Snapshot copied = snapshot(destination, Optional.empty(), database);
            assertThat(copied).isEqualTo(mesh);

            LineageCliRun again = copy(destination);
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(again.out()).startsWith("42 events copied");
            settle(destination);
            assertThat(snapshot(destination, Optional.empty(), database)).isEqualTo(copied);
            assertThat(count(database, "runs")).isEqualTo(count(sourceDatabase, "runs"));
        }
    }

    @Test
    void aCopyStoppedHalfwayAndResumedFromItsStateFileGivesTheSameGraph() throws IOException {
        Map<String, String> database = TestingDatabase.properties();
        Path state = directory.resolve("copy.state");
        try (EmbeddedServer destination = start(writeGuarded(database))) {
            LineageCliRun half =
                    copy(destination, "--state", state.toString(), "--page-size", "4", "--max-events", "10");

            assertThat(half.exitCode()).as(half.err()).isZero();
            String resumeFrom = Files.readString(state).strip();
            assertThat(half.out())
                    .startsWith("10 events copied")
                    .contains("stopped at --max-events 10; run the same command again to resume from " + resumeFrom
                            + " (state in " + state + ")");
            assertThat(count(database, "lineage_events")).isEqualTo(10);
            settle(destination);
            assertThat(snapshot(destination, Optional.empty(), database)).isNotEqualTo(mesh);

            LineageCliRun rest = copy(destination, "--state", state.toString(), "--page-size", "4");

            assertThat(rest.exitCode()).as(rest.err()).isZero();
            assertThat(rest.err()).contains("lineage copy-events: resuming from " + resumeFrom + " (" + state + ")");
            assertThat(rest.out())
                    .contains("copied up to " + latestEventTime() + "; the same command copies later"
                            + " events (state in " + state + ")");
            assertThat(Files.readString(state).strip()).isEqualTo(latestEventTime());
            settle(destination);
            assertThat(snapshot(destination, Optional.empty(), database)).isEqualTo(mesh);
        }
    }

    @Test
    void exportedThenImportedGivesTheSameGraph() throws IOException {
        Path file = directory.resolve("mesh.ndjson");
        LineageCliRun export = LineageCliRun.run(
                "export-events",
                "--server",
                source.getURI().toString(),
                "--api-key",
                READ_KEY,
                "--page-size",
                "9",
                "--output",
                file.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out())
                .startsWith("42 events exported from " + source.getURI() + " to " + file + " in ")
                .endsWith("exported up to " + latestEventTime() + "; to export later events: --since "
                        + latestEventTime() + "\n");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(42).allSatisfy(line -> assertThat(
                        ServerClient.json(line).isObject())
                .isTrue());
        LineageCliRun toStandardOutput = LineageCliRun.run(
                "export-events", "--server", source.getURI().toString(), "--api-key", READ_KEY, "--output", "-");
        assertThat(toStandardOutput.exitCode()).as(toStandardOutput.err()).isZero();
        assertThat(toStandardOutput.out()).isEqualTo(Files.readString(file));
        assertThat(toStandardOutput.err())
                .startsWith("42 events exported from " + source.getURI() + " to standard output in ");

        Map<String, String> database = TestingDatabase.properties();
        try (EmbeddedServer destination = start(writeGuarded(database))) {
            LineageCliRun imported = LineageCliRun.run(
                    "import-events",
                    "--server",
                    destination.getURI().toString(),
                    "--api-key",
                    WRITE_KEY,
                    "--batch-size",
                    "10",
                    file.toString());

            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(imported.out())
                    .startsWith("42 events imported into " + destination.getURI() + " from 1 file(s) in ")
                    .endsWith("\n0 rejected\n");
            settle(destination);
            assertThat(snapshot(destination, Optional.empty(), database)).isEqualTo(mesh);

            LineageCliRun fromStandardInput = LineageCliRun.run(
                    new ByteArrayInputStream(Files.readAllBytes(file)),
                    "import-events",
                    "--server",
                    destination.getURI().toString(),
                    "--api-key",
                    WRITE_KEY,
                    "-");
            assertThat(fromStandardInput.exitCode()).as(fromStandardInput.err()).isZero();
            assertThat(fromStandardInput.out()).startsWith("42 events imported");
            assertThat(snapshot(destination, Optional.empty(), database)).isEqualTo(mesh);
        }
    }

    @Test
    void manyEventsOfOneTimeAcrossPageBoundariesAreAllCopiedOneByOneOrInBatches() {
        Map<String, String> from = TestingDatabase.properties();
        Map<String, String> to = TestingDatabase.properties();
        Map<String, Object> small = new HashMap<>(to);
        small.put("lineage.max-event-bytes", "4096");
        try (EmbeddedServer tied = start(new HashMap<>(from));
                EmbeddedServer destination = start(small)) {
            ArrayNode events = JsonNodeFactory.instance.arrayNode();
            events.add(event("2026-05-01T11:59:59Z", "before"));
            for (int index = 0; index < 45; index++) {
                events.add(event("2026-05-01T12:00:00Z", "tied_" + index));
            }
            ObjectNode large = event("2026-05-01T12:00:00Z", "large");
            ((ObjectNode) large.get("run"))
                    .putObject("facets")
                    .putObject("notes")
                    .put("text", "x".repeat(5_000));
            events.add(large);
            events.add(event("2026-05-01T12:00:00.0005Z", "just_after"));
            events.add(event("2026-05-01T12:00:01Z", "after"));
            HttpResponse<String> posted = new ServerClient(tied.getURI()).post("/api/v1/lineage", events.toString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

            LineageCliRun single = LineageCliRun.run(
                    "copy-events",
                    "--from",
                    tied.getURI().toString(),
                    "--to",
                    destination.getURI().toString(),
                    "--page-size",
                    "10",
                    "--batch-size",
                    "1");

            assertThat(single.exitCode()).as(single.err()).isZero();
            assertThat(single.out())
                    .startsWith("48 events copied")
                    .contains("\n1 rejected:\n  event of 2026-05-01T12:00:00Z run ")
                    .contains(" job copies/large: 413");
            TreeSet<String> expected = eventHashes(from);
            expected.removeAll(
                    TestingDatabase.query(from, "SELECT event_hash FROM lineage_events WHERE job_name = 'large'"));
            assertThat(eventHashes(to)).hasSize(48).isEqualTo(expected);

            // In batches of 7, the one holding the large event is too large: halved until it stands alone.
            LineageCliRun batches = LineageCliRun.run(
                    "copy-events",
                    "--from",
                    tied.getURI().toString(),
                    "--to",
                    destination.getURI().toString(),
                    "--page-size",
                    "10",
                    "--batch-size",
                    "7");
            assertThat(batches.exitCode()).as(batches.err()).isZero();
            assertThat(batches.out()).startsWith("48 events copied").contains("\n1 rejected:\n");
            assertThat(eventHashes(to)).isEqualTo(expected);
        }
    }

    @Test
    void missingKeysAndUnreachableServersAreOneLineAndExitTwo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> database = TestingDatabase.properties();
        try (EmbeddedServer destination = start(writeGuarded(database))) {
            LineageCliRun noReadKey = LineageCliRun.run(
                    "copy-events",
                    "--from",
                    source.getURI().toString(),
                    "--to",
                    destination.getURI().toString());
            assertThat(noReadKey.exitCode()).isEqualTo(2);
            assertThat(noReadKey.err())
                    .isEqualTo("lineage copy-events: " + source.getURI() + " answered GET /api/v1/events/lineage"
                            + " with 401: this request needs an API key: Authorization: Bearer <key>\n"
                            + "lineage copy-events: 0 events copied before; resume with --since"
                            + " 1900-01-01T00:00:00Z\n");

            LineageCliRun noWriteKey = LineageCliRun.run(
                    "copy-events",
                    "--from",
                    source.getURI().toString(),
                    "--from-api-key",
                    READ_KEY,
                    "--to",
                    destination.getURI().toString());
            assertThat(noWriteKey.exitCode()).isEqualTo(2);
            assertThat(noWriteKey.err())
                    .startsWith("lineage copy-events: " + destination.getURI() + " answered POST /api/v1/lineage"
                            + " with 401: this request needs an API key");

            LineageCliRun unreachable = LineageCliRun.run(
                    "copy-events",
                    "--from",
                    source.getURI().toString(),
                    "--from-api-key",
                    READ_KEY,
                    "--to",
                    "http://127.0.0.1:" + closedPort);
            assertThat(unreachable.exitCode()).isEqualTo(2);
            assertThat(unreachable.err())
                    .startsWith("lineage copy-events: cannot reach http://127.0.0.1:" + closedPort
                            + " (POST /api/v1/lineage): ")
                    .doesNotContain("Exception")
                    .hasLineCount(2);
            assertThat(count(database, "lineage_events")).isZero();
        }
        Path bad = directory.resolve("bad.ndjson");
        Files.writeString(bad, "\n{\"eventTime\": \"2026-05-01T12:00:00Z\"\n");
        LineageCliRun badLine =
                LineageCliRun.run("import-events", "--server", "http://127.0.0.1:" + closedPort, bad.toString());
        assertThat(badLine.exitCode()).isEqualTo(2);
        assertThat(badLine.err())
                .startsWith("lineage import-events: " + bad + " line 2: malformed JSON at column ")
                .hasLineCount(1);
    }

    /** What a client sees of a server's graph, and the hashes of its event log. */
    private record Snapshot(
            TreeSet<String> nodes, TreeSet<String> edges, TreeSet<String> fields, TreeSet<String> events) {}

    private static Snapshot snapshot(EmbeddedServer server, Optional<String> key, Map<String, String> database) {
        TreeSet<String> nodes = new TreeSet<>();
        TreeSet<String> fields = new TreeSet<>();
        for (JsonNode namespace :
                get(server, key, "/api/v1/namespaces?limit=1000").path("namespaces")) {
            String name = encode(namespace.path("name").asText());
            for (JsonNode dataset : get(server, key, "/api/v1/namespaces/" + name + "/datasets?limit=1000")
                    .path("datasets")) {
                String id = "dataset:" + namespace.path("name").asText() + ":"
                        + dataset.path("name").asText();
                nodes.add(id);
                dataset.path("fields")
                        .forEach(field ->
                                fields.add(id + "." + field.path("name").asText() + " "
                                        + field.path("type").asText()));
            }
            for (JsonNode job : get(server, key, "/api/v1/namespaces/" + name + "/jobs?limit=1000")
                    .path("jobs")) {
                nodes.add("job:" + namespace.path("name").asText() + ":"
                        + job.path("name").asText());
            }
        }
        TreeSet<String> edges = new TreeSet<>();
        for (String node : nodes) {
            for (JsonNode around : get(server, key, "/api/v1/lineage?depth=1&nodeId=" + encode(node))
                    .path("graph")) {
                around.path("outEdges")
                        .forEach(edge -> edges.add(edge.path("origin").asText() + " -> "
                                + edge.path("destination").asText()));
            }
        }
        return new Snapshot(nodes, edges, fields, eventHashes(database));
    }

    private static TreeSet<String> eventHashes(Map<String, String> database) {
        return new TreeSet<>(TestingDatabase.query(database, "SELECT event_hash FROM lineage_events"));
    }

    private static JsonNode get(EmbeddedServer server, Optional<String> key, String path) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(server.getURI().resolve(path)).GET();
        key.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
            return ServerClient.json(response.body());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }

    private LineageCliRun copy(EmbeddedServer destination, String... options) {
        List<String> arguments = new ArrayList<>(List.of(
                "copy-events",
                "--from",
                source.getURI().toString(),
                "--from-api-key",
                READ_KEY,
                "--to",
                destination.getURI().toString(),
                "--to-api-key",
                WRITE_KEY));
        arguments.addAll(List.of(options));
        return LineageCliRun.run(arguments.toArray(String[]::new));
    }

    /** The latest eventTime of the mesh, as an instant. */
    private String latestEventTime() {
        return TestingDatabase.query(sourceDatabase, "SELECT payload->>'eventTime' FROM lineage_events").stream()
                .map(time -> OffsetDateTime.parse(time).toInstant())
                .max(Instant::compareTo)
                .orElseThrow()
                .toString();
    }

    private static ObjectNode event(String time, String job) {
        ObjectNode event = TestEvents.runEvent("COMPLETE", time, UUID.randomUUID(), "copies", job);
        event.putArray("outputs").add(TestEvents.dataset("copies", job + "_table"));
        return event;
    }

    private static long count(Map<String, String> database, String table) {
        return Long.parseLong(
                TestingDatabase.query(database, "SELECT count(*) FROM " + table).get(0));
    }

    private static Map<String, Object> writeGuarded(Map<String, String> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("lineage.auth.write-keys", WRITE_KEY);
        return properties;
    }

    private static EmbeddedServer start(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("micronaut.server.port", -1);
        all.put("lineage.follow-interval", "1h");
        return ApplicationContext.run(EmbeddedServer.class, all);
    }

    private static void settle(EmbeddedServer server) {
        IdentityMerger merger = server.getApplicationContext().getBean(IdentityMerger.class);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (merger.pending() && Instant.now().isBefore(deadline)) {
            merger.round();
        }
        assertThat(merger.pending()).as("identity settled").isFalse();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
