package lineage.server.store;

import java.time.OffsetDateTime;

/** A data source a write names: its name and URI ({@code ''} when none), first and last seen at these event times. */
public record SourceWriteRow(String name, String connectionUrl, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
