package lineage.server.ingest;

import static lineage.server.testing.TestEvents.dataset;
import static lineage.server.testing.TestEvents.runEvent;
import static lineage.server.testing.TestEvents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lineage.server.ingest.Projection.ColumnEdge;
import lineage.server.model.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The facets {@link Projector} reads: job type, run facets, schemas and column lineage. */
class ProjectorFacetsTest {
    private static final String TIME = "2026-11-23T10:00:00Z";
    private static final UUID RUN_ID = UUID.fromString("0193a5b0-0000-7000-8000-000000000001");
    private static final String JOBS = "scheduler";
    private static final String WAREHOUSE = "postgres://db:5432";
    private static final NodeId RAW = NodeId.dataset(WAREHOUSE, "raw.orders");
    private static final NodeId STAGED = NodeId.dataset(WAREHOUSE, "staging.orders");
    private static final String TRINO_PRODUCER = "https://github.com/trinodb/trino/plugin/trino-openlineage";

    private final Projector projector = new Projector(new CachedSqlParser(0));

    @ParameterizedTest
    @CsvSource({"STREAMING, STREAM", "streaming, STREAM", "BATCH, BATCH", "'', BATCH"})
    void aStreamingJobIsAStreamAndAnyOtherABatch(String processingType, String type) {
        ObjectNode event = runEvent("START", TIME, RUN_ID, JOBS, "stage_orders");
        if (!processingType.isEmpty()) {
            event.with("job").with("facets").putObject("jobType").put("processingType", processingType);
        }

        assertThat(plan(event).job().orElseThrow().type()).isEqualTo(type);
    }

    @Test
    void theJobKeepsEveryFacetItWasSent() {
        ObjectNode event = runEvent("START", TIME, RUN_ID, JOBS, "stage_orders");
        ObjectNode facets = event.with("job").with("facets");
        facets.putObject("ownership").putArray("owners").addObject().put("name", "team:orders");
        facets.putObject("x-unknown").put("kept", true);

        assertThat(plan(event).job().orElseThrow().facets()).isEqualTo(facets);
    }

    @Test
    void theRunKeepsItsNominalTimesParentErrorAndFacets() {
        ObjectNode event = runEvent("FAIL", TIME, RUN_ID, JOBS, "stage_orders");
        ObjectNode facets = event.with("run").putObject("facets");
        facets.putObject("nominalTime")
                .put("nominalStartTime", "2026-11-23T09:00:00Z")
                .put("nominalEndTime", "2026-11-23T10:00:00+01:00");
        UUID parent = UUID.fromString("0193a5b0-0000-7000-8000-0000000000ff");
        facets.putObject("parent").putObject("run").put("runId", parent.toString());
        facets.putObject("errorMessage").put("message", "division by zero");

        Projection.RunWrite run = plan(event).run().orElseThrow();

        assertThat(run.nominalStart()).isEqualTo(OffsetDateTime.parse("2026-11-23T09:00:00Z"));
        assertThat(run.nominalEnd()).isEqualTo(OffsetDateTime.parse("2026-11-23T10:00:00+01:00"));
        assertThat(run.parentRunId()).isEqualTo(parent);
        assertThat(run.errorMessage()).isEqualTo("division by zero");
        assertThat(run.facets()).isEqualTo(CanonicalJson.text(facets));
    }

    @Test
    void runFacetsThatCannotBeReadAreLeftOutNotRefused() {
        ObjectNode event = runEvent("COMPLETE", TIME, RUN_ID, JOBS, "stage_orders");
        ObjectNode facets = event.with("run").putObject("facets");
        facets.putObject("nominalTime").put("nominalStartTime", "yesterday").put("nominalEndTime", 42);
        facets.putObject("parent").putObject("run").put("runId", "not-a-uuid");
        facets.putObject("errorMessage").putObject("message");

        Projection.RunWrite run = plan(event).run().orElseThrow();

        assertThat(run.nominalStart()).isNull();
        assertThat(run.nominalEnd()).isNull();
        assertThat(run.parentRunId()).isNull();
        assertThat(run.errorMessage()).isNull();
        assertThat(plan(runEvent("COMPLETE", TIME, RUN_ID, JOBS, "stage_orders"))
                        .run()
                        .orElseThrow()
                        .facets())
                .as("no run facets")
                .isEqualTo("{}");
    }

    @Test
    void aSchemaFacetGivesTheDatasetsFieldsWithoutTrinosRowId() {
        ObjectNode schema = schema("id", "BIGINT", "$row_id", "VARBINARY", "amount", "DECIMAL");
        ((ObjectNode) schema.get("fields").get(2)).put("description", "in cents");
        ((ArrayNode) schema.get("fields")).addObject().put("type", "VARCHAR");

        ArrayNode fields = plannedOutput(schema).fields().orElseThrow();

        assertThat(fields.toString())
                .isEqualTo("[{\"name\":\"id\",\"type\":\"BIGINT\",\"description\":null},"
                        + "{\"name\":\"amount\",\"type\":\"DECIMAL\",\"description\":\"in cents\"}]");
    }

    @Test
    void aDatasetWithoutASchemaFacetHasNoFieldsRatherThanNone() {
        ObjectNode event = runEvent("COMPLETE", TIME, RUN_ID, JOBS, "stage_orders");
        event.putArray("outputs").add(dataset(WAREHOUSE, "staging.orders"));

        assertThat(plan(event).datasets().get(0).fields()).isEmpty();
        assertThat(plannedOutput(schema()).fields())
                .hasValueSatisfying(fields -> assertThat(fields).isEmpty());
    }

    @Test
    void trinosSchemasArePartialAndOtherProducersSchemasWhole() {
        ObjectNode event = runEvent("COMPLETE", TIME, RUN_ID, JOBS, "stage_orders");
        event.putArray("outputs").add(dataset(WAREHOUSE, "staging.orders"));

        assertThat(plan(event).datasets().get(0).partialSchema()).isFalse();
        event.put("producer", TRINO_PRODUCER);
        assertThat(plan(event).datasets().get(0).partialSchema()).isTrue();
    }

    @Test
    void eachTransformationOfAnInputFieldIsOneColumnEdge() {
        ObjectNode amount = inputField(WAREHOUSE, "raw.orders", "amt");
        amount.putArray("transformations")
                .add(transformation("DIRECT", "TRANSFORMATION").put("description", "amt / 100"))
                .add(transformation("INDIRECT", "FILTER"));

        assertThat(plan(stageOrders("amount", amount)).columnLineage())
                .containsExactly(
                        columnEdge("amount", "amt", "DIRECT", "TRANSFORMATION", Optional.of("amt / 100")),
                        columnEdge("amount", "amt", "INDIRECT", "FILTER", Optional.empty()));
    }

    @Test
    void anInputFieldWithoutTransformationsIsDirectAsItsFieldSays() {
        ObjectNode event = stageOrders("amount", inputField(WAREHOUSE, "raw.orders", "amt"));
        ((ObjectNode) event.at("/outputs/0/facets/columnLineage/fields/amount"))
                .put("transformationType", "IDENTITY")
                .put("transformationDescription", "copied");

        assertThat(plan(event).columnLineage())
                .containsExactly(columnEdge("amount", "amt", "DIRECT", "IDENTITY", Optional.of("copied")));
    }

    @Test
    void aDatasetNamedOnlyByColumnLineageIsPlannedWithoutFacets() {
        ObjectNode event = stageOrders("customer", inputField("postgres://crm:5432", "public.customers", "name"));

        Projection projection = plan(event);

        NodeId customers = NodeId.dataset("postgres://crm:5432", "public.customers");
        assertThat(projection.namespaces()).contains("postgres://crm:5432");
        assertThat(projection.datasets())
                .filteredOn(dataset -> dataset.node().equals(customers))
                .singleElement()
                .satisfies(dataset -> {
                    assertThat(dataset.facets().isEmpty()).isTrue();
                    assertThat(dataset.fields()).isEmpty();
                    assertThat(dataset.partialSchema()).isFalse();
                    assertThat(dataset.runId()).isEmpty();
                });
        assertThat(projection.columnLineage()).extracting(ColumnEdge::input).containsExactly(customers);
    }

    @Test
    void rowIdsArtefactsAndIncompleteInputFieldsGiveNoColumnEdges() {
        ObjectNode event = stageOrders(
                "id",
                inputField(WAREHOUSE, "raw.orders", "$row_id"),
                inputField(WAREHOUSE, "postgresql._generated._generated_query", "id"),
                inputField("", "raw.orders", "id"),
                inputField(WAREHOUSE, "raw.orders", ""));
        ((ObjectNode) event.at("/outputs/0/facets/columnLineage/fields"))
                .putObject("$row_id")
                .putArray("inputFields")
                .add(inputField(WAREHOUSE, "raw.orders", "id"));

        assertThat(plan(event).columnLineage()).isEmpty();
    }

    @Test
    void theEdgesAndColumnLineageOfAMappedEventCarryItsSource() {
        LineageEvent parsed = EventParser.parse(stageOrders("id", inputField(WAREHOUSE, "raw.orders", "id")), "");
        LineageEvent fromTrino = new LineageEvent(
                parsed.kind(),
                parsed.eventType(),
                parsed.eventTime(),
                parsed.runId(),
                parsed.job(),
                parsed.dataset(),
                parsed.inputs(),
                parsed.outputs(),
                parsed.producer(),
                parsed.payload(),
                "trino");

        Projection projection = projector.plan(fromTrino);

        assertThat(projection.edges()).extracting(Projection.EdgeSet::source).containsOnly("trino");
        assertThat(projection.columnLineage()).extracting(ColumnEdge::source).containsExactly("trino");
    }

    /** A COMPLETE of raw.orders → staging.orders whose output field takes the given input fields. */
    private static ObjectNode stageOrders(String outputField, ObjectNode... inputFields) {
        ObjectNode event = runEvent("COMPLETE", TIME, RUN_ID, JOBS, "stage_orders");
        event.putArray("inputs").add(dataset(WAREHOUSE, "raw.orders"));
        ObjectNode output = dataset(WAREHOUSE, "staging.orders");
        ObjectNode lineage = output.with("facets").putObject("columnLineage");
        lineage.put("_producer", "https://github.com/lineage/tests");
        lineage.put("_schemaURL", "https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json");
        lineage.putObject("fields")
                .putObject(outputField)
                .putArray("inputFields")
                .addAll(List.of(inputFields));
        event.putArray("outputs").add(output);
        return event;
    }

    private static ObjectNode inputField(String namespace, String name, String field) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("namespace", namespace)
                .put("name", name)
                .put("field", field);
    }

    private static ObjectNode transformation(String type, String subtype) {
        return JsonNodeFactory.instance.objectNode().put("type", type).put("subtype", subtype);
    }

    private static ColumnEdge columnEdge(
            String outputField, String inputField, String type, String subtype, Optional<String> description) {
        return new ColumnEdge(STAGED, outputField, RAW, inputField, type, subtype, description, "openlineage");
    }

    private Projection.DatasetWrite plannedOutput(ObjectNode schema) {
        ObjectNode event = runEvent("COMPLETE", TIME, RUN_ID, JOBS, "stage_orders");
        ObjectNode output = dataset(WAREHOUSE, "staging.orders");
        output.with("facets").set("schema", schema);
        event.putArray("outputs").add(output);
        return plan(event).datasets().get(0);
    }

    private Projection plan(ObjectNode event) {
        return projector.plan(EventParser.parse(event, ""));
    }
}
