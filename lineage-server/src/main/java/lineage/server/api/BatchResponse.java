package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import lineage.server.error.FieldError;

/**
 * The answer to a batch: how many events were accepted (duplicates included), why the others were not, and which
 * accepted ones were stored without some of their facets ({@code lineage.validation.facets: drop}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BatchResponse(int accepted, List<Rejected> rejected, List<Dropped> dropped) {
    @Serdeable
    public record Rejected(int index, List<FieldError> errors) {}

    @Serdeable
    public record Dropped(int index, List<String> droppedFacets, List<FieldError> errors) {}
}
