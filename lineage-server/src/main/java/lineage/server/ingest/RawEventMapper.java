package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Maps an event of another format that the log keeps as received (a Trino query event) to the event it is projected
 * as. Empty when the payload is not of its format.
 */
public interface RawEventMapper {
    Optional<LineageEvent> fromStored(JsonNode payload);
}
