package lineage.server.store;

import java.time.OffsetDateTime;

/** A job to create or update: its facets are merged into the stored ones (a newer facet of a name wins). */
public record JobWriteRow(
        String namespace,
        String name,
        String type,
        String facets,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {}
