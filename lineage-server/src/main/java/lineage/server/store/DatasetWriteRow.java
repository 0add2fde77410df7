package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import java.time.OffsetDateTime;

/**
 * A dataset to create or update: its facets are merged into the stored ones (a newer facet of a name wins). {@code
 * fields} is the schema it was last seen with, when an event gave one.
 */
public record DatasetWriteRow(
        String namespace,
        String name,
        String facets,
        @Nullable String fields,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
