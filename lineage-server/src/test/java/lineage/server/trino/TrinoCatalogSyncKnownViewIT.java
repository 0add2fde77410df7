package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
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
 * Against the real Trino ({@code LINEAGE_TEST_TRINO_URL}): a view whose CREATE VIEW a listener already reported (here
 * under a dbt model's job name) keeps that one writer after {@code POST /api/v1/trino/sync}; the sync does not add a
 * second job, named after its own {@code CREATE OR REPLACE VIEW} text, writing the same view.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoCatalogSyncKnownViewIT implements TestPropertyProvider {
    private static final String TRINO = TrinoIngestionIT.TRINO;

    private final String view =
            "insights.default.known_" + UUID.randomUUID().toString().substring(0, 8);
    private final String model = "model.jaffle_mesh." + view.substring(view.lastIndexOf('.') + 1);

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.trino.poller.url", TestingTrino.url());
        properties.put("lineage.trino.sync.catalogs", "insights");
        return properties;
    }

    @BeforeAll
    void createTheViewAndReportItsModel() throws SQLException {
        try (Connection connection = TestingTrino.connect("insights", "default")) {
            TestingTrino.execute(connection, "CREATE SCHEMA IF NOT EXISTS insights.default");
            TestingTrino.execute(
                    connection, "CREATE VIEW " + view + " AS SELECT id, user_id FROM ordersdb.public.orders");
        }
        UUID runId = UUID.randomUUID();
        for (String type : List.of("START", "COMPLETE")) {
            ObjectNode event = TestEvents.runEvent(type, "2026-11-23T10:00:00Z", runId, TRINO, model);
            event.putArray("inputs").add(TestEvents.dataset(TRINO, "ordersdb.public.orders"));
            event.putArray("outputs").add(TestEvents.dataset(TRINO, view));
            HttpResponse<String> response = client().post("/api/v1/lineage", event.toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
    }

    @AfterAll
    void dropTheView() throws SQLException {
        try (Connection connection = TestingTrino.connect("insights", "default")) {
            TestingTrino.execute(connection, "DROP VIEW IF EXISTS " + view);
        }
    }

    @Test
    void aViewWithAKnownWriterKeepsItAlone() {
        HttpResponse<String> sync = client().post("/api/v1/trino/sync", "");
        assertThat(sync.statusCode()).as(sync.body()).isEqualTo(200);

        JsonNode lineage = client().lineage("dataset:" + TRINO + ":" + view, "&direction=upstream&depth=1");
        assertThat(LineageAnswers.ids(lineage).stream().filter(id -> id.startsWith("job:")))
                .containsExactly("job:" + TRINO + ":" + model);
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }
}
