package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /api/v1/namespaces/{namespace}/datasets/{dataset}/versions}: a page of versions and how many there are. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DatasetVersionsResponse(List<DatasetVersionResponse> versions, long totalCount) {}
