package lineage.deploy;

import static lineage.deploy.DeployFiles.COMPOSE;
import static lineage.deploy.DeployFiles.DEPLOY;
import static lineage.deploy.DeployFiles.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compose stack's Trino configuration: {@code compose/trino/render-config.sh} run here, with the trino-config
 * service's environment from the compose file, on deploy/local's templates (the ones deploy/local runs for real).
 */
class TrinoConfigTest {
    private static final Path ETC_TEMPLATES = LOCAL.resolve("etc");

    @TempDir
    static Path work;

    private static Path etc;
    private static Path scenario;
    private static Map<String, String> compose;

    @BeforeAll
    static void render() throws IOException, InterruptedException {
        compose = ComposeFileTest.environment("trino-config");
        etc = work.resolve("etc");
        scenario = work.resolve("scenario/jaffle_mesh.sql");
        ProcessBuilder builder = new ProcessBuilder(
                        "sh", COMPOSE.resolve("trino/render-config.sh").toString())
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.putAll(compose);
        // The container paths, moved under the temporary directory; the rest as the compose file sets it.
        environment.put("TEMPLATES", ETC_TEMPLATES.toString());
        environment.put("SCENARIO", LOCAL.resolve("jaffle_mesh.sql").toString());
        environment.put("ETC_DIR", etc.toString());
        environment.put("DATA_DIR", work.resolve("data").toString());
        environment.put("WAREHOUSE_DIR", work.resolve("data/lake").toString());
        environment.put("SCENARIO_OUT", scenario.toString());
        environment.put("TRINO_UID", "");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void rendersEveryTemplateAndLeavesNoPlaceholder() {
        assertThat(relativeFiles(etc)).containsExactlyInAnyOrderElementsOf(relativeFiles(ETC_TEMPLATES));
        assertThat(files(etc))
                .allSatisfy(file -> assertThat(DeployFiles.read(file)).doesNotContainPattern("@[A-Z_]+@"));
    }

    /** node.properties is the one file the stacks do not share: deploy/local binds to loopback. */
    @Test
    void keepsTheLocalStacksKeysExceptInNodeProperties() {
        for (Path template : files(ETC_TEMPLATES)) {
            String name = ETC_TEMPLATES.relativize(template).toString();
            if (name.endsWith(".properties") && !name.equals("node.properties")) {
                assertThat(DeployFiles.properties(etc.resolve(name)).stringPropertyNames())
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
