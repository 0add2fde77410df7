package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/impact}: the question as understood, what is impacted, and a summary. The answer has this shape
 * but is streamed by {@link ImpactController#writeImpact} as it is built, without this record: with paths, 10,000
 * nodes make about 9.5 MB (see {@link JsonBody}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ImpactResponse(
        String nodeId,
        @Nullable String column,
        int depth,
        boolean includeIndirect,
        @Nullable Instant asOf,
        boolean includeStale,
        List<String> domains,
        boolean truncated,
        List<Impacted> impacted,
        Summary summary) {
    /**
     * An impacted dataset, job or field ({@code type} {@code DATASET}, {@code JOB}, {@code DATASET_FIELD}), the edge
     * that reaches it, the node it was reached from ({@code via}) and, unless {@code paths=false}, its whole path.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Impacted(
            String id,
            String type,
            String namespace,
            String name,
            @Nullable String field,
            int distance,
            String domain,
            @Nullable String owner,
            @Nullable String contact,
            @Nullable String source,
            @Nullable Instant lastSeen,
            boolean stale,
            @Nullable String via,
            @Schema(requiredMode = Schema.RequiredMode.NOT_REQUIRED)
                    @JsonInclude(JsonInclude.Include.NON_NULL)
                    @Nullable
                    List<String> path) {}

    /** How many datasets, jobs and fields are impacted, and the datasets by domain. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(int datasets, int jobs, int fields, Map<String, Integer> datasetsByDomain) {}
}
