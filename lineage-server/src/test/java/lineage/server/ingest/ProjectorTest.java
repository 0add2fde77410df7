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
import lineage.server.identity.Identity;
import lineage.server.identity.IdentityConfiguration;
import lineage.server.ingest.Projection.ColumnEdge;
import lineage.server.ingest.Projection.EdgeSet;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import lineage.server.store.RunRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How {@link Projector} plans an event: a run's job, run, datasets, edges and job version, lineage parsed from its SQL,
 * dataset and job events, then the facets it reads (job type, run facets, schemas, column lineage). Events are built as
 * JSON and read by {@link EventParser}, as the server reads them.
 */
class ProjectorTest {
    private static final String TIME = "2026-11-23T10:00:00Z";
    private static final UUID RUN_ID = UUID.fromString("0193a5b0-0000-7000-8000-000000000001");
    private static final String JOBS = "scheduler";
    private static final String WAREHOUSE = "postgres://db:5432";
    private static final NodeId RAW = NodeId.dataset(WAREHOUSE, "raw.orders");
    private static final NodeId STAGED = NodeId.dataset(WAREHOUSE, "staging.orders");
    private static final String ARTEFACT = "postgresql._generated._generated_query";
    private static final String TRINO_PRODUCER = "https://github.com/trinodb/trino/plugin/trino-openlineage";

    private final Projector projector =
            new Projector(new CachedSqlParser(0), Identity.of(IdentityConfiguration.none()));

    @Test
    void aRunEventPlansItsJobRunAndDatasetsInTheEventsOrder() {
        ObjectNode event = stageOrders("COMPLETE");

        Projection projection = plan(event);

        assertThat(projection.time()).isEqualTo(OffsetDateTime.parse(TIME));
        assertThat(projection.namespaces()).containsExactly(JOBS, WAREHOUSE);
        assertThat(projection.job().orElseThrow().node()).isEqualTo(NodeId.job(JOBS, "stage_orders"));
        assertThat(projection.run().orElseThrow().id()).isEqualTo(RUN_ID);
        assertThat(projection.datasets())
                .extracting(Projection.DatasetWrite::node)
                .containsExactly(RAW, STAGED);
        assertThat(projection.datasets())
                .extracting(Projection.DatasetWrite::runId)
                .containsOnly(Optional.of(RUN_ID));
    }

    @ParameterizedTest
    @CsvSource({
        "START, RUNNING, true",
        "RUNNING, RUNNING, true",
        "COMPLETE, COMPLETED, false",
        "ABORT, ABORTED, false",
        "FAIL, FAILED, false",
        "OTHER, OTHER, true"
    })
    void theEventTypeSetsTheRunStateAndWhetherTheTimeStartsOrEndsIt(String type, String state, boolean starts) {
        RunRow run =
                plan(runEvent(type, TIME, RUN_ID, JOBS, "stage_orders")).run().orElseThrow();

        assertThat(run.state()).isEqualTo(state);
        assertThat(Optional.ofNullable(starts ? run.startedAt() : run.endedAt()))
                .contains(OffsetDateTime.parse(TIME));
        assertThat(starts ? run.endedAt() : run.startedAt()).isNull();
    }

    @Test
    void aRunEventWithoutATypeIsOther() {
        ObjectNode event = runEvent("COMPLETE", TIME, RUN_ID, JOBS, "stage_orders");
        event.remove("eventType");

        Projection projection = plan(event);

        assertThat(projection.run().orElseThrow().state()).isEqualTo("OTHER");
        assertThat(projection.jobVersion()).isEmpty();
    }

    @Test
    void aCompleteIsAuthoritativeForBothDirectionsItReports() {
        assertThat(plan(stageOrders("COMPLETE")).edges())
                .containsExactly(
                        new EdgeSet(EdgeChange.Direction.INPUT, "openlineage", true, List.of(RAW)),
                        new EdgeSet(EdgeChange.Direction.OUTPUT, "openlineage", true, List.of(STAGED)));
    }

    @ParameterizedTest
    @CsvSource({"START", "RUNNING", "OTHER"})
    void aRunningEventAddsEdgesWithoutRetiringOthers(String type) {
        assertThat(plan(stageOrders(type)).edges())
                .containsExactly(
                        new EdgeSet(EdgeChange.Direction.INPUT, "openlineage", false, List.of(RAW)),
                        new EdgeSet(EdgeChange.Direction.OUTPUT, "openlineage", false, List.of(STAGED)));
    }

    @Test
    void anAbsentInputsOrOutputsKeyLeavesThoseEdgesAsTheyAre() {
        ObjectNode event = stageOrders("COMPLETE");
        event.remove("inputs");

        assertThat(plan(event).edges())
                .containsExactly(new EdgeSet(EdgeChange.Direction.OUTPUT, "openlineage", true, List.of(STAGED)));
    }

    @Test
    void anEmptyListInACompleteRetiresEveryEdgeOfThatDirection() {
        ObjectNode event = stageOrders("COMPLETE");
        event.putArray("inputs");

        assertThat(plan(event).edges())
                .startsWith(new EdgeSet(EdgeChange.Direction.INPUT, "openlineage", true, List.of()));
    }

    @ParameterizedTest
    @CsvSource({"FAIL", "ABORT"})
    void aFailedOrAbortedRunIsRecordedWithoutItsDatasetsOrEdges(String type) {
        Projection projection = plan(stageOrders(type));

        assertThat(projection.run()).isPresent();
        assertThat(projection.job()).isPresent();
        assertThat(projection.datasets()).isEmpty();
        assertThat(projection.edges()).isEmpty();
        assertThat(projection.jobVersion()).isEmpty();
        assertThat(projection.columnLineage()).isEmpty();
    }

    @Test
    void aDatasetNamedTwiceIsOneDatasetWithTheFacetsOfBothMentionsAndOneEdge() {
        ObjectNode event = runEvent("COMPLETE", TIME, RUN_ID, JOBS, "dedupe");
        ObjectNode read = dataset(WAREHOUSE, "raw.orders");
        read.with("facets").putObject("dataSource").put("name", "warehouse");
        ObjectNode written = dataset(WAREHOUSE, "raw.orders");
        written.with("facets").putObject("lifecycleStateChange").put("lifecycleStateChange", "OVERWRITE");
        event.putArray("inputs").add(read).add(dataset(WAREHOUSE, "raw.orders"));
        event.putArray("outputs").add(written);

        Projection projection = plan(event);

        assertThat(projection.datasets()).singleElement().satisfies(dataset -> assertThat(
                        dataset.facets().fieldNames())
                .toIterable()
                .containsExactly("dataSource", "lifecycleStateChange"));
        assertThat(projection.edges().get(0).datasets()).containsExactly(RAW);
    }

    @Test
    void aPushdownArtefactIsNoDatasetNoEdgeAndNotPartOfTheJobVersion() {
        ObjectNode event = stageOrders("COMPLETE");
        ((ArrayNode) event.get("inputs")).add(dataset(WAREHOUSE, ARTEFACT));
        ObjectNode withoutArtefact = stageOrders("COMPLETE");

        Projection projection = plan(event);

        assertThat(projection.datasets())
                .extracting(Projection.DatasetWrite::node)
                .containsExactly(RAW, STAGED);
        assertThat(projection.edges().get(0).datasets()).containsExactly(RAW);
        assertThat(projection.jobVersion().orElseThrow().hash())
                .isEqualTo(plan(withoutArtefact).jobVersion().orElseThrow().hash());
    }

    @Test
    void aCompleteWithSqlAndNoDatasetsTakesItsLineageFromTheSqlInTheJobsNamespace() {
        ObjectNode event = withSql(
                runEvent("COMPLETE", TIME, RUN_ID, WAREHOUSE, "load"),
                "INSERT INTO mart.orders (id, total) SELECT id, amount * 2 FROM staging.orders");

        Projection projection = plan(event);

        NodeId mart = NodeId.dataset(WAREHOUSE, "mart.orders");
        assertThat(projection.edges())
                .containsExactly(
                        new EdgeSet(EdgeChange.Direction.INPUT, "sql", true, List.of(STAGED)),
                        new EdgeSet(EdgeChange.Direction.OUTPUT, "sql", true, List.of(mart)));
        assertThat(projection.columnLineage())
                .containsExactly(
                        columnEdge(mart, "id", STAGED, "id", "IDENTITY", "sql"),
                        columnEdge(mart, "total", STAGED, "amount", "TRANSFORMATION", "sql"));
        assertThat(projection.datasets())
                .allSatisfy(dataset -> assertThat(dataset.runId()).isEmpty());
    }

    @Test
    void sqlNamingATableBeyondTheLimitsGivesNoLineage() {
        String table = "t".repeat(EventLimits.MAX_NAME_BYTES + 1);
        ObjectNode event = withSql(
                runEvent("COMPLETE", TIME, RUN_ID, WAREHOUSE, "load"),
                "INSERT INTO mart." + table + " (id) SELECT id FROM staging.orders");

        Projection projection = plan(event);

        assertThat(projection.edges()).isEmpty();
        assertThat(projection.columnLineage()).isEmpty();
        assertThat(projection.datasets()).isEmpty();
    }

    @Test
    void sqlIsNotParsedWhenTheEventNamesDatasets() {
        ObjectNode event = withSql(stageOrders("COMPLETE"), "INSERT INTO mart.orders SELECT * FROM other.table");

        assertThat(plan(event).edges()).extracting(EdgeSet::source).containsOnly("openlineage");
    }

    @Test
    void sqlIsParsedOnlyWhenTheRunCompletes() {
        ObjectNode event = withSql(
                runEvent("START", TIME, RUN_ID, WAREHOUSE, "load"),
                "INSERT INTO mart.orders SELECT id FROM staging.orders");

        assertThat(plan(event).edges()).isEmpty();
    }

    @Test
    void sqlThatCannotBeParsedGivesNoLineageButStillAJobVersion() {
        ObjectNode event = withSql(runEvent("COMPLETE", TIME, RUN_ID, WAREHOUSE, "load"), "INSERT INTO (((");

        Projection projection = plan(event);

        assertThat(projection.edges()).isEmpty();
        assertThat(projection.columnLineage()).isEmpty();
        assertThat(projection.jobVersion().orElseThrow().sql()).contains("INSERT INTO (((");
    }

    @Test
    void theJobVersionIsWhatTheRunReadAndWroteAndItsSqlWhateverTheOrderOrFacets() {
        ObjectNode event = stageOrders("COMPLETE");
        ((ArrayNode) event.get("inputs")).add(dataset(WAREHOUSE, "raw.customers"));
        ObjectNode reordered = stageOrders("COMPLETE");
        ((ArrayNode) reordered.get("inputs")).insert(0, dataset(WAREHOUSE, "raw.customers"));
        ((ObjectNode) reordered.get("outputs").get(0)).set("facets", schemaFacets("id", "BIGINT"));

        Projection.JobVersionWrite version = plan(event).jobVersion().orElseThrow();

        assertThat(version.inputs().toString())
                .isEqualTo("[{\"namespace\":\"" + WAREHOUSE + "\",\"name\":\"raw.customers\"}," + "{\"namespace\":\""
                        + WAREHOUSE + "\",\"name\":\"raw.orders\"}]");
        assertThat(version.sql()).isEmpty();
        assertThat(plan(reordered).jobVersion().orElseThrow().hash()).isEqualTo(version.hash());
        assertThat(plan(withSql(event, "SELECT 1")).jobVersion().orElseThrow().hash())
                .as("another SQL text")
                .isNotEqualTo(version.hash());
    }

    @Test
    void onlyACompletedRunMakesAJobVersion() {
        assertThat(plan(stageOrders("START")).jobVersion()).isEmpty();
        assertThat(plan(stageOrders("RUNNING")).jobVersion()).isEmpty();
        assertThat(plan(stageOrders("COMPLETE")).jobVersion()).isPresent();
    }

    @Test
    void aDatasetEventPlansTheDatasetAlone() {
        ObjectNode event = datasetEvent(dataset(WAREHOUSE, "raw.orders"));
        ((ObjectNode) event.get("dataset"))
                .with("facets")
                .putObject("documentation")
                .put("description", "orders");

        Projection projection = plan(event);

        assertThat(projection.namespaces()).containsExactly(WAREHOUSE);
        assertThat(projection.datasets()).singleElement().satisfies(dataset -> {
            assertThat(dataset.node()).isEqualTo(RAW);
            assertThat(dataset.facets().has("documentation")).isTrue();
            assertThat(dataset.runId()).isEmpty();
        });
        assertThat(projection.job()).isEmpty();
        assertThat(projection.run()).isEmpty();
        assertThat(projection.edges()).isEmpty();
    }

    @Test
    void aDatasetEventsColumnLineageIsPlannedAsAnOutputsIs() {
        ObjectNode staged = dataset(WAREHOUSE, "staging.orders");
        ObjectNode amount = inputField(WAREHOUSE, "raw.orders", "amt");
        amount.putArray("transformations").add(transformation("DIRECT", "TRANSFORMATION"));
        staged.with("facets")
                .putObject("columnLineage")
                .putObject("fields")
                .putObject("amount")
                .putArray("inputFields")
                .add(amount);
        staged.with("facets").setAll(schemaFacets("amount", "decimal"));

        Projection projection = plan(datasetEvent(staged));

        assertThat(projection.columnLineage())
                .containsExactly(stagedFromRaw("amount", "amt", "DIRECT", "TRANSFORMATION", Optional.empty()));
        assertThat(projection.datasets())
                .extracting(Projection.DatasetWrite::node)
                .containsExactly(STAGED, RAW);
        assertThat(projection.datasets().get(0).fields()).isPresent();
        assertThat(projection.job()).isEmpty();
        assertThat(projection.edges()).isEmpty();
    }

    @Test
    void aDatasetEventOfAPushdownArtefactPlansNothing() {
        Projection projection = plan(datasetEvent(dataset(WAREHOUSE, ARTEFACT)));

        assertThat(projection.datasets()).isEmpty();
        assertThat(projection.namespaces()).isEmpty();
    }

    @Test
    void aJobEventIsAuthoritativeForItsDatasetsWithoutARunOrVersion() {
        ObjectNode event = stageOrders("COMPLETE");
        event.remove(List.of("run", "eventType"));
        event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent");

        Projection projection = plan(event);

        assertThat(projection.job().orElseThrow().node()).isEqualTo(NodeId.job(JOBS, "stage_orders"));
        assertThat(projection.run()).isEmpty();
        assertThat(projection.jobVersion()).isEmpty();
        assertThat(projection.datasets())
                .allSatisfy(dataset -> assertThat(dataset.runId()).isEmpty());
        assertThat(projection.edges())
                .containsExactly(
                        new EdgeSet(EdgeChange.Direction.INPUT, "openlineage", true, List.of(RAW)),
                        new EdgeSet(EdgeChange.Direction.OUTPUT, "openlineage", true, List.of(STAGED)));
    }

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

        RunRow run = plan(event).run().orElseThrow();

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

        RunRow run = plan(event).run().orElseThrow();

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

        assertThat(plan(withColumnLineage("amount", amount)).columnLineage())
                .containsExactly(
                        stagedFromRaw("amount", "amt", "DIRECT", "TRANSFORMATION", Optional.of("amt / 100")),
                        stagedFromRaw("amount", "amt", "INDIRECT", "FILTER", Optional.empty()));
    }

    @Test
    void anInputFieldWithoutTransformationsIsDirectAsItsFieldSays() {
        ObjectNode event = withColumnLineage("amount", inputField(WAREHOUSE, "raw.orders", "amt"));
        ((ObjectNode) event.at("/outputs/0/facets/columnLineage/fields/amount"))
                .put("transformationType", "IDENTITY")
                .put("transformationDescription", "copied");

        assertThat(plan(event).columnLineage())
                .containsExactly(stagedFromRaw("amount", "amt", "DIRECT", "IDENTITY", Optional.of("copied")));
    }

    @Test
    void aDatasetNamedOnlyByColumnLineageIsPlannedWithoutFacets() {
        ObjectNode event = withColumnLineage("customer", inputField("postgres://crm:5432", "public.customers", "name"));

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
        ObjectNode event = withColumnLineage(
                "id",
                inputField(WAREHOUSE, "raw.orders", "$row_id"),
                inputField(WAREHOUSE, ARTEFACT, "id"),
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
        LineageEvent parsed = EventParser.parse(withColumnLineage("id", inputField(WAREHOUSE, "raw.orders", "id")), "");
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

    /** raw.orders → stage_orders → staging.orders, with empty facets. */
    private static ObjectNode stageOrders(String type) {
        ObjectNode event = runEvent(type, TIME, RUN_ID, JOBS, "stage_orders");
        event.putArray("inputs").add(dataset(WAREHOUSE, "raw.orders"));
        event.putArray("outputs").add(dataset(WAREHOUSE, "staging.orders"));
        return event;
    }

    private static ObjectNode datasetEvent(ObjectNode dataset) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("eventTime", TIME);
        event.put("producer", "https://github.com/lineage/tests");
        event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent");
        event.set("dataset", dataset);
        return event;
    }

    private static ObjectNode withSql(ObjectNode event, String sql) {
        event.with("job").with("facets").putObject("sql").put("query", sql);
        return event;
    }

    private static ObjectNode schemaFacets(String name, String type) {
        ObjectNode facets = JsonNodeFactory.instance.objectNode();
        facets.putObject("schema")
                .putArray("fields")
                .addObject()
                .put("name", name)
                .put("type", type);
        return facets;
    }

    private static ColumnEdge columnEdge(
            NodeId output, String outputField, NodeId input, String inputField, String subtype, String source) {
        return new ColumnEdge(output, outputField, input, inputField, "DIRECT", subtype, Optional.empty(), source);
    }

    /** A COMPLETE of raw.orders → staging.orders whose output field takes the given input fields. */
    private static ObjectNode withColumnLineage(String outputField, ObjectNode... inputFields) {
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

    private static ColumnEdge stagedFromRaw(
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
