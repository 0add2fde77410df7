package lineage.server.ingest;

import static lineage.server.ingest.TestingProjections.JOB;
import static lineage.server.ingest.TestingProjections.at;
import static lineage.server.ingest.TestingProjections.dataset;
import static lineage.server.ingest.TestingProjections.time;
import static lineage.server.model.EdgeChange.Direction.INPUT;
import static lineage.server.model.EdgeChange.Direction.OUTPUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import lineage.server.store.EdgeWriteRow;
import org.junit.jupiter.api.Test;

class EdgeFoldTest {
    private static final NodeId A = dataset("a");
    private static final NodeId B = dataset("b");
    private static final Map<NodeId, Long> IDS = Map.of(A, 1L, B, 2L);
    private static final long JOB_ID = 9;
    private static final EdgeFold.JobDirection INPUTS = new EdgeFold.JobDirection(JOB, INPUT);

    @Test
    void eachJobAndDirectionIsOneFoldInOrder() {
        SortedMap<EdgeFold.JobDirection, EdgeFold> folds = EdgeFold.of(
                List.of(at(0).edges(OUTPUT, false, B).edges(INPUT, false, A).build()));

        assertThat(folds.keySet()).containsExactly(INPUTS, new EdgeFold.JobDirection(JOB, OUTPUT));
    }

    @Test
    void edgesOfSetsThatAreNotAuthoritativeAreAllCurrentAndRetireNothing() {
        EdgeFold fold = fold(
                at(0).edges(INPUT, false, A).build(),
                at(1).edges(INPUT, false, B).build());

        assertThat(fold.rows(INPUTS, JOB_ID, IDS))
                .allSatisfy(row -> assertThat(row.current()).isTrue());
        assertThat(fold.currentEdges(INPUTS, JOB_ID, IDS)).isEmpty();
    }

    @Test
    void anAuthoritativeSetRetiresTheEdgesEarlierSetsAddedAtItsTime() {
        EdgeFold fold = fold(
                at(0).edges(INPUT, false, A).build(),
                at(5).edges(INPUT, true, B).build());

        assertThat(fold.rows(INPUTS, JOB_ID, IDS))
                .extracting(EdgeWriteRow::datasetId, EdgeWriteRow::retiredAt)
                .containsExactly(tuple(1L, time(5)), tuple(2L, null));
        assertThat(fold.currentEdges(INPUTS, JOB_ID, IDS)).hasValueSatisfying(current -> {
            assertThat(current.datasetIds()).containsExactly(2L);
            assertThat(current.since()).isEqualTo(time(5));
        });
    }

    @Test
    void aSetAfterAnAuthoritativeOneAddsToTheCurrentEdges() {
        EdgeFold fold = fold(
                at(0).edges(INPUT, true, A).build(),
                at(1).edges(INPUT, false, B).build());

        assertThat(fold.rows(INPUTS, JOB_ID, IDS))
                .allSatisfy(row -> assertThat(row.current()).isTrue());
        assertThat(fold.currentEdges(INPUTS, JOB_ID, IDS))
                .hasValueSatisfying(current -> assertThat(current.datasetIds()).containsExactly(1L, 2L));
    }

    @Test
    void anEdgeSeenAgainAfterItsRetirementIsRetiredWhenLastSeen() {
        EdgeFold fold = fold(
                at(0).edges(INPUT, true, B).build(),
                at(1).edges(INPUT, false, A).build(),
                at(2).edges(INPUT, true, B).build());

        assertThat(fold.rows(INPUTS, JOB_ID, IDS))
                .filteredOn(row -> row.datasetId() == 1L)
                .singleElement()
                .extracting(EdgeWriteRow::retiredAt)
                .isEqualTo(time(2));
    }

    @Test
    void anEdgeSeenTwiceKeepsItsFirstAndLastSightingAndTheLaterSource() {
        EdgeFold fold = fold(
                at(3).edges(INPUT, "sql", false, A).build(),
                at(1).edges(INPUT, "trino", false, A).build());

        assertThat(fold.rows(INPUTS, JOB_ID, IDS)).singleElement().satisfies(row -> {
            assertThat(row.firstSeen()).isEqualTo(time(1));
            assertThat(row.lastSeen()).isEqualTo(time(3));
            assertThat(row.source()).isEqualTo("trino");
        });
    }

    @Test
    void theGraphChangesAreTheWrittenEdgesWithTheirLastSighting() {
        EdgeFold fold = fold(
                at(0).edges(INPUT, false, A).build(),
                at(5).edges(INPUT, true, B).build());

        assertThat(fold.changes(INPUTS))
                .containsExactly(
                        new EdgeChange(JOB, A, INPUT, false, time(0).toInstant(), "openlineage"),
                        new EdgeChange(JOB, B, INPUT, true, time(5).toInstant(), "openlineage"));
    }

    private static EdgeFold fold(Projection... projections) {
        return EdgeFold.of(List.of(projections)).get(INPUTS);
    }
}
