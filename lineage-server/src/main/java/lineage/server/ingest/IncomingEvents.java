package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lineage.server.config.ValidationConfig;
import lineage.server.config.ValidationConfig.FacetValidation;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;

/**
 * How a payload becomes the event that is projected, the same when it arrives and when the log is reprocessed: an
 * OpenLineage event is parsed and passed through the {@link EventRewriter}s; a payload of another format goes through
 * the {@link RawEventMapper} that knows it. Either way, its names then get their canonical identity ({@link
 * IdentityEvents}), last.
 *
 * <p>An event arriving ({@link #received}) also has its standard facets checked against the spec's schemas ({@link
 * FacetSchemas}), as {@code lineage.validation.facets} says; an event of the log is projected as it was stored.
 */
@Singleton
public class IncomingEvents {
    private final List<EventRewriter> rewriters;
    private final List<RawEventMapper> mappers;
    private final IdentityEvents identity;
    private final FacetSchemas facetSchemas;
    private final FacetValidation facetValidation;

    public IncomingEvents(
            List<EventRewriter> rewriters,
            List<RawEventMapper> mappers,
            IdentityEvents identity,
            FacetSchemas facetSchemas,
            ValidationConfig validation) {
        this.rewriters = List.copyOf(rewriters);
        this.mappers = List.copyOf(mappers);
        this.identity = identity;
        this.facetSchemas = facetSchemas;
        this.facetValidation = validation.facetValidation();
    }

    /** An arriving OpenLineage event, and the facets left out of it; how it is stored is {@code event().payload()}. */
    public record Received(LineageEvent event, DroppedFacets dropped) {}

    /**
     * An arriving OpenLineage event, its standard facets checked: with {@code reject}, a bad facet's errors are listed
     * with the envelope's in one {@code INVALID_EVENT} error; with {@code drop}, bad facets are left out of the event
     * (and of what is stored) and named in the answer; with {@code off}, facets are not checked.
     */
    public Received received(JsonNode node, String path) {
        if (facetValidation == FacetValidation.OFF || !node.isObject()) {
            return new Received(openLineage(node, path), DroppedFacets.NONE);
        }
        List<FacetSchemas.BadFacet> bad = facetSchemas.check(node, path);
        if (bad.isEmpty()) {
            return new Received(openLineage(node, path), DroppedFacets.NONE);
        }
        List<FieldError> errors = new ArrayList<>();
        bad.forEach(facet -> errors.addAll(facet.errors()));
        if (facetValidation == FacetValidation.REJECT) {
            // Throws INVALID_EVENT, since errors is not empty: the envelope's errors and then the facets'.
            return new Received(rewritten(EventParser.parse(node, path, errors), path), DroppedFacets.NONE);
        }
        JsonNode kept = node.deepCopy();
        bad.forEach(facet -> ((ObjectNode) kept.at(facet.container())).remove(facet.key()));
        LineageEvent event = openLineage(kept, path);
        return new Received(
                event,
                new DroppedFacets(bad.stream().map(FacetSchemas.BadFacet::field).toList(), errors));
    }

    /** An OpenLineage event, or an {@code INVALID_EVENT} error listing each bad field (prefixed by {@code path}). */
    public LineageEvent openLineage(JsonNode node, String path) {
        return rewritten(EventParser.parse(node, path, List.of()), path);
    }

    private LineageEvent rewritten(LineageEvent parsed, String path) {
        LineageEvent event = parsed;
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
