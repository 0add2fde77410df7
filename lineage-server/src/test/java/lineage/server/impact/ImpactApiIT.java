package lineage.server.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lineage.server.cli.LineageCliRun;
import lineage.server.testing.JaffleMesh;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /api/v1/impact} on the jaffle-shop mesh, replayed from Trino 476's OpenLineage listener. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpactApiIT implements TestPropertyProvider {
    private static final String TRINO = "trino://localhost:8085";
    private static final String PAYMENTS = "dataset:" + TRINO + ":paymentsdb.public.payments";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.domains.insights.owner", "analytics-team");
        properties.put("lineage.domains.insights.contact", "#analytics");
        properties.put("lineage.domains.insights.catalogs", "insights");
        return properties;
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    @BeforeAll
    void replayTheMesh() {
        JaffleMesh.replay(client());
    }

    @Test
    void droppingPaymentsAmountReachesEveryColumnBuiltFromItAcrossDomains() {
        JsonNode impact = impact(PAYMENTS, "&column=amount");

        assertThat(impact.path("column").asText()).isEqualTo("amount");
        assertThat(impact.path("truncated").asBoolean()).isFalse();
        JsonNode view = item(impact, field("insights.default.stg_payments", "amount"));
        assertThat(view.path("distance").asInt()).isEqualTo(1);
        assertThat(view.path("domain").asText()).isEqualTo("insights");
        assertThat(view.path("owner").asText()).isEqualTo("analytics-team");
        assertThat(view.path("contact").asText()).isEqualTo("#analytics");
        assertThat(view.path("source").asText()).isEqualTo("openlineage");
        assertThat(view.path("lastSeen").asText()).startsWith("2026-11-23T");
        assertThat(item(impact, field("insights.default.customer_payments", "total_amount"))
                        .path("distance")
                        .asInt())
                .isEqualTo(2);
        assertThat(item(impact, field("insights.default.daily_order_summary", "amount_cents"))
                        .path("distance")
                        .asInt())
                .isEqualTo(1);
        JsonNode lifetimeValue = item(impact, field("insights.default.dim_customers", "customer_lifetime_value"));
        assertThat(lifetimeValue.path("distance").asInt()).isEqualTo(3);
        List<String> path = texts(lifetimeValue.path("path"));
        assertThat(path.get(0)).isEqualTo(field("paymentsdb.public.payments", "amount"));
        assertThat(path)
                .containsSubsequence(
                        field("insights.default.stg_payments", "amount"),
                        field("insights.default.customer_payments", "total_amount"),
                        field("insights.default.dim_customers", "customer_lifetime_value"));
        assertThat(path.stream().filter(step -> step.startsWith("job:"))).hasSize(3);
        assertThat(ids(impact))
                .contains(
                        "dataset:" + TRINO + ":insights.default.stg_payments",
                        "dataset:" + TRINO + ":insights.default.order_payments",
                        "dataset:" + TRINO + ":insights.default.fct_orders",
                        field("insights.default.fct_orders", "amount"))
                .doesNotContain(field("insights.default.stg_payments", "payment_method"))
                .doesNotContain(field("paymentsdb.public.payments", "amount"));
        assertThat(impact.path("summary")
                        .path("datasetsByDomain")
                        .path("insights")
                        .asInt())
                .isGreaterThanOrEqualTo(6);
    }

    @Test
    void aTableReachesEveryJobAndDatasetDownstreamInJobHops() {
        JsonNode impact = impact(PAYMENTS, "");

        assertThat(impact.path("column").isNull()).isTrue();
        assertThat(item(impact, "dataset:" + TRINO + ":insights.default.stg_payments")
                        .path("distance")
                        .asInt())
                .isEqualTo(1);
        JsonNode segments = item(impact, "dataset:" + TRINO + ":insights.default.customer_segments");
        assertThat(segments.path("distance").asInt()).isEqualTo(4);
        assertThat(segments.path("owner").asText()).isEqualTo("analytics-team");
        List<String> path = texts(segments.path("path"));
        assertThat(path.get(0)).isEqualTo(PAYMENTS);
        assertThat(path.get(path.size() - 1)).isEqualTo("dataset:" + TRINO + ":insights.default.customer_segments");
        assertThat(path).hasSize(9);
        JsonNode writer = item(impact, path.get(7));
        assertThat(writer.path("type").asText()).isEqualTo("JOB");
        assertThat(writer.path("domain").asText())
                .as("a job's domain is what it writes")
                .isEqualTo("insights");
        for (JsonNode node : impact.path("impacted")) {
            assertThat(node.path("source").asText()).as(node.toString()).isEqualTo("openlineage");
        }
        assertThat(impact.path("summary").path("jobs").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(segments.path("via").asText()).isEqualTo(path.get(7));
        JsonNode compact = impact(PAYMENTS, "&paths=false");
        JsonNode compactSegments = item(compact, "dataset:" + TRINO + ":insights.default.customer_segments");
        assertThat(compactSegments.has("path")).isFalse();
        assertThat(compactSegments.path("via").asText()).isEqualTo(path.get(7));
        assertThat(compact.path("impacted").size())
                .isEqualTo(impact.path("impacted").size());
    }

    @Test
    void aLeafColumnBreaksNothingAndDepthBoundsTheWalk() {
        JsonNode leaf = impact("dataset:" + TRINO + ":insights.default.customer_segments", "&column=segment");
        assertThat(leaf.path("impacted")).isEmpty();

        JsonNode near = impact(PAYMENTS, "&column=amount&depth=1");
        for (JsonNode node : near.path("impacted")) {
            assertThat(node.path("distance").asInt()).isEqualTo(1);
        }
        assertThat(ids(near)).contains(field("insights.default.stg_payments", "amount"));
    }

    @Test
    void theDomainViewRollsTheMeshUpByCatalog() {
        JsonNode domains = ServerClient.json(client().get("/api/v1/domains").body());
        Map<String, JsonNode> byName = new HashMap<>();
        domains.path("domains").forEach(domain -> byName.put(domain.path("name").asText(), domain));
        assertThat(byName).containsKeys("customersdb", "ordersdb", "paymentsdb", "insights");
        assertThat(byName.get("insights").path("owner").asText()).isEqualTo("analytics-team");
        assertThat(byName.get("paymentsdb").path("owner").isNull()).isTrue();
        assertThat(byName.get("paymentsdb").path("datasets").asInt()).isEqualTo(1);
        assertThat(byName.get("insights").path("datasets").asInt()).isGreaterThanOrEqualTo(9);
        assertThat(byName.get("insights").path("jobs").asInt()).isGreaterThanOrEqualTo(9);

        JsonNode graph = ServerClient.json(client().get("/api/v1/domains/graph").body());
        Map<String, JsonNode> flows = new HashMap<>();
        graph.path("edges")
                .forEach(edge -> flows.put(
                        edge.path("from").asText() + ">" + edge.path("to").asText(), edge));
        assertThat(flows)
                .containsKeys("customersdb>insights", "ordersdb>insights", "paymentsdb>insights", "insights>insights");
        JsonNode payments = flows.get("paymentsdb>insights");
        assertThat(payments.path("edges").asInt()).isGreaterThanOrEqualTo(2);
        List<String> example = texts(payments.path("examplePath"));
        assertThat(example).hasSize(3);
        assertThat(example.get(0)).isEqualTo(PAYMENTS);
        assertThat(example.get(1)).startsWith("job:");
        assertThat(example.get(2)).startsWith("dataset:" + TRINO + ":insights.");
    }

    @Test
    void theLineageGraphNamesEachDatasetsDomainAndEachEdgesSource() {
        JsonNode lineage =
                client().lineage("dataset:" + TRINO + ":insights.default.dim_customers", "&direction=upstream&depth=5");

        Map<String, String> domains = new HashMap<>();
        List<String> sources = new ArrayList<>();
        for (JsonNode node : lineage.path("graph")) {
            if (node.path("type").asText().equals("DATASET")) {
                domains.put(
                        node.path("id").asText(),
                        node.path("data").path("domain").asText());
            } else {
                assertThat(node.path("data").has("domain"))
                        .as("a job has no domain of its own")
                        .isFalse();
            }
            node.path("inEdges").forEach(edge -> sources.add(edge.path("source").asText()));
            node.path("outEdges")
                    .forEach(edge -> sources.add(edge.path("source").asText()));
        }
        assertThat(domains)
                .containsEntry("dataset:" + TRINO + ":customersdb.public.customers", "customersdb")
                .containsEntry("dataset:" + TRINO + ":ordersdb.public.orders", "ordersdb")
                .containsEntry(PAYMENTS, "paymentsdb")
                .containsEntry("dataset:" + TRINO + ":insights.default.dim_customers", "insights");
        assertThat(sources).isNotEmpty().containsOnly("openlineage");
    }

    @Test
    void droppingPaymentsAmountBreaksWhatReadsItAndAffectsWhatDependsOnIt() {
        JsonNode report = schemaChange("{\"ddl\": \"ALTER TABLE paymentsdb.public.payments DROP COLUMN amount;\"}");

        assertThat(report.path("changes").get(0).path("kind").asText()).isEqualTo("DROP_COLUMN");
        assertThat(report.path("summary").path("worst").asText()).isEqualTo("BREAKING");
        JsonNode view = assessment(report, "dataset:" + TRINO + ":insights.default.stg_payments");
        assertThat(view.path("verdict").asText()).isEqualTo("BREAKING");
        assertThat(view.path("owner").asText()).isEqualTo("analytics-team");
        assertThat(view.path("sql").path("text").asText()).contains("CAST(amount AS decimal(12, 2))");
        assertThat(view.path("sql").path("line").asInt()).isEqualTo(8);
        JsonNode insert = writerOf(report, "insights.default.daily_order_summary", "BREAKING");
        assertThat(insert.path("sql").path("text").asText()).contains("amount");
        for (String dataset :
                List.of("customer_payments", "order_payments", "dim_customers", "fct_orders", "customer_segments")) {
            assertThat(assessment(report, "dataset:" + TRINO + ":insights.default." + dataset)
                            .path("verdict")
                            .asText())
                    .as(dataset)
                    .isEqualTo("AFFECTED");
        }
        assertThat(assessment(report, "dataset:" + TRINO + ":insights.default.dim_customers")
                        .path("reason")
                        .asText())
                .contains("customer_lifetime_value");
        JsonNode adHoc = consumerReading(report, "paymentsdb.public.payments");
        assertThat(adHoc.path("verdict").asText()).isEqualTo("BREAKING");
        assertThat(adHoc.path("sql").path("text").asText()).contains("sum(p.amount)");
        JsonNode dashboard = consumerReading(report, "insights.default.dim_customers");
        assertThat(dashboard.path("verdict").asText()).isEqualTo("AFFECTED");
        assertThat(report.path("objects").findValuesAsText("id"))
                .doesNotContain("dataset:" + TRINO + ":insights.default.stg_customers");
    }

    @Test
    void renamingAColumnBreaksTheViewThatReadsItAndSaysWhatToEdit() {
        JsonNode report = schemaChange("{\"ddl\": \"-- rename\\nALTER TABLE customersdb.public.customers"
                + " RENAME COLUMN first_name TO given_name\"}");

        JsonNode view = assessment(report, "dataset:" + TRINO + ":insights.default.stg_customers");
        assertThat(view.path("verdict").asText()).isEqualTo("BREAKING");
        assertThat(view.path("edit").asText()).contains("rename first_name to given_name in line");
        JsonNode typed = schemaChange("{\"changes\": [{\"kind\": \"CHANGE_COLUMN_TYPE\","
                + " \"dataset\": \"paymentsdb.public.payments\", \"column\": \"amount\","
                + " \"newType\": \"bigint\"}]}");
        assertThat(assessment(typed, "dataset:" + TRINO + ":insights.default.stg_payments")
                        .path("edit")
                        .asText())
                .contains("amount becomes bigint");
    }

    @Test
    void droppingALeafColumnBreaksNothing() {
        JsonNode report =
                schemaChange("{\"ddl\": \"ALTER TABLE insights.default.customer_segments DROP COLUMN segment\"}");

        assertThat(report.path("objects")).isEmpty();
        assertThat(report.path("consumers")).isEmpty();
        assertThat(report.path("summary").path("worst").asText()).isEqualTo("NONE");
        assertThat(report.path("warnings").get(0).asText()).contains("customer_segments");
    }

    @Test
    void droppingATableBreaksItsDirectReaders() {
        JsonNode report = schemaChange("{\"ddl\": \"DROP TABLE IF EXISTS ordersdb.public.orders\"}");

        assertThat(assessment(report, "dataset:" + TRINO + ":insights.default.stg_orders")
                        .path("verdict")
                        .asText())
                .isEqualTo("BREAKING");
        assertThat(assessment(report, "dataset:" + TRINO + ":insights.default.fct_orders")
                        .path("verdict")
                        .asText())
                .isEqualTo("AFFECTED");
    }

    @Test
    void aBadSchemaChangeIsAProblemNamingTheField() {
        HttpResponse<String> unqualified =
                client().post("/api/v1/impact/schema-change", "{\"ddl\": \"ALTER TABLE payments DROP COLUMN amount\"}");
        assertThat(unqualified.statusCode()).isEqualTo(422);
        JsonNode problem = ServerClient.json(unqualified.body());
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("ddl");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("catalog.schema.table");
        assertThat(client().post("/api/v1/impact/schema-change", "{\"ddl\": \"UPDATE t SET a = 1\"}")
                        .statusCode())
                .isEqualTo(422);
        HttpResponse<String> kind = client().post(
                        "/api/v1/impact/schema-change",
                        "{\"changes\": [{\"kind\": \"TRUNCATE\", \"dataset\": \"a.b.c\"}]}");
        assertThat(kind.statusCode()).isEqualTo(422);
        JsonNode kindError = ServerClient.json(kind.body()).path("errors").get(0);
        assertThat(kindError.path("field").asText()).isEqualTo("changes[0].kind");
        assertThat(kindError.path("message").asText())
                .as("the kinds, not a Java class name")
                .isEqualTo("must be one of DROP_COLUMN, RENAME_COLUMN, CHANGE_COLUMN_TYPE, DROP_TABLE, RENAME_TABLE");
        assertThat(client().post("/api/v1/impact/schema-change", "{\"ddl\": ").statusCode())
                .isEqualTo(400);
        assertThat(client().post("/api/v1/impact/schema-change", "[]").statusCode())
                .isEqualTo(422);
    }

    @Test
    void theCiCommandExitsOneOnABreakingChangeAndZeroOnASafeOne(@org.junit.jupiter.api.io.TempDir Path directory)
            throws IOException {
        Path breaking = Files.writeString(
                directory.resolve("breaking.sql"), "ALTER TABLE paymentsdb.public.payments DROP COLUMN amount;\n");
        Path leaf = Files.writeString(
                directory.resolve("leaf.sql"), "ALTER TABLE insights.default.customer_segments DROP COLUMN segment;");
        String url = server.getURI().toString();

        LineageCliRun drop = LineageCliRun.run("impact", "--server", url, "--ddl", breaking.toString());
        assertThat(drop.exitCode()).as(drop.err()).isEqualTo(1);
        assertThat(drop.out())
                .contains("BREAKING", "insights.default.stg_payments", "analytics-team", "line 8")
                .contains("AFFECTED", "insights.default.customer_segments")
                .containsPattern("\\d+ breaking, \\d+ affected");
        LineageCliRun json =
                LineageCliRun.run("impact", "--server", url, "--ddl", breaking.toString(), "--format", "json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(ServerClient.json(json.out()).path("summary").path("worst").asText())
                .isEqualTo("BREAKING");

        LineageCliRun safe = LineageCliRun.run("impact", "--server", url, "--ddl", leaf.toString());
        assertThat(safe.exitCode()).as(safe.err()).isZero();
        assertThat(safe.out()).contains("0 breaking, 0 affected");
        LineageCliRun strict =
                LineageCliRun.run("impact", "--server", url, "--ddl", leaf.toString(), "--fail-on", "affected");
        assertThat(strict.exitCode()).isZero();
    }

    @Test
    void theCiCommandExitsTwoOnUsageFileServerAndConnectionErrors(@org.junit.jupiter.api.io.TempDir Path directory)
            throws IOException {
        Path invalid = Files.writeString(directory.resolve("invalid.sql"), "ALTER TABLE payments DROP COLUMN amount");
        String url = server.getURI().toString();

        assertThat(LineageCliRun.run().exitCode()).isEqualTo(2);
        assertThat(LineageCliRun.run("impact", "--server", url).exitCode()).isEqualTo(2);
        assertThat(LineageCliRun.run("impact", "--ddl", invalid.toString(), "--fail-on", "never")
                        .exitCode())
                .isEqualTo(2);
        LineageCliRun missing = LineageCliRun.run(
                "impact",
                "--server",
                url,
                "--ddl",
                directory.resolve("nope.sql").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no file");
        LineageCliRun refused = LineageCliRun.run("impact", "--server", url, "--ddl", invalid.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("422").contains("ddl: statement 1");
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0)) {
            int port = closed.getLocalPort();
            closed.close();
            LineageCliRun unreachable =
                    LineageCliRun.run("impact", "--server", "http://127.0.0.1:" + port, "--ddl", invalid.toString());
            assertThat(unreachable.exitCode()).isEqualTo(2);
            assertThat(unreachable.err()).contains("cannot reach");
        }
    }

    @Test
    void badQueriesAreProblems() {
        HttpResponse<String> unknown = client().get("/api/v1/impact?nodeId="
                + URLEncoder.encode("dataset:" + TRINO + ":nope.nope.nope", StandardCharsets.UTF_8));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        HttpResponse<String> job = client().get(
                        "/api/v1/impact?nodeId=" + URLEncoder.encode("job:" + TRINO + ":q", StandardCharsets.UTF_8));
        assertThat(job.statusCode()).isEqualTo(400);
        assertThat(ServerClient.json(job.body())
                        .path("errors")
                        .get(0)
                        .path("field")
                        .asText())
                .isEqualTo("nodeId");
        HttpResponse<String> depth =
                client().get("/api/v1/impact?depth=x&nodeId=" + URLEncoder.encode(PAYMENTS, StandardCharsets.UTF_8));
        assertThat(depth.statusCode()).isEqualTo(400);
        HttpResponse<String> indirect = client().get("/api/v1/impact?includeIndirect=maybe&nodeId="
                + URLEncoder.encode(PAYMENTS, StandardCharsets.UTF_8));
        assertThat(indirect.statusCode()).isEqualTo(400);
        assertThat(client().get("/api/v1/impact").statusCode()).isEqualTo(400);
    }

    private JsonNode impact(String nodeId, String query) {
        HttpResponse<String> response =
                client().get("/api/v1/impact?nodeId=" + URLEncoder.encode(nodeId, StandardCharsets.UTF_8) + query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private JsonNode schemaChange(String body) {
        HttpResponse<String> response = client().post("/api/v1/impact/schema-change", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private static JsonNode assessment(JsonNode report, String id) {
        for (String list : List.of("objects", "consumers")) {
            for (JsonNode node : report.path(list)) {
                if (node.path("id").asText().equals(id)) {
                    return node;
                }
            }
        }
        throw new AssertionError("no " + id + " in " + report);
    }

    /** The job with the verdict whose path ends in the dataset it writes. */
    private JsonNode writerOf(JsonNode report, String dataset, String verdict) {
        JsonNode lineage = client().lineage("dataset:" + TRINO + ":" + dataset, "&direction=upstream&depth=1");
        for (JsonNode node : report.path("objects")) {
            if (node.path("type").asText().equals("JOB")
                    && node.path("verdict").asText().equals(verdict)
                    && LineageAnswers.ids(lineage).contains(node.path("id").asText())) {
                return node;
            }
        }
        throw new AssertionError("no " + verdict + " writer of " + dataset + " in " + report);
    }

    /** The consumer (a job that writes nothing) reached straight from the dataset. */
    private static JsonNode consumerReading(JsonNode report, String dataset) {
        for (JsonNode node : report.path("consumers")) {
            JsonNode path = node.path("path");
            if (path.get(path.size() - 2).asText().equals("dataset:" + TRINO + ":" + dataset)) {
                return node;
            }
        }
        throw new AssertionError("no consumer of " + dataset + " in " + report);
    }

    private static String field(String dataset, String field) {
        return "datasetField:" + TRINO + ":" + dataset + ":" + field;
    }

    private static JsonNode item(JsonNode impact, String id) {
        for (JsonNode node : impact.path("impacted")) {
            if (node.path("id").asText().equals(id)) {
                return node;
            }
        }
        throw new AssertionError("no " + id + " in " + ids(impact));
    }

    private static List<String> ids(JsonNode impact) {
        return texts(impact.path("impacted").findValues("id"));
    }

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
