package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two servers on one database: each follows the edges the other writes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplicaIT {
    private EmbeddedServer first;
    private EmbeddedServer second;
    private Map<String, String> database;

    @BeforeAll
    void start() {
        database = TestingDatabase.properties();
        Map<String, Object> properties = new HashMap<>(database);
        properties.put("micronaut.server.port", -1);
        // The test drives the follower itself, so that it never waits on a schedule.
        properties.put("lineage.follow-interval", "1h");
        first = ApplicationContext.run(EmbeddedServer.class, properties);
        second = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    @AfterAll
    void stop() {
        second.close();
        first.close();
    }

    @Test
    void aServerFollowsTheEdgesAnotherServerWrites() {
        ServerClient writer = new ServerClient(first.getURI());
        ServerClient reader = new ServerClient(second.getURI());
        String datasets = "\"inputs\": [{\"namespace\": \"ns\", \"name\": \"replica_in\"}],"
                + " \"outputs\": [{\"namespace\": \"ns\", \"name\": \"replica_out\"}]";
        assertThat(writer.post(
                                "/api/v1/lineage",
                                TestEvents.runEventJson(UUID.randomUUID(), "COMPLETE", "replica_job", datasets))
                        .statusCode())
                .isEqualTo(201);

        assertThat(follower(second).follow()).isEqualTo(1);
        assertThat(follower(first).follow()).as("its own write").isZero();

        JsonNode lineage = reader.lineage("dataset:ns:replica_out", "");
        assertThat(LineageAnswers.ids(lineage))
                .containsExactly("dataset:ns:replica_in", "dataset:ns:replica_out", "job:ns:replica_job");

        String moved = "\"inputs\": [{\"namespace\": \"ns\", \"name\": \"replica_in\"}],"
                + " \"outputs\": [{\"namespace\": \"ns\", \"name\": \"replica_elsewhere\"}]";
        assertThat(writer.post(
                                "/api/v1/lineage",
                                TestEvents.runEventJson(UUID.randomUUID(), "COMPLETE", "replica_job", moved))
                        .statusCode())
                .isEqualTo(201);
        follower(second).follow();

        assertThat(LineageAnswers.ids(reader.lineage("dataset:ns:replica_in", "")))
                .containsExactly("dataset:ns:replica_elsewhere", "dataset:ns:replica_in", "job:ns:replica_job");
        assertThat(follower(second).follow()).as("nothing new").isZero();
    }

    @Test
    void whileAnOlderTransactionRunsARoundReadsRowsAgainButReloadsEachJobOnce() throws SQLException {
        ServerClient writer = new ServerClient(first.getURI());
        String datasets = "\"inputs\": [{\"namespace\": \"ns\", \"name\": \"late_in\"}],"
                + " \"outputs\": [{\"namespace\": \"ns\", \"name\": \"late_out\"}]";
        follower(second).follow();
        try (Connection older = DriverManager.getConnection(
                database.get("datasources.default.url"),
                database.get("datasources.default.username"),
                database.get("datasources.default.password"))) {
            older.setAutoCommit(false);
            try (Statement statement = older.createStatement()) {
                statement.execute("SELECT pg_current_xact_id()"); // a transaction id, older than the write's
            }
            assertThat(writer.post(
                                    "/api/v1/lineage",
                                    TestEvents.runEventJson(UUID.randomUUID(), "COMPLETE", "late_job", datasets))
                            .statusCode())
                    .isEqualTo(201);

            assertThat(follower(second).follow()).isEqualTo(1);
            assertThat(follower(second).follow())
                    .as("read again, not reloaded again")
                    .isZero();
            older.rollback();
        }
        assertThat(follower(second).follow()).isZero();
        assertThat(LineageAnswers.ids(new ServerClient(second.getURI()).lineage("dataset:ns:late_out", "")))
                .containsExactly("dataset:ns:late_in", "dataset:ns:late_out", "job:ns:late_job");
    }

    private static ReplicaFollower follower(EmbeddedServer server) {
        return server.getApplicationContext().getBean(ReplicaFollower.class);
    }
}
