package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A job to create or update: its facets are merged into the stored ones (a newer facet of a name wins); its latest run
 * replaces the stored one when there is one.
 */
public record JobWriteRow(
        String namespace,
        String name,
        String type,
        String facets,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        @Nullable UUID latestRunId) {}
