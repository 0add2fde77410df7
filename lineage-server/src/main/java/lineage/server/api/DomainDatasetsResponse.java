package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import lineage.server.model.NodeId;

/** {@code GET /api/v1/domains/{domain}/datasets}: the domain, a page of its visible datasets and how many it has. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DomainDatasetsResponse(DomainResponse domain, List<Dataset> datasets, long totalCount) {
    /** A dataset of the domain: its node id (for the lineage endpoints), namespace and name. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Dataset(String nodeId, String namespace, String name) {
        static Dataset of(NodeId dataset) {
            return new Dataset(dataset.value(), dataset.namespace(), dataset.name());
        }
    }
}
