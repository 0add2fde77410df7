package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code dataset_versions}: a schema of a dataset, with the run that first wrote it. */
@MappedEntity("dataset_versions")
public record DatasetVersionRow(
        @Id UUID id,
        long datasetId,
        String fieldsHash,
        @TypeDef(type = DataType.STRING) String fields,
        @Nullable UUID runId,
        Instant createdAt) {}
