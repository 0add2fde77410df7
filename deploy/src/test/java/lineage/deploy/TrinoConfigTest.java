package lineage.deploy;

import static lineage.deploy.DeployFiles.DEPLOY;
import static lineage.deploy.DeployFiles.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trino's configuration as both stacks render it with {@code local/render-trino-config.sh} on deploy/local's
 * templates: the compose stack's, run here with the trino-config service's environment from the compose file, and
 * deploy/local's, through {@code local/trino-stack.sh render} (the stack that runs for real in CI).
 */
class TrinoConfigTest {
    private static final Path ETC_TEMPLATES = LOCAL.resolve("etc");
    /** trino-stack.sh's knobs for the local render: none at its default, so each one's use shows. */
    private static final Map<String, String> LOCAL_STACK = Map.of(
            "TRINO_PORT", "8685",
            "TRINO_HEAP", "2G",
            "LINEAGE_HOST", "lineage.example",
            "LINEAGE_PORT", "5607",
            "PG_HOST", "postgres.example",
            "PG_PORT", "5433",
            "PG_USER", "mesh",
            "PG_PASSWORD", "secret",
            "PG_DB_PREFIX", "ci_",
            "KAFKA_BROKERS", "kafka.example:9094");
    /** Rendered only with a broker to write to ({@code KAFKA_BROKERS}), which the compose stack does not set. */
    private static final String KAFKA_LISTENER = "kafka-event-listener.properties";

    @TempDir
    static Path work;

    private static Path etc;
    private static Path scenario;
    private static Path localWork;
    private static Map<String, String> compose;

    @BeforeAll
    static void render() throws IOException, InterruptedException {
        compose = ComposeFileTest.environment("trino-config");
        etc = work.resolve("etc");
        scenario = work.resolve("scenario/jaffle_mesh.sql");
        Map<String, String> environment = new HashMap<>(compose);
        // The container paths, moved under the temporary directory; the rest as the compose file sets it.
        environment.put("TEMPLATES", ETC_TEMPLATES.toString());
        environment.put("SCENARIO", LOCAL.resolve("jaffle_mesh.sql").toString());
        environment.put("ETC_DIR", etc.toString());
        environment.put("DATA_DIR", work.resolve("data").toString());
        environment.put("WAREHOUSE_DIR", work.resolve("data/lake").toString());
        environment.put("SCENARIO_OUT", scenario.toString());
        environment.put("TRINO_UID", "");
        // Not inherited from the environment this test runs in (.ci/run exports it for its own Trino).
        environment.putIfAbsent("KAFKA_BROKERS", "");
        run(environment, "sh", LOCAL.resolve("render-trino-config.sh").toString());

        localWork = work.resolve("local");
        Map<String, String> local = new HashMap<>(LOCAL_STACK);
        local.put("TRINO_WORK", localWork.toString());
        run(local, "bash", LOCAL.resolve("trino-stack.sh").toString(), "render");
    }

    private static void run(Map<String, String> variables, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(variables);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void rendersEveryTemplateAndLeavesNoPlaceholder() {
        List<String> withoutKafka = relativeFiles(ETC_TEMPLATES).stream()
                .filter(file -> !file.equals(KAFKA_LISTENER))
                .toList();
        assertThat(relativeFiles(etc)).containsExactlyInAnyOrderElementsOf(withoutKafka);
        assertThat(relativeFiles(localWork.resolve("etc")))
                .containsExactlyInAnyOrderElementsOf(relativeFiles(ETC_TEMPLATES));
        assertThat(files(etc))
                .allSatisfy(file -> assertThat(DeployFiles.read(file)).doesNotContainPattern("@[A-Z_]+@"));
    }

    /** node.properties is the one file the stacks do not share: deploy/local binds to loopback. */
    @Test
    void keepsTheLocalStacksKeysExceptInNodeProperties() {
        for (Path template : files(ETC_TEMPLATES)) {
            String name = ETC_TEMPLATES.relativize(template).toString();
            if (name.endsWith(".properties") && !name.equals("node.properties")) {
                Path rendered =
                        name.equals(KAFKA_LISTENER) ? localWork.resolve("etc").resolve(name) : etc.resolve(name);
                assertThat(DeployFiles.properties(rendered).stringPropertyNames())
                        .as(name)
                        .isEqualTo(DeployFiles.properties(template).stringPropertyNames());
            }
        }
        assertThat(DeployFiles.properties(etc.resolve("node.properties")))
                .containsEntry("node.internal-address", compose.get("TRINO_HOST"))
                .containsEntry("node.data-dir", work.resolve("data").toString())
                .doesNotContainKey("node.bind-ip");
    }

    @Test
    void bothEventListenersPostToTheLineageServer() {
        String server = "http://" + compose.get("LINEAGE_HOST") + ":" + compose.get("LINEAGE_PORT");
        Properties config = DeployFiles.properties(etc.resolve("config.properties"));

        assertThat(config.getProperty("event-listener.config-files"))
                .isEqualTo(etc.resolve("http-event-listener.properties") + ","
                        + etc.resolve("openlineage-event-listener.properties"));
        assertThat(config).containsEntry("http-server.http.port", compose.get("TRINO_PORT"));
        assertThat(DeployFiles.properties(etc.resolve("http-event-listener.properties")))
                .containsEntry("event-listener.name", "http")
                .containsEntry("http-event-listener.connect-ingest-uri", server + "/api/v1/trino/events")
                .containsEntry("http-event-listener.log-created", "true")
                .containsEntry("http-event-listener.log-completed", "true");
        assertThat(DeployFiles.properties(etc.resolve("openlineage-event-listener.properties")))
                .containsEntry("event-listener.name", "openlineage")
                .containsEntry("openlineage-event-listener.transport.type", "HTTP")
                .containsEntry("openlineage-event-listener.transport.url", server)
                .containsEntry("openlineage-event-listener.transport.endpoint", "/api/v1/lineage")
                .containsEntry("openlineage-event-listener.trino.uri", "http://localhost:" + compose.get("TRINO_PORT"));
    }

    /** With a broker, deploy/local's Trino also writes its query events to Kafka, on the topics the docs name. */
    @Test
    void theKafkaListenerWritesToTheBrokerItIsGiven() {
        Path localEtc = localWork.resolve("etc");
        assertThat(DeployFiles.properties(localEtc.resolve("config.properties"))
                        .getProperty("event-listener.config-files"))
                .isEqualTo(localEtc.resolve("http-event-listener.properties") + ","
                        + localEtc.resolve("openlineage-event-listener.properties") + ","
                        + localEtc.resolve(KAFKA_LISTENER));
        assertThat(DeployFiles.properties(localEtc.resolve(KAFKA_LISTENER)))
                .containsEntry("event-listener.name", "kafka")
                .containsEntry("kafka-event-listener.broker-endpoints", "kafka.example:9094")
                .containsEntry("kafka-event-listener.created-event.topic", "trino-query-created")
                .containsEntry("kafka-event-listener.completed-event.topic", "trino-query-completed");
    }

    @Test
    void theServerHasTheListenersEndpoints() {
        String controllers = DeployFiles.read(DEPLOY.resolveSibling(
                        "lineage-server/src/main/java/lineage/server/api/TrinoEventController.java"))
                + DeployFiles.read(DEPLOY.resolveSibling(
                        "lineage-server/src/main/java/lineage/server/api/LineageController.java"));

        assertThat(controllers).contains("\"/api/v1/trino/events\"").contains("\"/api/v1/lineage\"");
    }

    @Test
    void catalogsReachTheDomainDatabases() {
        String url = "jdbc:postgresql://" + compose.get("PG_HOST") + ":" + compose.get("PG_PORT") + "/";
        for (String domain : List.of("customersdb", "ordersdb", "paymentsdb")) {
            assertThat(DeployFiles.properties(etc.resolve("catalog/" + domain + ".properties")))
                    .containsEntry("connector.name", "postgresql")
                    .containsEntry("connection-url", url + domain)
                    .containsEntry("connection-user", compose.get("PG_USER"));
        }
        assertThat(DeployFiles.properties(etc.resolve("catalog/insights.properties")))
                .containsEntry("connector.name", "iceberg")
                .containsEntry("iceberg.jdbc-catalog.connection-url", url + "insights")
                .containsEntry("local.location", work.resolve("data/lake").toString());
        assertThat(work.resolve("data/lake/warehouse")).isDirectory();
    }

    /** The CLI sends what E2eCheck sends: the same statements, without the heading lines between them. */
    @Test
    void theScenarioIsTheLocalStacksWithoutHeadings() {
        List<String> local = statements(DeployFiles.read(LOCAL.resolve("jaffle_mesh.sql")));
        List<String> rendered = statements(DeployFiles.read(scenario));

        assertThat(rendered).hasSize(22).isEqualTo(local);
        assertThat(DeployFiles.read(scenario).lines().filter(line -> line.startsWith("--")))
                .isEmpty();
        assertThat(rendered.stream().filter(statement -> statement.contains("\"node_id\"")))
                .isNotEmpty()
                .allSatisfy(statement -> assertThat(statement).startsWith("/* {"));
    }

    /** deploy/local renders every template in place, node.properties (loopback only) included, from its knobs. */
    @Test
    void theLocalStackRendersTheSameTemplatesWithItsKnobs() {
        Path local = localWork.resolve("etc");
        String server = "http://lineage.example:5607";
        String url = "jdbc:postgresql://postgres.example:5433/ci_";

        assertThat(relativeFiles(local)).isEqualTo(relativeFiles(ETC_TEMPLATES));
        assertThat(files(local))
                .allSatisfy(file -> assertThat(DeployFiles.read(file)).doesNotContainPattern("@[A-Z_]+@"));
        assertThat(DeployFiles.properties(local.resolve("node.properties")))
                .containsEntry("node.bind-ip", "127.0.0.1")
                .containsEntry("node.internal-address", "127.0.0.1")
                .containsEntry("node.data-dir", localWork.resolve("data").toString());
        assertThat(DeployFiles.properties(local.resolve("config.properties")))
                .containsEntry("http-server.http.port", "8685")
                .containsEntry(
                        "event-listener.config-files",
                        local.resolve("http-event-listener.properties") + ","
                                + local.resolve("openlineage-event-listener.properties") + ","
                                + local.resolve(KAFKA_LISTENER));
        assertThat(DeployFiles.read(local.resolve("jvm.config"))).contains("-Xmx2G");
        assertThat(DeployFiles.properties(local.resolve("http-event-listener.properties")))
                .containsEntry("http-event-listener.connect-ingest-uri", server + "/api/v1/trino/events");
        assertThat(DeployFiles.properties(local.resolve("openlineage-event-listener.properties")))
                .containsEntry("openlineage-event-listener.transport.url", server);
        assertThat(DeployFiles.properties(local.resolve("catalog/ordersdb.properties")))
                .containsEntry("connection-url", url + "ordersdb")
                .containsEntry("connection-user", "mesh")
                .containsEntry("connection-password", "secret");
        assertThat(DeployFiles.properties(local.resolve("catalog/insights.properties")))
                .containsEntry("iceberg.jdbc-catalog.connection-url", url + "insights")
                .containsEntry("local.location", localWork.resolve("lake").toString());
        assertThat(localWork.resolve("lake/warehouse")).isDirectory();
    }

    static List<Path> templates(String directory) {
        return files(ETC_TEMPLATES.resolve(directory));
    }

    /** deploy/local/E2eCheck.java's rule: a statement ends with ';' at a line's end; '--' lines before it are dropped. */
    private static List<String> statements(String text) {
        List<String> statements = new ArrayList<>();
        List<String> buffer = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (buffer.isEmpty() && (line.isBlank() || line.stripLeading().startsWith("--"))) {
                continue;
            }
            buffer.add(line);
            if (line.stripTrailing().endsWith(";")) {
                statements.add(String.join("\n", buffer).strip());
                buffer.clear();
            }
        }
        return statements;
    }

    private static List<String> relativeFiles(Path directory) {
        return files(directory).stream()
                .map(file -> directory.relativize(file).toString())
                .sorted()
                .toList();
    }

    private static List<Path> files(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot list " + directory, exception);
        }
    }
}
