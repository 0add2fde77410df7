package lineage.server.trino;

import static java.util.Objects.requireNonNull;

import lineage.server.ingest.LineageEvent;
import lineage.server.store.EventRow;

/**
 * A Trino query event mapped for ingestion: {@code row} keeps the raw event for the log, {@code event} is how it is
 * projected. {@code parserDisagrees} is true when the engine reported a table set and the SQL parser found another.
 */
public record TrinoMapping(LineageEvent event, EventRow row, boolean parserDisagrees) {
    public TrinoMapping {
        requireNonNull(event, "event is null");
        requireNonNull(row, "row is null");
    }
}
