package lineage.server.trino;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import lineage.server.ingest.LineageEvent;

/**
 * A Trino query event mapped for ingestion: {@code received} is the event as Trino sent it, which the log keeps;
 * {@code event} is how it is projected. {@code parserDisagrees} is true when the engine reported a table set and the
 * SQL parser found another.
 */
public record TrinoMapping(LineageEvent event, JsonNode received, boolean parserDisagrees) {
    /** The kind of event the log records for Trino's query events. */
    public static final String KIND = "TRINO";

    public TrinoMapping {
        requireNonNull(event, "event is null");
        requireNonNull(received, "received is null");
    }
}
