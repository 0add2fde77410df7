package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;

/**
 * How a payload becomes the event that is projected, the same when it arrives and when the log is reprocessed: an
 * OpenLineage event is parsed and passed through the {@link EventRewriter}s; a payload of another format goes through
 * the {@link RawEventMapper} that knows it.
 */
@Singleton
public class IncomingEvents {
    private final List<EventRewriter> rewriters;
    private final List<RawEventMapper> mappers;

    public IncomingEvents(List<EventRewriter> rewriters, List<RawEventMapper> mappers) {
        this.rewriters = List.copyOf(rewriters);
        this.mappers = List.copyOf(mappers);
    }

    /** An OpenLineage event, or an {@code INVALID_EVENT} error listing each bad field (prefixed by {@code path}). */
    public LineageEvent openLineage(JsonNode node, String path) {
        LineageEvent event = EventParser.parse(node, path);
        for (EventRewriter rewriter : rewriters) {
            event = rewriter.rewrite(event);
        }
        if (!rewriters.isEmpty()) {
            // A rewriter may rename the job (Trino's derived job names), which must still fit the limits.
            List<FieldError> errors = new ArrayList<>();
            EventLimits.checkEvent(event, path, errors);
            if (!errors.isEmpty()) {
                throw new LineageException(ErrorCode.INVALID_EVENT, "the event breaks the server's limits", errors);
            }
        }
        return event;
    }

    /** A payload of the log, whatever its format. */
    public LineageEvent stored(JsonNode payload) {
        for (RawEventMapper mapper : mappers) {
            Optional<LineageEvent> event = mapper.fromStored(payload);
            if (event.isPresent()) {
                return event.get();
            }
        }
        return openLineage(payload, "");
    }
}
