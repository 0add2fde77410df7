package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import java.time.OffsetDateTime;

/** A row of {@code column_lineage}: one input field reaching one output field, and when that was seen. */
public record ColumnLineageRow(
        long outputDatasetId,
        String outputField,
        long inputDatasetId,
        String inputField,
        String transformation,
        String subtype,
        @Nullable String description,
        @Nullable Long jobId,
        String source,
        OffsetDateTime firstSeen,
        OffsetDateTime lastSeen) {}
