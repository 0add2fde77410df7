package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code job_versions}: a job's inputs and outputs (JSON arrays of {@code {namespace, name}}, as text) and SQL,
 * first seen at {@code createdAt}.
 */
@MappedEntity("job_versions")
public record JobVersionRow(
        @Id UUID id,
        long jobId,
        String versionHash,
        @TypeDef(type = DataType.STRING) String inputs,
        @TypeDef(type = DataType.STRING) String outputs,
        @Nullable String sql,
        Instant createdAt) {}
