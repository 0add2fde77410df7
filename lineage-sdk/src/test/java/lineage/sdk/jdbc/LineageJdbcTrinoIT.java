package lineage.sdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import lineage.sdk.DatasetNames;
import lineage.sdk.LineageEmitter;
import lineage.sdk.TestingLineageServer;
import lineage.server.testing.TestingTrino;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDBC wrapper around trino-jdbc on a real Trino ({@code LINEAGE_TEST_TRINO_URL}; skipped without it, failing in
 * CI): statements run through the wrapped connection arrive in the server as runs with their lineage, named in the
 * cluster's {@code trino://host:port} namespace, unqualified names read with the URL's catalog and schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineageJdbcTrinoIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path spool;

    private final String table = "sdk_" + UUID.randomUUID().toString().substring(0, 8);
    private TestingLineageServer server;
    private LineageEmitter emitter;
    private String url;
    private String namespace;

    @BeforeAll
    void start() {
        url = TestingTrino.url();
        URI address = URI.create(url.substring("jdbc:".length()));
        namespace = DatasetNames.trinoNamespace(address.getHost(), address.getPort());
        server = new TestingLineageServer(Map.of("lineage.trino.namespace", namespace));
        emitter = LineageEmitter.builder()
                .url(server.uri())
                .namespace("jdbc_trino_it")
                .spoolDirectory(spool)
                .build();
    }

    @AfterAll
    void stop() throws SQLException {
        if (server == null) {
            // Skipped: no Trino, nothing started.
            return;
        }
        try (Connection connection = connect("insights", "default");
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS insights.default." + table);
        }
        emitter.close();
        server.close();
    }

    @Test
    void statementsThroughAWrappedTrinoConnectionAreRunsWithLineage() throws SQLException {
        try (Connection connection = LineageJdbc.wrap(connect("customersdb", "public"), emitter, "sdk_trino");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS insights.default");
            statement.executeUpdate(
                    "CREATE TABLE insights.default." + table + " AS SELECT id, first_name FROM customers");
            try (ResultSet result = statement.executeQuery("SELECT count(*) FROM insights.default." + table)) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isPositive();
            }
        }
        assertThat(emitter.flush(TIMEOUT)).isTrue();

        String created = "insights.default." + table;
        JsonNode lineage = server.client().lineage("dataset:" + namespace + ":" + created, "");
        assertThat(ids(lineage))
                .contains(
                        "dataset:" + namespace + ":customersdb.public.customers",
                        "job:jdbc_trino_it:sdk_trino." + created)
                .anyMatch(id -> id.startsWith("job:jdbc_trino_it:sdk_trino.query_"));
        JsonNode runs = server.get("/api/v1/namespaces/jdbc_trino_it/jobs/"
                + URLEncoder.encode("sdk_trino." + created, StandardCharsets.UTF_8) + "/runs");
        assertThat(runs.path("runs").get(0).path("state").asText()).isEqualTo("COMPLETED");
    }

    /** trino-jdbc itself, with the session's catalog and schema in the URL as applications write it. */
    private Connection connect(String catalog, String schema) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "lineage-it");
        return DriverManager.getConnection(url + "/" + catalog + "/" + schema, properties);
    }

    private static List<String> ids(JsonNode lineage) {
        List<String> ids = new ArrayList<>();
        lineage.path("graph").forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }
}
