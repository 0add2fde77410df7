package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.store.JobRow;
import lineage.server.store.JobRunRow;
import lineage.server.store.JobVersionRow;

/**
 * Marquez's JobVersion: a job's inputs and outputs as one of its events gave them (a version per distinct inputs,
 * outputs and SQL, created when first seen). No run records its job version, so only the job's current version has a
 * {@code latestRun} (the job's latest run) and {@code facets} (the job's); older versions have {@code null} and {@code
 * {}}. {@code location} is not kept.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobVersionResponse(
        VersionIdResponse id,
        String name,
        Instant createdAt,
        UUID version,
        String namespace,
        @Nullable String location,
        List<IdResponse> inputs,
        List<IdResponse> outputs,
        @Nullable RunResponse latestRun,
        JsonNode facets) {
    /** The version of {@code job}; {@code runs} holds the run the job last heard of, by id, if the store has it. */
    static JobVersionResponse of(JobRow job, JobVersionRow row, Map<UUID, JobRunRow> runs) {
        boolean current = row.id().equals(job.currentVersion());
        JobRunRow latestRun = current && job.latestRunId() != null ? runs.get(job.latestRunId()) : null;
        return new JobVersionResponse(
                new VersionIdResponse(job.namespace(), job.name(), row.id()),
                job.name(),
                row.createdAt(),
                row.id(),
                job.namespace(),
                null,
                datasetIds(row.inputs()),
                datasetIds(row.outputs()),
                latestRun == null ? null : RunResponse.of(latestRun),
                current ? StoredJson.object(job.facets()) : JsonNodeFactory.instance.objectNode());
    }

    /** The stored {@code [{namespace, name}]}, in its (sorted) order. */
    private static List<IdResponse> datasetIds(String stored) {
        List<IdResponse> ids = new ArrayList<>();
        for (JsonNode dataset : StoredJson.read(stored)) {
            ids.add(new IdResponse(
                    dataset.path("namespace").asText(), dataset.path("name").asText()));
        }
        return ids;
    }
}
