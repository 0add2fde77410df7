package lineage.server.ingest;

import static lineage.server.testing.TestEvents.runEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A run's events sent in one batch leave the run as the same events sent one by one do: a batch folds a run's events
 * into one row where that gives the same answer, and writes them one after the other where it would not (see
 * {@code RunStore.upsertRuns}). Random event sequences, each applied to two runs: one event per request, and (after
 * the same first event, so that both runs start from a stored row) the rest in one batch with every other sequence.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunEventsInBatchesIT implements TestPropertyProvider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NAMESPACE = "run_batches_ns";
    private static final String[] TYPES = {"START", "RUNNING", "COMPLETE", "FAIL", "ABORT", "OTHER"};
    private static final UUID[] PARENTS = {UUID.randomUUID(), UUID.randomUUID()};

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @Test
    void aRunsEventsInABatchLeaveTheRunAsTheyDoOneByOne() throws SQLException {
        Random random = new Random(20261201);
        List<UUID[]> twins = new ArrayList<>();
        ArrayNode batch = NODES.arrayNode();
        for (int sequence = 0; sequence < 150; sequence++) {
            List<ObjectNode> events = events(random, 1 + random.nextInt(5));
            // Half of the pairs start from a stored row (the first event sent alone to both), half from none.
            boolean stored = random.nextBoolean();
            UUID single = UUID.randomUUID();
            UUID batched = UUID.randomUUID();
            twins.add(new UUID[] {single, batched});
            for (int index = 0; index < events.size(); index++) {
                post(withRun(events.get(index), single));
                if (stored && index == 0) {
                    post(withRun(events.get(index), batched));
                } else {
                    batch.add(withRun(events.get(index), batched));
                }
            }
        }

        HttpResponse<String> response = client().post("/api/v1/lineage", batch.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (UUID[] twin : twins) {
            assertThat(run(twin[1])).as("run %s, batched", twin[1]).isEqualTo(run(twin[0]));
        }
    }

    /** Events of one run: random types, times that mostly go forward, and random run facets. */
    private static List<ObjectNode> events(Random random, int count) {
        List<ObjectNode> events = new ArrayList<>();
        int hour = 10;
        for (int index = 0; index < count; index++) {
            hour += random.nextInt(4) == 0 ? -1 : random.nextInt(2);
            String time = "2026-12-01T%02d:00:00Z".formatted(hour);
            ObjectNode event = runEvent(TYPES[random.nextInt(TYPES.length)], time, new UUID(0, 0), NAMESPACE, "job");
            ObjectNode facets = event.with("run").putObject("facets");
            if (random.nextInt(3) == 0) {
                facets.putObject("nominalTime")
                        .put("nominalStartTime", "2026-12-01T0%d:00:00Z".formatted(random.nextInt(5)))
                        .put("nominalEndTime", "2026-12-01T0%d:30:00Z".formatted(5 + random.nextInt(5)));
            }
            if (random.nextInt(3) == 0) {
                ObjectNode parent = facets.putObject("parent");
                parent.putObject("job").put("namespace", NAMESPACE).put("name", "parent");
                parent.putObject("run").put("runId", PARENTS[random.nextInt(PARENTS.length)].toString());
            }
            if (random.nextInt(3) == 0) {
                facets.putObject("errorMessage")
                        .put("message", "error " + random.nextInt(3))
                        .put("programmingLanguage", "SQL");
            }
            if (random.nextInt(2) == 0) {
                facets.putObject("custom_" + random.nextInt(3)).put("value", random.nextInt(3));
            }
            events.add(event);
        }
        return events;
    }

    private static ObjectNode withRun(ObjectNode event, UUID runId) {
        ObjectNode copy = event.deepCopy();
        copy.with("run").put("runId", runId.toString());
        return copy;
    }

    /** The run's stored row, every column an event sets, as text. */
    private List<String> run(UUID runId) throws SQLException {
        String sql = "SELECT state, started_at, ended_at, nominal_start, nominal_end, parent_run_id, error_message,"
                + " facets, last_event_time FROM runs WHERE id = ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, runId);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).as("run %s is stored", runId).isTrue();
                List<String> columns = new ArrayList<>();
                for (int column = 1; column <= 9; column++) {
                    columns.add(result.getString(column));
                }
                return columns;
            }
        }
    }

    private void post(ObjectNode event) {
        HttpResponse<String> response = client().post("/api/v1/lineage", event.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }
}
