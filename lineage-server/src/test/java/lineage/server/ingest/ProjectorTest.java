package lineage.server.ingest;

import static lineage.server.testing.TestEvents.dataset;
import static lineage.server.testing.TestEvents.runEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lineage.server.ingest.Projection.EdgeSet;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How {@link Projector} plans an OpenLineage run event: its job, run, datasets, edges and job version, and lineage
 * parsed from its SQL ({@link ProjectorFacetsTest} has the facets it reads). Events are built as JSON and read by
 * {@link EventParser}, as the server reads them.
 */
class ProjectorTest {
    private static final String TIME = "2026-11-23T10:00:00Z";
    private static final UUID RUN_ID = UUID.fromString("0193a5b0-0000-7000-8000-000000000001");
    private static final String JOBS = "scheduler";
    private static final String WAREHOUSE = "postgres://db:5432";
    private static final NodeId RAW = NodeId.dataset(WAREHOUSE, "raw.orders");
    private static final NodeId STAGED = NodeId.dataset(WAREHOUSE, "staging.orders");
    private static final String ARTEFACT = "postgresql._generated._generated_query";

    private final Projector projector = new Projector(new CachedSqlParser(0));

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
        Projection.RunWrite run =
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

    private static Projection.ColumnEdge columnEdge(
            NodeId output, String outputField, NodeId input, String inputField, String subtype, String source) {
        return new Projection.ColumnEdge(
                output, outputField, input, inputField, "DIRECT", subtype, Optional.empty(), source);
    }

    private Projection plan(ObjectNode event) {
        return projector.plan(EventParser.parse(event, ""));
    }
}
