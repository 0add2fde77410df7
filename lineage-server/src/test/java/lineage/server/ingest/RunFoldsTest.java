package lineage.server.ingest;

import static lineage.server.ingest.TestingProjections.RUN;
import static lineage.server.ingest.TestingProjections.at;
import static lineage.server.ingest.TestingProjections.time;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import lineage.server.store.RunRow;
import org.junit.jupiter.api.Test;

class RunFoldsTest {
    @Test
    void aRunsInOrderEventsBecomeOneRowWithTheLastStateTheFirstStartAndTheLastEnd() {
        List<RunRow> rows = RunFolds.of(List.of(
                at(0).run("RUNNING", "{}").build(), at(5).run("COMPLETED", "{}").build()));

        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.state()).isEqualTo("COMPLETED");
            assertThat(row.startedAt()).isEqualTo(time(0));
            assertThat(row.endedAt()).isEqualTo(time(5));
            assertThat(row.lastEventTime()).isEqualTo(time(5));
            // The run's createdAt.
            assertThat(row.firstEventTime()).isEqualTo(time(0));
        });
    }

    @Test
    void runFacetsOfAllEventsAreMergedALaterFacetOfANameReplacingAnEarlierOne() {
        List<RunRow> rows = RunFolds.of(List.of(
                at(0).run("RUNNING", "{\"a\":1,\"b\":1}").build(),
                at(1).run("RUNNING", "{}").build(),
                at(2).run("COMPLETED", "{\"b\":2,\"c\":3}").build()));

        assertThat(rows).singleElement().extracting(RunRow::facets).isEqualTo("{\"a\":1,\"b\":2,\"c\":3}");
    }

    @Test
    void eventsWhoseTimesGoBackAreNotFolded() {
        List<RunRow> rows = RunFolds.of(List.of(
                at(5).run("RUNNING", "{}").build(), at(0).run("RUNNING", "{}").build()));

        assertThat(rows).extracting(RunRow::lastEventTime).containsExactly(time(5), time(0));
    }

    @Test
    void anEventAfterATerminalOneIsNotFolded() {
        List<RunRow> rows = RunFolds.of(List.of(
                at(0).run("COMPLETED", "{}").build(), at(5).run("RUNNING", "{}").build()));

        assertThat(rows).extracting(RunRow::state).containsExactly("COMPLETED", "RUNNING");
    }

    @Test
    void eachRunIsFoldedAloneInTheOrderItFirstAppears() {
        UUID other = UUID.fromString("00000000-0000-0000-0000-000000000002");
        List<RunRow> rows = RunFolds.of(List.of(
                at(0).run(other, "RUNNING", "{}").build(),
                at(1).run("RUNNING", "{}").build(),
                at(2).run(other, "FAILED", "{}").build(),
                at(3).run("COMPLETED", "{}").build()));

        assertThat(rows).extracting(RunRow::id).containsExactly(other, RUN);
        assertThat(rows).extracting(RunRow::state).containsExactly("FAILED", "COMPLETED");
    }

    @Test
    void projectionsWithoutARunWriteNoRun() {
        assertThat(RunFolds.of(List.of(at(0).build()))).isEmpty();
    }
}
