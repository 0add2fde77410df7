package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The official openlineage-java client, with its HTTP transport, posting to the running server. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenLineageClientIT implements TestPropertyProvider {
    private static final OpenLineage OL = new OpenLineage(URI.create("https://github.com/lineage/tests"));

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @Test
    void eventsFromTheOfficialClientAppearInTheLineageGraph() {
        UUID runId = UUID.randomUUID();
        try (OpenLineageClient client = client()) {
            client.emit(TestEvents.clientRunEvent(
                    runId,
                    OpenLineage.RunEvent.EventType.START,
                    "etl.load_orders",
                    List.of("ordersdb.public.orders"),
                    List.of()));
            client.emit(TestEvents.clientRunEvent(
                    runId,
                    OpenLineage.RunEvent.EventType.COMPLETE,
                    "etl.load_orders",
                    List.of("ordersdb.public.orders"),
                    List.of("insights.default.orders_daily")));
        } catch (Exception exception) {
            throw new AssertionError(exception);
        }

        JsonNode lineage = new ServerClient(server.getURI())
                .lineage("dataset:trino://trino:8080:insights.default.orders_daily", "");

        assertThat(LineageAnswers.ids(lineage))
                .containsExactly(
                        "dataset:trino://trino:8080:insights.default.orders_daily",
                        "dataset:trino://trino:8080:ordersdb.public.orders",
                        "job:etl:etl.load_orders");
        JsonNode job = LineageAnswers.node(lineage, "job:etl:etl.load_orders");
        assertThat(job.path("data").path("latestRun").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("inEdges").get(0).path("origin").asText())
                .isEqualTo("dataset:trino://trino:8080:ordersdb.public.orders");
        assertThat(LineageAnswers.node(lineage, "dataset:trino://trino:8080:insights.default.orders_daily")
                        .path("data")
                        .path("fields")
                        .get(0)
                        .path("name")
                        .asText())
                .isEqualTo("order_count");
    }

    @Test
    void aCompleteThatArrivesBeforeItsStartLeavesTheRunCompleted() throws Exception {
        UUID runId = UUID.randomUUID();
        try (OpenLineageClient client = client()) {
            client.emit(TestEvents.clientRunEvent(
                    runId,
                    OpenLineage.RunEvent.EventType.COMPLETE,
                    "etl.out_of_order",
                    List.of("a.b.c"),
                    List.of("a.b.d")));
            client.emit(TestEvents.clientRunEvent(
                    runId, OpenLineage.RunEvent.EventType.START, "etl.out_of_order", List.of("a.b.c"), List.of()));
        }

        JsonNode job = LineageAnswers.node(
                new ServerClient(server.getURI()).lineage("job:etl:etl.out_of_order", ""), "job:etl:etl.out_of_order");
        assertThat(job.path("data").path("latestRun").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("data").path("latestRun").path("startedAt").isNull())
                .isFalse();
        assertThat(job.path("data").path("latestRun").path("endedAt").isNull()).isFalse();
    }

    private OpenLineageClient client() {
        HttpConfig config = new HttpConfig();
        config.setUrl(server.getURI());
        return new OpenLineageClient(new HttpTransport(config));
    }
}
