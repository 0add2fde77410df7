package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import lineage.server.error.FieldError;
import lineage.server.ingest.DroppedFacets;

/**
 * The answer to one event whose bad facets were left out ({@code lineage.validation.facets: drop}): the facets' paths
 * and every error found in them. An event with nothing left out is answered with an empty body.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DroppedFacetsResponse(List<String> droppedFacets, List<FieldError> errors) {
    static DroppedFacetsResponse of(DroppedFacets dropped) {
        return new DroppedFacetsResponse(dropped.facets(), dropped.errors());
    }
}
