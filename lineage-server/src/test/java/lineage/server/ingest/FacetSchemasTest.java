package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import lineage.server.error.FieldError;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import org.junit.jupiter.api.Test;

/**
 * {@link FacetSchemas}: each standard facet it reads is checked against the spec's schema where it sits, with the
 * field and reason of each error; what the spec allows (unknown properties, optional ones left out, custom facets) and
 * the documented leniencies pass.
 */
class FacetSchemasTest {
    private static final FacetSchemas SCHEMAS = new FacetSchemas();
    private static final UUID RUN = UUID.fromString("0193a5b0-0000-7000-8000-00000000f001");

    @Test
    void aParentWithoutItsRunIdNamesTheField() {
        ObjectNode event = event();
        facets(event, "run").set("parent", json("{\"job\":{\"namespace\":\"dag\",\"name\":\"daily\"},\"run\":{}}"));

        List<FacetSchemas.BadFacet> bad = SCHEMAS.check(event, "");

        assertThat(bad).hasSize(1);
        assertThat(bad.get(0).field()).isEqualTo("run.facets.parent");
        assertThat(bad.get(0).key()).isEqualTo("parent");
        assertThat(bad.get(0).container().toString()).isEqualTo("/run/facets");
        assertThat(bad.get(0).errors()).containsExactly(new FieldError("run.facets.parent.run.runId", "is required"));
    }

    @Test
    void eachCheckedFacetIsCheckedWhereItSits() {
        ObjectNode event = event();
        facets(event, "run").set("nominalTime", json("{\"nominalStartTime\":\"yesterday\"}"));
        facets(event, "run").set("errorMessage", json("{\"message\":7}"));
        facets(event, "job").set("sql", json("{\"dialect\":\"trino\"}"));
        facets(event, "job").set("jobType", json("{\"processingType\":\"BATCH\"}"));
        facets(event, "job").set("ownership", json("{\"owners\":[{\"type\":\"team\"}]}"));
        ObjectNode input =
                event.withArray("inputs").addObject().put("namespace", "ns").put("name", "in");
        input.putObject("facets").set("symlinks", json("{\"identifiers\":[{\"namespace\":\"s3\",\"name\":\"k\"}]}"));
        input.putObject("inputFacets")
                .set("dataQualityAssertions", json("{\"assertions\":[{\"assertion\":\"not_null\"}]}"));
        ObjectNode output =
                event.withArray("outputs").addObject().put("namespace", "ns").put("name", "out");
        ObjectNode outputFacets = output.putObject("facets");
        outputFacets.set("schema", json("{\"fields\":[{\"type\":\"int\"}]}"));
        outputFacets.set(
                "columnLineage",
                json("{\"fields\":{\"id\":{\"inputFields\":[{\"namespace\":\"ns\",\"name\":\"in\"}]}}}"));
        outputFacets.set("dataSource", json("{\"name\":[\"x\"]}"));
        outputFacets.set("lifecycleStateChange", json("{\"lifecycleStateChange\":\"EXPLODE\"}"));
        outputFacets.set("ownership", json("{\"owners\":\"me\"}"));

        List<FieldError> errors = errors(SCHEMAS.check(event, ""));

        assertThat(errors)
                .containsExactly(
                        new FieldError("run.facets.errorMessage.message", "must be a string (was an integer)"),
                        new FieldError(
                                "run.facets.nominalTime.nominalStartTime",
                                "must be an RFC 3339 date-time with an offset (2026-11-23T10:00:00Z)"),
                        new FieldError("job.facets.sql.query", "is required"),
                        new FieldError("job.facets.jobType.integration", "is required"),
                        new FieldError("job.facets.ownership.owners[0].name", "is required"),
                        new FieldError("inputs[0].facets.symlinks.identifiers[0].type", "is required"),
                        new FieldError(
                                "inputs[0].inputFacets.dataQualityAssertions.assertions[0].success", "is required"),
                        new FieldError("outputs[0].facets.schema.fields[0].name", "is required"),
                        new FieldError("outputs[0].facets.columnLineage.fields.id.inputFields[0].field", "is required"),
                        new FieldError("outputs[0].facets.dataSource.name", "must be a string (was an array)"),
                        new FieldError(
                                "outputs[0].facets.lifecycleStateChange.lifecycleStateChange",
                                "must be one of ALTER, CREATE, DROP, OVERWRITE, RENAME, TRUNCATE"),
                        new FieldError("outputs[0].facets.ownership.owners", "must be an array (was a string)"));
    }

    @Test
    void aDatasetEventsFacetsAreChecked() {
        ObjectNode event = (ObjectNode) json("{\"eventTime\":\"2026-11-23T10:00:00Z\",\"producer\":\"https://test\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent\","
                + "\"dataset\":{\"namespace\":\"ns\",\"name\":\"table\",\"facets\":{\"schema\":{\"fields\":{}}}}}");

        assertThat(errors(SCHEMAS.check(event, "")))
                .containsExactly(new FieldError("dataset.facets.schema.fields", "must be an array (was an object)"));
    }

    @Test
    void aParentRunIdMustBeAUuidAndAFacetMustBeAnObject() {
        ObjectNode event = event();
        facets(event, "run")
                .set("parent", json("{\"job\":{\"namespace\":\"dag\",\"name\":\"d\"},\"run\":{\"runId\":\"42\"}}"));
        facets(event, "job").put("sql", "SELECT 1");

        assertThat(errors(SCHEMAS.check(event, "")))
                .containsExactly(
                        new FieldError("run.facets.parent.run.runId", "must be a UUID (8-4-4-4-12 hex digits)"),
                        new FieldError("job.facets.sql", "must be an object (was a string)"));
    }

    @Test
    void pathsStartAtTheGivenPathAndOddKeysAreQuoted() {
        ObjectNode event = event();
        event.withArray("outputs")
                .addObject()
                .put("namespace", "ns")
                .put("name", "out")
                .putObject("facets")
                .set("columnLineage", json("{\"fields\":{\"total amount\":{}}}"));

        assertThat(errors(SCHEMAS.check(event, "events[3]")))
                .containsExactly(new FieldError(
                        "events[3].outputs[0].facets.columnLineage.fields[\"total amount\"].inputFields",
                        "is required"));
    }

    @Test
    void whatTheSpecAllowsPasses() {
        ObjectNode event = event();
        // Unknown properties, optional ones left out, no _producer/_schemaURL, a producer's own facet, a null facet.
        facets(event, "run")
                .set(
                        "parent",
                        json("{\"run\":{\"runId\":\"" + RUN + "\",\"extra\":1},\"job\":{\"namespace\":\"d\","
                                + "\"name\":\"n\"},\"vendor\":{\"x\":true}}"));
        facets(event, "run").set("errorMessage", json("{\"message\":\"boom\"}"));
        facets(event, "run").putNull("nominalTime");
        facets(event, "run").set("myCompany_quality", json("{\"score\":\"high\",\"required\":false}"));
        facets(event, "job").set("sql", json("{\"query\":\"SELECT 1\"}"));
        ObjectNode output =
                event.withArray("outputs").addObject().put("namespace", "ns").put("name", "out");
        output.putObject("facets").set("dataSource", json("{\"name\":\"bigquery\",\"uri\":\"bigquery\"}"));
        output.with("facets")
                .set(
                        "columnLineage",
                        json("{\"fields\":{\"id\":{\"inputFields\":[{\"namespace\":\"ns\",\"name\":\"in\","
                                + "\"field\":\"id\"}],\"transformationType\":\"IDENTITY\"}}}"));
        output.with("facets")
                .set(
                        "schema",
                        json("{\"fields\":[{\"name\":\"id\",\"type\":7}]}").deepCopy());

        List<FieldError> errors = errors(SCHEMAS.check(event, ""));

        // The schema facet's field type must be a string: the one error of this event.
        assertThat(errors)
                .containsExactly(
                        new FieldError("outputs[0].facets.schema.fields[0].type", "must be a string (was an integer)"));
    }

    @Test
    void anEventWithoutFacetsOrWithFacetsOfTheWrongShapeHasNothingToCheck() {
        assertThat(SCHEMAS.check(event(), "")).isEmpty();
        ObjectNode odd = event();
        odd.with("run").put("facets", "none");
        odd.putArray("outputs").add("not a dataset");
        assertThat(SCHEMAS.check(odd, "")).isEmpty();
        assertThat(SCHEMAS.check(json("[1,2]"), "")).isEmpty();
    }

    @Test
    void aFacetFoundValidIsRememberedByContentNotByTheObjectThatHeldIt() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FacetSchemas schemas = new FacetSchemas(registry);
        ObjectNode event = event();
        ObjectNode parent = (ObjectNode) json("{\"job\":{\"namespace\":\"dag\",\"name\":\"daily\"},"
                + "\"run\":{\"runId\":\"0193a5b0-0000-7000-8000-00000000f002\"}}");
        facets(event, "run").set("parent", parent);

        assertThat(schemas.check(event, "")).isEmpty();
        ObjectNode again = event();
        facets(again, "run").set("parent", parent.deepCopy());
        assertThat(schemas.check(again, "")).isEmpty();
        assertThat(registry.get("cache.gets")
                        .tags("cache", "valid-facets", "result", "hit")
                        .functionCounter()
                        .count())
                .as("the second check of the same content")
                .isEqualTo(1);

        // The object checked first now breaks the schema: the remembered copy does not answer for it.
        parent.with("run").remove("runId");
        assertThat(errors(schemas.check(event, "")))
                .containsExactly(new FieldError("run.facets.parent.run.runId", "is required"));
        // Content valid for one schema is checked against the schema of where it sits.
        ObjectNode elsewhere = event();
        facets(elsewhere, "run")
                .set("nominalTime", again.at("/run/facets/parent").deepCopy());
        assertThat(errors(schemas.check(elsewhere, "")))
                .containsExactly(new FieldError("run.facets.nominalTime.nominalStartTime", "is required"));
    }

    private static ObjectNode event() {
        return TestEvents.runEvent("START", "2026-11-23T10:00:00Z", RUN, "ns", "job");
    }

    private static ObjectNode facets(ObjectNode event, String where) {
        return event.with(where).with("facets");
    }

    private static List<FieldError> errors(List<FacetSchemas.BadFacet> bad) {
        return bad.stream().flatMap(facet -> facet.errors().stream()).toList();
    }

    private static JsonNode json(String text) {
        return ServerClient.json(text);
    }
}
