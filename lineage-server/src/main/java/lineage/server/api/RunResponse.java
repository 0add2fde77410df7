package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.store.JobRunRow;
import lineage.server.store.NodeDetailsReader;

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
        List<RunDatasetVersionResponse> inputDatasetVersions,
        List<RunDatasetVersionResponse> outputDatasetVersions,
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
                durationMs(row.startedAt(), row.endedAt()),
                Map.of(),
                row.jobVersion() == null
                        ? null
                        : new VersionIdResponse(row.jobNamespace(), row.jobName(), row.jobVersion()),
                List.of(),
                List.of(),
                Map.of(),
                StoredJson.object(row.facets()));
    }

    /** A job's latest run, as a lineage answer reads it with the job ({@code namespace} and {@code name}). */
    static RunResponse of(NodeDetailsReader.RunDetails run, String namespace, String name) {
        Instant startedAt = instant(run.startedAt());
        Instant endedAt = instant(run.endedAt());
        return new RunResponse(
                run.id(),
                instant(run.createdAt()),
                instant(run.updatedAt()),
                instant(run.nominalStart()),
                instant(run.nominalEnd()),
                run.state(),
                startedAt,
                endedAt,
                durationMs(startedAt, endedAt),
                Map.of(),
                run.jobVersion() == null ? null : new VersionIdResponse(namespace, name, run.jobVersion()),
                List.of(),
                List.of(),
                Map.of(),
                StoredJson.object(run.facets()));
    }

    private static @Nullable Long durationMs(@Nullable Instant startedAt, @Nullable Instant endedAt) {
        return startedAt == null || endedAt == null
                ? null
                : Duration.between(startedAt, endedAt).toMillis();
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
