package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import lineage.server.testing.DbtOlEvents;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.Test;

/**
 * Every event real producers sent in the project's fixtures passes the facet check: the OpenLineage listener of Trino
 * 476 ({@code fixtures/trino/476}) and {@code dbt-ol} on six dbt projects ({@code fixtures/dbt-ol}), whatever facet
 * versions they name; and they carry the standard facets the check reads, so that passing means something.
 */
class FacetFixturesTest {
    private static final FacetSchemas SCHEMAS = new FacetSchemas();

    @Test
    void everyTrinoCapturePasses() {
        List<String> files = TrinoCaptures.openLineage();
        assertThat(files).hasSizeGreaterThan(30);
        for (String file : files) {
            JsonNode event = TrinoCaptures.json(file);
            assertThat(SCHEMAS.check(event, "")).as(file).isEmpty();
            assertThat(EventParser.parse(event, "", List.of()).eventTime()).isNotNull();
        }
    }

    @Test
    void everyDbtOlEventPasses() {
        int events = 0;
        for (String project : DbtOlEvents.PROJECTS) {
            List<JsonNode> all = DbtOlEvents.of(project);
            for (int index = 0; index < all.size(); index++) {
                JsonNode event = all.get(index);
                assertThat(SCHEMAS.check(event, ""))
                        .as(project + "[" + index + "]")
                        .isEmpty();
                assertThat(EventParser.parse(event, "", List.of()).eventTime()).isNotNull();
                events++;
            }
        }
        assertThat(events).isEqualTo(36);
    }

    @Test
    void theFixturesCarryTheCheckedFacets() {
        List<String> paths = new ArrayList<>();
        TrinoCaptures.openLineage().forEach(file -> paths.addAll(facetPaths(TrinoCaptures.json(file))));
        DbtOlEvents.PROJECTS.forEach(
                project -> DbtOlEvents.of(project).forEach(event -> paths.addAll(facetPaths(event))));
        assertThat(paths)
                .contains(
                        "run.parent",
                        "run.errorMessage",
                        "job.sql",
                        "job.jobType",
                        "outputs.schema",
                        "outputs.columnLineage",
                        "outputs.dataSource",
                        "outputs.ownership",
                        "inputs.schema",
                        "inputs.inputFacets.dataQualityAssertions");
    }

    /** Where each facet of an event sits: {@code run.parent}, {@code outputs.schema}, {@code inputs.inputFacets.x}. */
    private static List<String> facetPaths(JsonNode event) {
        List<String> paths = new ArrayList<>();
        event.path("run").path("facets").fieldNames().forEachRemaining(key -> paths.add("run." + key));
        event.path("job").path("facets").fieldNames().forEachRemaining(key -> paths.add("job." + key));
        for (String side : List.of("inputs", "outputs")) {
            for (JsonNode dataset : event.path(side)) {
                dataset.path("facets").fieldNames().forEachRemaining(key -> paths.add(side + "." + key));
                dataset.path("inputFacets")
                        .fieldNames()
                        .forEachRemaining(key -> paths.add(side + ".inputFacets." + key));
            }
        }
        return paths;
    }
}
