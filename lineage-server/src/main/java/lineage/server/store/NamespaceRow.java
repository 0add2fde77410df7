package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.time.Instant;

/** A row of {@code namespaces}. */
@MappedEntity("namespaces")
public record NamespaceRow(
        @Id String name,
        @Nullable String ownerName,
        @Nullable String description,
        Instant createdAt,
        Instant updatedAt,
        @MappedProperty("is_hidden") boolean hidden) {}
