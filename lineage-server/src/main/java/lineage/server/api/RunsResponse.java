package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /api/v1/namespaces/{namespace}/jobs/{job}/runs}: a page of runs and how many the job has. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunsResponse(List<RunResponse> runs, long totalCount) {}
