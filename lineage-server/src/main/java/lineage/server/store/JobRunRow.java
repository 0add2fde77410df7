package lineage.server.store;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code runs} with its job's namespace and name; {@code state} uses Marquez's names, {@code facets} is a
 * JSON object as text.
 */
@Introspected
public record JobRunRow(
        UUID id,
        long jobId,
        String jobNamespace,
        String jobName,
        String state,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable Instant nominalStart,
        @Nullable Instant nominalEnd,
        @Nullable UUID jobVersion,
        String facets,
        Instant createdAt,
        Instant updatedAt) {}
