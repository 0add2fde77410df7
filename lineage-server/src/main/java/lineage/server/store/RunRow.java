package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code runs}; {@code state} uses Marquez's names (RUNNING, COMPLETED, FAILED, ABORTED, OTHER). */
public record RunRow(
        UUID id,
        long jobId,
        String state,
        @Nullable OffsetDateTime startedAt,
        @Nullable OffsetDateTime endedAt,
        @Nullable OffsetDateTime nominalStart,
        @Nullable OffsetDateTime nominalEnd,
        @Nullable UUID parentRunId,
        @Nullable String errorMessage,
        String facets,
        OffsetDateTime lastEventTime) {}
