package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** 16 concurrent senders × 2,000 events on shared jobs and datasets: everything acknowledged is stored, once. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentIngestionIT implements TestPropertyProvider {
    private static final int SENDERS = 16;
    private static final int EVENTS_PER_SENDER = 2_000;

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @Test
    void everyAcknowledgedEventIsStoredAndProjected() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<Integer>> acknowledged = new ArrayList<>();
        for (int sender = 0; sender < SENDERS; sender++) {
            int seed = sender;
            acknowledged.add(senders.submit(() -> send(seed)));
        }
        int total = 0;
        for (Future<Integer> count : acknowledged) {
            total += count.get();
        }
        senders.shutdown();

        assertThat(total).isEqualTo(SENDERS * EVENTS_PER_SENDER);
        assertThat(count("SELECT count(*) FROM lineage_events")).isEqualTo(total);
        assertThat(count("SELECT count(*) FROM lineage_events WHERE projected_at IS NULL"))
                .isZero();
        assertThat(count("SELECT count(*) FROM runs WHERE state = 'COMPLETED'")).isEqualTo(total / 2);
    }

    /** Sends START and COMPLETE for 1,000 runs of 20 jobs over 60 datasets; returns how many were acknowledged. */
    private int send(int seed) {
        ServerClient client = new ServerClient(server.getURI());
        Random random = new Random(seed);
        int acknowledged = 0;
        for (int run = 0; run < EVENTS_PER_SENDER / 2; run++) {
            UUID runId = UUID.randomUUID();
            String job = "job_" + random.nextInt(20);
            String datasets = "\"inputs\": [{\"namespace\": \"ns\", \"name\": \"d" + random.nextInt(60) + "\"},"
                    + " {\"namespace\": \"ns\", \"name\": \"d" + random.nextInt(60) + "\"}],"
                    + " \"outputs\": [{\"namespace\": \"ns\", \"name\": \"d" + random.nextInt(60) + "\"}]";
            for (String type : List.of("START", "COMPLETE")) {
                HttpResponse<String> response =
                        client.post("/api/v1/lineage", TestEvents.runEventJson(runId, type, job, datasets));
                if (response.statusCode() == 201) {
                    acknowledged++;
                } else {
                    throw new AssertionError("event answered " + response.statusCode() + ": " + response.body());
                }
            }
        }
        return acknowledged;
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
