package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import lineage.server.store.NamespaceRow;

/** Marquez's Namespace. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NamespaceResponse(
        String name,
        Instant createdAt,
        Instant updatedAt,
        @Nullable String ownerName,
        @Nullable String description,
        boolean isHidden) {
    static NamespaceResponse of(NamespaceRow row) {
        return new NamespaceResponse(
                row.name(), row.createdAt(), row.updatedAt(), row.ownerName(), row.description(), row.hidden());
    }
}
