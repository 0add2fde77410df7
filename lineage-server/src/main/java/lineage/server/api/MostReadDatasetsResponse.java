package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /api/v1/datasets/most-read}: the datasets read by the most jobs, most first. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MostReadDatasetsResponse(List<Dataset> datasets) {
    /** A dataset, its domain and how many visible jobs read it now (its current input edges). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Dataset(String nodeId, String namespace, String name, String domain, long readers) {}
}
