package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import lineage.server.domain.DomainRollup;
import lineage.server.model.NodeId;

/** {@code GET /api/v1/domains/graph}: every domain, and which feeds which. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DomainGraphResponse(List<DomainResponse> domains, List<Flow> edges) {
    /** Data flowing from one domain to another (or within one): how many paths, and the first as an example. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Flow(String from, String to, long edges, List<String> examplePath) {
        static Flow of(DomainRollup.DomainFlow flow) {
            return new Flow(
                    flow.from(),
                    flow.to(),
                    flow.edges(),
                    flow.examplePath().stream().map(NodeId::value).toList());
        }
    }
}
