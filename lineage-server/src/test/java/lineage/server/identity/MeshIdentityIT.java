package lineage.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.ingest.IdentityMerger;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.Test;

/**
 * A mesh whose producers name one table differently: Trino's listeners (the captures) name {@code customersdb}'s table
 * by the catalog, a Spark JDBC job (the official openlineage-java client) by its PostgreSQL identity, spelled its own
 * way; a Spark job's output declares its Hive name in a {@code symlinks} facet, which an Airflow job then reads. Each
 * table is one node, in either arrival order, and its other names resolve to it.
 */
class MeshIdentityIT {
    private static final OpenLineage OL = new OpenLineage(URI.create("https://github.com/lineage/tests"));
    private static final String TRINO = "trino://localhost:8085";
    private static final String PG = "postgres://pg-customers:5432";
    private static final String CUSTOMERS = "dataset:" + TRINO + ":customersdb.public.customers";

    @Test
    void thePostgresNameOfACatalogsTableIsTheTrinoNodeWhicheverArrivesFirst() {
        for (boolean trinoFirst : List.of(true, false)) {
            try (EmbeddedServer server = start()) {
                ServerClient client = new ServerClient(server.getURI());
                if (trinoFirst) {
                    postCaptures(client);
                    sparkExport(server);
                } else {
                    sparkExport(server);
                    postCaptures(client);
                }
                settle(server);

                JsonNode dataset =
                        json(client.get("/api/v1/namespaces/" + encode(PG) + "/datasets/customers.public.customers"));
                assertThat(dataset.path("namespace").asText())
                        .as("trino first: " + trinoFirst)
                        .isEqualTo(TRINO);
                assertThat(dataset.path("name").asText()).isEqualTo("customersdb.public.customers");
                assertThat(dataset.path("aliases").toString())
                        .contains("{\"namespace\":\"" + PG + "\",\"name\":\"customers.public.customers\"}");
                assertThat(namespaces(client)).doesNotContain(PG);

                JsonNode downstream = client.lineage(
                        "dataset:" + PG + ":customers.public.customers", "&direction=downstream&depth=10");
                assertThat(LineageAnswers.ids(downstream))
                        .contains(
                                CUSTOMERS,
                                "job:spark:spark.export_customers",
                                "dataset:" + TRINO + ":insights.default.stg_customers",
                                "dataset:" + TRINO + ":insights.default.dim_customers");
                String impact = client.get(
                                "/api/v1/impact?nodeId=" + encode("dataset:" + PG + ":customers.public.customers"))
                        .body();
                assertThat(impact).contains("insights.default.dim_customers");
            }
        }
    }

    @Test
    void aSymlinkedNameIsTheSameNodeAndBadSymlinksAreIgnored() {
        // The facet check would refuse the bad symlinks below first (FacetSchemasTest): off, identity must ignore them.
        try (EmbeddedServer server = start("off")) {
            ServerClient client = new ServerClient(server.getURI());
            sparkExport(server);
            emit(
                    server,
                    "airflow",
                    "airflow.customer_report",
                    "hive://metastore:9083",
                    "exports.customers",
                    List.of(),
                    "postgres://pg-reports:5432",
                    "reports.public.customer_report");
            settle(server);

            JsonNode hive = json(client.get(
                    "/api/v1/namespaces/" + encode("hive://metastore:9083") + "/datasets/exports.customers"));
            assertThat(hive.path("namespace").asText()).isEqualTo("s3://exports");
            assertThat(hive.path("name").asText()).isEqualTo("customers");
            JsonNode search = json(client.get("/api/v1/search?q=exports.cust&filter=dataset"));
            assertThat(search.path("results").toString())
                    .as("a search by the Hive name finds the canonical node")
                    .contains("\"nodeId\":\"dataset:s3://exports:customers\"");
            assertThat(LineageAnswers.ids(client.lineage(
                            "dataset:" + PG + ":customers.public.customers", "&direction=downstream&depth=10")))
                    .contains("dataset:postgres://pg-reports:5432:reports.public.customer_report");
            assertThat(json(client.get("/api/v1/aliases")).path("aliases").toString())
                    .contains("\"origin\":\"symlinks\"")
                    .as("no Trino cluster is known here, so the catalog's home is not applied")
                    .doesNotContain("catalog-mapping");

            // A symlink to itself, one without a name and one with a number for a namespace change nothing.
            int aliases = json(client.get("/api/v1/aliases")).path("totalCount").asInt();
            String event = "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-12-07T10:00:00Z\","
                    + "\"producer\":\"https://github.com/lineage/tests\",\"run\":{\"runId\":\"" + UUID.randomUUID()
                    + "\"},\"job\":{\"namespace\":\"spark\",\"name\":\"spark.odd\"},\"inputs\":[],\"outputs\":["
                    + "{\"namespace\":\"s3://exports\",\"name\":\"customers\",\"facets\":{\"symlinks\":{"
                    + "\"_producer\":\"p\",\"_schemaURL\":\"s\",\"identifiers\":[{\"namespace\":\"s3://exports\","
                    + "\"name\":\"customers\",\"type\":\"TABLE\"},{\"namespace\":\"hive://m:9083\",\"type\":\"TABLE\"},"
                    + "{\"namespace\":5,\"name\":\"x\",\"type\":\"TABLE\"}]}}}]}";
            HttpResponse<String> response = client.post("/api/v1/lineage", event);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            settle(server);
            assertThat(json(client.get("/api/v1/aliases")).path("totalCount").asInt())
                    .isEqualTo(aliases);
        }
    }

    /** A Spark JDBC export: reads the PostgreSQL table (spelled as a JDBC URL would), writes S3 with its Hive name. */
    private static void sparkExport(EmbeddedServer server) {
        emit(
                server,
                "spark",
                "spark.export_customers",
                "postgresql://PG-Customers:5432/",
                "customers.public.customers",
                List.of(OL.newSymlinksDatasetFacetIdentifiersBuilder()
                        .namespace("hive://metastore:9083")
                        .name("exports.customers")
                        .type("TABLE")
                        .build()),
                "s3://exports",
                "customers");
    }

    private static void emit(
            EmbeddedServer server,
            String namespace,
            String job,
            String inputNamespace,
            String input,
            List<OpenLineage.SymlinksDatasetFacetIdentifiers> outputSymlinks,
            String outputNamespace,
            String output) {
        OpenLineage.DatasetFacetsBuilder facets = OL.newDatasetFacetsBuilder();
        if (!outputSymlinks.isEmpty()) {
            facets.symlinks(OL.newSymlinksDatasetFacetBuilder()
                    .identifiers(outputSymlinks)
                    .build());
        }
        OpenLineage.RunEvent event = OL.newRunEventBuilder()
                .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                .eventTime(ZonedDateTime.now())
                .run(OL.newRunBuilder().runId(UUID.randomUUID()).build())
                .job(OL.newJobBuilder().namespace(namespace).name(job).build())
                .inputs(List.of(OL.newInputDatasetBuilder()
                        .namespace(inputNamespace)
                        .name(input)
                        .build()))
                .outputs(List.of(OL.newOutputDatasetBuilder()
                        .namespace(outputNamespace)
                        .name(output)
                        .facets(facets.build())
                        .build()))
                .build();
        HttpConfig config = new HttpConfig();
        config.setUrl(server.getURI());
        try (OpenLineageClient client = new OpenLineageClient(new HttpTransport(config))) {
            client.emit(event);
        } catch (Exception exception) {
            throw new AssertionError(exception);
        }
    }

    private static EmbeddedServer start() {
        return start("reject");
    }

    private static EmbeddedServer start(String facetValidation) {
        Map<String, Object> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.validation.facets", facetValidation);
        properties.put("micronaut.server.port", -1);
        properties.put("lineage.follow-interval", "1h");
        properties.put("lineage.trino.catalogs.customersdb.namespace", "postgresql://pg-customers");
        properties.put("lineage.trino.catalogs.customersdb.database", "customers");
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private static void postCaptures(ServerClient client) {
        for (String file : TrinoCaptures.all()) {
            HttpResponse<String> response = TrinoCaptures.isHttp(file)
                    ? client.post("/api/v1/trino/events", TrinoCaptures.read(file))
                    : client.post("/api/v1/lineage", TrinoCaptures.read(file));
            assertThat(response.statusCode()).as(file + ": " + response.body()).isBetween(200, 201);
        }
    }

    private static void settle(EmbeddedServer server) {
        IdentityMerger merger = server.getApplicationContext().getBean(IdentityMerger.class);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (merger.pending() && Instant.now().isBefore(deadline)) {
            merger.round();
        }
        assertThat(merger.pending()).as("identity settled").isFalse();
    }

    private static List<String> namespaces(ServerClient client) {
        List<String> names = new ArrayList<>();
        json(client.get("/api/v1/namespaces?limit=100"))
                .path("namespaces")
                .forEach(namespace -> names.add(namespace.path("name").asText()));
        return names;
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
