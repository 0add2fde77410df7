package lineage.sdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import lineage.sdk.DatasetNames;
import lineage.sdk.DatasetNames.DatasetName;
import lineage.sdk.LineageEmitter;
import lineage.sdk.TestingLineageServer;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The JDBC wrapper on the real PostgreSQL the integration tests use (embedded, or {@code LINEAGE_TEST_DB_URL}):
 * statements run unchanged and each becomes a run with its lineage, named from the JDBC URL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineageJdbcIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path spool;

    private TestingLineageServer server;
    private LineageEmitter emitter;
    private String url;
    private String user;
    private String password;
    private String schema;

    @BeforeAll
    void start() throws SQLException {
        Map<String, String> database = TestingDatabase.properties();
        url = database.get("datasources.default.url");
        user = database.get("datasources.default.username");
        password = database.get("datasources.default.password");
        schema = database.get("flyway.datasources.default.schemas");
        // The server migrates this schema; the test's tables live beside the server's.
        server = new TestingLineageServer(database);
        emitter = LineageEmitter.builder()
                .url(server.uri())
                .namespace("jdbc_it")
                .spoolDirectory(spool)
                .build();
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE jdbc_orders (id bigint, created date, amount numeric(10, 2))");
            statement.execute("CREATE TABLE jdbc_daily (day date, order_count bigint, revenue numeric(12, 2))");
            statement.execute("INSERT INTO jdbc_orders VALUES (1, DATE '2026-11-01', 10), (2, DATE '2026-11-01', 5)");
        }
    }

    @AfterAll
    void stop() {
        emitter.close();
        server.close();
    }

    @Test
    void eachStatementIsARunWithTheLineageOfItsSql() throws SQLException {
        try (Connection connection =
                        LineageJdbc.wrap(DriverManager.getConnection(url, user, password), emitter, "nightly");
                Statement statement = connection.createStatement()) {
            int rows = statement.executeUpdate("INSERT INTO jdbc_daily (day, order_count, revenue)"
                    + " SELECT created, count(*), sum(amount) FROM jdbc_orders GROUP BY created");
            assertThat(rows).isEqualTo(1);
        }
        assertThat(emitter.flush(TIMEOUT)).isTrue();

        DatasetName daily = table("jdbc_daily");
        DatasetName orders = table("jdbc_orders");
        String job = "job:jdbc_it:nightly." + daily.name();
        JsonNode lineage = server.client().lineage("dataset:" + daily.namespace() + ":" + daily.name(), "");
        assertThat(ids(lineage))
                .containsExactly(
                        "dataset:" + daily.namespace() + ":" + daily.name(),
                        "dataset:" + orders.namespace() + ":" + orders.name(),
                        job);
        JsonNode jobNode = node(lineage, job);
        assertThat(jobNode.path("data").path("latestRun").path("state").asText())
                .isEqualTo("COMPLETED");
    }

    @Test
    void aPreparedStatementFromAWrappedDataSourceIsReportedAndItsResultUnchanged() throws SQLException {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(url);
        postgres.setUser(user);
        postgres.setPassword(password);
        DataSource dataSource = LineageJdbc.wrap(postgres, emitter, "report");
        long before = emitter.counters().sent();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT sum(amount) FROM jdbc_orders WHERE created = ?")) {
            statement.setObject(1, java.time.LocalDate.of(2026, 11, 1));
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).isTrue();
                assertThat(result.getBigDecimal(1)).isEqualByComparingTo("15");
            }
        }
        assertThat(emitter.flush(TIMEOUT)).isTrue();

        assertThat(emitter.counters().sent() - before).isEqualTo(2);
        DatasetName orders = table("jdbc_orders");
        JsonNode lineage = server.client().lineage("dataset:" + orders.namespace() + ":" + orders.name(), "");
        assertThat(ids(lineage)).anyMatch(id -> id.startsWith("job:jdbc_it:report.query_"));
    }

    @Test
    void aFailingStatementThrowsItsOwnExceptionAndItsRunFails() throws SQLException {
        try (Connection connection =
                        LineageJdbc.wrap(DriverManager.getConnection(url, user, password), emitter, "broken");
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO jdbc_daily SELECT * FROM jdbc_missing"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("jdbc_missing");
        }
        assertThat(emitter.flush(TIMEOUT)).isTrue();

        String job = "broken." + table("jdbc_daily").name();
        JsonNode runs = server.get("/api/v1/namespaces/jdbc_it/jobs/" + job + "/runs");
        assertThat(runs.path("runs").get(0).path("state").asText()).isEqualTo("FAILED");
        assertThat(runs.path("runs")
                        .get(0)
                        .path("facets")
                        .path("errorMessage")
                        .path("message")
                        .asText())
                .contains("jdbc_missing");
    }

    private DatasetName table(String name) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        String database = uri.getPath().substring(1);
        return DatasetNames.postgresTable(uri.getHost(), uri.getPort(), database, schema, name);
    }

    private static List<String> ids(JsonNode lineage) {
        List<String> ids = new ArrayList<>();
        lineage.path("graph").forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }

    private static JsonNode node(JsonNode lineage, String id) {
        for (JsonNode node : lineage.path("graph")) {
            if (node.path("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no node " + id + " in " + lineage);
    }
}
