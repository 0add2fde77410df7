package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A schema a dataset was seen with: a dataset version when new. The dataset's fields become the {@code current} one.
 */
public record SchemaWriteRow(
        long datasetId, String fieldsHash, String fields, @Nullable UUID runId, OffsetDateTime time, boolean current) {}
