package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /api/v1/namespaces/{namespace}/datasets}: a page of datasets and how many the namespace has. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DatasetsResponse(List<DatasetResponse> datasets, long totalCount) {}
