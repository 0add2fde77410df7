package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import lineage.server.testing.JaffleMesh;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The web UI end to end, its first page (the mesh at a glance) first: the server with the jaffle-shop mesh, driven in
 * headless Chromium by {@code src/main/web/e2e/ui-e2e.mjs} (playwright-core), screenshots in {@code
 * target/ui-screenshots}. Without {@code /usr/bin/chromium} the test is skipped, except in CI ({@code CI=true}), where
 * it fails.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiIT implements TestPropertyProvider {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long BROWSER_MINUTES = 5;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.domains.insights.owner", "analytics-team");
        properties.put("lineage.domains.insights.catalogs", "insights");
        return properties;
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    @BeforeAll
    void replayTheMesh() {
        JaffleMesh.replay(client());
        // The warehouse's copy of dim_customers is the same table: its name shows on the dataset's page.
        HttpResponse<String> alias = client().put(
                        "/api/v1/aliases",
                        "{\"alias\": {\"namespace\": \"postgres://warehouse:5432\", \"name\": \"analytics.public.dim_customers\"},"
                                + " \"canonical\": {\"namespace\": \"" + JaffleMesh.TRINO
                                + "\", \"name\": \"insights.default.dim_customers\"}}");
        assertThat(alias.statusCode()).as(alias.body()).isEqualTo(201);
    }

    @Test
    void theServerAnswersTheUiAtTheRootAndKeepsItsOwnRoutes() {
        HttpResponse<String> index = client().get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(index.body()).contains("<script src=\"app.js\"></script>");
        assertThat(client().get("/app.js").statusCode()).isEqualTo(200);
        assertThat(client().get("/health").body()).contains("UP");
        HttpResponse<String> unknown = client().get("/api/v1/nope");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aUserFindsDimCustomersSeesItsThreeSourceDomainsAndTheImpactOfPaymentsAmount() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + ": apt-get install -y chromium");
        }
        assertThat(CHROMIUM).as("CI installs Chromium (.ci/run)").isExecutable();
        Path screenshots = Path.of(System.getProperty("lineage.ui.screenshots", "target/ui-screenshots"));

        JsonNode report = runBrowser(screenshots);

        assertThat(report.path("pageErrors")).as("errors thrown in the page").isEmpty();
        assertTheFirstPageShowsTheMesh(report);
        assertThat(texts(report.path("search"))).contains("insights.default.dim_customers");
        assertThat(report.path("focus").asText()).isEqualTo("insights.default.dim_customers");
        assertThat(texts(report.path("domains"))).contains("customersdb", "ordersdb", "paymentsdb", "insights");
        assertThat(texts(report.path("graphNodes")))
                .contains(
                        JaffleMesh.dataset("customersdb.public.customers"),
                        JaffleMesh.dataset("ordersdb.public.orders"),
                        JaffleMesh.dataset("paymentsdb.public.payments"));
        assertThat(texts(report.path("edgeSources"))).containsExactly("openlineage");
        assertThat(texts(report.path("fields"))).contains("customer_id", "customer_lifetime_value");
        assertThat(texts(report.path("aliases")))
                .containsExactly("postgres://warehouse:5432 analytics.public.dim_customers");
        assertThat(report.path("columnEdges").asInt())
                .as("column lineage between dim_customers and customer_payments, both expanded")
                .isPositive();
        assertThat(texts(report.path("runStates"))).contains("COMPLETED");
        assertThat(report.path("impactSubject").asText()).isEqualTo("paymentsdb.public.payments.amount");
        assertThat(texts(report.path("impacted")))
                .contains(
                        field("insights.default.stg_payments", "amount"),
                        field("insights.default.customer_payments", "total_amount"),
                        field("insights.default.daily_order_summary", "amount_cents"),
                        field("insights.default.dim_customers", "customer_lifetime_value"),
                        JaffleMesh.dataset("insights.default.fct_orders"))
                .doesNotContain(field("insights.default.stg_payments", "payment_method"));
        assertThat(report.path("schemaChangeSummary").asText()).startsWith("Worst: BREAKING");
        for (String name :
                List.of("home", "domain", "search", "graph", "graph-columns", "runs", "impact", "schema-change")) {
            assertThat(screenshots.resolve(name + ".png")).isNotEmptyFile();
        }
    }

    /**
     * The first page: the mesh's four domains and the flows from the three source domains into insights, the failed
     * query of the mesh ({@code SELECT * FROM ordersdb.public.refunds}) with its error, and the most-read datasets as
     * the API counts them; a click on paymentsdb in the graph lists its datasets, and each list leads to lineage.
     */
    private void assertTheFirstPageShowsTheMesh(JsonNode report) {
        assertThat(texts(report.path("homeDomains"))).contains("customersdb", "ordersdb", "paymentsdb", "insights");
        for (String source : List.of("customersdb", "ordersdb", "paymentsdb")) {
            assertThat(texts(report.path("homeFlows")))
                    .anySatisfy(flow -> assertThat(flow).matches(source + " -> insights [1-9][0-9]*"));
        }
        JsonNode failed = ServerClient.json(client().get("/api/v1/jobs?lastRunStates=FAILED&limit=10")
                        .body())
                .path("jobs");
        assertThat(failed).as("the mesh has a failed run").isNotEmpty();
        assertThat(texts(report.path("failedRuns")))
                .containsExactlyElementsOf(ids(
                        failed,
                        job -> "job:" + job.path("namespace").asText() + ":"
                                + job.path("name").asText()));
        assertThat(texts(report.path("failedErrors")))
                .anySatisfy(error -> assertThat(error).contains("Table 'ordersdb.public.refunds' does not exist"));
        assertThat(report.path("failedJobLineage").asText())
                .isEqualTo(failed.get(0).path("name").asText());
        JsonNode mostRead = ServerClient.json(
                        client().get("/api/v1/datasets/most-read?limit=10").body())
                .path("datasets");
        assertThat(texts(report.path("mostRead")))
                .containsExactlyElementsOf(ids(
                        mostRead,
                        dataset -> dataset.path("nodeId").asText() + " "
                                + dataset.path("readers").asText()))
                .anySatisfy(row -> assertThat(row).startsWith(JaffleMesh.dataset("customersdb.public.customers ")));
        assertThat(report.path("mostReadLineage").asText())
                .isEqualTo(mostRead.get(0).path("name").asText());
        assertThat(report.path("domainName").asText()).isEqualTo("paymentsdb");
        assertThat(texts(report.path("domainDatasets")))
                .contains(JaffleMesh.dataset("paymentsdb.public.payments"))
                .allSatisfy(id -> assertThat(id).startsWith(JaffleMesh.dataset("paymentsdb.")));
        assertThat(texts(report.path("domainFeeds"))).containsExactly("insights");
        assertThat(report.path("domainDatasetLineage").asText()).startsWith("paymentsdb.");
    }

    private static List<String> ids(JsonNode array, Function<JsonNode, String> id) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(id.apply(node)));
        return ids;
    }

    /** Runs the Playwright script against this server; its last line is the JSON report of what the views showed. */
    private JsonNode runBrowser(Path screenshots) throws IOException, InterruptedException {
        Path web = Path.of(System.getProperty("lineage.web.directory", "src/main/web"));
        Path log = Files.createTempFile("lineage-ui-e2e", ".log");
        ProcessBuilder builder = new ProcessBuilder("node", "e2e/ui-e2e.mjs")
                .directory(web.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("LINEAGE_URL", server.getURI().toString());
        builder.environment().put("SCREENSHOT_DIR", screenshots.toAbsolutePath().toString());
        builder.environment().put("CHROMIUM", CHROMIUM.toString());
        Process browser = builder.start();
        browser.getOutputStream().close();
        boolean finished = browser.waitFor(BROWSER_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            browser.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(finished)
                .as("the browser run finished within %d minutes: %s", BROWSER_MINUTES, output)
                .isTrue();
        assertThat(browser.exitValue()).as(output).isZero();
        List<String> lines = output.lines().filter(line -> line.startsWith("{")).toList();
        assertThat(lines).as(output).isNotEmpty();
        try {
            return ServerClient.json(lines.get(lines.size() - 1));
        } catch (UncheckedIOException exception) {
            throw new AssertionError("the browser run printed no report: " + output, exception);
        }
    }

    private static String field(String dataset, String field) {
        return "datasetField:" + JaffleMesh.TRINO + ":" + dataset + ":" + field;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
