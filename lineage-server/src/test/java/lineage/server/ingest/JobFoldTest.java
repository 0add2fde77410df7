package lineage.server.ingest;

import static lineage.server.ingest.TestingProjections.at;
import static lineage.server.ingest.TestingProjections.time;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lineage.server.model.NodeId;
import lineage.server.store.JobWriteRow;
import org.junit.jupiter.api.Test;

class JobFoldTest {
    private static final NodeId FIRST = NodeId.job("ns", "a");
    private static final NodeId SECOND = NodeId.job("ns", "b");

    @Test
    void eachJobOnceInNodeOrderWithItsFacetsMergedInOrder() {
        List<JobWriteRow> rows = JobFold.rows(List.of(
                at(0).job(SECOND, "BATCH", "{}").build(),
                at(1).job(FIRST, "BATCH", "{\"sql\":{\"query\":\"old\"},\"owner\":{\"name\":\"x\"}}")
                        .build(),
                at(2).job(FIRST, "STREAM", "{\"sql\":{\"query\":\"new\"}}").build()));

        assertThat(rows).extracting(JobWriteRow::name).containsExactly("a", "b");
        assertThat(rows.get(0).facets())
                .as("a later facet of a name replaces the earlier one in its place")
                .isEqualTo("{\"sql\":{\"query\":\"new\"},\"owner\":{\"name\":\"x\"}}");
        assertThat(rows.get(0).type()).as("the latest type").isEqualTo("STREAM");
    }

    @Test
    void aJobIsCreatedAtItsEarliestEventAndUpdatedAtItsLatestWhateverTheirOrder() {
        List<JobWriteRow> rows = JobFold.rows(List.of(
                at(5).job(FIRST, "BATCH", "{}").build(),
                at(1).job(FIRST, "BATCH", "{}").build(),
                at(3).job(FIRST, "BATCH", "{}").build()));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.createdAt()).isEqualTo(time(1));
            assertThat(row.updatedAt()).isEqualTo(time(5));
        });
    }

    @Test
    void theLatestRunIsTheRunOfTheLastProjectionThatHasOne() {
        List<JobWriteRow> rows = JobFold.rows(List.of(
                at(0).job(FIRST, "BATCH", "{}").run("RUNNING", "{}").build(),
                at(1).job(FIRST, "BATCH", "{}").build()));

        assertThat(rows).singleElement().extracting(JobWriteRow::latestRunId).isEqualTo(TestingProjections.RUN);
        assertThat(JobFold.rows(List.of(at(0).job(FIRST, "BATCH", "{}").build())))
                .singleElement()
                .extracting(JobWriteRow::latestRunId)
                .isNull();
    }
}
