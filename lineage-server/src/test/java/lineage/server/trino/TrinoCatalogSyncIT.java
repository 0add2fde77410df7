package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TestingTrino;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /api/v1/trino/sync} against a real Trino: a view created behind the server's back gets its view →
 * base-table edges from its definition, and its dataset its columns, from {@code information_schema}.
 */
// Not in a test transaction: what the poller writes must be committed for the HTTP API to see it.
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoCatalogSyncIT implements TestPropertyProvider {
    private static final String TRINO = TrinoIngestionIT.TRINO;

    private final String view =
            "insights.default.sync_" + UUID.randomUUID().toString().substring(0, 8);

    private final Map<String, String> database = TestingDatabase.properties();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(database);
        properties.put("lineage.trino.poller.url", TestingTrino.url());
        properties.put("lineage.trino.sync.catalogs", "insights");
        // Only this connection reaches the test's server (the cluster's listeners post to another one), so nothing
        // teaches it that 127.0.0.1 is the cluster users call localhost: configuration says so.
        properties.put("lineage.trino.namespace", "trino://localhost:8085");
        properties.put("lineage.trino.namespace-aliases", "trino://127.0.0.1:8085");
        return properties;
    }

    @BeforeAll
    void createAViewInTrino() throws SQLException {
        try (Connection connection = TestingTrino.connect("insights", "default")) {
            TestingTrino.execute(connection, "CREATE SCHEMA IF NOT EXISTS insights.default");
            TestingTrino.execute(
                    connection,
                    "CREATE VIEW " + view + " AS SELECT o.id, o.user_id, c.first_name"
                            + " FROM ordersdb.public.orders o JOIN customersdb.public.customers c ON o.user_id = c.id");
        }
    }

    @AfterAll
    void dropTheView() throws SQLException {
        try (Connection connection = TestingTrino.connect("insights", "default")) {
            TestingTrino.execute(connection, "DROP VIEW IF EXISTS " + view);
        }
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    @Test
    void aViewGetsItsBaseTablesAndItsColumns() {
        JsonNode answer = TrinoIngestionIT.json(client().post("/api/v1/trino/sync", ""));

        assertThat(answer.path("catalogs").get(0).path("catalog").asText()).isEqualTo("insights");
        assertThat(answer.path("catalogs").get(0).path("views").asInt()).isPositive();
        assertThat(answer.path("catalogs").get(0).path("tables").asInt()).isPositive();
        JsonNode lineage = client().lineage("dataset:" + TRINO + ":" + view, "&direction=upstream");
        assertThat(LineageAnswers.ids(lineage))
                .contains(
                        "dataset:" + TRINO + ":ordersdb.public.orders",
                        "dataset:" + TRINO + ":customersdb.public.customers");
        assertThat(fields(view)).containsExactly("id", "user_id", "first_name");
        assertThat(edgeSources()).containsOnly("sql");

        JsonNode again = TrinoIngestionIT.json(client().post("/api/v1/trino/sync", "{\"catalogs\": [\"insights\"]}"));
        assertThat(again.path("catalogs").get(0).path("viewsChanged").asInt()).isZero();
        assertThat(again.path("catalogs").get(0).path("tablesChanged").asInt()).isZero();
    }

    @Test
    void badCatalogsAreProblemsNamingTheField() {
        HttpResponse<String> notAName = client().post("/api/v1/trino/sync", "{\"catalogs\": [\"insights\", 7]}");
        HttpResponse<String> unknown = client().post("/api/v1/trino/sync", "{\"catalogs\": [\"no_such_catalog\"]}");
        HttpResponse<String> notJson = client().post("/api/v1/trino/sync", "{\"catalogs\": [");

        for (HttpResponse<String> response : List.of(notAName, unknown, notJson)) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(ServerClient.json(notAName.body())
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("catalogs[1]");
        assertThat(ServerClient.json(unknown.body())
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("catalogs[0]");
        assertThat(ServerClient.json(notJson.body()).path("code").asText()).isEqualTo("MALFORMED_JSON");
    }

    private List<String> fields(String dataset) {
        JsonNode answer = TrinoIngestionIT.json(client().get("/api/v1/namespaces/"
                + URLEncoder.encode(TRINO, StandardCharsets.UTF_8) + "/datasets/"
                + URLEncoder.encode(dataset, StandardCharsets.UTF_8)));
        List<String> names = new ArrayList<>();
        answer.path("fields").forEach(field -> names.add(field.path("name").asText()));
        return names;
    }

    /** How the current edges were found: the sync's view edges come from parsing the definition. */
    private List<String> edgeSources() {
        return TestingDatabase.query(database, "SELECT DISTINCT source FROM lineage_edges ORDER BY 1");
    }
}
