package lineage.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import lineage.server.model.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventCursorTest {
    private static final String TIE = "2026-03-01T10:00:00Z";

    @ParameterizedTest
    @EnumSource(TestingEventLog.After.class)
    void manyEventsOfOneTimeAcrossPageBoundariesAreEachReadOnce(TestingEventLog.After after) throws CommandFailure {
        TestingEventLog log = TestingEventLog.postgres(after);
        log.add("2026-03-01T09:00:00Z");
        log.add("2026-03-01T09:30:00Z");
        log.add("2026-03-01T09:59:59.9995Z");
        for (int index = 0; index < 25; index++) {
            log.add(TIE);
        }
        log.add("2026-03-01T10:00:00.0004Z");
        log.add("2026-03-01T11:00:00Z");

        List<JsonNode> read = readAll(new EventCursor(TimeRange.MIN, TimeRange.MAX, 10), log);

        assertThat(read).containsExactlyElementsOf(log.all());
    }

    @ParameterizedTest
    @EnumSource(TestingEventLog.After.class)
    void aLogOfOneTimeLongerThanSeveralPagesIsReadWhole(TestingEventLog.After after) throws CommandFailure {
        TestingEventLog log = TestingEventLog.milliseconds(after);
        for (int index = 0; index < 23; index++) {
            log.add(TIE);
        }

        assertThat(readAll(new EventCursor(TimeRange.MIN, TimeRange.MAX, 5), log))
                .containsExactlyElementsOf(log.all());
        // The first page moves the cursor to the tie; from there the tie is paged by offset, the last page short.
        assertThat(log.requests()).extracting(EventPages.Request::offset).containsExactly(0, 0, 5, 10, 15, 20);
        assertThat(log.requests().subList(1, 6))
                .extracting(EventPages.Request::after)
                .containsOnly(Instant.parse(TIE).minus(EventCursor.MARGIN));
    }

    @Test
    void aLastPageExactlyFullTakesOneMoreRequest() throws CommandFailure {
        TestingEventLog log = TestingEventLog.postgres(TestingEventLog.After.INCLUSIVE);
        for (int index = 0; index < 10; index++) {
            log.add("2026-03-01T10:00:0" + index + "Z");
        }

        assertThat(readAll(new EventCursor(TimeRange.MIN, TimeRange.MAX, 5), log))
                .containsExactlyElementsOf(log.all());
        assertThat(log.requests()).hasSize(3);
    }

    @Test
    void eventsArrivingDuringTheReadAreReadOnceEvenAtTheCursorsTime() throws CommandFailure {
        TestingEventLog log = TestingEventLog.postgres(TestingEventLog.After.INCLUSIVE);
        for (int index = 0; index < 12; index++) {
            log.add(TIE);
        }
        int[] pages = {0};
        log.beforeEachPage(live -> {
            if (pages[0]++ < 6) {
                live.add(TIE);
                live.add("2026-03-01T10:00:0" + pages[0] + "Z");
            }
        });

        List<JsonNode> read = readAll(new EventCursor(TimeRange.MIN, TimeRange.MAX, 4), log);

        assertThat(read).hasSize(24).containsExactlyInAnyOrderElementsOf(log.all());
    }

    @Test
    void nanosecondsRoundedByTheStoreNeitherSkipNorRepeat() throws CommandFailure {
        TestingEventLog log = TestingEventLog.postgres(TestingEventLog.After.INCLUSIVE);
        // Both are stored at .000001; the later-listed one is the earlier by its own time.
        log.add("2026-03-01T10:00:00.000000900Z");
        log.add("2026-03-01T10:00:00.000000600Z");
        log.add("2026-03-01T10:00:00.000001400Z");

        assertThat(readAll(new EventCursor(TimeRange.MIN, TimeRange.MAX, 1), log))
                .containsExactlyElementsOf(log.all());

        EventCursor first = new EventCursor(TimeRange.MIN, TimeRange.MAX, 1);
        assertThat(first.accept(log.page(first.next())))
                .containsExactly(log.all().get(0));
        assertThat(readAll(new EventCursor(first.resumeFrom(), TimeRange.MAX, 1), log))
                .as("resumed from .0000009: the event of .0000006 listed after it")
                .containsExactlyElementsOf(log.all());
    }

    @ParameterizedTest
    @EnumSource(TestingEventLog.After.class)
    void resumingFromWhereAnyPageLeftOffMissesNothing(TestingEventLog.After after) throws CommandFailure {
        TestingEventLog log = TestingEventLog.postgres(after);
        for (int index = 0; index < 30; index++) {
            log.add(index % 3 == 0 ? "2026-03-01T10:00:0" + (index / 10) + "Z" : TIE);
        }
        for (int stopAfter = 1; stopAfter < 12; stopAfter++) {
            EventCursor first = new EventCursor(TimeRange.MIN, TimeRange.MAX, 4);
            Set<JsonNode> read = new LinkedHashSet<>();
            for (int page = 0; page < stopAfter && !first.done(); page++) {
                read.addAll(first.accept(log.page(first.next())));
            }
            read.addAll(readAll(new EventCursor(first.resumeFrom(), TimeRange.MAX, 4), log));

            assertThat(read).as("stopped after %d pages", stopAfter).containsExactlyInAnyOrderElementsOf(log.all());
        }
    }

    @Test
    void sinceIsIncludedAndUntilIsNot() throws CommandFailure {
        TestingEventLog log = TestingEventLog.postgres(TestingEventLog.After.INCLUSIVE);
        log.add("2026-03-01T09:59:59.999Z");
        JsonNode since = log.add("2026-03-01T10:00:00Z");
        JsonNode between = log.add("2026-03-01T11:30:00+01:00");
        log.add("2026-03-01T11:00:00Z");

        List<JsonNode> read = readAll(
                new EventCursor(Instant.parse("2026-03-01T10:00:00Z"), Instant.parse("2026-03-01T11:00:00Z"), 1), log);

        assertThat(read).containsExactly(since, between);
    }

    @Test
    void aPageNewestFirstIsRefused() {
        EventCursor cursor = new EventCursor(TimeRange.MIN, TimeRange.MAX, 2);
        EventPages.Page descending = new EventPages.Page(
                List.of(
                        TestingEventLog.event("2026-03-01T11:00:00Z", 1),
                        TestingEventLog.event("2026-03-01T10:00:00Z", 2)),
                2);

        assertThatThrownBy(() -> cursor.accept(descending))
                .isInstanceOf(CommandFailure.class)
                .hasMessage("the server listed 2026-03-01T10:00:00Z after 2026-03-01T11:00:00Z: it does not page events"
                        + " oldest first (sortDirection=asc)");
    }

    @Test
    void theFirstRequestAsksFromAMarginBeforeSince() {
        EventPages.Request request = new EventCursor(Instant.parse("2026-03-01T10:00:00Z"), TimeRange.MAX, 100).next();

        assertThat(request)
                .isEqualTo(new EventPages.Request(Instant.parse("2026-03-01T09:59:59.999Z"), TimeRange.MAX, 100, 0));
    }

    private static List<JsonNode> readAll(EventCursor cursor, EventPages pages) throws CommandFailure {
        List<JsonNode> read = new ArrayList<>();
        while (!cursor.done()) {
            read.addAll(cursor.accept(pages.page(cursor.next())));
        }
        return read;
    }
}
