package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Marquez's lineage graph, plus {@code truncated}: nodes sorted by id, each edge on both of its ends ({@code outEdges}
 * of the origin, {@code inEdges} of the destination), with where it came from ({@code source}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LineageResponse(List<Node> graph, boolean truncated) {
    /** A dataset ({@code type} {@code DATASET}) or a job ({@code JOB}) and its edges. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Node(String id, String type, Data data, List<Edge> inEdges, List<Edge> outEdges) {}

    /** A node's details: a {@link DatasetData} or a {@link JobData}. */
    @Schema(oneOf = {DatasetData.class, JobData.class})
    public sealed interface Data permits DatasetData, JobData {}

    /** A dataset's details; its times are {@code null} when the store no longer has it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DatasetData(
            IdResponse id,
            String type,
            String name,
            String physicalName,
            @Nullable Instant createdAt,
            @Nullable Instant updatedAt,
            String namespace,
            @Nullable String sourceName,
            List<Field> fields,
            List<String> tags,
            @Nullable Instant lastModifiedAt,
            @Nullable String description,
            @Nullable String lastLifecycleState,
            String domain)
            implements Data {}

    /** A field of a dataset's current schema (without its tags or description, as Marquez's lineage). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Field(String name, @Nullable String type, @Nullable String description, List<String> tags) {}

    /**
     * A job's details; {@code inputs} and {@code outputs} are the datasets of its edges in this graph, {@code
     * latestRun} the run it last heard of (Marquez's Run), {@code currentRunUuid} that run's id.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record JobData(
            IdResponse id,
            String type,
            String name,
            String simpleName,
            @Nullable String parentJobName,
            @Nullable UUID parentJobUuid,
            @Nullable UUID currentRunUuid,
            @Nullable Instant createdAt,
            @Nullable Instant updatedAt,
            String namespace,
            List<IdResponse> inputs,
            List<IdResponse> outputs,
            @Nullable String location,
            @Nullable String description,
            @Nullable RunResponse latestRun)
            implements Data {}

    /** An edge; {@code source} is {@code openlineage}, {@code sql} or {@code trino}, {@code null} when unknown. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Edge(String origin, String destination, @Nullable String source) {}
}
