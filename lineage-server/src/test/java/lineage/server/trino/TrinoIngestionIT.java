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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import lineage.server.config.TrinoConfig;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * All 86 captures of a real Trino 476 (both event listeners) posted through the real endpoints in their recorded
 * arrival order, then read back through the HTTP API: the jaffle-shop mesh's cross-domain lineage.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoIngestionIT implements TestPropertyProvider {
    static final String TRINO = "trino://localhost:8085";
    static final String ENCODED = URLEncoder.encode(TRINO, StandardCharsets.UTF_8);

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Inject
    TrinoConfig config;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    @BeforeAll
    void replayInArrivalOrder() {
        post(client(), TrinoCaptures.all());
    }

    static void post(ServerClient client, List<String> files) {
        for (String file : files) {
            HttpResponse<String> response = TrinoCaptures.isHttp(file)
                    ? client.post("/api/v1/trino/events", TrinoCaptures.read(file))
                    : client.post("/api/v1/lineage", TrinoCaptures.read(file));
            assertThat(response.statusCode())
                    .as(file + ": " + response.body())
                    .isEqualTo(TrinoCaptures.isHttp(file) ? 200 : 201);
        }
    }

    @Test
    void withNothingConfiguredTheClusterIsOneNamespaceNamedByItsOpenLineageListener() {
        assertThat(config).isEqualTo(new TrinoConfig(java.util.Optional.empty(), List.of()));
        List<String> trinoNamespaces = new ArrayList<>();
        json(client().get("/api/v1/namespaces?limit=100")).path("namespaces").forEach(namespace -> {
            if (namespace.path("name").asText().startsWith("trino://")) {
                trinoNamespaces.add(namespace.path("name").asText());
            }
        });
        assertThat(trinoNamespaces).containsExactly(TRINO);
    }

    @Test
    void dimCustomersReachesItsThreeSourceDomainsThroughTheViews() {
        assertReachesTheThreeDomains(client());
    }

    @Test
    void customerLifetimeValueComesFromThePaymentsAmount() {
        assertLifetimeValueFromPayments(client());
    }

    static void assertLifetimeValueFromPayments(ServerClient client) {
        JsonNode lineage = json(client.get("/api/v1/column-lineage?nodeId="
                + URLEncoder.encode(
                        "datasetField:" + TRINO + ":insights.default.dim_customers:customer_lifetime_value",
                        StandardCharsets.UTF_8)));

        assertThat(LineageAnswers.ids(lineage))
                .contains(
                        "datasetField:" + TRINO + ":insights.default.customer_payments:total_amount",
                        "datasetField:" + TRINO + ":insights.default.stg_payments:amount",
                        "datasetField:" + TRINO + ":paymentsdb.public.payments:amount");
    }

    @Test
    void eachQueryIsOneRunOfOneJobAndTheDailySummaryStatementsAreThreeJobs() {
        assertOneRunPerQuery(client());
        List<String> daily = jobNames(client()).stream()
                .filter(name -> name.contains("daily_order_summary"))
                .toList();
        assertThat(daily).hasSize(3);
        assertThat(daily)
                .anyMatch(name -> name.startsWith("create_table.insights.default.daily_order_summary."))
                .anyMatch(name -> name.startsWith("insert.insights.default.daily_order_summary."))
                .anyMatch(name -> name.startsWith("merge.insights.default.daily_order_summary."));
        assertThat(jobNames(client()))
                .contains("model.jaffle_mesh.stg_customers")
                .noneMatch(name -> name.matches("\\d{8}_\\d{6}_\\d{5}_[a-z0-9]{5}"));
    }

    @Test
    void theSyntaxErrorAndTheMissingTableAreFailedRunsWithTheirErrors() {
        assertFailedRuns(client());
    }

    @Test
    void datasetsHaveTheirDomainAndNoPushdownArtefactIsOne() {
        assertDomainsAndNoArtefacts(client());
    }

    @Test
    void datasetsKeepTheirWholeSchemaWhateverLaterQueriesUsed() {
        assertSchemasAreWholeTables(client());
    }

    @Test
    void edgesSayTheyCameFromTrino() {
        assertThat(count("SELECT count(*) FROM lineage_edges WHERE source = 'trino'"))
                .isPositive();
        assertThat(count("SELECT count(*) FROM lineage_events WHERE event_kind = 'TRINO'"))
                .isEqualTo(44);
        assertThat(count("SELECT count(*) FROM column_lineage WHERE source = 'trino'"))
                .isPositive();
    }

    @Test
    void replayingEverythingAgainChangesNothing() {
        List<String> reads = List.of(
                "/api/v1/namespaces/" + ENCODED + "/jobs?limit=100",
                "/api/v1/namespaces/" + ENCODED + "/datasets?limit=100",
                "/api/v1/lineage?nodeId="
                        + URLEncoder.encode(
                                "dataset:" + TRINO + ":insights.default.dim_customers", StandardCharsets.UTF_8),
                "/api/v1/jobs/runs/" + TrinoRunIds.of("20261123_135210_00011_dry4y"));
        List<String> before = new ArrayList<>();
        reads.forEach(path -> before.add(json(client().get(path)).toString()));
        long events = count("SELECT count(*) FROM lineage_events");

        post(client(), TrinoCaptures.all());

        List<String> after = new ArrayList<>();
        reads.forEach(path -> after.add(json(client().get(path)).toString()));
        assertThat(after).isEqualTo(before);
        assertThat(count("SELECT count(*) FROM lineage_events")).isEqualTo(events);
    }

    static void assertReachesTheThreeDomains(ServerClient client) {
        JsonNode lineage =
                client.lineage("dataset:" + TRINO + ":insights.default.dim_customers", "&direction=upstream");
        assertThat(LineageAnswers.ids(lineage))
                .contains(
                        "dataset:" + TRINO + ":insights.default.stg_customers",
                        "dataset:" + TRINO + ":insights.default.stg_orders",
                        "dataset:" + TRINO + ":insights.default.stg_payments",
                        "dataset:" + TRINO + ":customersdb.public.customers",
                        "dataset:" + TRINO + ":ordersdb.public.orders",
                        "dataset:" + TRINO + ":paymentsdb.public.payments");
        // Through the views' own edges: the view is what dim_customers' job read.
        JsonNode stgCustomers = LineageAnswers.node(lineage, "dataset:" + TRINO + ":insights.default.stg_customers");
        assertThat(stgCustomers.path("inEdges").toString()).contains("model.jaffle_mesh.stg_customers");
    }

    static void assertOneRunPerQuery(ServerClient client) {
        JsonNode results = TrinoCaptures.json("scenario_results.json");
        TreeSet<String> queryIds = new TreeSet<>();
        for (String file : TrinoCaptures.http()) {
            queryIds.add(
                    TrinoCaptures.json(file).path("metadata").path("queryId").asText());
        }
        assertThat(queryIds).hasSize(22);
        for (String queryId : queryIds) {
            HttpResponse<String> run = client.get("/api/v1/jobs/runs/" + TrinoRunIds.of(queryId));
            assertThat(run.statusCode()).as(queryId).isEqualTo(200);
        }
        List<String> jobs = jobNames(client);
        assertThat(jobs).hasSize(22);
        int runs = 0;
        for (String job : jobs) {
            JsonNode page = json(client.get("/api/v1/namespaces/" + ENCODED + "/jobs/"
                    + URLEncoder.encode(job, StandardCharsets.UTF_8) + "/runs?limit=100"));
            assertThat(page.path("runs").size()).as(job).isEqualTo(1);
            runs += page.path("runs").size();
        }
        assertThat(runs).isEqualTo(22);
        assertThat(results.isContainerNode()).isTrue();
    }

    static void assertFailedRuns(ServerClient client) {
        Map<String, String> expected = new TreeMap<>();
        expected.put("20261123_135223_00015_dry4y", "line 1:1: mismatched input 'SELEC'");
        expected.put("20261123_135225_00016_dry4y", "line 1:15: Table 'ordersdb.public.refunds' does not exist");
        expected.forEach((queryId, message) -> {
            JsonNode run = json(client.get("/api/v1/jobs/runs/" + TrinoRunIds.of(queryId)));
            assertThat(run.path("state").asText()).as(queryId).isEqualTo("FAILED");
            JsonNode facets = json(client.get("/api/v1/jobs/runs/" + TrinoRunIds.of(queryId) + "/facets?type=run"));
            assertThat(facets.toString()).as(queryId).contains(message);
        });
        JsonNode finished = json(client.get("/api/v1/jobs/runs/" + TrinoRunIds.of("20261123_135235_00021_dry4y")));
        assertThat(finished.path("state").asText()).isEqualTo("COMPLETED");
    }

    static void assertSchemasAreWholeTables(ServerClient client) {
        assertThat(fieldNames(client, "insights.default.dim_customers"))
                .as("later reads of two of its columns do not narrow it (in arrival order of the columns)")
                .containsExactlyInAnyOrder(
                        "customer_id",
                        "first_name",
                        "last_name",
                        "first_order",
                        "most_recent_order",
                        "number_of_orders",
                        "customer_lifetime_value");
        assertThat(fieldNames(client, "insights.default.daily_order_summary"))
                .as("the MERGE writes two of its columns")
                .containsExactlyInAnyOrder("order_date", "status", "orders", "amount_cents");
        assertThat(fieldNames(client, "customersdb.public.customers"))
                .as("the columns the queries read, together")
                .containsExactlyInAnyOrder("id", "first_name", "last_name");
    }

    private static List<String> fieldNames(ServerClient client, String dataset) {
        List<String> names = new ArrayList<>();
        json(client.get("/api/v1/namespaces/" + ENCODED + "/datasets/" + dataset))
                .path("fields")
                .forEach(field -> names.add(field.path("name").asText()));
        return names;
    }

    static void assertDomainsAndNoArtefacts(ServerClient client) {
        JsonNode datasets = json(client.get("/api/v1/namespaces/" + ENCODED + "/datasets?limit=100"))
                .path("datasets");
        Map<String, String> domains = new TreeMap<>();
        datasets.forEach(dataset -> domains.put(
                dataset.path("name").asText(), dataset.path("domain").asText()));
        assertThat(domains.keySet())
                .noneMatch(name -> name.contains("_generated"))
                .doesNotContain("ordersdb.public.refunds");
        assertThat(domains)
                .containsEntry("customersdb.public.customers", "customersdb")
                .containsEntry("ordersdb.public.orders", "ordersdb")
                .containsEntry("paymentsdb.public.payments", "paymentsdb")
                .containsEntry("insights.default.dim_customers", "insights");
        assertThat(new TreeSet<>(domains.values()))
                .containsExactly("customersdb", "insights", "ordersdb", "paymentsdb");
        datasets.forEach(dataset -> assertThat(dataset.path("fields").toString())
                .doesNotContain("$row_id")
                .doesNotContain("_pfgnrtd_"));
    }

    static List<String> jobNames(ServerClient client) {
        List<String> names = new ArrayList<>();
        json(client.get("/api/v1/namespaces/" + ENCODED + "/jobs?limit=100"))
                .path("jobs")
                .forEach(job -> names.add(job.path("name").asText()));
        return names;
    }

    static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private long count(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        } catch (SQLException exception) {
            throw new AssertionError(exception);
        }
    }
}
