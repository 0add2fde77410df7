package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.store.DatasetRow;
import lineage.server.store.DatasetVersionRow;
import lineage.server.store.JobRunRow;

/**
 * Marquez's DatasetVersion: a schema of a dataset, with the run that first wrote it. Facets are kept per dataset, not
 * per version, so {@code facets} is empty; fields carry no tags. {@code columnLineage} (which Marquez's DatasetVersion
 * lacks) is the dataset's column lineage as it stood while the version was current, {@code null} when none. Schema
 * versions are not kept apart from dataset versions, so {@code currentSchemaVersion} is {@code null}.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DatasetVersionResponse(
        VersionIdResponse id,
        String type,
        String name,
        String physicalName,
        Instant createdAt,
        UUID version,
        String namespace,
        String sourceName,
        List<FieldResponse> fields,
        List<String> tags,
        @Nullable String lifecycleState,
        @Nullable String description,
        @Nullable UUID currentSchemaVersion,
        @Nullable RunResponse createdByRun,
        Map<String, JsonNode> facets,
        @Nullable List<DatasetColumnLineageResponse> columnLineage) {
    /** The version of {@code dataset}; {@code runs} holds the run that wrote it, by id, if the store still has it. */
    static DatasetVersionResponse of(
            DatasetRow dataset,
            DatasetVersionRow row,
            Map<UUID, JobRunRow> runs,
            @Nullable List<DatasetColumnLineageResponse> columnLineage) {
        JobRunRow run = row.runId() == null ? null : runs.get(row.runId());
        return new DatasetVersionResponse(
                new VersionIdResponse(dataset.namespace(), dataset.name(), row.id()),
                DatasetResponse.TYPE,
                dataset.name(),
                dataset.name(),
                row.createdAt(),
                row.id(),
                dataset.namespace(),
                DatasetResponse.sourceName(dataset, StoredJson.object(dataset.facets())),
                FieldResponse.of(row.fields(), Map.of()),
                List.of(),
                null,
                null,
                null,
                run == null ? null : RunResponse.of(run),
                Map.of(),
                columnLineage);
    }
}
