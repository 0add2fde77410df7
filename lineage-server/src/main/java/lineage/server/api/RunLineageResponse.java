package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /api/v1/runlineage/upstream}, Marquez's UpstreamRunLineage: the run and, level by level, the runs that
 * produced what it read, each with its job, its own summary and its inputs.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunLineageResponse(List<UpstreamRun> runs) {
    /** A run with its job and the dataset versions it read. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UpstreamRun(JobSummary job, RunSummary run, List<DatasetSummary> inputs) {}

    /** The run's job and the job version it ran ({@code null} when the store cannot tell). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record JobSummary(String namespace, String name, @Nullable UUID version) {}

    /** {@code status} is the run's state. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RunSummary(UUID id, @Nullable Instant start, @Nullable Instant end, String status) {}

    /** A dataset the run read, its version then and the run that produced it ({@code null} when none is known). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DatasetSummary(
            String namespace, String name, @Nullable UUID version, @Nullable UUID producedByRunId) {}
}
