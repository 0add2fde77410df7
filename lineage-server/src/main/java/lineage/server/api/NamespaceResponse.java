package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import lineage.server.store.NamespaceRow;

/**
 * Marquez's Namespace. A namespace no one has given an owner ({@code PUT /api/v1/namespaces/{ns}}) is owned by {@code
 * anonymous}, as Marquez writes for the namespaces events create: its clients require an owner (the Java client's
 * NamespaceMeta rejects a null one).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NamespaceResponse(
        String name,
        Instant createdAt,
        Instant updatedAt,
        String ownerName,
        @Nullable String description,
        boolean isHidden) {
    static final String ANONYMOUS = "anonymous";

    static NamespaceResponse of(NamespaceRow row) {
        return new NamespaceResponse(
                row.name(),
                row.createdAt(),
                row.updatedAt(),
                row.ownerName() == null ? ANONYMOUS : row.ownerName(),
                row.description(),
                row.hidden());
    }
}
