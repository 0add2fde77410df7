package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import lineage.server.ingest.CanonicalJson;
import lineage.server.ingest.EventWriter;
import lineage.server.ingest.GraphLoader;
import lineage.server.ingest.LineageEvent;
import lineage.server.store.EventRow;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Events of both Trino listeners that were stored but not projected (a projection that failed) are projected at the
 * next start exactly as they would have been on arrival: the raw HTTP event through the Trino mapping, the OpenLineage
 * listener's through its job rename.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoReprocessIT implements TestPropertyProvider {
    private static final String DIM_CUSTOMERS_QUERY = "20261123_135155_00007_dry4y";

    @Inject
    EmbeddedServer server;

    @Inject
    EventWriter writer;

    @Inject
    GraphLoader loader;

    @Inject
    TrinoEventMapper mapper;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @Test
    void storedButUnprojectedEventsOfBothListenersAreProjectedAsOnArrival() {
        for (String file : List.of(
                "029-http-query-created.json",
                "030-openlineage-START.json",
                "031-http-query-completed.json",
                "032-openlineage-COMPLETE.json")) {
            writer.appendUnprojected(row(file), "TestFailure");
        }

        assertThat(loader.reprocess()).isEqualTo(4);
        loader.load();

        ServerClient client = new ServerClient(server.getURI());
        JsonNode run = TrinoIngestionIT.json(client.get("/api/v1/jobs/runs/" + TrinoRunIds.of(DIM_CUSTOMERS_QUERY)));
        assertThat(run.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(TrinoIngestionIT.jobNames(client))
                .as("the OpenLineage listener's events renamed like on arrival")
                .containsExactly("model.jaffle_mesh.dim_customers");
        assertThat(LineageAnswers.ids(client.lineage(
                        "dataset:" + TrinoIngestionIT.TRINO + ":insights.default.dim_customers",
                        "&direction=upstream")))
                .contains("dataset:" + TrinoIngestionIT.TRINO + ":insights.default.stg_customers");
        assertThat(loader.reprocess()).isZero();
    }

    private EventRow row(String file) {
        JsonNode body = TrinoCaptures.json(file);
        if (TrinoCaptures.isHttp(file)) {
            LineageEvent event = mapper.map(body).event();
            LineageEvent.JobRef job = event.job().orElseThrow();
            return new EventRow(
                    CanonicalJson.hash(body),
                    TrinoMapping.KIND,
                    event.eventType().orElseThrow().name(),
                    event.eventTime(),
                    event.runId().orElseThrow(),
                    job.namespace(),
                    job.name(),
                    event.producer(),
                    CanonicalJson.text(body));
        }
        return new EventRow(
                CanonicalJson.hash(body),
                "RUN",
                body.path("eventType").asText(),
                OffsetDateTime.parse(body.path("eventTime").asText()),
                TrinoRunIds.of(DIM_CUSTOMERS_QUERY),
                body.path("job").path("namespace").asText(),
                body.path("job").path("name").asText(),
                body.path("producer").asText(),
                CanonicalJson.text(body));
    }
}
