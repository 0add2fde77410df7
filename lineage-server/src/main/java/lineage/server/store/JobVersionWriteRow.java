package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import java.time.OffsetDateTime;

/** A version of a job (its inputs, outputs and SQL) that becomes its current version. */
public record JobVersionWriteRow(
        long jobId, String versionHash, String inputs, String outputs, @Nullable String sql, OffsetDateTime time) {}
