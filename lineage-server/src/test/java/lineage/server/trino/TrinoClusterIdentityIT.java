package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lineage.server.cli.LineageCliRun;
import lineage.server.ingest.IdentityMerger;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One Trino cluster whose two listeners report it under two addresses (the captures: the OpenLineage listener's {@code
 * trino.uri} is {@code localhost:8085}, the HTTP listener's coordinator {@code 127.0.0.1:8085}) is one namespace with
 * nothing configured, whatever the arrival order and across a restart, and has the lineage it has with the namespace
 * configured; two clusters stay two.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoClusterIdentityIT {
    private static final String TRINO = "trino://localhost:8085";
    private static final String HTTP_ADDRESS = "trino://127.0.0.1:8085";
    private static final Pattern QUERY_ID = Pattern.compile("(\\d{8}_\\d{6}_\\d{5}_)([a-z0-9]{5})");

    /** Every dataset's upstream closure with the namespace and its alias configured, as before learning existed. */
    private Map<String, TreeSet<String>> configured;

    @BeforeAll
    void configuredBaseline() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.trino.namespace", TRINO);
        properties.put("lineage.trino.namespace-aliases", HTTP_ADDRESS);
        try (EmbeddedServer server = start(properties)) {
            ServerClient client = new ServerClient(server.getURI());
            post(client, TrinoCaptures.all(), Function.identity());
            configured = closures(client, TRINO);
        }
        assertThat(configured).hasSizeGreaterThan(10);
    }

    @Test
    void withNothingConfiguredEveryArrivalOrderGivesOneNamespaceAndTheSameLineage() {
        List<String> arrival = TrinoCaptures.all();
        List<String> reverse = new ArrayList<>(arrival);
        Collections.reverse(reverse);
        List<String> httpFirst = new ArrayList<>(TrinoCaptures.http());
        httpFirst.addAll(TrinoCaptures.openLineage());
        List<String> openLineageFirst = new ArrayList<>(TrinoCaptures.openLineage());
        openLineageFirst.addAll(TrinoCaptures.http());
        for (List<String> order : List.of(arrival, reverse, httpFirst, openLineageFirst)) {
            try (EmbeddedServer server = start(TestingDatabase.properties())) {
                ServerClient client = new ServerClient(server.getURI());
                post(client, order, Function.identity());
                settle(server);

                assertThat(trinoNamespaces(client)).as(order.get(0)).containsExactly(TRINO);
                assertThat(aliases(client))
                        .as("the alias was learned from a query id and merged")
                        .anySatisfy(alias -> {
                            assertThat(alias.path("alias").path("namespace").asText())
                                    .isEqualTo(HTTP_ADDRESS);
                            assertThat(alias.path("canonical").path("namespace").asText())
                                    .isEqualTo(TRINO);
                            assertThat(alias.path("origin").asText()).isEqualTo("trino-query-id");
                            assertThat(alias.path("evidence").asText()).startsWith("query ");
                            assertThat(alias.path("mergedAt").isNull()).isFalse();
                        });
                assertThat(closures(client, TRINO)).as(order.get(0)).isEqualTo(configured);
                // The alias's old node ids resolve to the canonical node.
                JsonNode old = ServerClient.json(client.get("/api/v1/namespaces/" + encode(HTTP_ADDRESS)
                                + "/datasets/insights.default.dim_customers")
                        .body());
                assertThat(old.path("namespace").asText()).isEqualTo(TRINO);
            }
        }
    }

    @Test
    void aRestartBetweenTheTwoListenersStillJoinsThem() {
        Map<String, String> properties = TestingDatabase.properties();
        try (EmbeddedServer server = start(properties)) {
            post(new ServerClient(server.getURI()), TrinoCaptures.http(), Function.identity());
        }
        try (EmbeddedServer server = start(properties)) {
            ServerClient client = new ServerClient(server.getURI());
            assertThat(trinoNamespaces(client)).containsExactly(HTTP_ADDRESS);
            post(client, TrinoCaptures.openLineage(), Function.identity());
            settle(server);

            assertThat(trinoNamespaces(client)).containsExactly(TRINO);
            assertThat(closures(client, TRINO)).isEqualTo(configured);
        }
    }

    @Test
    void twoClustersStayTwo() throws java.io.IOException {
        try (EmbeddedServer server = start(TestingDatabase.properties())) {
            ServerClient client = new ServerClient(server.getURI());
            post(client, TrinoCaptures.all(), Function.identity());
            post(client, TrinoCaptures.all(), TrinoClusterIdentityIT::otherCluster);
            settle(server);

            assertThat(trinoNamespaces(client)).containsExactly(TRINO, "trino://trino-b.example.com:8443");
            assertThat(aliases(client))
                    .extracting(alias -> alias.path("alias").path("namespace").asText() + " -> "
                            + alias.path("canonical").path("namespace").asText())
                    .containsExactlyInAnyOrder(
                            HTTP_ADDRESS + " -> " + TRINO, "trino://10.1.2.3:8080 -> trino://trino-b.example.com:8443");
            assertThat(closures(client, TRINO)).isEqualTo(configured);
            // A DDL preview without a namespace must say which cluster it means.
            HttpResponse<String> ambiguous = client.post(
                    "/api/v1/impact/schema-change",
                    "{\"ddl\": \"ALTER TABLE customersdb.public.customers DROP COLUMN email\"}");
            assertThat(ambiguous.statusCode()).as(ambiguous.body()).isEqualTo(422);
            assertThat(ambiguous.body()).contains("namespace", "2 Trino clusters");
            // So must bin/lineage impact, with --namespace.
            java.nio.file.Path ddl = java.nio.file.Files.createTempFile("drop-email", ".sql");
            java.nio.file.Files.writeString(ddl, "ALTER TABLE paymentsdb.public.payments DROP COLUMN amount;");
            String url = server.getURI().toString();
            LineageCliRun refused = LineageCliRun.run("impact", "--server", url, "--ddl", ddl.toString());
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).contains("2 Trino clusters");
            LineageCliRun named = LineageCliRun.run(
                    "impact", "--server", url, "--ddl", ddl.toString(), "--namespace", "http://127.0.0.1:8085");
            assertThat(named.exitCode()).as(named.err()).isEqualTo(1);
            assertThat(named.out()).contains("BREAKING", "insights.default.stg_payments");
            java.nio.file.Files.delete(ddl);
        }
    }

    /** The same queries run on a second cluster: other addresses, other query ids (so other runs). */
    /** A server on the database of {@code database}, on a random port, its identity rounds driven by the test. */
    private static EmbeddedServer start(Map<String, String> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("micronaut.server.port", -1);
        properties.put("lineage.follow-interval", "1h");
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private static String otherCluster(String capture) {
        String text = capture.replace("localhost:8085", "trino-b.example.com:8443")
                .replace("127.0.0.1:8085", "10.1.2.3:8080");
        Matcher matcher = QUERY_ID.matcher(text);
        text = matcher.replaceAll(match -> match.group(1) + "bbbbb");
        JsonNode event = ServerClient.json(text);
        if (event.has("run") && event.path("job").path("name").asText().matches(QUERY_ID.pattern())) {
            ((ObjectNode) event.path("run"))
                    .put(
                            "runId",
                            TrinoRunIds.of(event.path("job").path("name").asText())
                                    .toString());
        }
        return event.toString();
    }

    private static void post(ServerClient client, List<String> files, Function<String, String> change) {
        for (String file : files) {
            String body = change.apply(TrinoCaptures.read(file));
            HttpResponse<String> response = TrinoCaptures.isHttp(file)
                    ? client.post("/api/v1/trino/events", body)
                    : client.post("/api/v1/lineage", body);
            assertThat(response.statusCode()).as(file + ": " + response.body()).isBetween(200, 201);
        }
    }

    /** Runs identity rounds until nothing is left to merge (what the schedule does every 500 ms). */
    private static void settle(EmbeddedServer server) {
        IdentityMerger merger = server.getApplicationContext().getBean(IdentityMerger.class);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (merger.pending() && Instant.now().isBefore(deadline)) {
            merger.round();
        }
        assertThat(merger.pending()).as("identity settled").isFalse();
    }

    private static List<String> trinoNamespaces(ServerClient client) {
        List<String> names = new ArrayList<>();
        ServerClient.json(client.get("/api/v1/namespaces?limit=100").body())
                .path("namespaces")
                .forEach(namespace -> {
                    String name = namespace.path("name").asText();
                    if (name.startsWith("trino://")) {
                        names.add(name);
                    }
                });
        Collections.sort(names);
        return names;
    }

    private static List<JsonNode> aliases(ServerClient client) {
        List<JsonNode> aliases = new ArrayList<>();
        ServerClient.json(client.get("/api/v1/aliases").body()).path("aliases").forEach(aliases::add);
        return aliases;
    }

    /** Every dataset of the namespace with the ids of its upstream closure. */
    private static Map<String, TreeSet<String>> closures(ServerClient client, String namespace) {
        Map<String, TreeSet<String>> closures = new TreeMap<>();
        JsonNode datasets = ServerClient.json(
                        client.get("/api/v1/namespaces/" + encode(namespace) + "/datasets?limit=1000")
                                .body())
                .path("datasets");
        for (JsonNode dataset : datasets) {
            String id = "dataset:" + namespace + ":" + dataset.path("name").asText();
            JsonNode lineage = client.lineage(id, "&direction=upstream");
            closures.put(id, new TreeSet<>(LineageAnswers.ids(lineage)));
        }
        return closures;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
