package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import lineage.server.error.FieldError;

/** The answer to a batch: how many events were accepted (duplicates included) and why the others were not. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record BatchResponse(int accepted, List<Rejected> rejected) {
    @Serdeable
    public record Rejected(int index, List<FieldError> errors) {}
}
