package lineage.deploy;

import static lineage.deploy.DeployFiles.COMPOSE;
import static lineage.deploy.DeployFiles.LOCAL;
import static lineage.deploy.DeployFiles.list;
import static lineage.deploy.DeployFiles.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The service graph and wiring of {@code deploy/compose/docker-compose.yml}, checked without a Docker engine. */
class ComposeFileTest {
    static final Path COMPOSE_FILE = COMPOSE.resolve("docker-compose.yml");
    private static final Set<String> ONE_SHOTS = Set.of("trino-config", "jaffle-demo");
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");
    private static final Pattern TRINO_VERSION = Pattern.compile("TRINO_VERSION=\\$\\{TRINO_VERSION:-([0-9]+)}");

    /**
     * The Compose file format, checked by Debian's docker-compose (1.29, which needs no engine for {@code config});
     * .ci/run installs it. Elsewhere the test is skipped, but not in CI ({@code CI=true}), where it fails.
     */
    @Test
    void dockerComposeAcceptsTheFile() throws IOException, InterruptedException {
        Optional<Path> dockerCompose = onPath("docker-compose");
        if (dockerCompose.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("docker-compose is not installed; .ci/run installs it (Debian's docker-compose)");
        }
        assumeTrue(dockerCompose.isPresent(), "docker-compose is not installed");

        Process process = new ProcessBuilder(
                        dockerCompose.get().toString(), "-f", COMPOSE_FILE.toString(), "config", "-q")
                .directory(COMPOSE.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @Test
    void hasTheDataMeshServices() {
        assertThat(services().keySet())
                .containsExactlyInAnyOrder(
                        "kafka", "lineage-db", "lineage-server", "mesh-db", "trino-config", "trino", "jaffle-demo");
    }

    @Test
    void dependenciesExistAndWaitForHealthOrCompletion() {
        Map<String, Map<String, Object>> services = services();

        services.forEach((name, service) -> dependencies(service).forEach((target, condition) -> {
            assertThat(services).as("%s depends on %s", name, target).containsKey(target);
            if (ONE_SHOTS.contains(target)) {
                assertThat(condition).as("%s → %s", name, target).isEqualTo("service_completed_successfully");
            } else {
                assertThat(condition).as("%s → %s", name, target).isEqualTo("service_healthy");
                assertThat(services.get(target))
                        .as("%s has a healthcheck", target)
                        .containsKey("healthcheck");
            }
        }));
    }

    @Test
    void startsInAnOrderThatBringsTheLineageServerUpBeforeTrinoAndTheDemoLast() {
        List<String> order = startOrder(services());

        assertThat(order).containsSubsequence("lineage-db", "lineage-server", "trino", "jaffle-demo");
        assertThat(order).containsSubsequence("mesh-db", "trino");
        assertThat(order).containsSubsequence("trino-config", "trino");
        assertThat(order).endsWith("jaffle-demo");
    }

    @Test
    void everyLongRunningServiceHasAHealthcheck() {
        services().forEach((name, service) -> {
            if (!ONE_SHOTS.contains(name)) {
                assertThat(list(service, "healthcheck", "test")).as(name).isNotEmpty();
            }
        });
    }

    @Test
    void bindMountsExistAndNamedVolumesAreDeclared() {
        Set<String> declared = map(DeployFiles.yaml(COMPOSE_FILE), "volumes").keySet();

        services().forEach((name, service) -> {
            if (!service.containsKey("volumes")) {
                return;
            }
            for (Object volume : list(service, "volumes")) {
                String source = ((String) volume).split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(COMPOSE.resolve(source))
                            .as("%s mounts %s", name, source)
                            .exists();
                } else {
                    assertThat(declared).as("%s mounts volume %s", name, source).contains(source);
                }
            }
        });
    }

    @Test
    void runsTheTrinoVersionOfTheLocalStack() {
        Matcher version = TRINO_VERSION.matcher(DeployFiles.read(LOCAL.resolve("trino-stack.sh")));
        assertThat(version.find()).isTrue();
        String image = "trinodb/trino:" + version.group(1);

        assertThat(services().get("trino")).containsEntry("image", image);
        assertThat(services().get("jaffle-demo")).containsEntry("image", image);
    }

    @Test
    void theLineageServerUsesTheLineageDatabase() {
        Map<String, String> server = environment("lineage-server");
        Map<String, String> database = environment("lineage-db");

        assertThat(server)
                .containsEntry("LINEAGE_DB_URL", "jdbc:postgresql://lineage-db:5432/" + database.get("POSTGRES_DB"))
                .containsEntry("LINEAGE_DB_USER", database.get("POSTGRES_USER"))
                .containsEntry("LINEAGE_DB_PASSWORD", database.get("POSTGRES_PASSWORD"));
        assertThat(server.keySet()).allSatisfy(variable -> assertThat(ServerVariables.all())
                .as("the server reads %s", variable)
                .contains(variable));
        assertThat(list(services().get("lineage-server"), "ports"))
                .containsExactly("${LINEAGE_PUBLISHED_PORT:-5000}:5000");
    }

    @Test
    void trinoIsConfiguredForThisNetwork() {
        Map<String, String> config = environment("trino-config");

        assertThat(services())
                .containsKeys(config.get("LINEAGE_HOST"), config.get("PG_HOST"), config.get("TRINO_HOST"));
        assertThat(config.get("LINEAGE_HOST")).isEqualTo("lineage-server");
        assertThat(config.get("LINEAGE_PORT")).isEqualTo(containerPort("lineage-server"));
        assertThat(config.get("TRINO_HOST")).isEqualTo("trino");
        assertThat(config.get("TRINO_PORT")).isEqualTo(containerPort("trino"));
        assertThat(config.get("PG_HOST")).isEqualTo("mesh-db");
        assertThat(config.get("PG_USER")).isEqualTo(environment("mesh-db").get("MESH_DB_USER"));
        assertThat(config.get("PG_PASSWORD")).isEqualTo(environment("mesh-db").get("MESH_DB_PASSWORD"));
        assertThat(list(services().get("trino"), "volumes"))
                .contains("trino-etc:" + config.get("ETC_DIR") + ":ro", "trino-data:" + config.get("DATA_DIR"));
        assertThat(list(services().get("trino-config"), "volumes"))
                .contains(
                        "../local/etc:" + config.get("TEMPLATES") + ":ro",
                        "../local/jaffle_mesh.sql:" + config.get("SCENARIO") + ":ro");
    }

    /** The script that renders deploy/local's Trino configuration renders this stack's too. */
    @Test
    void trinoConfigRunsTheLocalStacksRenderer() {
        List<Object> command = list(services().get("trino-config"), "command");

        assertThat(command).hasSize(2).startsWith("sh");
        assertThat(list(services().get("trino-config"), "volumes"))
                .contains("../local/render-trino-config.sh:" + command.get(1) + ":ro");
    }

    /** The OpenLineage listener names the cluster after trino.uri; the HTTP listener after the coordinator's address. */
    @Test
    void theServersTrinoNamespaceMatchesBothListeners() {
        Map<String, String> config = environment("trino-config");
        Map<String, String> server = environment("lineage-server");

        assertThat(server)
                .containsEntry("LINEAGE_TRINO_NAMESPACE", "trino://localhost:" + config.get("TRINO_PORT"))
                .containsEntry(
                        "LINEAGE_TRINO_NAMESPACE_ALIASES",
                        "trino://" + config.get("TRINO_HOST") + ":" + config.get("TRINO_PORT"));
    }

    @Test
    void theDemoRunsTheRenderedScenarioAgainstTrino() {
        Map<String, String> config = environment("trino-config");

        assertThat(list(services().get("jaffle-demo"), "entrypoint")).containsExactly("/usr/bin/trino");
        assertThat(list(services().get("jaffle-demo"), "command"))
                .containsSubsequence("--server", "http://trino:" + config.get("TRINO_PORT"))
                .containsSubsequence("--file", config.get("SCENARIO_OUT"))
                .contains("--ignore-errors");
        assertThat(list(services().get("jaffle-demo"), "volumes")).containsExactly("demo-sql:/scenario:ro");
        assertThat(Path.of(config.get("SCENARIO_OUT")).getParent()).isEqualTo(Path.of("/scenario"));
    }

    @Test
    void theDomainDatabasesAreTheCatalogsOfTheLocalStack() {
        String init = DeployFiles.read(COMPOSE.resolve("mesh-db/10-jaffle-mesh.sh"));
        List<String> catalogs = new ArrayList<>();
        for (Path catalog : TrinoConfigTest.templates("catalog")) {
            catalogs.add(catalog.getFileName().toString().replace(".properties", ""));
        }

        assertThat(catalogs).containsExactlyInAnyOrder("customersdb", "ordersdb", "paymentsdb", "insights");
        assertThat(init).contains("for database in customersdb ordersdb paymentsdb insights; do");
        assertThat(catalogs).allSatisfy(catalog -> assertThat(LOCAL.resolve("seed/" + catalog + ".sql"))
                .exists());
        assertThat(list(services().get("mesh-db"), "volumes")).contains("../local/seed:/seed:ro");
    }

    private static Optional<Path> onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static Map<String, Map<String, Object>> services() {
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        map(DeployFiles.yaml(COMPOSE_FILE), "services").forEach((name, service) -> services.put(name, map(service)));
        return services;
    }

    /** A service's environment with {@code ${NAME:-default}} replaced by its default, as compose does when unset. */
    static Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        map(services().get(service), "environment")
                .forEach((name, value) -> environment.put(
                        name, DEFAULTED.matcher(String.valueOf(value)).replaceAll("$1")));
        return environment;
    }

    private static String containerPort(String service) {
        String mapping = (String) list(services().get(service), "ports").get(0);
        return mapping.substring(mapping.lastIndexOf(':') + 1);
    }

    private static Map<String, String> dependencies(Map<String, Object> service) {
        Map<String, String> dependencies = new LinkedHashMap<>();
        if (service.containsKey("depends_on")) {
            map(service, "depends_on")
                    .forEach((target, condition) ->
                            dependencies.put(target, (String) map(condition).get("condition")));
        }
        return dependencies;
    }

    /** A start order in which every service follows its dependencies; fails on a cycle. */
    private static List<String> startOrder(Map<String, Map<String, Object>> services) {
        Set<String> started = new LinkedHashSet<>();
        while (started.size() < services.size()) {
            int before = started.size();
            services.forEach((name, service) -> {
                if (!started.contains(name)
                        && started.containsAll(dependencies(service).keySet())) {
                    started.add(name);
                }
            });
            assertThat(started.size())
                    .as("a dependency cycle among %s", services.keySet())
                    .isGreaterThan(before);
        }
        return List.copyOf(started);
    }
}
