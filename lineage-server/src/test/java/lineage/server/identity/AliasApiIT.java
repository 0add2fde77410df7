package lineage.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 * Operators' identity: {@code PUT} and {@code DELETE /api/v1/aliases}. An added alias merges two nodes; removing it
 * splits them again exactly as they were (every edge with its times, every column edge, every run) and vetoes it, so
 * that learning does not bring it back.
 */
class AliasApiIT {
    private static final String HIVE = "hive://metastore:9083";
    private static final String S3 = "s3://exports";

    @Test
    void anAddedAliasMergesAndItsRemovalSplitsExactlyAsBefore() {
        Map<String, String> database = TestingDatabase.properties();
        try (EmbeddedServer server = start(database)) {
            ServerClient client = new ServerClient(server.getURI());
            post(
                    client,
                    event("spark", "spark.export", "postgres://pg:5432", "shop.public.customers", S3, "customers"));
            post(
                    client,
                    event(
                            "airflow",
                            "airflow.report",
                            HIVE,
                            "exports.customers",
                            "postgres://pg:5432",
                            "reports.public.customer_report"));
            post(
                    client,
                    event(
                            "airflow",
                            "airflow.report",
                            HIVE,
                            "exports.customers",
                            "postgres://pg:5432",
                            "reports.public.customer_report"));
            settle(server);
            List<String> before = snapshot(database);

            HttpResponse<String> added = client.put(
                    "/api/v1/aliases",
                    "{\"alias\": {\"namespace\": \"" + HIVE + "\", \"name\": \"exports.customers\"},"
                            + " \"canonical\": {\"namespace\": \"" + S3 + "\", \"name\": \"customers\"}}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(ServerClient.json(added.body())
                            .path("alias")
                            .path("origin")
                            .asText())
                    .isEqualTo("manual");
            settle(server);
            assertThat(LineageAnswers.ids(client.lineage(
                            "dataset:postgres://pg:5432:shop.public.customers", "&direction=downstream&depth=10")))
                    .contains("dataset:postgres://pg:5432:reports.public.customer_report");
            assertThat(snapshot(database)).isNotEqualTo(before);

            HttpResponse<String> removed =
                    client.delete("/api/v1/aliases?namespace=" + encode(HIVE) + "&name=exports.customers");
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
            assertThat(removed.body()).contains("split: ");
            settle(server);

            assertThat(snapshot(database)).isEqualTo(before);
            assertThat(LineageAnswers.ids(client.lineage(
                            "dataset:postgres://pg:5432:shop.public.customers", "&direction=downstream&depth=10")))
                    .doesNotContain("dataset:postgres://pg:5432:reports.public.customer_report");
            assertThat(client.delete("/api/v1/aliases?namespace=" + encode(HIVE) + "&name=exports.customers")
                            .statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void anAliasAddedAfterTheEventsGivesWhatItGivesWhenKnownBeforeThem() {
        List<String> events = List.of(
                event("spark", "spark.export", "postgres://pg:5432", "shop.public.customers", S3, "customers"),
                event(
                        "airflow",
                        "airflow.report",
                        HIVE,
                        "exports.customers",
                        "postgres://pg:5432",
                        "reports.public.customer_report"));
        String alias = "{\"alias\": {\"namespace\": \"" + HIVE + "\", \"name\": \"exports.customers\"},"
                + " \"canonical\": {\"namespace\": \"" + S3 + "\", \"name\": \"customers\"}}";
        Map<String, String> later = TestingDatabase.properties();
        try (EmbeddedServer server = start(later)) {
            ServerClient client = new ServerClient(server.getURI());
            events.forEach(event -> post(client, event));
            assertThat(client.put("/api/v1/aliases", alias).statusCode()).isEqualTo(201);
            settle(server);
        }
        Map<String, String> before = TestingDatabase.properties();
        try (EmbeddedServer server = start(before)) {
            ServerClient client = new ServerClient(server.getURI());
            assertThat(client.put("/api/v1/aliases", alias).statusCode()).isEqualTo(201);
            events.forEach(event -> post(client, event));
            settle(server);
        }
        // Node and edge sets, edge times, column edges and runs are equal; the facets stored on a dataset keep the
        // names they were projected with (docs/identity.md, "Merges").
        assertThat(snapshot(later, false)).isEqualTo(snapshot(before, false));
    }

    @Test
    void aRemovedSymlinkIsNotLearnedAgain() {
        try (EmbeddedServer server = start(TestingDatabase.properties())) {
            ServerClient client = new ServerClient(server.getURI());
            String withSymlink = symlinked(UUID.randomUUID());
            post(client, withSymlink);
            settle(server);
            assertThat(aliases(client)).contains("\"origin\":\"symlinks\"");

            HttpResponse<String> removed =
                    client.delete("/api/v1/aliases?namespace=" + encode(HIVE) + "&name=exports.customers");
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
            post(client, symlinked(UUID.randomUUID()));
            settle(server);

            assertThat(aliases(client)).doesNotContain("symlinks");
            JsonNode hive =
                    ServerClient.json(client.get("/api/v1/namespaces/" + encode(HIVE) + "/datasets/exports.customers")
                            .body());
            assertThat(hive.path("code").asText())
                    .as("the Hive name is no node of its own")
                    .isEqualTo("NAMESPACE_NOT_FOUND");
            // An operator may still add it by hand: that lifts the veto.
            HttpResponse<String> added = client.put(
                    "/api/v1/aliases",
                    "{\"alias\": {\"namespace\": \"" + HIVE + "\", \"name\": \"exports.customers\"},"
                            + " \"canonical\": {\"namespace\": \"" + S3 + "\", \"name\": \"customers\"}}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        }
    }

    @Test
    void aTrinoClusterAliasRemovedSplitsTheClusterIntoItsTwoAddresses() {
        try (EmbeddedServer server = start(TestingDatabase.properties())) {
            ServerClient client = new ServerClient(server.getURI());
            for (String file : TrinoCaptures.all()) {
                HttpResponse<String> response = TrinoCaptures.isHttp(file)
                        ? client.post("/api/v1/trino/events", TrinoCaptures.read(file))
                        : client.post("/api/v1/lineage", TrinoCaptures.read(file));
                assertThat(response.statusCode()).as(file).isBetween(200, 201);
            }
            settle(server);
            assertThat(trinoNamespaces(client)).containsExactly("trino://localhost:8085");

            HttpResponse<String> removed =
                    client.delete("/api/v1/aliases?namespace=" + encode("trino://127.0.0.1:8085"));
            assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
            settle(server);

            assertThat(trinoNamespaces(client)).containsExactly("trino://127.0.0.1:8085", "trino://localhost:8085");
            assertThat(aliases(client)).doesNotContain("trino-query-id");
            // Each listener's lineage is whole in its own namespace.
            for (String namespace : List.of("trino://127.0.0.1:8085", "trino://localhost:8085")) {
                assertThat(LineageAnswers.ids(client.lineage(
                                "dataset:" + namespace + ":insights.default.dim_customers", "&direction=upstream")))
                        .contains("dataset:" + namespace + ":customersdb.public.customers");
            }
        }
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        try (EmbeddedServer server = start(TestingDatabase.properties())) {
            ServerClient client = new ServerClient(server.getURI());
            assertProblem(client.put("/api/v1/aliases", "[]"), 422, "INVALID_ALIAS", "$");
            assertProblem(
                    client.put("/api/v1/aliases", "{\"alias\": {\"namespace\": \"s3://a\"}}"),
                    422,
                    "INVALID_ALIAS",
                    "canonical");
            assertProblem(
                    client.put(
                            "/api/v1/aliases",
                            "{\"alias\": {\"namespace\": \"s3://a\", \"name\": \"x\"}, \"canonical\": {\"namespace\": 5}}"),
                    422,
                    "INVALID_ALIAS",
                    "canonical.namespace");
            assertProblem(
                    client.put(
                            "/api/v1/aliases",
                            "{\"alias\": {\"namespace\": \"s3://a\", \"name\": \"x\"}, \"canonical\": {\"namespace\": \"s3://b\"}}"),
                    422,
                    "INVALID_ALIAS",
                    "canonical.name");
            assertProblem(client.put("/api/v1/aliases", "{\"alias\": "), 400, "MALFORMED_JSON", null);
            assertProblem(client.delete("/api/v1/aliases"), 400, "INVALID_PARAMETER", "namespace");

            String toB = "{\"alias\": {\"namespace\": \"s3://a\", \"name\": \"x\"},"
                    + " \"canonical\": {\"namespace\": \"s3://b\", \"name\": \"x\"}}";
            assertThat(client.put("/api/v1/aliases", toB).statusCode()).isEqualTo(201);
            HttpResponse<String> again = client.put("/api/v1/aliases", toB);
            assertThat(again.statusCode())
                    .as("the same alias again changes nothing")
                    .isEqualTo(200);
            assertThat(ServerClient.json(again.body()).path("changed").asBoolean())
                    .isFalse();
            assertProblem(
                    client.put(
                            "/api/v1/aliases",
                            "{\"alias\": {\"namespace\": \"s3://a\", \"name\": \"x\"},"
                                    + " \"canonical\": {\"namespace\": \"s3://c\", \"name\": \"x\"}}"),
                    409,
                    "ALIAS_CONFLICT",
                    null);
            HttpResponse<String> cycle = client.put(
                    "/api/v1/aliases",
                    "{\"alias\": {\"namespace\": \"s3://b\", \"name\": \"x\"},"
                            + " \"canonical\": {\"namespace\": \"s3://a\", \"name\": \"x\"}}");
            assertThat(cycle.statusCode())
                    .as("the reverse is one node already: " + cycle.body())
                    .isEqualTo(200);
        }
    }

    @Test
    void anAliasOfTwoWrittenDatasetsIsAddedAndReported() {
        try (EmbeddedServer server = start(TestingDatabase.properties())) {
            ServerClient client = new ServerClient(server.getURI());
            post(client, event("a", "writes.one", "s3://in", "x", "s3://one", "t"));
            post(client, event("b", "writes.two", "s3://in", "y", "s3://two", "t"));
            HttpResponse<String> added = client.put(
                    "/api/v1/aliases",
                    "{\"alias\": {\"namespace\": \"s3://one\", \"name\": \"t\"},"
                            + " \"canonical\": {\"namespace\": \"s3://two\", \"name\": \"t\"}}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(added.body())
                    .contains("both datasets are written by jobs of their own", "writes.one", "writes.two");
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(problem.path("errors").toString()).contains("\"field\":\"" + field + "\"");
        }
    }

    /** Every dataset, edge (with its times), column edge and run, by name: what a split must restore. */
    private static List<String> snapshot(Map<String, String> database) {
        return snapshot(database, true);
    }

    private static List<String> snapshot(Map<String, String> database, boolean facets) {
        List<String> rows = new ArrayList<>();
        rows.addAll(TestingDatabase.query(
                database,
                "SELECT namespace || ' ' || name || ' ' || fields::text"
                        + (facets ? " || ' ' || coalesce(facets::text, '')" : "")
                        + " FROM datasets ORDER BY namespace, name"));
        rows.addAll(TestingDatabase.query(
                database,
                "SELECT j.namespace || ' ' || j.name || ' ' || e.direction || ' ' || d.namespace || ' ' || d.name"
                        + " || ' ' || e.first_seen || ' ' || e.last_seen || ' ' || e.is_current || ' ' || e.source"
                        + " FROM lineage_edges e JOIN jobs j ON j.id = e.job_id JOIN datasets d ON d.id = e.dataset_id"
                        + " ORDER BY 1"));
        rows.addAll(TestingDatabase.query(
                database,
                "SELECT o.name || '.' || c.output_field || ' <- ' || i.name || '.' || c.input_field"
                        + " FROM column_lineage c JOIN datasets o ON o.id = c.output_dataset_id"
                        + " JOIN datasets i ON i.id = c.input_dataset_id ORDER BY 1"));
        rows.addAll(
                TestingDatabase.query(
                        database,
                        "SELECT r.id || ' ' || j.name || ' ' || r.state FROM runs r JOIN jobs j ON j.id = r.job_id ORDER BY 1"));
        return rows;
    }

    private static String event(
            String jobNamespace,
            String job,
            String inputNamespace,
            String input,
            String outputNamespace,
            String output) {
        return "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-12-07T10:00:0" + Math.abs(job.hashCode() % 10)
                + "Z\",\"producer\":\"https://github.com/lineage/tests\",\"run\":{\"runId\":\"" + UUID.randomUUID()
                + "\"},\"job\":{\"namespace\":\"" + jobNamespace + "\",\"name\":\"" + job + "\"},"
                + "\"inputs\":[{\"namespace\":\"" + inputNamespace + "\",\"name\":\"" + input + "\"}],"
                + "\"outputs\":[{\"namespace\":\"" + outputNamespace + "\",\"name\":\"" + output + "\","
                + "\"facets\":{\"schema\":{\"_producer\":\"p\",\"_schemaURL\":\"s\",\"fields\":[{\"name\":\"id\","
                + "\"type\":\"BIGINT\"}]},\"columnLineage\":{\"_producer\":\"p\",\"_schemaURL\":\"s\",\"fields\":{"
                + "\"id\":{\"inputFields\":[{\"namespace\":\"" + inputNamespace + "\",\"name\":\"" + input
                + "\",\"field\":\"id\"}]}}}}}]}";
    }

    private static String symlinked(UUID run) {
        return "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-12-07T11:00:00Z\","
                + "\"producer\":\"https://github.com/lineage/tests\",\"run\":{\"runId\":\"" + run + "\"},"
                + "\"job\":{\"namespace\":\"spark\",\"name\":\"spark.export\"},\"inputs\":[],\"outputs\":["
                + "{\"namespace\":\"" + S3 + "\",\"name\":\"customers\",\"facets\":{\"symlinks\":{"
                + "\"_producer\":\"p\",\"_schemaURL\":\"s\",\"identifiers\":[{\"namespace\":\"" + HIVE + "\","
                + "\"name\":\"exports.customers\",\"type\":\"TABLE\"}]}}}]}";
    }

    private static void post(ServerClient client, String event) {
        HttpResponse<String> response = client.post("/api/v1/lineage", event);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private static String aliases(ServerClient client) {
        return client.get("/api/v1/aliases").body();
    }

    private static List<String> trinoNamespaces(ServerClient client) {
        List<String> names = new ArrayList<>();
        ServerClient.json(client.get("/api/v1/namespaces?limit=100").body())
                .path("namespaces")
                .forEach(namespace -> {
                    if (namespace.path("name").asText().startsWith("trino://")) {
                        names.add(namespace.path("name").asText());
                    }
                });
        names.sort(String::compareTo);
        return names;
    }

    private static EmbeddedServer start(Map<String, String> database) {
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("micronaut.server.port", -1);
        properties.put("lineage.follow-interval", "1h");
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private static void settle(EmbeddedServer server) {
        IdentityMerger merger = server.getApplicationContext().getBean(IdentityMerger.class);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (merger.pending() && Instant.now().isBefore(deadline)) {
            merger.round();
        }
        assertThat(merger.pending()).as("identity settled").isFalse();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
