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
 * the {@link RawEventMapper} that knows it. Either way, its names then get their canonical identity ({@link
 * IdentityEvents}), last.
 */
@Singleton
public class IncomingEvents {
    private final List<EventRewriter> rewriters;
    private final List<RawEventMapper> mappers;
    private final IdentityEvents identity;

    public IncomingEvents(List<EventRewriter> rewriters, List<RawEventMapper> mappers, IdentityEvents identity) {
        this.rewriters = List.copyOf(rewriters);
        this.mappers = List.copyOf(mappers);
        this.identity = identity;
    }

    /** An OpenLineage event, or an {@code INVALID_EVENT} error listing each bad field (prefixed by {@code path}). */
    public LineageEvent openLineage(JsonNode node, String path) {
        LineageEvent event = EventParser.parse(node, path);
        for (EventRewriter rewriter : rewriters) {
            event = rewriter.rewrite(event);
        }
        return resolved(event, path, ErrorCode.INVALID_EVENT);
    }

    /**
     * A mapped event (of another format) with its names resolved, or an {@code INVALID_TRINO_EVENT} error when they no
     * longer fit the limits.
     */
    public LineageEvent mapped(LineageEvent event) {
        return resolved(event, "", ErrorCode.INVALID_TRINO_EVENT);
    }

    private LineageEvent resolved(LineageEvent event, String path, ErrorCode invalid) {
        LineageEvent resolved = identity.resolve(event);
        if (resolved != event || !rewriters.isEmpty()) {
            // A rewriter may rename the job (Trino's derived job names) and identity a dataset (a catalog's physical
            // home maps to its Trino name): they must still fit the limits.
            List<FieldError> errors = new ArrayList<>();
            EventLimits.checkEvent(resolved, path, errors);
            if (!errors.isEmpty()) {
                throw new LineageException(invalid, "the event breaks the server's limits", errors);
            }
        }
        return resolved;
    }

    /** A payload of the log, whatever its format. */
    public LineageEvent stored(JsonNode payload) {
        for (RawEventMapper mapper : mappers) {
            Optional<LineageEvent> event = mapper.fromStored(payload);
            if (event.isPresent()) {
                return mapped(event.get());
            }
        }
        return openLineage(payload, "");
    }
}
