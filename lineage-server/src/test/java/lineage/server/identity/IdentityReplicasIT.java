package lineage.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lineage.server.ingest.IdentityMerger;
import lineage.server.ingest.ReplicaFollower;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.Test;

/**
 * Identity across servers and releases: a replica follows the aliases another server learned and its merge; a store
 * written before a naming rule existed is brought to the canonical names at start-up; identity's meters.
 */
class IdentityReplicasIT {
    private static final String TRINO = "trino://localhost:8085";

    @Test
    void aReplicaFollowsTheAliasAndTheMergeAnotherServerMade() {
        Map<String, String> database = TestingDatabase.properties();
        try (EmbeddedServer first = start(database);
                EmbeddedServer second = start(database)) {
            ServerClient writer = new ServerClient(first.getURI());
            for (String file : TrinoCaptures.all()) {
                HttpResponse<String> response = TrinoCaptures.isHttp(file)
                        ? writer.post("/api/v1/trino/events", TrinoCaptures.read(file))
                        : writer.post("/api/v1/lineage", TrinoCaptures.read(file));
                assertThat(response.statusCode()).as(file).isBetween(200, 201);
            }
            settle(first);
            second.getApplicationContext().getBean(ReplicaFollower.class).follow();
            settle(second);

            ServerClient reader = new ServerClient(second.getURI());
            assertThat(reader.get("/api/v1/aliases").body()).contains("trino-query-id");
            assertThat(LineageAnswers.ids(reader.lineage(
                            "dataset:trino://127.0.0.1:8085:insights.default.dim_customers", "&direction=upstream")))
                    .contains("dataset:" + TRINO + ":paymentsdb.public.payments")
                    .noneMatch(id -> id.contains("127.0.0.1"));
            assertThat(reader.get("/prometheus").body())
                    .contains("lineage_identity_aliases{origin=\"trino-query-id\"} 1.0");
            assertThat(new ServerClient(first.getURI()).get("/prometheus").body())
                    .contains("lineage_identity_learned_total{origin=\"trino-query-id\"} 1.0")
                    .contains("lineage_identity_merges_total");
        }
    }

    @Test
    void namesStoredBeforeTheNamingRulesAreMergedIntoTheirCanonicalSpellingAtStartUp() throws SQLException {
        Map<String, String> database = TestingDatabase.properties();
        try (EmbeddedServer server = start(database)) {
            ServerClient client = new ServerClient(server.getURI());
            assertThat(client.post("/api/v1/lineage", event("postgres://warehouse:5432", "shop.public.orders"))
                            .statusCode())
                    .isEqualTo(201);
        }
        // What an older release stored: another spelling of the same PostgreSQL server, a Trino name in upper case.
        try (Connection connection = DriverManager.getConnection(
                        database.get("datasources.default.url"),
                        database.get("datasources.default.username"),
                        database.get("datasources.default.password"));
                Statement statement = connection.createStatement()) {
            statement.execute(
                    """
                    INSERT INTO namespaces (name, created_at, updated_at) VALUES
                        ('postgresql://Warehouse/', now(), now()), ('trino://trino:8080', now(), now());
                    INSERT INTO datasets (namespace, name, created_at, updated_at) VALUES
                        ('postgresql://Warehouse/', 'shop.public.customers', now(), now()),
                        ('postgresql://Warehouse/', 'shop.public.orders', now(), now()),
                        ('trino://trino:8080', 'Insights.Default.Orders', now(), now());
                    INSERT INTO jobs (namespace, name, created_at, updated_at)
                        VALUES ('etl', 'legacy.load', now(), now());
                    INSERT INTO lineage_edges (job_id, dataset_id, direction, source, first_seen, last_seen)
                    SELECT j.id, d.id, 'INPUT', 'openlineage', now(), now() FROM jobs j, datasets d
                    WHERE j.name = 'legacy.load' AND d.namespace = 'postgresql://Warehouse/';
                    INSERT INTO lineage_edges (job_id, dataset_id, direction, source, first_seen, last_seen)
                    SELECT j.id, d.id, 'OUTPUT', 'openlineage', now(), now() FROM jobs j, datasets d
                    WHERE j.name = 'legacy.load' AND d.name = 'Insights.Default.Orders';
                    """);
        }
        try (EmbeddedServer server = start(database)) {
            settle(server);
            ServerClient client = new ServerClient(server.getURI());
            List<String> namespaces = TestingDatabase.query(database, "SELECT name FROM namespaces ORDER BY name");
            assertThat(namespaces).doesNotContain("postgresql://Warehouse/").contains("postgres://warehouse:5432");
            assertThat(TestingDatabase.query(
                            database, "SELECT name FROM datasets WHERE namespace = 'trino://trino:8080'"))
                    .containsExactly("insights.default.orders");
            assertThat(LineageAnswers.ids(client.lineage(
                            "dataset:postgres://warehouse:5432:shop.public.orders", "&direction=downstream")))
                    .contains("job:etl:legacy.load", "dataset:trino://trino:8080:insights.default.orders");
            assertThat(client.get("/api/v1/namespaces/"
                                    + URLEncoder.encode("postgresql://WAREHOUSE", StandardCharsets.UTF_8)
                                    + "/datasets/shop.public.customers")
                            .statusCode())
                    .as("the old spelling still finds it")
                    .isEqualTo(200);
        }
    }

    private static String event(String namespace, String name) {
        return "{\"eventType\":\"COMPLETE\",\"eventTime\":\"2026-12-07T10:00:00Z\","
                + "\"producer\":\"https://github.com/lineage/tests\",\"run\":{\"runId\":"
                + "\"3f0e4d2c-1b5a-4c8e-9d7f-6a2b1c0d9e8f\"},\"job\":{\"namespace\":\"etl\",\"name\":\"etl.read\"},"
                + "\"inputs\":[{\"namespace\":\"" + namespace + "\",\"name\":\"" + name + "\"}],\"outputs\":[]}";
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
}
