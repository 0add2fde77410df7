package lineage.server.ingest;

import java.util.List;
import lineage.server.error.FieldError;

/**
 * The standard facets left out of a stored event because they broke the spec's schema ({@code
 * lineage.validation.facets: drop}): each facet's path ({@code run.facets.parent}) and every error found in them.
 * Empty when nothing was dropped.
 */
public record DroppedFacets(List<String> facets, List<FieldError> errors) {
    public static final DroppedFacets NONE = new DroppedFacets(List.of(), List.of());

    public DroppedFacets {
        facets = List.copyOf(facets);
        errors = List.copyOf(errors);
    }

    public boolean isEmpty() {
        return facets.isEmpty();
    }
}
