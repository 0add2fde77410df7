package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A row of {@code lineage_events}. */
public record EventRow(
        String hash,
        String kind,
        @Nullable String eventType,
        OffsetDateTime eventTime,
        @Nullable UUID runId,
        @Nullable String jobNamespace,
        @Nullable String jobName,
        String producer,
        String payload) {}
