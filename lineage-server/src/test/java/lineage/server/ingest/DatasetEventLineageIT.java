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
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A DatasetEvent's facets are projected as the same facets on a RunEvent's output are: its column lineage appears in
 * {@code GET /api/v1/column-lineage}, its schema becomes the dataset's fields, its ownership stays among its facets and
 * its symlinks name it. Events are built and sent with the official openlineage-java client.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetEventLineageIT implements TestPropertyProvider {
    private static final OpenLineage OL = new OpenLineage(URI.create("https://github.com/lineage/tests"));
    private static final String WAREHOUSE = "postgres://warehouse:5432";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @Test
    void aDatasetEventsColumnLineageIsServedLikeARunOutputs() throws Exception {
        try (OpenLineageClient client = client()) {
            client.emit(OL.newDatasetEvent(ZonedDateTime.now(), dataset("shop.staging.orders_by_event", "by_event")));
            client.emit(OL.newRunEventBuilder()
                    .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                    .eventTime(ZonedDateTime.now())
                    .run(OL.newRunBuilder().runId(UUID.randomUUID()).build())
                    .job(OL.newJobBuilder()
                            .namespace("etl")
                            .name("stage_orders")
                            .build())
                    .inputs(List.of())
                    .outputs(List.of(output(dataset("shop.staging.orders_by_run", "by_run"))))
                    .build());
        }

        JsonNode byEvent = columnLineage("shop.staging.orders_by_event", "amount");
        JsonNode byRun = columnLineage("shop.staging.orders_by_run", "amount");

        assertThat(LineageAnswers.ids(byEvent))
                .containsExactly(
                        "datasetField:" + WAREHOUSE + ":shop.raw.orders:amt",
                        "datasetField:" + WAREHOUSE + ":shop.raw.orders:currency",
                        "datasetField:" + WAREHOUSE + ":shop.staging.orders_by_event:amount");
        JsonNode amount =
                LineageAnswers.node(byEvent, "datasetField:" + WAREHOUSE + ":shop.staging.orders_by_event:amount");
        assertThat(amount.path("data").path("fieldType").asText()).isEqualTo("DECIMAL");
        assertThat(amount.path("data").path("inputFields")).hasSize(2);
        assertThat(amount.path("data").path("inputFields").path(0).path("field").asText())
                .isEqualTo("amt");
        assertThat(amount.path("data")
                        .path("inputFields")
                        .path(0)
                        .path("transformationDescription")
                        .asText())
                .isEqualTo("amt / 100");
        assertThat(amount.path("inEdges")).hasSize(2);
        assertThat(withoutNames(byEvent, "by_event")).isEqualTo(withoutNames(byRun, "by_run"));

        JsonNode eventDataset = dataset("shop.staging.orders_by_event");
        JsonNode runDataset = dataset("shop.staging.orders_by_run");
        assertThat(eventDataset.path("fields")).isEqualTo(runDataset.path("fields"));
        assertThat(eventDataset.path("fields").path(0).path("name").asText()).isEqualTo("amount");
        assertThat(names(eventDataset.path("facets"))).isEqualTo(names(runDataset.path("facets")));
        assertThat(eventDataset
                        .path("facets")
                        .path("ownership")
                        .path("owners")
                        .path(0)
                        .path("name")
                        .asText())
                .isEqualTo("team:finance");
        assertThat(get("/api/v1/namespaces/s3%3A%2F%2Flake/datasets/by_event%2Forders")
                        .statusCode())
                .isEqualTo(200);
    }

    private static OpenLineage.StaticDataset dataset(String name, String lakeKey) {
        OpenLineage.InputField amt = OL.newInputFieldBuilder()
                .namespace(WAREHOUSE)
                .name("shop.raw.orders")
                .field("amt")
                .transformations(List.of(OL.newInputFieldTransformationsBuilder()
                        .type("DIRECT")
                        .subtype("TRANSFORMATION")
                        .description("amt / 100")
                        .build()))
                .build();
        OpenLineage.InputField currency = OL.newInputFieldBuilder()
                .namespace(WAREHOUSE)
                .name("shop.raw.orders")
                .field("currency")
                .transformations(List.of(OL.newInputFieldTransformationsBuilder()
                        .type("INDIRECT")
                        .subtype("FILTER")
                        .build()))
                .build();
        OpenLineage.DatasetFacets facets = OL.newDatasetFacetsBuilder()
                .schema(OL.newSchemaDatasetFacetBuilder()
                        .fields(List.of(OL.newSchemaDatasetFacetFieldsBuilder()
                                .name("amount")
                                .type("DECIMAL")
                                .build()))
                        .build())
                .columnLineage(OL.newColumnLineageDatasetFacetBuilder()
                        .fields(OL.newColumnLineageDatasetFacetFieldsBuilder()
                                .put(
                                        "amount",
                                        OL.newColumnLineageDatasetFacetFieldsAdditionalBuilder()
                                                .inputFields(List.of(amt, currency))
                                                .build())
                                .build())
                        .build())
                .ownership(OL.newOwnershipDatasetFacetBuilder()
                        .owners(List.of(OL.newOwnershipDatasetFacetOwnersBuilder()
                                .name("team:finance")
                                .type("TEAM")
                                .build()))
                        .build())
                .symlinks(OL.newSymlinksDatasetFacetBuilder()
                        .identifiers(List.of(OL.newSymlinksDatasetFacetIdentifiersBuilder()
                                .namespace("s3://lake")
                                .name(lakeKey + "/orders")
                                .type("LOCATION")
                                .build()))
                        .build())
                .build();
        return OL.newStaticDatasetBuilder()
                .namespace(WAREHOUSE)
                .name(name)
                .facets(facets)
                .build();
    }

    private static OpenLineage.OutputDataset output(OpenLineage.StaticDataset dataset) {
        return OL.newOutputDatasetBuilder()
                .namespace(dataset.getNamespace())
                .name(dataset.getName())
                .facets(dataset.getFacets())
                .build();
    }

    private JsonNode columnLineage(String dataset, String field) {
        String nodeId = "datasetField:" + WAREHOUSE + ":" + dataset + ":" + field;
        HttpResponse<String> response =
                get("/api/v1/column-lineage?nodeId=" + URLEncoder.encode(nodeId, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    private JsonNode dataset(String name) {
        HttpResponse<String> response = get("/api/v1/namespaces/" + URLEncoder.encode(WAREHOUSE, StandardCharsets.UTF_8)
                + "/datasets/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServerClient.json(response.body());
    }

    /** The answer's text with the dataset's own name part taken out, to compare two datasets' answers. */
    private static String withoutNames(JsonNode answer, String own) {
        return answer.toString().replace("orders_" + own, "orders_");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HttpResponse<String> get(String path) {
        return new ServerClient(server.getURI()).get(path);
    }

    private OpenLineageClient client() {
        HttpConfig config = new HttpConfig();
        config.setUrl(server.getURI());
        return new OpenLineageClient(new HttpTransport(config));
    }
}
