package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import lineage.server.store.TagRow;

/** Marquez's Tag. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TagResponse(String name, @Nullable String description) {
    static TagResponse of(TagRow row) {
        return new TagResponse(row.name(), row.description());
    }
}
