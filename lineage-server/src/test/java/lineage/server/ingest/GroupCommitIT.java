package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Group commit: requests that arrive while a write runs are written together in the next transaction, and one event
 * whose projection fails costs only its own request. The test makes a group for certain: it holds a lock on the event
 * log so that the first write waits in PostgreSQL, queues four more requests behind it (the {@code
 * lineage.ingest.waiting} gauge shows them), then lets go.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupCommitIT implements TestPropertyProvider {
    private static final String NAMESPACE = "group-commit";
    private static final String TIME = "2026-11-23T10:00:00Z";

    private final Map<String, String> properties = TestingDatabase.properties();
    private final ExecutorService senders = Executors.newFixedThreadPool(5);

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @AfterAll
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void aGroupWithAnEventThatCannotBeProjectedCostsOnlyThatRequest() throws Exception {
        ServerClient client = new ServerClient(server.getURI());
        try (Connection blocker = connect()) {
            try (Statement statement = blocker.createStatement()) {
                // A real projection failure: PostgreSQL refuses the job named "poison".
                statement.execute(
                        """
                        CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                            IF NEW.name = 'poison' THEN RAISE EXCEPTION 'poison job refused by the test'; END IF;
                            RETURN NEW;
                        END $$""");
                statement.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON jobs"
                        + " FOR EACH ROW EXECUTE FUNCTION refuse_poison()");
            }
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE lineage_events IN EXCLUSIVE MODE");
            }

            CompletableFuture<HttpResponse<String>> first = send(client, "first");
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingOnLock() == 1);
            List<CompletableFuture<HttpResponse<String>>> group = new ArrayList<>();
            for (String job : List.of("good-1", "poison", "good-2", "good-3")) {
                group.add(send(client, job));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingRequests(client) == 4);

            blocker.commit();

            assertThat(first.get().statusCode()).isEqualTo(201);
            assertThat(group.get(0).get().statusCode()).isEqualTo(201);
            HttpResponse<String> poison = group.get(1).get();
            assertThat(poison.statusCode()).isEqualTo(500);
            assertThat(poison.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(poison.body()).contains("stored but could not be projected");
            assertThat(group.get(2).get().statusCode()).isEqualTo(201);
            assertThat(group.get(3).get().statusCode()).isEqualTo(201);
        }

        assertThat(groupsWritten(client))
                .as("first alone, then the four together")
                .isEqualTo(2);
        for (String job : List.of("first", "good-1", "good-2", "good-3")) {
            assertThat(client.lineage("job:" + NAMESPACE + ":" + job, "").path("graph"))
                    .as(job)
                    .isNotEmpty();
        }
        assertThat(
                        TestingDatabase.query(
                                properties,
                                "SELECT job_name FROM lineage_events WHERE projected_at IS NULL AND projection_error IS NOT NULL"))
                .as("the poison event is kept for reprocessing")
                .containsExactly("poison");
    }

    private CompletableFuture<HttpResponse<String>> send(ServerClient client, String job) {
        ObjectNode event = TestEvents.runEvent("COMPLETE", TIME, UUID.randomUUID(), NAMESPACE, job);
        event.putArray("inputs").add(TestEvents.dataset(NAMESPACE, "in." + job));
        event.putArray("outputs").add(TestEvents.dataset(NAMESPACE, "out." + job));
        return CompletableFuture.supplyAsync(() -> client.post("/api/v1/lineage", event.toString()), senders);
    }

    /** Backends of this database waiting for a lock: the first write, blocked by the test's lock. */
    private int waitingOnLock() {
        return Integer.parseInt(TestingDatabase.query(
                        properties,
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO lineage_events%'")
                .get(0));
    }

    private static double waitingRequests(ServerClient client) {
        return metric(client, "lineage_ingest_waiting ");
    }

    private static double groupsWritten(ServerClient client) {
        return metric(client, "lineage_ingest_group_events_count ");
    }

    private static double metric(ServerClient client, String prefix) {
        return client.get("/prometheus")
                .body()
                .lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst()
                .orElse(-1);
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(
                properties.get("datasources.default.url"),
                properties.get("datasources.default.username"),
                properties.get("datasources.default.password"));
    }
}
