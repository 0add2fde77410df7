package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.store.JobEdgeRow;
import lineage.server.store.JobRow;
import lineage.server.store.JobRunRow;

/**
 * Marquez's Job. Names are not split into parent and child, so {@code simpleName} is the name and the parent fields are
 * {@code null}; {@code inputs} and {@code outputs} are the job's current edges.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobResponse(
        IdResponse id,
        String type,
        String name,
        String simpleName,
        @Nullable String parentJobName,
        @Nullable UUID parentJobUuid,
        Instant createdAt,
        Instant updatedAt,
        String namespace,
        List<IdResponse> inputs,
        List<IdResponse> outputs,
        @Nullable String location,
        @Nullable String description,
        @Nullable RunResponse latestRun,
        List<RunResponse> latestRuns,
        JsonNode facets,
        @Nullable UUID currentVersion,
        List<String> labels,
        List<String> tags) {
    /**
     * The job with its current edges (each direction sorted by namespace and name), its latest runs, newest first, and
     * its tags; {@code runs} holds the run it last heard of, by id, if the store still has it.
     */
    static JobResponse of(
            JobRow row,
            List<JobEdgeRow> edges,
            Map<UUID, JobRunRow> runs,
            List<JobRunRow> latestRuns,
            List<String> tags) {
        JobRunRow latestRun = row.latestRunId() == null ? null : runs.get(row.latestRunId());
        return new JobResponse(
                new IdResponse(row.namespace(), row.name()),
                row.type(),
                row.name(),
                row.name(),
                null,
                null,
                row.createdAt(),
                row.updatedAt(),
                row.namespace(),
                datasetIds(edges, "INPUT"),
                datasetIds(edges, "OUTPUT"),
                null,
                null,
                latestRun == null ? null : RunResponse.of(latestRun),
                latestRuns.stream().map(RunResponse::of).toList(),
                StoredJson.object(row.facets()),
                row.currentVersion(),
                List.of(),
                tags);
    }

    private static List<IdResponse> datasetIds(List<JobEdgeRow> edges, String direction) {
        return edges.stream()
                .filter(edge -> edge.direction().equals(direction))
                .map(edge -> new IdResponse(edge.namespace(), edge.name()))
                .toList();
    }
}
