package lineage.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import lineage.sdk.DatasetNames.DatasetName;
import lineage.sdk.sql.SqlContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The emitter against the real lineage server: what a job reports is what the read API shows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineageEmitterIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final DatasetName ORDERS = DatasetNames.trinoTable("trino", 8080, "ordersdb", "public", "orders");
    private static final DatasetName DAILY =
            DatasetNames.trinoTable("trino", 8080, "insights", "default", "orders_daily");

    @TempDir
    static Path spool;

    private TestingLineageServer server;
    private LineageEmitter emitter;

    @BeforeAll
    void start() {
        server = new TestingLineageServer();
        emitter = LineageEmitter.builder()
                .url(server.uri())
                .namespace("sdk_it")
                .spoolDirectory(spool)
                .sqlContext(SqlContext.trino("trino", 8080, "insights", "default"))
                .build();
    }

    @AfterAll
    void stop() {
        emitter.close();
        server.close();
    }

    @Test
    void aRunThatCompletesIsCompletedWithItsDatasets() {
        List<UUID> runIds = new ArrayList<>();
        emitter.run(Job.named("load_orders").ownedBy("orders-team"), run -> {
            runIds.add(run.runId());
            run.input(ORDERS, Field.of("id", "bigint"), Field.of("amount", "decimal(10,2)"));
            run.output(DAILY, Field.of("order_count", "bigint"));
        });
        flush();

        JsonNode run = server.get("/api/v1/jobs/runs/" + runIds.get(0));
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        JsonNode lineage = lineage("dataset:" + DAILY.namespace() + ":" + DAILY.name());
        assertThat(ids(lineage))
                .containsExactly(
                        "dataset:trino://trino:8080:insights.default.orders_daily",
                        "dataset:trino://trino:8080:ordersdb.public.orders",
                        "job:sdk_it:load_orders");
        JsonNode jobFacets = server.get("/api/v1/jobs/runs/" + runIds.get(0) + "/facets?type=job");
        assertThat(jobFacets
                        .path("facets")
                        .path("ownership")
                        .path("owners")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("orders-team");
        assertThat(jobFacets.path("facets").path("jobType").path("integration").asText())
                .isEqualTo("LINEAGE_SDK");
        assertThat(emitter.counters().failed()).isZero();
    }

    @Test
    void aRunThatThrowsIsFailedWithTheErrorAndTheErrorIsRethrown() {
        List<UUID> runIds = new ArrayList<>();
        IOException disk = new IOException("disk full");

        assertThatThrownBy(() -> emitter.run("broken_job", run -> {
                    runIds.add(run.runId());
                    throw disk;
                }))
                .isSameAs(disk);
        flush();

        JsonNode run = server.get("/api/v1/jobs/runs/" + runIds.get(0));
        assertThat(run.path("state").asText()).isEqualTo("FAILED");
        JsonNode error = run.path("facets").path("errorMessage");
        assertThat(error.path("message").asText()).isEqualTo("disk full");
        assertThat(error.path("programmingLanguage").asText()).isEqualTo("JAVA");
        assertThat(error.path("stackTrace").asText())
                .startsWith("java.io.IOException: disk full")
                .contains("LineageEmitterIT");
    }

    @Test
    void aRunClosedWithoutCompleteOrFailIsAborted() {
        UUID runId;
        try (JobRun run = emitter.start("forgotten_job")) {
            runId = run.runId();
        }
        flush();

        assertThat(server.get("/api/v1/jobs/runs/" + runId).path("state").asText())
                .isEqualTo("ABORTED");
    }

    @Test
    void aChildRunNamesItsParentAndItsRoot() {
        UUID rootId;
        UUID childId;
        UUID grandchildId;
        try (JobRun root = emitter.start("nightly_dag")) {
            rootId = root.runId();
            try (JobRun child = root.startChild(Job.named("nightly_dag.load").ofType("TASK"))) {
                childId = child.runId();
                try (JobRun grandchild = child.startChild("nightly_dag.load.step")) {
                    grandchildId = grandchild.runId();
                    grandchild.complete();
                }
                child.complete();
            }
            root.complete();
        }
        flush();

        JsonNode facets = server.get("/api/v1/jobs/runs/" + grandchildId + "/facets?type=run");
        JsonNode parent = facets.path("facets").path("parent");
        assertThat(parent.path("run").path("runId").asText()).isEqualTo(childId.toString());
        assertThat(parent.path("job").path("name").asText()).isEqualTo("nightly_dag.load");
        assertThat(parent.path("job").path("namespace").asText()).isEqualTo("sdk_it");
        assertThat(parent.path("root").path("run").path("runId").asText()).isEqualTo(rootId.toString());
        assertThat(parent.path("root").path("job").path("name").asText()).isEqualTo("nightly_dag");
        assertThat(server.get("/api/v1/jobs/runs/" + childId + "/facets?type=run")
                        .path("facets")
                        .path("parent")
                        .path("root")
                        .path("run")
                        .path("runId")
                        .asText())
                .isEqualTo(rootId.toString());
    }

    @Test
    void sqlLineageAppearsInTheLineageGraphWithItsColumns() {
        emitter.run(
                "build_customer_orders",
                run -> run.sql("INSERT INTO customer_orders (customer_id, orders)"
                        + " SELECT o.customer_id, count(*) FROM ordersdb.public.orders o"
                        + " JOIN customersdb.public.customers c ON c.id = o.customer_id GROUP BY o.customer_id"));
        flush();
        assertThat(emitter.counters().failed()).as("refused events").isZero();
        System.out.println("DEBUG-EVENTS " + server.get("/api/v1/events/lineage?limit=5"));

        JsonNode lineage = lineage("dataset:trino://trino:8080:insights.default.customer_orders");
        assertThat(ids(lineage))
                .containsExactly(
                        "dataset:trino://trino:8080:customersdb.public.customers",
                        "dataset:trino://trino:8080:insights.default.customer_orders",
                        "dataset:trino://trino:8080:ordersdb.public.orders",
                        "job:sdk_it:build_customer_orders");
        JsonNode columns = server.get("/api/v1/column-lineage?nodeId="
                + encode("datasetField:trino://trino:8080:insights.default.customer_orders:customer_id"));
        assertThat(columns.toString()).contains("ordersdb.public.orders:customer_id");
        JsonNode jobFacets = server.get("/api/v1/namespaces/sdk_it/jobs/build_customer_orders");
        assertThat(jobFacets.toString()).contains("INSERT INTO customer_orders");
    }

    private void flush() {
        assertThat(emitter.flush(TIMEOUT)).as("flushed: %s", emitter.counters()).isTrue();
    }

    private JsonNode lineage(String nodeId) {
        return server.client().lineage(nodeId, "");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static List<String> ids(JsonNode lineage) {
        List<String> ids = new ArrayList<>();
        lineage.path("graph").forEach(node -> ids.add(node.path("id").asText()));
        return ids;
    }
}
