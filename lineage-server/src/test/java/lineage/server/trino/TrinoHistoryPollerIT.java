package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TestingTrino;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The query-history poller against a real Trino: statements run through trino-jdbc are read back from
 * {@code system.runtime.queries}, ingested once each, and their lineage (parsed from the text, with the configured
 * catalog and schema for unqualified names) is served by the API.
 */
// Not in a test transaction: what the poller writes must be committed for the HTTP API to see it.
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoHistoryPollerIT implements TestPropertyProvider {
    private static final String TRINO = TrinoIngestionIT.TRINO;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String table = "insights.default.poller_" + suffix;
    private final String ctas = "CREATE TABLE " + table + " AS SELECT id, first_name FROM customersdb.public.customers";
    private final String unqualified = "SELECT id, last_name FROM customers WHERE id < 3 /* " + suffix + " */";
    private final String missing = "SELECT * FROM ordersdb.public.refunds_" + suffix;
    private final String reported = "SELECT count(*) FROM ordersdb.public.orders /* reported " + suffix + " */";

    private final Map<String, String> database = TestingDatabase.properties();

    @Inject
    EmbeddedServer server;

    @Inject
    TrinoHistoryPoller poller;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(database);
        properties.put("lineage.trino.poller.enabled", "true");
        // Only this connection reaches the test's server (the cluster's listeners post to another one), so nothing
        // teaches it that 127.0.0.1 is the cluster users call localhost: configuration says so.
        properties.put("lineage.trino.namespace", "trino://localhost:8085");
        properties.put("lineage.trino.namespace-aliases", "trino://127.0.0.1:8085");
        properties.put("lineage.trino.poller.url", TestingTrino.url());
        // Polled by the test; the schedule only has to stay out of the way.
        properties.put("lineage.trino.poller.interval", "1h");
        properties.put("lineage.trino.poller.default-catalog", "customersdb");
        properties.put("lineage.trino.poller.default-schema", "public");
        return properties;
    }

    @BeforeAll
    void runStatementsThroughTrinoJdbc() throws SQLException {
        // The session's catalog and schema are not in the history: the poller must use its configured defaults.
        try (Connection connection = TestingTrino.connect("ordersdb", "public")) {
            TestingTrino.execute(connection, "CREATE SCHEMA IF NOT EXISTS insights.default");
            TestingTrino.execute(connection, ctas);
            try (Connection session = TestingTrino.connect("customersdb", "public")) {
                TestingTrino.execute(session, unqualified);
            }
            assertThatThrownBy(() -> TestingTrino.execute(connection, missing)).isInstanceOf(SQLException.class);
        }
    }

    @AfterAll
    void dropTheTable() throws SQLException {
        try (Connection connection = TestingTrino.connect("insights", "default")) {
            TestingTrino.execute(connection, "DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void eachFinishedQueryIsIngestedOnceWithItsParsedLineage() throws SQLException {
        String ctasRun = run(ctas);
        String selectRun = run(unqualified);
        String failedRun = run(missing);
        Instant deadline = Instant.now().plus(DEADLINE);
        while (!(ingested(ctasRun) && ingested(selectRun) && ingested(failedRun))) {
            assertThat(Instant.now())
                    .as("all three queries ingested within " + DEADLINE)
                    .isBefore(deadline);
            poller.poll();
        }

        JsonNode lineage =
                new ServerClient(server.getURI()).lineage("dataset:" + TRINO + ":" + table, "&direction=upstream");
        assertThat(LineageAnswers.ids(lineage)).contains("dataset:" + TRINO + ":customersdb.public.customers");
        assertThat(state(ctasRun)).isEqualTo("COMPLETED");
        assertThat(state(failedRun)).isEqualTo("FAILED");
        String job = TestingDatabase.query(
                        database, "SELECT DISTINCT job_name FROM lineage_events WHERE run_id = '" + selectRun + "'")
                .get(0);
        assertThat(upstreamOfJob(job)).contains("dataset:" + TRINO + ":customersdb.public.customers");
        assertThat(count("SELECT count(*) FROM lineage_edges WHERE source <> 'sql'"))
                .isZero();

        String ours = "SELECT count(*) FROM lineage_events WHERE run_id IN ('" + ctasRun + "', '" + selectRun + "', '"
                + failedRun + "')";
        long events = count(ours);
        assertThat(events).as("one completion event per query").isEqualTo(3);
        poller.poll();
        assertThat(count(ours)).as("polled again, nothing new").isEqualTo(events);
    }

    @Test
    void aQueryThatAListenerReportedIsNotIngestedAgain() throws SQLException {
        // Run here, not with the others: a poll of the other test must not meet it before the listener's report.
        try (Connection connection = TestingTrino.connect("ordersdb", "public")) {
            TestingTrino.execute(connection, reported);
        }
        String runId = run(reported);
        String job = "reported_by_a_listener_" + suffix;
        for (String type : List.of("START", "COMPLETE")) {
            HttpResponse<String> response = client().post(
                            "/api/v1/lineage",
                            TestEvents.runEvent(type, "2026-11-23T10:00:00Z", UUID.fromString(runId), TRINO, job)
                                    .toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
        Instant deadline = Instant.now().plus(DEADLINE);
        int alreadyReported = 0;
        while (alreadyReported == 0) {
            assertThat(Instant.now())
                    .as("the poller meets the reported query within " + DEADLINE)
                    .isBefore(deadline);
            alreadyReported += poller.poll().reported();
        }

        assertThat(count("SELECT count(*) FROM lineage_events WHERE run_id = '" + runId + "'"))
                .as("only the listener's two events")
                .isEqualTo(2);
        assertThat(TrinoIngestionIT.json(client().get("/api/v1/jobs/runs/" + runId))
                        .path("state")
                        .asText())
                .isEqualTo("COMPLETED");
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    private List<String> upstreamOfJob(String job) {
        return LineageAnswers.ids(client().lineage("job:" + TRINO + ":" + job, "&direction=upstream"));
    }

    private boolean ingested(String runId) {
        return client().get("/api/v1/jobs/runs/" + runId).statusCode() == 200;
    }

    private String state(String runId) {
        return TrinoIngestionIT.json(client().get("/api/v1/jobs/runs/" + runId))
                .path("state")
                .asText();
    }

    /** The run id of the query with this text, from the history itself. */
    private static String run(String sql) throws SQLException {
        try (Connection connection = TestingTrino.connect("system", "runtime");
                PreparedStatement statement =
                        connection.prepareStatement("SELECT query_id FROM system.runtime.queries WHERE query = ?")) {
            statement.setString(1, sql);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).as("in the history: " + sql).isTrue();
                return TrinoRunIds.of(result.getString(1)).toString();
            }
        }
    }

    private long count(String sql) {
        return Long.parseLong(TestingDatabase.query(database, sql).get(0));
    }
}
