package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /api/v1/namespaces/{namespace}/jobs/{job}/versions}: a page of versions (Marquez gives no count). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record JobVersionsResponse(List<JobVersionResponse> versions) {}
