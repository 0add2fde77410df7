package lineage.server.ingest;

import static lineage.server.ingest.TestingProjections.JOB;
import static lineage.server.ingest.TestingProjections.at;
import static lineage.server.ingest.TestingProjections.dataset;
import static lineage.server.ingest.TestingProjections.time;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import lineage.server.model.NodeId;
import lineage.server.store.ColumnLineageRow;
import org.junit.jupiter.api.Test;

class ColumnLineageFoldsTest {
    private static final NodeId OUT = dataset("out");
    private static final NodeId IN = dataset("in");
    private static final Map<NodeId, Long> DATASETS = Map.of(OUT, 1L, IN, 2L);

    @Test
    void aColumnEdgeSeenTwiceIsOneRowWithItsFirstAndLastSightingAndTheLatestDescription() {
        List<ColumnLineageRow> rows = ColumnLineageFolds.rows(
                List.of(
                        at(3).column(OUT, "id", IN, "id", "copied").build(),
                        at(1).column(OUT, "id", IN, "id", null).build()),
                Map.of(),
                DATASETS);

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.firstSeen()).isEqualTo(time(1));
            assertThat(row.lastSeen()).isEqualTo(time(3));
            assertThat(row.description())
                    .as("a later event without one keeps it")
                    .isEqualTo("copied");
            assertThat(row.jobId()).as("no job").isNull();
        });
    }

    @Test
    void theRowsNameTheJobOfTheLatestEventThatHasOne() {
        List<ColumnLineageRow> rows = ColumnLineageFolds.rows(
                List.of(
                        at(0).job(JOB, "BATCH", "{}")
                                .column(OUT, "id", IN, "id", null)
                                .build(),
                        at(1).column(OUT, "id", IN, "id", null).build()),
                Map.of(JOB, 9L),
                DATASETS);

        assertThat(rows).singleElement().extracting(ColumnLineageRow::jobId).isEqualTo(9L);
    }

    @Test
    void rowsAreInKeyOrder() {
        List<ColumnLineageRow> rows = ColumnLineageFolds.rows(
                List.of(at(0).column(OUT, "name", IN, "name", null)
                        .column(OUT, "id", IN, "id", null)
                        .column(IN, "x", OUT, "y", null)
                        .build()),
                Map.of(),
                DATASETS);

        assertThat(rows)
                .extracting(ColumnLineageRow::outputDatasetId, ColumnLineageRow::outputField)
                .containsExactly(tuple(1L, "id"), tuple(1L, "name"), tuple(2L, "x"));
    }
}
