package lineage.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.store.RunRow;

/**
 * The runs a write's projections leave, in order: a run's events that arrive in order of time with at most their last
 * one terminal (START … COMPLETE, as a batch usually holds them) are folded into one row, so the run is inserted or
 * updated once, not once per event (each update of a run writes a new row version and an entry in each of its
 * indexes). Other runs keep one row per event, which the store writes in rounds.
 */
final class RunFolds {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFolds() {}

    static List<RunRow> of(List<Projection> projections) {
        Map<UUID, List<RunRow>> byRun = new LinkedHashMap<>();
        for (Projection projection : projections) {
            projection.run().ifPresent(run -> byRun.computeIfAbsent(run.id(), id -> new ArrayList<>())
                    .add(run));
        }
        List<RunRow> rows = new ArrayList<>();
        for (List<RunRow> events : byRun.values()) {
            if (foldable(events)) {
                rows.add(fold(events));
            } else {
                rows.addAll(events);
            }
        }
        return rows;
    }

    /**
     * Whether folding the run's events gives the row that writing them one after the other gives, whatever the stored
     * row: their times never go back, and no event follows a terminal one. (Two terminal events, or a terminal one
     * followed by another, are decided against the stored row's last event time: see {@code RunStore}.)
     */
    static boolean foldable(List<RunRow> events) {
        for (int index = 1; index < events.size(); index++) {
            RunRow earlier = events.get(index - 1);
            if (isTerminal(earlier.state()) || events.get(index).lastEventTime().isBefore(earlier.lastEventTime())) {
                return false;
            }
        }
        return true;
    }

    /**
     * One row for a run's {@link #foldable} events, merged as {@code RunStore}'s {@code ON CONFLICT} merges a
     * row into the stored one: the last event's state and time (in order, and only the last may be terminal), the
     * earliest start and latest end, each nominal time, parent and error message from the last event that has one, and
     * the run facets of all events (a later facet of a name replacing an earlier one, as jsonb's {@code ||} does), and
     * the earliest event time.
     */
    static RunRow fold(List<RunRow> events) {
        RunRow row = events.get(0);
        for (RunRow next : events.subList(1, events.size())) {
            row = new RunRow(
                    row.id(),
                    row.job(),
                    next.state(),
                    earliest(row.startedAt(), next.startedAt()),
                    latest(row.endedAt(), next.endedAt()),
                    next.nominalStart() != null ? next.nominalStart() : row.nominalStart(),
                    next.nominalEnd() != null ? next.nominalEnd() : row.nominalEnd(),
                    next.parentRunId() != null ? next.parentRunId() : row.parentRunId(),
                    next.errorMessage() != null ? next.errorMessage() : row.errorMessage(),
                    mergeFacets(row.facets(), next.facets()),
                    next.lastEventTime(),
                    earliest(row.firstEventTime(), next.firstEventTime()));
        }
        return row;
    }

    private static boolean isTerminal(String state) {
        return state.equals("COMPLETED") || state.equals("FAILED") || state.equals("ABORTED");
    }

    private static OffsetDateTime earliest(OffsetDateTime left, OffsetDateTime right) {
        return left == null || (right != null && right.isBefore(left)) ? right : left;
    }

    private static OffsetDateTime latest(OffsetDateTime left, OffsetDateTime right) {
        return left == null || (right != null && right.isAfter(left)) ? right : left;
    }

    /** {@code earlier || later} of two JSON objects (the top-level keys of both, later ones winning). */
    private static String mergeFacets(String earlier, String later) {
        if (later.equals("{}")) {
            return earlier;
        }
        if (earlier.equals("{}")) {
            return later;
        }
        try {
            ObjectNode merged = (ObjectNode) JSON.readTree(earlier);
            merged.setAll((ObjectNode) JSON.readTree(later));
            return JSON.writeValueAsString(merged);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("run facets that are not a JSON object", unreadable);
        }
    }
}
