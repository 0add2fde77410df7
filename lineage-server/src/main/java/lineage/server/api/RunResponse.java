package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.store.JobRunRow;

/**
 * Marquez's Run. The store keeps no run arguments, context or dataset versions per run: {@code args} and {@code
 * context} are empty objects, the dataset version lists empty.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunResponse(
        UUID id,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant nominalStartTime,
        @Nullable Instant nominalEndTime,
        String state,
        @Nullable Instant startedAt,
        @Nullable Instant endedAt,
        @Nullable Long durationMs,
        Map<String, String> args,
        @Nullable VersionIdResponse jobVersion,
        List<JsonNode> inputDatasetVersions,
        List<JsonNode> outputDatasetVersions,
        Map<String, String> context,
        JsonNode facets) {
    static RunResponse of(JobRunRow row) {
        return new RunResponse(
                row.id(),
                row.createdAt(),
                row.updatedAt(),
                row.nominalStart(),
                row.nominalEnd(),
                row.state(),
                row.startedAt(),
                row.endedAt(),
                row.startedAt() == null || row.endedAt() == null
                        ? null
                        : Duration.between(row.startedAt(), row.endedAt()).toMillis(),
                Map.of(),
                row.jobVersion() == null
                        ? null
                        : new VersionIdResponse(row.jobNamespace(), row.jobName(), row.jobVersion()),
                List.of(),
                List.of(),
                Map.of(),
                StoredJson.object(row.facets()));
    }
}
