package lineage.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** Pages of a server's event log, as Marquez's {@code GET /api/v1/events/lineage} gives them, oldest first. */
interface EventPages {
    /** The events with {@code after <= eventTime < before}, ascending, {@code limit} of them after {@code offset}. */
    record Request(Instant after, Instant before, int limit, int offset) {
        public Request {
            requireNonNull(after, "after is null");
            requireNonNull(before, "before is null");
            if (limit < 1) {
                throw new IllegalArgumentException("limit is below 1: " + limit);
            }
            if (offset < 0) {
                throw new IllegalArgumentException("offset is negative: " + offset);
            }
        }
    }

    /** A page of events and how many the server says its window holds (for the progress bar only). */
    record Page(List<JsonNode> events, long totalCount) {
        public Page {
            events = List.copyOf(events);
        }
    }

    Page page(Request request) throws CommandFailure;
}
